import { cleanup } from '@testing-library/svelte';
import { afterEach } from 'vitest';

// jsdom has no layout, so no ResizeObserver (Svelte's bind:clientWidth uses it); sizes stay 0 here, and the
// browser e2e suite covers real layout.
class NoLayoutResizeObserver {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
}
globalThis.ResizeObserver ??= NoLayoutResizeObserver as unknown as typeof ResizeObserver;

// Unmount what each test rendered, so the next one starts from an empty page.
afterEach(() => cleanup());

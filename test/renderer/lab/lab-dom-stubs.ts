import { vi } from 'vitest';

/**
 * What the Lab's components need from a browser that jsdom lacks: matchMedia (the theme), and a canvas that
 * says "no 2-D context" quietly instead of logging jsdom's not-implemented error. Drawing itself is tested on
 * lab-painter.ts with a recording context; the browser benchmark and screenshots cover the real canvas.
 */
export function stubBrowserGaps(): void {
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null);
  window.matchMedia ??= ((query: string) => ({
    matches: false,
    media: query,
    onchange: null,
    addEventListener: () => {},
    removeEventListener: () => {},
    addListener: () => {},
    removeListener: () => {},
    dispatchEvent: () => false,
  })) as typeof window.matchMedia;
}

/** A manual clock: frames then take no time, so a frame's budget never cuts training short in a test. */
export function manualClock(start = 0) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

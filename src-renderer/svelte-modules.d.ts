// Lets TypeScript type dynamic imports of components (svelte-check types static ones itself).
declare module '*.svelte' {
  import type { Component } from 'svelte';
  const component: Component<Record<string, never>>;
  export default component;
}

import { getContext, setContext } from 'svelte';
import type { ImportFlow } from './import-flow.svelte';
import type { Router } from './router.svelte';
import type { StudioState } from './studio-state.svelte';

/** The app-wide state and router, handed to every view through Svelte context instead of props at each level. */
export interface AppContext {
  studio: StudioState;
  router: Router;
  importFlow: ImportFlow;
}

const KEY = Symbol('gan-studio');

export function provideApp(context: AppContext): void {
  setContext(KEY, context);
}

export function useApp(): AppContext {
  const context = getContext<AppContext | undefined>(KEY);
  if (!context) throw new Error('useApp() outside the app: wrap the component in provideApp()');
  return context;
}

/** The context as a Map, for mounting a single component (tests, or embedding a view elsewhere). */
export function appContextMap(context: AppContext): Map<symbol, AppContext> {
  return new Map([[KEY, context]]);
}

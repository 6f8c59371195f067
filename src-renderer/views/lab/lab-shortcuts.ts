import type { LabState } from './lab-state.svelte';

/** Where the keyboard belongs to a control, a letter or Space means what the control says, not a shortcut. */
const CONTROLS = 'button, input, select, textarea, summary, a, [contenteditable]';

/** Space plays or pauses, S steps both networks, R resets. Returns whether the key was one of them. */
export function handleLabShortcut(event: KeyboardEvent, lab: LabState): boolean {
  if (event.ctrlKey || event.metaKey || event.altKey || event.repeat) return false;
  if (event.target instanceof Element && event.target.closest(CONTROLS)) return false;
  const actions: Record<string, () => void> = {
    ' ': () => lab.toggle(),
    s: () => lab.stepBoth(),
    r: () => void lab.reset(),
  };
  const action = actions[event.key.toLowerCase()];
  action?.();
  return action !== undefined;
}

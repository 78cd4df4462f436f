import type { KeyAction, KeyResolver } from './keymap';

/** Form controls keep their own keys (arrows in a select, typing in a field). */
function isEditable(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'SELECT', 'TEXTAREA', 'BUTTON'].includes(target.tagName);
}

/**
 * Listens for the reading room's keys on the document, for presses while the focus is in the room
 * or nowhere in particular (the page body), so a host's own panels keep their keys. `resolve` maps a
 * press to an action under the user's keys; `run` returns
 * whether it acted; only then is the browser's default (page scroll on arrows and space)
 * suppressed. Returns the detach function.
 */
export function attachKeyboard(room: HTMLElement, resolve: KeyResolver, run: (action: KeyAction) => boolean): () => void {
  const onKeyDown = (event: KeyboardEvent) => {
    const target = event.target;
    if (target instanceof Node && target !== document.body && target !== document.documentElement && !room.contains(target)) return;
    // Not checking defaultPrevented: Cornerstone's tools call preventDefault on every key pressed
    // over a viewport (to track modifier keys), which would silence the room exactly where it is used.
    if (isEditable(event.target)) return;
    const action = resolve(event);
    if (action && run(action)) event.preventDefault();
  };
  document.addEventListener('keydown', onKeyDown);
  return () => document.removeEventListener('keydown', onKeyDown);
}

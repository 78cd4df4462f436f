import { el } from './dom';
import { KEY_BINDINGS, RESERVED_KEYS, bindingsWith, chordLabel, keyConflicts, type KeyAction, type KeyOverrides } from './keymap';

export interface KeyPreferencesDialog {
  root: HTMLElement;
  readonly open: boolean;
  show(current: KeyOverrides): void;
  hide(): void;
}

/**
 * Preferences for the keys (UX.md §1, OHIF PR #1895): every action with its key; click a key, press
 * the new one (Esc leaves it as it was); a key given to two actions is shown on both rows and Save
 * waits until it is resolved; "Restore defaults", "Cancel", "Save". Saving is the host's (storage).
 */
export function buildKeyPreferencesDialog(onSave: (overrides: KeyOverrides) => string | null, onClose: () => void): KeyPreferencesDialog {
  let draft: KeyOverrides = {};
  let capturing: KeyAction | null = null;
  const tbody = el('tbody');
  const message = el('p', { class: 'hcc-prefs-message', role: 'status' });
  const save = el('button', { class: 'button primary', type: 'button', 'data-action': 'save-keys' }, 'Save');
  const cancel = el('button', { class: 'button', type: 'button', 'data-action': 'cancel-keys' }, 'Cancel');
  const restore = el('button', { class: 'button', type: 'button', 'data-action': 'restore-keys' }, 'Restore defaults');
  const root = el(
    'div',
    { class: 'hcc-sheet hcc-prefs', role: 'dialog', 'aria-label': 'Keyboard preferences', hidden: '' },
    el(
      'div',
      { class: 'hcc-sheet-body' },
      el('h2', {}, 'Keyboard preferences'),
      el('table', {}, el('thead', {}, el('tr', {}, el('th', {}, 'Action'), el('th', {}, 'Key'))), tbody),
      message,
      el('div', { class: 'hcc-sheet-buttons' }, restore, cancel, save),
    ),
  );

  const render = (): void => {
    const bindings = bindingsWith(draft);
    const conflicts = keyConflicts(bindings);
    const conflicting = new Map<KeyAction, KeyAction[]>();
    for (const c of conflicts) for (const a of c.actions) conflicting.set(a, c.actions.filter((x) => x !== a));
    const description = new Map(KEY_BINDINGS.map((b) => [b.action, b.description]));
    tbody.replaceChildren(
      ...bindings.map((b) => {
        const key = el('button', { class: 'hcc-key', type: 'button', 'data-key-action': b.action }, capturing === b.action ? 'Press a key…' : b.label);
        key.addEventListener('click', () => {
          capturing = b.action;
          render();
          (tbody.querySelector(`[data-key-action="${b.action}"]`) as HTMLElement | null)?.focus();
        });
        const others = conflicting.get(b.action);
        const note = others ? el('span', { class: 'hcc-conflict-note' }, ` also: ${others.map((a) => description.get(a)).join(', ')}`) : '';
        return el('tr', { class: others ? 'conflict' : '' }, el('td', {}, b.description), el('td', {}, key, note));
      }),
    );
    save.toggleAttribute('disabled', conflicts.length > 0);
    message.textContent = conflicts.length > 0 ? `${conflicts.map((c) => chordLabel(c.chord)).join(', ')}: one key for two actions; change one of them to save.` : '';
  };

  // Captured here, before the reading room's own key handler (on the document) could act on it.
  root.addEventListener('keydown', (event) => {
    event.stopPropagation();
    if (capturing === null) {
      if (event.key === 'Escape') close();
      return;
    }
    event.preventDefault();
    if (event.key !== 'Escape') {
      if (RESERVED_KEYS.has(event.key) || event.altKey) return; // a modifier alone: wait for the key
      draft = { ...draft, [capturing]: { key: event.key, ctrl: event.ctrlKey || event.metaKey } };
    }
    capturing = null;
    render();
  });
  restore.addEventListener('click', () => {
    draft = {};
    capturing = null;
    render();
  });
  cancel.addEventListener('click', () => close());
  save.addEventListener('click', () => {
    const problem = onSave(draft);
    if (problem === null) close();
    else message.textContent = problem;
  });

  const close = (): void => {
    capturing = null;
    // Keys go back to the images: a focused button would keep them (the room ignores keys on controls).
    if (root.contains(document.activeElement)) (document.activeElement as HTMLElement).blur();
    root.hidden = true;
    onClose();
  };

  return {
    root,
    get open() {
      return !root.hidden;
    },
    show(current) {
      draft = { ...current };
      capturing = null;
      render();
      root.hidden = false;
      save.focus();
    },
    hide: close,
  };
}

import { el } from './dom';
import { MOUSE_BINDINGS, type KeyBinding } from './keymap';

export interface CheatSheet {
  root: HTMLElement;
  /** Shows these bindings (the user's keys, after an edit in the preferences). */
  render(bindings: readonly KeyBinding[]): void;
}

/** The `?` sheet: generated from the same table the key handler uses. Dark, no flash (UX.md §6). */
export function buildCheatSheet(onClose: () => void, onEditKeys: () => void): CheatSheet {
  const cols = el('div', { class: 'hcc-sheet-cols' });
  const close = el('button', { class: 'button', type: 'button' }, 'Close (Esc)');
  close.addEventListener('click', onClose);
  const edit = el('button', { class: 'button', type: 'button', 'data-action': 'edit-keys' }, 'Edit keys…');
  edit.addEventListener('click', onEditKeys);
  const root = el(
    'div',
    { class: 'hcc-sheet', role: 'dialog', 'aria-label': 'Keyboard and mouse', hidden: '' },
    el('div', { class: 'hcc-sheet-body' }, el('h2', {}, 'Keyboard and mouse'), cols, el('div', { class: 'hcc-sheet-buttons' }, edit, close)),
  );
  root.addEventListener('click', (e) => {
    if (e.target === root) onClose();
  });
  const section = (title: string, body: HTMLElement) => el('section', {}, el('h3', {}, title), el('table', {}, body));
  const row = (label: string, description: string) => el('tr', {}, el('td', {}, el('kbd', {}, label)), el('td', {}, description));
  return {
    root,
    render(bindings) {
      const groups = new Map<string, HTMLElement>();
      for (const b of bindings) {
        let body = groups.get(b.group);
        if (!body) groups.set(b.group, (body = el('tbody')));
        body.append(row(b.label, b.description));
      }
      const mouse = el('tbody', {}, ...MOUSE_BINDINGS.map((m) => row(m.label, m.description)));
      cols.replaceChildren(...[...groups].map(([g, body]) => section(g, body)), section('Mouse', mouse));
    },
  };
}

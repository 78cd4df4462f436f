import { el } from './dom';
import { KEY_BINDINGS, MOUSE_BINDINGS } from './keymap';

/** The `?` sheet: generated from the same table the key handler uses. Dark, no flash (UX.md §6). */
export function buildCheatSheet(onClose: () => void): HTMLElement {
  const groups = new Map<string, HTMLElement>();
  for (const b of KEY_BINDINGS) {
    let body = groups.get(b.group);
    if (!body) {
      body = el('tbody');
      groups.set(b.group, body);
    }
    body.append(el('tr', {}, el('td', {}, el('kbd', {}, b.label)), el('td', {}, b.description)));
  }
  const mouse = el('tbody', {}, ...MOUSE_BINDINGS.map((m) => el('tr', {}, el('td', {}, el('kbd', {}, m.label)), el('td', {}, m.description))));
  const section = (title: string, body: HTMLElement) => el('section', {}, el('h3', {}, title), el('table', {}, body));
  const close = el('button', { class: 'button', type: 'button' }, 'Close (Esc)');
  close.addEventListener('click', onClose);
  const sheet = el(
    'div',
    { class: 'hcc-sheet', role: 'dialog', 'aria-label': 'Keyboard and mouse', hidden: '' },
    el('div', { class: 'hcc-sheet-body' }, el('h2', {}, 'Keyboard and mouse'), el('div', { class: 'hcc-sheet-cols' }, ...[...groups].map(([g, body]) => section(g, body)), section('Mouse', mouse)), close),
  );
  sheet.addEventListener('click', (e) => {
    if (e.target === sheet) onClose();
  });
  return sheet;
}

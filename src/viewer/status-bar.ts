import { el } from './dom';
import type { HangingRow } from './hanging';
import type { SliceSync } from './slice-sync';

/** Bottom line of the room: what is linked, and how to link the time points when they are not. */
export interface StatusExtras {
  /** Cine playing somewhere, at this rate. */
  cine: { fps: number } | null;
  /** Something the user should know about the room itself (e.g. saved keys not usable). */
  notice: string | null;
}

export function renderStatusBar(bar: HTMLElement, sync: SliceSync, referenceVisible: boolean, rows: readonly HangingRow[], extras: StatusExtras): void {
  const anchored = new Set(sync.anchoredRows());
  const parts: (string | Node)[] = [
    el('span', { class: sync.enabled ? 'on' : 'off' }, `Slice sync ${sync.enabled ? 'on' : 'off'} (s)`),
    el('span', { class: referenceVisible ? 'on' : 'off' }, `Reference point ${referenceVisible ? 'on' : 'off'} (x)`),
  ];
  if (rows.length > 1) {
    const marks = rows.map((r) => `${r.study.label} ${anchored.has(r.row) ? '✓' : '–'}`).join(', ');
    const linked = rows.filter((r) => anchored.has(r.row)).length;
    parts.push(
      el(
        'span',
        { class: linked >= 2 ? 'on' : 'hint', 'data-anchors': String(linked) },
        linked >= 2
          ? `Time points linked by anchor (${marks}); Shift+A clears`
          : `Time points not linked: Shift+click the same lesion in each time point (${marks})`,
      ),
    );
  }
  if (extras.cine) parts.push(el('span', { class: 'on', 'data-cine': 'playing' }, `Cine ${extras.cine.fps} images/s (c stops)`));
  if (extras.notice) parts.push(el('span', { class: 'warning' }, extras.notice));
  parts.push(el('span', { class: 'hint' }, 'Keys: ?'));
  // Called every frame while loading: touch the DOM only when the line changed.
  const signature = parts.map((p) => (typeof p === 'string' ? p : `${(p as Element).className}:${p.textContent}`)).join('|');
  if (bar.dataset['signature'] === signature) return;
  bar.dataset['signature'] = signature;
  bar.replaceChildren(...parts);
}

import type { SeriesVolume } from '../core/dicom/model';
import { el, svg } from './dom';
import { HANGING_COLUMNS, SUBTRACTION_COLUMN, type HangingRow, type ViewCell } from './hanging';
import { formatStudyDate, volumeOptionText } from './phase-labels';

/** The DOM of one viewport: header (phase, series picker, load bar), image element, overlays. */
export interface CellDom {
  key: string;
  root: HTMLElement;
  select: HTMLSelectElement;
  /** Cycles acquired / coronal / sagittal (the `o` key). */
  orient: HTMLButtonElement;
  progressBar: HTMLElement;
  /** The element Cornerstone renders into. */
  element: HTMLDivElement;
  marks: SVGSVGElement;
  corners: { tl: HTMLElement; tr: HTMLElement; bl: HTMLElement; br: HTMLElement };
  empty: HTMLElement;
}

export interface GridHandlers {
  pick(key: string, volumeId: string): void;
  orient(key: string): void;
}

export interface GridDom {
  root: HTMLElement;
  cells: Map<string, CellDom>;
}

function columnLabel(cell: ViewCell): string {
  return (HANGING_COLUMNS.find((c) => c.id === cell.column) ?? SUBTRACTION_COLUMN).label;
}

/** The series picker's options: every volume of the time point, the column's own phase first. */
export function fillSeriesSelect(select: HTMLSelectElement, cell: ViewCell, volumes: Map<string, SeriesVolume>): void {
  select.replaceChildren();
  if (cell.volumeId === null) select.append(el('option', { value: '' }, '(none)'));
  for (const id of cell.candidates) {
    const v = volumes.get(id);
    if (v) select.append(el('option', { value: id }, volumeOptionText(v)));
  }
  select.value = cell.volumeId ?? '';
}

export function buildCell(row: HangingRow, cell: ViewCell, volumes: Map<string, SeriesVolume>, handlers: GridHandlers): CellDom {
  const select = el('select', { class: 'hcc-vp-series', 'aria-label': `Series shown in ${row.study.label} ${columnLabel(cell)}` });
  fillSeriesSelect(select, cell, volumes);
  select.addEventListener('change', () => {
    if (select.value) handlers.pick(cell.key, select.value);
    // give the keys back to the viewer: arrows must scroll images, not the list
    select.blur();
  });
  const orient = el('button', { class: 'hcc-vp-orient', type: 'button', title: 'Acquired / coronal / sagittal reformat (o)' }, 'Acq');
  orient.addEventListener('click', () => {
    handlers.orient(cell.key);
    orient.blur();
  });
  const progressBar = el('span', { class: 'bar' });
  const element = el('div', { class: 'hcc-vp-element' });
  // Keeps the browser menu away: right-drag is zoom.
  element.addEventListener('contextmenu', (e) => e.preventDefault());
  const marks = svg('svg', { class: 'hcc-vp-marks', 'aria-hidden': 'true' });
  const corners = {
    tl: el('div', { class: 'hcc-ov tl' }),
    tr: el('div', { class: 'hcc-ov tr' }),
    bl: el('div', { class: 'hcc-ov bl' }),
    br: el('div', { class: 'hcc-ov br' }),
  };
  const empty = el('div', { class: 'hcc-vp-empty' }, `No ${columnLabel(cell)} series at this time point`);
  empty.hidden = cell.volumeId !== null;
  const root = el(
    'section',
    { class: 'hcc-vp', 'data-viewport': cell.key, 'data-time-point': String(cell.row), 'data-column': cell.column, tabindex: '-1' },
    el('header', { class: 'hcc-vp-head' }, el('span', { class: 'hcc-vp-column' }, columnLabel(cell)), select, orient, el('span', { class: 'hcc-vp-progress', title: 'Images loaded' }, progressBar)),
    el('div', { class: 'hcc-vp-body' }, element, marks, corners.tl, corners.tr, corners.bl, corners.br, empty),
  );
  return { key: cell.key, root, select, orient, progressBar, element, marks, corners, empty };
}

/** One row per time point (label strip + six viewports). */
export function buildGrid(rows: readonly HangingRow[], volumes: Map<string, SeriesVolume>, handlers: GridHandlers): GridDom {
  // One time point: its six phases in two rows of three, so the images are not thin strips.
  const single = rows.length === 1;
  const root = el('div', { class: single ? 'hcc-grid single' : 'hcc-grid' });
  root.style.gridTemplateRows = `repeat(${single ? 2 : rows.length}, minmax(0, 1fr))`;
  const cells = new Map<string, CellDom>();
  for (const row of rows) {
    const label = el(
      'div',
      { class: 'hcc-row-label', 'data-time-point': String(row.row) },
      el('span', {}, `${row.study.label} · ${formatStudyDate(row.study.studyDate)}`),
    );
    root.append(label);
    for (const cell of row.cells) {
      const dom = buildCell(row, cell, volumes, handlers);
      cells.set(cell.key, dom);
      root.append(dom.root);
    }
  }
  return { root, cells };
}

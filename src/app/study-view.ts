import type { HccErrorInfo } from '../core/errors';
import type { Phase, SeriesVolume, StudyTree } from '../core/dicom/model';
import { formatStudyDate, PHASE_LABELS, PHASE_ORDER, sortForReading } from '../viewer/phase-labels';
import type { SeriesReading } from './progressive-load';

export { formatStudyDate, PHASE_LABELS };

function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  node.append(...children);
  return node;
}

function geometryText(v: SeriesVolume): string {
  const g = v.geometry;
  if (!g) return `${v.frames.length} images, no regular grid`;
  const [x, y, z] = g.spacingMm;
  return `${g.dims[0]} x ${g.dims[1]} x ${g.dims[2]}, ${x.toFixed(2)} x ${y.toFixed(2)} x ${z.toFixed(2)} mm`;
}

/**
 * One series of the study browser (side panel): number, description with grid, b-values and the
 * classifier's reasons underneath, and the phase drop-down (the user's override).
 */
function seriesRow(v: SeriesVolume, onOverride: (volumeId: string, phase: Phase) => void): HTMLTableRowElement {
  const select = el('select', { 'aria-label': `Phase of ${v.seriesDescription}`, 'data-volume-id': v.id });
  for (const phase of PHASE_ORDER) {
    const option = el('option', { value: phase }, PHASE_LABELS[phase]);
    if (phase === v.classification.phase) option.selected = true;
    select.append(option);
  }
  select.addEventListener('change', () => onOverride(v.id, select.value as Phase));
  const c = v.classification;
  const b = v.bValue !== null ? `b = ${v.bValue} s/mm²` : v.seriesBValues.length ? `b = ${v.seriesBValues.join(', ')}` : '';
  const issues = v.geometry?.issues.map((i) => el('div', { class: 'issue' }, i.message)) ?? [];
  const reasons = c.reasons.join('; ');
  return el(
    'tr',
    { 'data-phase': c.phase, 'data-volume-id': v.id },
    el('td', { class: 'num' }, v.seriesNumber?.toString() ?? ''),
    el(
      'td',
      {},
      el('div', { class: 'desc' }, v.seriesDescription || '(no description)'),
      el('div', { class: 'detail' }, [geometryText(v), b].filter(Boolean).join(' · ')),
      el('div', { class: 'reasons', title: reasons }, reasons),
      ...issues,
    ),
    el('td', {}, el('span', { class: `phase${c.confidence < 0.6 ? ' low' : ''}` }, select), el('div', { class: 'detail' }, `${Math.round(c.confidence * 100)} % sure`)),
  );
}

export function renderStudy(root: HTMLElement, tree: StudyTree, onOverride: (volumeId: string, phase: Phase) => void): void {
  root.replaceChildren();
  for (const patient of tree.patients) {
    root.append(el('h2', {}, `${patient.patientName || '(no name)'} - ID ${patient.patientId || '(none)'}`));
    for (const study of patient.studies) {
      root.append(el('h3', { 'data-time-point': String(study.timePointIndex) }, `${study.label} - ${formatStudyDate(study.studyDate)} - ${study.studyDescription}`));
      const head = el('tr', {}, ...['#', 'Series', 'Phase'].map((h) => el('th', {}, h)));
      const table = el('table', { class: 'series' }, el('thead', {}, head));
      const body = el('tbody');
      for (const v of sortForReading(study.series)) body.append(seriesRow(v, onOverride));
      table.append(body);
      root.append(table);
    }
  }
  if (tree.patients.length > 1) root.prepend(el('p', { class: 'issue' }, `${tree.patients.length} patients in these files: the viewer shows the first.`));
}

/**
 * The Series panel while files are read: each series seen so far with its headers read (of the
 * files its folders hold) and whether the reading room may show it yet. Phases come with the
 * final tree (they may still change while series are missing).
 */
export function renderReading(root: HTMLElement, readings: readonly SeriesReading[]): void {
  root.replaceChildren();
  const complete = readings.filter((r) => r.complete).length;
  root.append(el('h2', {}, `Reading: ${complete} of ${readings.length} series complete`));
  const head = el('tr', {}, ...['#', 'Series', 'Headers'].map((h) => el('th', {}, h)));
  const body = el('tbody');
  for (const r of readings) {
    body.append(
      el(
        'tr',
        { class: r.complete ? 'reading complete' : 'reading', 'data-series-uid': r.seriesInstanceUid },
        el('td', { class: 'num' }, r.seriesNumber?.toString() ?? ''),
        el('td', {}, el('div', { class: 'desc' }, r.seriesDescription || '(no description)')),
        el('td', {}, `${r.read} / ${r.total}${r.complete ? ' ✓' : ''}`),
      ),
    );
  }
  root.append(el('table', { class: 'series' }, el('thead', {}, head), body));
}

export function renderErrors(root: HTMLElement, errors: readonly HccErrorInfo[]): void {
  root.replaceChildren();
  if (errors.length === 0) return;
  root.append(el('h2', {}, `${errors.length} file${errors.length === 1 ? '' : 's'} could not be read`));
  const table = el('table', { class: 'errors' }, el('thead', {}, el('tr', {}, el('th', {}, 'File'), el('th', {}, 'Code'), el('th', {}, 'Reason'))));
  const body = el('tbody');
  for (const e of errors) body.append(el('tr', { class: 'error-row' }, el('td', {}, e.fileName ?? ''), el('td', {}, e.code), el('td', {}, e.message)));
  table.append(body);
  root.append(table);
}

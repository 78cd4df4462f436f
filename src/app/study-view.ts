import type { HccErrorInfo } from '../core/errors';
import type { Phase, SeriesVolume, StudyTree } from '../core/dicom/model';

export const PHASE_LABELS: Record<Phase, string> = {
  t1_pre: 'T1 pre',
  arterial: 'Arterial',
  portal_venous: 'Portal venous',
  delayed: 'Delayed',
  hepatobiliary: 'Hepatobiliary',
  t2: 'T2',
  dwi: 'DWI',
  adc: 'ADC',
  dce_dynamic: 'DCE dynamic',
  subtraction: 'Subtraction',
  other: 'Other',
};

/** Reading order of phases in lists (as a radiologist reads them). */
const PHASE_ORDER: Phase[] = ['t1_pre', 'arterial', 'portal_venous', 'delayed', 'hepatobiliary', 'subtraction', 't2', 'dwi', 'adc', 'dce_dynamic', 'other'];

export function formatStudyDate(yyyymmdd: string): string {
  return /^\d{8}$/.test(yyyymmdd) ? `${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6, 8)}` : yyyymmdd || 'no date';
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  node.append(...children);
  return node;
}

function sortForReading(series: readonly SeriesVolume[]): SeriesVolume[] {
  return [...series].sort(
    (a, b) =>
      PHASE_ORDER.indexOf(a.classification.phase) - PHASE_ORDER.indexOf(b.classification.phase) ||
      (a.bValue ?? 0) - (b.bValue ?? 0) ||
      (a.seriesNumber ?? 0) - (b.seriesNumber ?? 0),
  );
}

function geometryText(v: SeriesVolume): string {
  const g = v.geometry;
  if (!g) return `${v.frames.length} images, no regular grid`;
  const [x, y, z] = g.spacingMm;
  return `${g.dims[0]} x ${g.dims[1]} x ${g.dims[2]}, ${x.toFixed(2)} x ${y.toFixed(2)} x ${z.toFixed(2)} mm`;
}

function seriesRow(v: SeriesVolume, onOverride: (volumeId: string, phase: Phase) => void): HTMLTableRowElement {
  const select = el('select', { 'aria-label': `Phase of ${v.seriesDescription}`, 'data-volume-id': v.id });
  for (const phase of PHASE_ORDER) {
    const option = el('option', { value: phase }, PHASE_LABELS[phase]);
    if (phase === v.classification.phase) option.selected = true;
    select.append(option);
  }
  select.addEventListener('change', () => onOverride(v.id, select.value as Phase));
  const c = v.classification;
  const phaseCell = el('td', {}, el('span', { class: `phase${c.confidence < 0.6 ? ' low' : ''}` }, select));
  const b = v.bValue !== null ? `b = ${v.bValue} s/mm²` : v.seriesBValues.length ? `b = ${v.seriesBValues.join(', ')}` : '';
  const issues = v.geometry?.issues.map((i) => el('div', { class: 'issue' }, i.message)) ?? [];
  return el(
    'tr',
    { 'data-phase': c.phase, 'data-volume-id': v.id },
    el('td', {}, v.seriesNumber?.toString() ?? ''),
    el('td', {}, v.seriesDescription || '(no description)'),
    phaseCell,
    el('td', {}, `${Math.round(c.confidence * 100)} %`),
    el('td', {}, geometryText(v), ...issues),
    el('td', {}, b),
    el('td', { class: 'reasons' }, c.reasons.join('; ')),
  );
}

export function renderStudy(root: HTMLElement, tree: StudyTree, onOverride: (volumeId: string, phase: Phase) => void): void {
  root.replaceChildren();
  for (const patient of tree.patients) {
    root.append(el('h2', {}, `${patient.patientName || '(no name)'} - ID ${patient.patientId || '(none)'}`));
    for (const study of patient.studies) {
      root.append(el('h3', { 'data-time-point': String(study.timePointIndex) }, `${study.label} - ${formatStudyDate(study.studyDate)} - ${study.studyDescription}`));
      const head = el('tr', {}, ...['#', 'Series', 'Phase', 'Confidence', 'Grid', 'b-values', 'Why'].map((h) => el('th', {}, h)));
      const table = el('table', { class: 'series' }, el('thead', {}, head));
      const body = el('tbody');
      for (const v of sortForReading(study.series)) body.append(seriesRow(v, onOverride));
      table.append(body);
      root.append(table);
    }
  }
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

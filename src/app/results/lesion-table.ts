/**
 * Lesions x time points: every figure of every lesion, BL / FU1 ... columns with their dates, the
 * change against baseline under each follow-up value, units in the row headers, 'not measured' for
 * unknown values and a busy mark on the cells of a lesion being computed.
 */
import { flagCode } from '../../core/measure/flags';
import type { LesionMeasurement, MeasurementsDocument } from '../../core/measure/types';
import { lesionKey } from '../measure/lesion-keys';
import { adcValue, changePct, mlValue, mmValue, NOT_MEASURED, pctValue, ratioValue, signedPct, timePointCode } from './format';
import { el, esc } from './html';

interface Quantity {
  id: string;
  name: string;
  /** Unit as shown in the header ('' for unitless ratios). */
  unit: string;
  get(m: LesionMeasurement): number | null;
  format(v: number): string;
  /** Whether a % change against baseline means something (not for a fraction already in %). */
  change: boolean;
}

export const QUANTITIES: readonly Quantity[] = [
  { id: 'viableLongestDiameterMm', name: 'Viable longest diameter', unit: 'mm', get: (m) => m.viableLongestDiameterMm, format: mmValue, change: true },
  { id: 'longestDiameterMm', name: 'Whole longest diameter', unit: 'mm', get: (m) => m.longestDiameterMm, format: mmValue, change: true },
  { id: 'volumeMl', name: 'Volume', unit: 'mL', get: (m) => m.volumeMl, format: mlValue, change: true },
  { id: 'enhancingVolumeMl', name: 'Enhancing volume', unit: 'mL', get: (m) => m.enhancingVolumeMl, format: mlValue, change: true },
  { id: 'enhancingFraction', name: 'Enhancing fraction', unit: '%', get: (m) => m.enhancingFraction, format: pctValue, change: false },
  { id: 'adcMeanMm2s', name: 'ADC mean', unit: '×10⁻³ mm²/s', get: (m) => m.adc?.meanMm2s ?? null, format: adcValue, change: true },
  { id: 't1RatioToLiver', name: 'T1 ratio tumour / liver', unit: '', get: (m) => m.t1RatioToLiver, format: ratioValue, change: true },
  { id: 't2RatioToLiver', name: 'T2 ratio tumour / liver', unit: '', get: (m) => m.t2RatioToLiver, format: ratioValue, change: true },
];

/** Every lesion label of the document, by lesion number. */
export function lesionLabels(doc: MeasurementsDocument): string[] {
  const labels = new Set(doc.timePoints.flatMap((tp) => tp.lesions.map((l) => l.label)));
  return [...labels].sort((a, b) => number(a) - number(b));
}
const number = (label: string): number => Number(/\d+/.exec(label)?.[0] ?? Infinity);

export function renderTimePointHeader(doc: MeasurementsDocument): string {
  return doc.timePoints
    .map((tp, t) =>
      el('th', { scope: 'col', 'data-time-point': t, title: `${tp.label}, study ${tp.studyInstanceUid}` }, `${timePointCode(t)}<span class="hcc-date">${esc(tp.studyDate)}</span>`),
    )
    .join('');
}

export function renderLesionTable(doc: MeasurementsDocument, busy: ReadonlySet<string>): string {
  const head = el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'Lesion / figure (unit)') + renderTimePointHeader(doc)));
  const bodies = lesionLabels(doc).map((label) => renderLesion(doc, label, busy)).join('');
  return el(
    'table',
    { class: 'hcc-lesion-table', 'aria-label': 'Lesion measurements by time point' },
    el('caption', {}, 'Measurements per lesion; follow-up cells show the change against baseline') + head + bodies,
  );
}

function renderLesion(doc: MeasurementsDocument, label: string, busy: ReadonlySet<string>): string {
  const at = doc.timePoints.map((tp) => tp.lesions.find((l) => l.label === label) ?? null);
  const isBusy = doc.timePoints.map((tp) => busy.has(lesionKey(tp.studyInstanceUid, label)));
  const target = at.find((m) => m !== null)?.target ?? true;
  const span = doc.timePoints.length + 1;
  const show = el('button', { class: 'button hcc-show-lesion', type: 'button', 'data-action': 'show-lesion', 'data-lesion': label, title: `Show ${label} at every time point (its largest slice)` }, 'Show');
  const head = el('tr', { class: 'hcc-lesion-head' }, el('th', { scope: 'rowgroup', colspan: span }, `${esc(label)} <span class="hcc-muted">${target ? 'target' : 'non-target'}</span> ${show}`));
  const rows = QUANTITIES.map((q) => {
    const baseline = at[0] ? q.get(at[0]) : null;
    const cells = at.map((m, t) => {
      const value = m ? q.get(m) : null;
      let text = value === null ? `<span class="hcc-nm">${NOT_MEASURED}</span>` : esc(q.format(value));
      const change = t > 0 && q.change ? changePct(baseline, value) : null;
      if (change !== null) text += `<span class="hcc-change">${esc(signedPct(change))}</span>`;
      return cell(label, t, q.id, isBusy[t]!, m === null ? 'not drawn at this time point' : null, text);
    });
    const header = q.unit ? `${esc(q.name)} <span class="hcc-unit">(${esc(q.unit)})</span>` : esc(q.name);
    return el('tr', { 'data-quantity': q.id }, el('th', { scope: 'row' }, header) + cells.join(''));
  });
  const notes = at.map((m, t) => {
    const flags = m?.flags ?? [];
    const list = flags.map((f) => el('li', { 'data-flag': flagCode(f), title: f }, esc(flagCode(f)))).join('');
    return cell(label, t, 'flags', isBusy[t]!, null, list ? el('ul', { class: 'hcc-notes' }, list) : '<span class="hcc-muted">none</span>');
  });
  rows.push(el('tr', { 'data-quantity': 'flags' }, el('th', { scope: 'row' }, 'Notes and flags') + notes.join('')));
  return el('tbody', { 'data-lesion': label }, head + rows.join(''));
}

function cell(label: string, t: number, quantity: string, busy: boolean, title: string | null, inner: string): string {
  const mark = busy ? '<span class="hcc-busy" role="status">computing…</span>' : '';
  return el('td', { 'data-lesion': label, 'data-time-point': t, 'data-quantity': quantity, 'aria-busy': busy ? 'true' : null, title }, inner + mark);
}

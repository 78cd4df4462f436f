/**
 * The six criteria side by side for each follow-up: category badge (text always present, colour only
 * as a second cue), sum with its unit, % vs baseline and % vs nadir, and the reasons in an expandable
 * row. Each size criterion sits next to its enhancement counterpart (same dimension, same thresholds),
 * so a disagreement between them is seen at a glance; the pair is marked when core raised the flag.
 */
import { CRITERIA, type CriterionId, type TimePointResponse } from '../../core/criteria';
import type { MeasurementsDocument } from '../../core/measure/types';
import { mlValue, mmValue, NOT_MEASURED, signedPct, timePointCode } from './format';
import { el, esc } from './html';

/** Display order: size criterion, then its enhancement counterpart (RECIST 1.1 / mRECIST, WHO / EASL, vRECIST / qEASL). */
export const CRITERIA_PAIRS: readonly (readonly [CriterionId, CriterionId])[] = [
  ['recist11', 'mrecist'],
  ['who', 'easl'],
  ['vrecist', 'qeasl'],
];

const CATEGORY_WORDS: Record<string, string> = {
  CR: 'complete response',
  PR: 'partial response',
  SD: 'stable disease',
  PD: 'progressive disease',
  NE: 'not evaluable',
};

export function badge(category: string): string {
  return el('span', { class: `hcc-badge hcc-badge-${category}`, 'data-category': category, title: CATEGORY_WORDS[category] ?? category }, esc(category));
}

function sumText(value: number | null, unit: string): string {
  if (value === null) return `<span class="hcc-nm">${NOT_MEASURED}</span>`;
  return esc(unit === 'mL' ? mlValue(value) : unit === 'mm' ? mmValue(value) : String(Math.round(value)));
}

const pct = (v: number | null): string => (v === null ? `<span class="hcc-nm">${NOT_MEASURED}</span>` : esc(signedPct(v)));

/** Criteria whose category differs from their counterpart's while core flagged a disagreement. */
export function disagreeing(r: TimePointResponse): Set<CriterionId> {
  const out = new Set<CriterionId>();
  if (!r.flagDetails.some((f) => f.code === 'sizeEnhancementDisagreement')) return out;
  for (const [size, enh] of CRITERIA_PAIRS) {
    const a = r.criteria[size].category;
    const b = r.criteria[enh].category;
    if (a !== 'NE' && b !== 'NE' && a !== b) {
      out.add(size);
      out.add(enh);
    }
  }
  return out;
}

export function renderCriteriaTable(doc: MeasurementsDocument, r: TimePointResponse): string {
  const tp = doc.timePoints[r.timePoint]!;
  const nadir = r.vsNadir === null ? 'no nadir yet' : `RECIST 1.1 nadir at ${timePointCode(r.vsNadir)}`;
  const caption = `${timePointCode(r.timePoint)} (${esc(tp.studyDate)}) vs baseline (${esc(doc.timePoints[0]!.studyDate)}); ${esc(nadir)}`;
  const head = el(
    'thead',
    {},
    el('tr', {}, ['Criterion', 'Category', 'Sum (unit)', '% vs baseline', '% vs nadir'].map((h) => el('th', { scope: 'col' }, h)).join('')),
  );
  const odd = disagreeing(r);
  const rows = CRITERIA_PAIRS.flat().map((id) => {
    const c = r.criteria[id];
    const spec = CRITERIA[id];
    const unit = c.unit;
    const reasons = c.reasons.map((x) => el('li', {}, esc(x))).join('');
    const attrs = { 'data-criterion': id, 'data-category': c.category, 'data-time-point': r.timePoint, class: odd.has(id) ? 'hcc-disagree' : null };
    const main = el(
      'tr',
      attrs,
      el('th', { scope: 'row', title: `${spec.sumName}; ${spec.citation}` }, esc(spec.name)) +
        el('td', {}, badge(c.category)) +
        el('td', { class: 'hcc-num' }, `${sumText(c.sum, unit)} <span class="hcc-unit">${esc(unit)}</span>`) +
        el('td', { class: 'hcc-num', title: c.baselineSum === null ? null : `baseline sum ${c.baselineSum.toFixed(2)} ${unit}` }, pct(c.changeFromBaselinePct)) +
        el('td', { class: 'hcc-num', title: c.nadirTimePoint === null ? null : `nadir at ${timePointCode(c.nadirTimePoint)}` }, pct(c.changeFromNadirPct)),
    );
    const why = el(
      'tr',
      { class: 'hcc-reasons', 'data-criterion': id, 'data-time-point': r.timePoint },
      el('td', { colspan: 5 }, el('details', {}, el('summary', {}, `Why ${esc(c.category)} by ${esc(spec.name)}`) + el('ul', {}, reasons))),
    );
    return main + why;
  });
  return el('table', { class: 'hcc-criteria-table', 'data-time-point': r.timePoint, 'aria-label': `Response at ${timePointCode(r.timePoint)} by criterion` }, el('caption', {}, caption) + head + el('tbody', {}, rows.join('')));
}

/**
 * % change of each criterion's sum against baseline over time: one small plot per pair of criteria
 * that share their thresholds (RECIST 1.1 + mRECIST, WHO + EASL, vRECIST + qEASL), one line per
 * criterion. The PR band (at or below -PR % vs baseline) is exact. PD is judged against the nadir,
 * so its boundary moves: a dashed line per criterion at the sum that would be PD at that time point
 * (its nadir + PD %, and + 5 mm for RECIST 1.1), expressed against baseline.
 */
import { CRITERIA, type CriterionId, type TimePointResponse } from '../../core/criteria';
import type { MeasurementsDocument } from '../../core/measure/types';
import { CRITERIA_PAIRS } from '../results/criteria-table';
import { timePointCode } from '../results/format';
import { esc } from '../results/html';
import { DEFAULT_BOX, fmt, legend, linear, niceTicks, pathThrough, svg, xAxis, yAxis } from './svg';

export interface TrendSeries {
  id: CriterionId;
  /** % change vs baseline per time point (0 at baseline); null where the sum is unknown. */
  changePct: (number | null)[];
  /** Where PD starts at each time point, as % vs baseline; null when unknown. */
  pdFromPct: (number | null)[];
}

/** The numbers a trend plot draws, from the detailed response (testable without drawing). */
export function trendSeries(timePointCount: number, response: readonly TimePointResponse[], id: CriterionId): TrendSeries {
  const spec = CRITERIA[id];
  const n = timePointCount;
  const byTime = new Map(response.map((r) => [r.timePoint, r.criteria[id]] as const));
  const baselineSum = response[0]?.criteria[id].baselineSum ?? null;
  const changePct: (number | null)[] = [];
  const pdFromPct: (number | null)[] = [];
  for (let t = 0; t < n; t++) {
    const c = byTime.get(t);
    changePct.push(t === 0 ? (baselineSum === null ? null : 0) : (c?.changeFromBaselinePct ?? null));
    const nadir = t === 0 ? baselineSum : (c?.nadirSum ?? null);
    if (nadir === null || baselineSum === null || baselineSum === 0) {
      pdFromPct.push(null);
      continue;
    }
    const pdSum = Math.max(nadir * (1 + spec.pdIncreasePct / 100), nadir + (spec.pdMinAbsoluteIncrease ?? 0));
    pdFromPct.push((pdSum / baselineSum - 1) * 100);
  }
  return { id, changePct, pdFromPct };
}

export function renderTrendPlot(doc: MeasurementsDocument, response: readonly TimePointResponse[], pair: readonly [CriterionId, CriterionId]): string {
  const box = DEFAULT_BOX;
  const series = pair.map((id) => trendSeries(doc.timePoints.length, response, id));
  const prPct = -CRITERIA[pair[0]].prDecreasePct;
  const values = series.flatMap((s) => [...s.changePct, ...s.pdFromPct]).filter((v): v is number => v !== null);
  const lo = Math.min(-100, prPct, ...values);
  const hi = Math.max(CRITERIA[pair[0]].pdIncreasePct + 10, ...values);
  const ticks = niceTicks(lo, hi, 8);
  const y = linear([Math.min(lo, ticks[0]!), Math.max(hi, ticks[ticks.length - 1]!)], [box.height - box.bottom, box.top]);
  const n = doc.timePoints.length;
  // Inset so the date labels under the first and last time point stay inside the plot.
  const x = linear([0, Math.max(1, n - 1)], [box.left + 26, box.width - box.right - 28]);
  const y0 = y.domain[0];
  const plotW = box.width - box.right - box.left;
  const prBand = `<rect class="hcc-band-pr" x="${box.left}" width="${plotW}" y="${fmt(y(prPct))}" height="${fmt(y(y0) - y(prPct))}"><title>PR: ${prPct} % or less vs baseline</title></rect>`;
  const zero = `<line class="hcc-zero" x1="${box.left}" x2="${box.width - box.right}" y1="${fmt(y(0))}" y2="${fmt(y(0))}"/>`;
  const lines = series
    .map((s, i) => {
      const name = CRITERIA[s.id].name;
      const pd = `<path class="hcc-pd-line hcc-series-${i}" d="${pathThrough(s.pdFromPct.map((v, t) => (v === null ? null : [x(t), y(v)])))}"><title>${esc(name)}: PD from this level (vs its nadir)</title></path>`;
      const line = `<path class="hcc-line hcc-series-${i}" data-criterion="${s.id}" d="${pathThrough(s.changePct.map((v, t) => (v === null ? null : [x(t), y(v)])))}"/>`;
      const dots = s.changePct
        .map((v, t) => (v === null ? '' : `<circle class="hcc-dot hcc-series-${i}" cx="${fmt(x(t))}" cy="${fmt(y(v))}" r="3"><title>${esc(name)} ${timePointCode(t)}: ${fmt(v, 1)} % vs baseline</title></circle>`))
        .join('');
      return pd + line + dots;
    })
    .join('');
  const xTicks = doc.timePoints.map((tp, t) => ({ at: t, label: timePointCode(t), sub: tp.studyDate }));
  const title = `${CRITERIA[pair[0]].name} and ${CRITERIA[pair[1]].name}: % change of the sum vs baseline (${CRITERIA[pair[0]].unit}, ${CRITERIA[pair[1]].unit})`;
  const body =
    `<g class="hcc-clip">${prBand}</g>` +
    yAxis(y, box, ticks, '% vs baseline', (v) => `${fmt(v, 0)}`) +
    zero +
    `<text class="hcc-band-label" x="${box.left + 4}" y="${fmt(y(prPct) + 11)}">PR ≤ ${prPct} %</text>` +
    lines +
    xAxis(x, box, xTicks, 'time point') +
    legend(series.map((s, i) => ({ cls: `hcc-line hcc-series-${i}`, label: CRITERIA[s.id].name })).concat([{ cls: 'hcc-pd-line', label: 'PD from' }]), box);
  return svg(box, title, body, ` data-plot="trend" data-criteria="${pair.join(' ')}"`);
}

export function renderTrendPlots(doc: MeasurementsDocument, response: readonly TimePointResponse[]): string {
  return CRITERIA_PAIRS.map((pair) => renderTrendPlot(doc, response, pair)).join('');
}

/**
 * ADC histograms of one lesion at each time point, overlaid. The kernels give each time point its own
 * 64 bins over that lesion's min..max (AdcRecord.histogram); a nearly uniform lesion has a tiny range
 * and 64 needle-thin bins. So the counts are regrouped onto shared bins over all time points (each
 * kernel bin goes whole to the shared bin holding its centre: exact to one shared bin width) and drawn
 * as the fraction of the lesion's voxels per bin, comparable whatever the voxel counts. No voxel is re-read.
 */
import type { AdcHistogramEntry } from '../measure/assemble';
import { timePointCode } from '../results/format';
import { esc } from '../results/html';
import { DEFAULT_BOX, fmt, legend, linear, niceTicks, svg, xAxis, yAxis } from './svg';

/** Shared bins of the overlay: coarse enough that ~30-voxel lesions show a shape, fine enough for 1e3-voxel ones. */
export const SHARED_BINS = 24;

export interface FractionCurve {
  timePoint: number;
  /** Shared bin edges in 10^-3 mm²/s. */
  edges: number[];
  /** Fraction (0..1) of the lesion's voxels in each shared bin. */
  fraction: number[];
  voxels: number;
}

/** Equal-width shared edges (10^-3 mm²/s) covering every entry's range. */
export function sharedEdges(entries: readonly AdcHistogramEntry[], bins = SHARED_BINS): number[] {
  const lo = Math.min(...entries.map((e) => e.edgesMm2s[0]! * 1e3));
  let hi = Math.max(...entries.map((e) => e.edgesMm2s[e.edgesMm2s.length - 1]! * 1e3));
  // A single-valued sample has no width: give it one bin of 0.01e-3 mm²/s around its value.
  if (!(hi > lo)) hi = lo + 0.01;
  return Array.from({ length: bins + 1 }, (_, b) => lo + ((hi - lo) * b) / bins);
}

export function fractionCurve(h: AdcHistogramEntry, edges: readonly number[]): FractionCurve {
  const bins = edges.length - 1;
  const lo = edges[0]!;
  const width = (edges[bins]! - lo) / bins;
  const counts = new Array<number>(bins).fill(0);
  let voxels = 0;
  h.counts.forEach((c, b) => {
    const centre = ((h.edgesMm2s[b]! + h.edgesMm2s[b + 1]!) / 2) * 1e3;
    const at = Math.min(bins - 1, Math.max(0, Math.floor((centre - lo) / width)));
    counts[at]! += c;
    voxels += c;
  });
  return { timePoint: h.timePoint, edges: [...edges], fraction: counts.map((c) => (voxels === 0 ? 0 : c / voxels)), voxels };
}

/** Step outline of a histogram: up and down at every edge, on the baseline at both ends. */
function stepPath(c: FractionCurve, x: (v: number) => number, y: (v: number) => number): string {
  let d = `M${fmt(x(c.edges[0]!))},${fmt(y(0))}`;
  c.fraction.forEach((v, b) => {
    d += `L${fmt(x(c.edges[b]!))},${fmt(y(v * 100))}L${fmt(x(c.edges[b + 1]!))},${fmt(y(v * 100))}`;
  });
  return `${d}L${fmt(x(c.edges[c.edges.length - 1]!))},${fmt(y(0))}`;
}

export function renderAdcHistogramPlot(lesion: string, entries: readonly AdcHistogramEntry[]): string {
  const box = { ...DEFAULT_BOX, height: 190 };
  const mine = entries.filter((e) => e.lesion === lesion).sort((a, b) => a.timePoint - b.timePoint);
  if (mine.length === 0) return `<p class="hcc-muted" data-plot="adc-histogram" data-lesion="${esc(lesion)}">${esc(lesion)}: no ADC measured at any time point.</p>`;
  const edges = sharedEdges(mine);
  const curves = mine.map((e) => fractionCurve(e, edges));
  const lo = edges[0]!;
  const hi = edges[edges.length - 1]!;
  const top = Math.max(...curves.flatMap((c) => c.fraction)) * 100;
  const xTicks = niceTicks(lo, hi, 5);
  const yTicks = niceTicks(0, top > 0 ? top : 1, 4);
  const x = linear([Math.min(lo, xTicks[0]!), Math.max(hi, xTicks[xTicks.length - 1]!)], [box.left, box.width - box.right]);
  const y = linear([0, Math.max(top, yTicks[yTicks.length - 1]!)], [box.height - box.bottom, box.top]);
  const paths = curves
    .map((c) => `<path class="hcc-hist hcc-tp-${c.timePoint}" data-time-point="${c.timePoint}" d="${stepPath(c, x, y)}"><title>${timePointCode(c.timePoint)}: ${c.voxels} voxels</title></path>`)
    .join('');
  const body =
    yAxis(y, box, yTicks, `% of voxels per bin (${fmt(edges[1]! - edges[0]!, 3)} ×10⁻³ mm²/s)`) +
    paths +
    xAxis(x, box, xTicks.map((t) => ({ at: t, label: fmt(t, 2) })), 'ADC (×10⁻³ mm²/s)') +
    legend(curves.map((c) => ({ cls: `hcc-hist hcc-tp-${c.timePoint}`, label: `${timePointCode(c.timePoint)} (${c.voxels} vx)` })), box);
  return svg(box, `${lesion}: ADC histogram at each time point`, body, ` data-plot="adc-histogram" data-lesion="${esc(lesion)}"`);
}

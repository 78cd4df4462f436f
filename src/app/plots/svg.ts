/**
 * Minimal SVG plotting: linear scales, "nice" ticks, axes and a legend, as strings (rendered by the
 * panel with innerHTML, tested in node). Colours come from CSS classes so the dark theme owns them.
 */
import { esc } from '../results/html';

export interface Box {
  width: number;
  height: number;
  left: number;
  right: number;
  top: number;
  bottom: number;
}

export const DEFAULT_BOX: Box = { width: 340, height: 210, left: 44, right: 10, top: 34, bottom: 34 };

export interface Scale {
  (v: number): number;
  domain: [number, number];
}

export function linear(domain: [number, number], range: [number, number]): Scale {
  const [d0, d1] = domain;
  const k = d1 === d0 ? 0 : (range[1] - range[0]) / (d1 - d0);
  const s = ((v: number) => range[0] + (v - d0) * k) as Scale;
  s.domain = domain;
  return s;
}

/** About `count` round ticks (1, 2, 5 x 10^n steps) covering [lo, hi]. */
export function niceTicks(lo: number, hi: number, count = 5): number[] {
  if (!(hi > lo)) return [lo];
  const raw = (hi - lo) / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw)!;
  const ticks: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) ticks.push(Number(v.toFixed(10)));
  return ticks;
}

export const fmt = (v: number, decimals = 2): string => String(Number(v.toFixed(decimals)));

export function yAxis(y: Scale, box: Box, ticks: number[], label: string, format: (v: number) => string = (v) => fmt(v)): string {
  const x0 = box.left;
  const lines = ticks
    .map((t) => `<line class="hcc-grid" x1="${x0}" x2="${box.width - box.right}" y1="${fmt(y(t))}" y2="${fmt(y(t))}"/>` +
      `<text class="hcc-tick" x="${x0 - 4}" y="${fmt(y(t) + 3)}" text-anchor="end">${esc(format(t))}</text>`)
    .join('');
  return `${lines}<text class="hcc-axis-label" x="4" y="${box.top - 8}">${esc(label)}</text>`;
}

export function xAxis(x: Scale, box: Box, ticks: { at: number; label: string; sub?: string }[], label: string): string {
  const yBase = box.height - box.bottom;
  const marks = ticks
    .map((t) => `<text class="hcc-tick" x="${fmt(x(t.at))}" y="${yBase + 12}" text-anchor="middle">${esc(t.label)}</text>` +
      (t.sub ? `<text class="hcc-tick hcc-tick-sub" x="${fmt(x(t.at))}" y="${yBase + 22}" text-anchor="middle">${esc(t.sub)}</text>` : ''))
    .join('');
  return `<line class="hcc-axis" x1="${box.left}" x2="${box.width - box.right}" y1="${yBase}" y2="${yBase}"/>${marks}` +
    `<text class="hcc-axis-label" x="${box.width - box.right}" y="${box.height - 2}" text-anchor="end">${esc(label)}</text>`;
}

/** Legend entries drawn along the top edge: a swatch of the series' class and its text. */
export function legend(entries: { cls: string; label: string }[], box: Box): string {
  let x = 4;
  return entries
    .map((e) => {
      // Along the top edge, above the axis label.
      const out = `<line class="${esc(e.cls)}" x1="${x}" x2="${x + 14}" y1="8" y2="8"/>` +
        `<text class="hcc-legend" x="${x + 17}" y="11">${esc(e.label)}</text>`;
      x = Math.round(x + 24 + e.label.length * 5.6);
      return out;
    })
    .join('');
}

export function svg(box: Box, title: string, body: string, attrs = ''): string {
  return `<svg class="hcc-plot" viewBox="0 0 ${box.width} ${box.height}" width="${box.width}" height="${box.height}" role="img" aria-label="${esc(title)}"${attrs}><title>${esc(title)}</title>${body}</svg>`;
}

/** A polyline through the points, broken where a value is unknown (null): unknown is never drawn as 0. */
export function pathThrough(points: ReadonlyArray<[number, number] | null>): string {
  let d = '';
  let pen = false;
  for (const p of points) {
    if (p === null) {
      pen = false;
      continue;
    }
    d += `${pen ? 'L' : 'M'}${fmt(p[0])},${fmt(p[1])}`;
    pen = true;
  }
  return d;
}

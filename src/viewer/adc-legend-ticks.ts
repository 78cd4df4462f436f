/**
 * Tick values of the ADC colour bar (pure): the window's ends converted from the series' stored
 * unit to mm^2/s with the detected scale (core/kernels/adc-map.ts), then labelled in units of
 * 10^-3 mm^2/s, as radiologists read ADC (liver ~1.0-1.5, restricted tumour < 1.0, water ~3.0).
 */
export const ADC_LEGEND_UNIT = '×10⁻³ mm²/s';
const DISPLAY_SCALE_MM2S = 1e-3;
/** Nice steps (x 10^n) between ticks. */
const STEPS = [1, 2, 2.5, 5];

export interface LegendTick {
  /** Value in 10^-3 mm^2/s. */
  value: number;
  /** Position on the bar: 0 at the window's lower end, 1 at its upper end. */
  fraction: number;
  label: string;
}

/**
 * Ticks at multiples of a nice step within the window [lower, upper] (stored values after rescale),
 * at most `maxTicks` of them. Empty for an empty or reversed window.
 */
export function adcLegendTicks(window: { lower: number; upper: number }, scaleToMm2s: number, maxTicks = 6): LegendTick[] {
  const lo = (window.lower * scaleToMm2s) / DISPLAY_SCALE_MM2S;
  const hi = (window.upper * scaleToMm2s) / DISPLAY_SCALE_MM2S;
  if (!(hi > lo) || !Number.isFinite(lo) || !Number.isFinite(hi) || maxTicks < 2) return [];
  const step = niceStep((hi - lo) / (maxTicks - 1));
  const decimals = Math.max(1, decimalsOf(step));
  const ticks: LegendTick[] = [];
  // Integer multiples of the step, so 0.1 + 0.2 rounding never shifts a label.
  for (let n = Math.ceil(lo / step - 1e-9); n * step <= hi + step * 1e-9; n++) {
    const value = Number((n * step).toFixed(decimals + 2));
    ticks.push({ value, fraction: (value - lo) / (hi - lo), label: value.toFixed(decimals) });
  }
  return ticks;
}

/** Smallest nice step (1, 2, 2.5, 5 x 10^n) not below `raw`. */
export function niceStep(raw: number): number {
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  for (const s of STEPS) if (s * magnitude >= raw * (1 - 1e-9)) return s * magnitude;
  return 10 * magnitude;
}

function decimalsOf(step: number): number {
  for (let d = 0; d < 10; d++) if (Math.abs(Math.round(step * 10 ** d) - step * 10 ** d) < 1e-9) return d;
  return 10;
}

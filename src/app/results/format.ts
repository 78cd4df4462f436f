/**
 * Display of the panel's numbers: the report's rounding (core/export/format.ts), here without the unit
 * because the unit stands in the row or column header. Unknown stays 'not measured', never 0.
 */
import { formatNumber, percentChange } from '../../core/criteria';
import { NOT_MEASURED, signedPct } from '../../core/export/format';

export { NOT_MEASURED, signedPct };

/** 0.1 mm, as readers measure. */
export const mmValue = (v: number): string => formatNumber(v, 1);

/** About 3 significant digits (same steps as the report). */
export function mlValue(v: number): string {
  return formatNumber(v, Math.abs(v) < 1 ? 2 : Math.abs(v) < 100 ? 1 : 0);
}

/** A fraction 0..1 as whole percent. */
export const pctValue = (fraction: number): string => formatNumber(fraction * 100, 0);

/** ADC in units of 10^-3 mm²/s, 2 decimals (UX.md §3). */
export const adcValue = (mm2s: number): string => (mm2s * 1e3).toFixed(2);

/** Signal ratios: 2 decimals. */
export const ratioValue = (r: number): string => r.toFixed(2);

/** % change of b against a (null when either is unknown, or a is 0: core's percentChange). */
export const changePct = (a: number | null, b: number | null): number | null => (a === null || b === null ? null : percentChange(a, b));

/** 'BL', 'FU1', 'FU2'... for column headers. */
export const timePointCode = (index: number): string => (index === 0 ? 'BL' : `FU${index}`);

/**
 * Display rounding for the report text: units always written, unknown values as 'not measured'
 * (never 0), trailing zeros dropped except where a fixed number of decimals is the convention (ADC).
 */
import { formatNumber } from '../criteria/percent-change';
import type { SumUnit } from '../criteria/types';

export const NOT_MEASURED = 'not measured';

/** Diameters: 0.1 mm (the resolution readers measure to). */
export const mm = (v: number): string => `${formatNumber(v, 1)} mm`;

/** Volumes: 2 decimals below 1 mL, 1 decimal below 100 mL, whole mL above (about 3 significant digits). */
export function ml(v: number): string {
  const decimals = Math.abs(v) < 1 ? 2 : Math.abs(v) < 100 ? 1 : 0;
  return `${formatNumber(v, decimals)} mL`;
}

/** Fraction 0..1 as whole percent. */
export const fractionPct = (f: number): string => `${formatNumber(f * 100, 0)} %`;

/** ADC in units of 1e-3 mm²/s with 2 decimals, the way radiology reports quote it. */
export const adc = (mm2s: number): string => `${(mm2s * 1e3).toFixed(2)} x 10^-3 mm²/s`;

/** Signed change in percent, 1 decimal: '+25 %', '-60 %', '+29.5 %'. */
export function signedPct(pct: number): string {
  const text = formatNumber(pct, 1);
  return `${pct > 0 && text !== '0' ? '+' : ''}${text} %`;
}

/** A criterion's sum in its unit. */
export function sum(value: number, unit: SumUnit): string {
  if (unit === 'mL') return ml(value);
  return unit === 'mm' ? mm(value) : `${formatNumber(value, 0)} mm²`;
}

/** `format(v)` for a known value, 'not measured' for null. */
export function orNotMeasured(value: number | null, format: (v: number) => string): string {
  return value === null ? NOT_MEASURED : format(value);
}

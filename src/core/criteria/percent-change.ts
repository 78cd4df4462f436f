/**
 * Percent change and threshold tests that behave at exact thresholds: 70 -> 49 must be exactly
 * -30 % (PR) while 29.9 % must not be.
 */

/**
 * Tolerance in percentage points for threshold tests. Float sums of diameters such as 10.1 + 20.2 carry
 * relative errors ~1e-16, far below this; measurement resolution (0.1 mm) is far above it.
 */
export const PCT_TOLERANCE = 1e-9;
/** Tolerance in the sum's own unit for absolute rules (the RECIST 5 mm). */
export const ABSOLUTE_TOLERANCE = 1e-9;

/**
 * (to - from) / from in percent, or null when `from` is 0 (change from nothing is undefined).
 * The difference is scaled before the single division so integer inputs give exact results
 * ((49 - 70) * 100 / 70 is exactly -30, whereas (49 / 70 - 1) * 100 is not).
 */
export function percentChange(from: number, to: number): number | null {
  if (from === 0) return null;
  return ((to - from) * 100) / from;
}

/** Decrease of at least `thresholdPct` (PR rules: "down >= 30 %"). */
export function isDecreaseAtLeast(changePct: number, thresholdPct: number): boolean {
  return changePct <= -thresholdPct + PCT_TOLERANCE;
}

/** Increase of at least `thresholdPct` (RECIST/mRECIST/volumetric PD: "up >= 20 %"). */
export function isIncreaseAtLeast(changePct: number, thresholdPct: number): boolean {
  return changePct >= thresholdPct - PCT_TOLERANCE;
}

/** Increase of strictly more than `thresholdPct` (WHO/EASL PD: "up > 25 %"; flags: "> 20 %"). */
export function isIncreaseMoreThan(changePct: number, thresholdPct: number): boolean {
  return changePct > thresholdPct + PCT_TOLERANCE;
}

/** Absolute increase of at least `amount` (RECIST 1.1: ">= 5 mm"). */
export function isAbsoluteIncreaseAtLeast(from: number, to: number, amount: number): boolean {
  return to - from >= amount - ABSOLUTE_TOLERANCE;
}

/** Rounds for display and drops trailing zeros; never prints "-0". */
export function formatNumber(value: number, maxDecimals: number): string {
  const rounded = Number(value.toFixed(maxDecimals));
  return Object.is(rounded, -0) || rounded === 0 ? '0' : String(rounded);
}

/** Signed percentage with up to two decimals: "+8.82 %", "-30 %". Two decimals keep 29.9 apart from 30. */
export function formatPct(changePct: number | null): string {
  if (changePct === null) return 'undefined (from 0)';
  const text = formatNumber(changePct, 2);
  return `${changePct > 0 && text !== '0' ? '+' : ''}${text} %`;
}

/**
 * The response rules of CLINICAL.md, written out again here for the ground truth so that the
 * expected categories do not come from the project's own criteria code. Only target lesions and
 * no new lesions (the phantom has none); nadir = smallest sum so far including baseline.
 */

export type Category = 'CR' | 'PR' | 'SD' | 'PD';
export type CriterionKey = 'recist11' | 'who' | 'mrecist' | 'easl' | 'qeasl' | 'vrecist';
export const CRITERIA: readonly CriterionKey[] = ['recist11', 'who', 'mrecist', 'easl', 'qeasl', 'vrecist'];

interface Rule {
  /** What is summed over target lesions. */
  measure: string;
  unit: 'mm' | 'mm2' | 'mL';
  /** Partial response when the change from baseline is <= this (percent). */
  prAtOrBelowPct: number;
  /** Progression when the change from nadir reaches this (percent) ... */
  pdPct: number;
  /** ... inclusive (>=) or strictly greater (>). */
  pdInclusive: boolean;
  /** RECIST 1.1 also needs an absolute increase of at least 5 mm. */
  pdMinAbsolute: number;
}

export const RULES: Record<CriterionKey, Rule> = {
  recist11: { measure: 'sum of longest diameters, whole lesion', unit: 'mm', prAtOrBelowPct: -30, pdPct: 20, pdInclusive: true, pdMinAbsolute: 5 },
  who: { measure: 'sum of products longest x perpendicular, whole lesion', unit: 'mm2', prAtOrBelowPct: -50, pdPct: 25, pdInclusive: false, pdMinAbsolute: 0 },
  mrecist: { measure: 'sum of longest diameters of the viable (enhancing) part', unit: 'mm', prAtOrBelowPct: -30, pdPct: 20, pdInclusive: true, pdMinAbsolute: 0 },
  easl: { measure: 'sum of products longest x perpendicular of the enhancing part', unit: 'mm2', prAtOrBelowPct: -50, pdPct: 25, pdInclusive: false, pdMinAbsolute: 0 },
  qeasl: { measure: 'sum of enhancing volumes', unit: 'mL', prAtOrBelowPct: -65, pdPct: 73, pdInclusive: true, pdMinAbsolute: 0 },
  vrecist: { measure: 'sum of total lesion volumes', unit: 'mL', prAtOrBelowPct: -65, pdPct: 73, pdInclusive: true, pdMinAbsolute: 0 },
};

export interface CriterionResult {
  category: Category;
  measure: string;
  unit: string;
  baselineSum: number;
  nadirSum: number;
  sum: number;
  changeFromBaselinePct: number;
  changeFromNadirPct: number;
  /** Percentage points to the nearest category threshold: small values flip with +-1 voxel. */
  marginToThresholdPts: number;
}

export const pctChange = (from: number, to: number): number => (from === 0 ? (to === 0 ? 0 : Infinity) : ((to - from) / from) * 100);

/** `sums`: the sum at every time point so far, baseline first; classifies the last one. */
export function classify(key: CriterionKey, sums: readonly number[]): CriterionResult {
  const rule = RULES[key];
  const baselineSum = sums[0]!;
  const sum = sums[sums.length - 1]!;
  const nadirSum = Math.min(...sums.slice(0, -1));
  const fromBaseline = pctChange(baselineSum, sum);
  const fromNadir = pctChange(nadirSum, sum);
  let category: Category;
  if (sum === 0) category = 'CR';
  else if ((rule.pdInclusive ? fromNadir >= rule.pdPct : fromNadir > rule.pdPct) && sum - nadirSum >= rule.pdMinAbsolute) category = 'PD';
  else if (fromBaseline <= rule.prAtOrBelowPct) category = 'PR';
  else category = 'SD';
  const marginToThresholdPts = Math.min(Math.abs(fromBaseline - rule.prAtOrBelowPct), Math.abs(fromNadir - rule.pdPct));
  return { category, measure: rule.measure, unit: rule.unit, baselineSum, nadirSum, sum, changeFromBaselinePct: fromBaseline, changeFromNadirPct: fromNadir, marginToThresholdPts };
}

/** Per-lesion inputs of the criteria at one time point. */
export interface LesionSizes {
  longestMm: number;
  perpendicularMm: number;
  viableLongestMm: number;
  viablePerpendicularMm: number;
  volumeMl: number;
  enhancingVolumeMl: number;
}

export function sumsFor(key: CriterionKey, lesions: readonly LesionSizes[]): number {
  const total = (f: (l: LesionSizes) => number): number => lesions.reduce((acc, l) => acc + f(l), 0);
  switch (key) {
    case 'recist11': return total((l) => l.longestMm);
    case 'who': return total((l) => l.longestMm * l.perpendicularMm);
    case 'mrecist': return total((l) => l.viableLongestMm);
    case 'easl': return total((l) => l.viableLongestMm * l.viablePerpendicularMm);
    case 'qeasl': return total((l) => l.enhancingVolumeMl);
    case 'vrecist': return total((l) => l.volumeMl);
  }
}

/** "Size increase with loss of enhancement": total volume up > 20 % while the enhancing volume falls. */
export const PSEUDO_PROGRESSION_FLAG = 'size-increase-with-loss-of-enhancement';
export function pseudoProgression(baseline: LesionSizes, current: LesionSizes): boolean {
  return pctChange(baseline.volumeMl, current.volumeMl) > 20 && current.enhancingVolumeMl < baseline.enhancingVolumeMl;
}

import type { Vec3 } from '../../src/core/types/volume';
import { CRITERIA, classify, pseudoProgression, sumsFor, type CriterionKey, type CriterionResult, type LesionSizes } from './criteria';
import { TIME_POINTS, type TimePointKey } from './definitions';
import { t1Grid } from './grids';
import { lesionGeometry, lesionsAt, type LesionGeometryTruth } from './truth-lesion';

/**
 * The expected response of the phantom at one T1 size, from the definitions alone (the label function
 * on the T1 grid and the brute-force geometry of truth-lesion.ts; no DICOM written): what truth.json's
 * categories and margins will be at that size.
 */

export interface DesignAtSize {
  size: Vec3;
  lesions: Record<TimePointKey, LesionSizes[]>;
  criteria: Record<CriterionKey, CriterionResult>;
  /** Lesion numbers flagged "size increase with loss of enhancement" at follow-up. */
  swelling: number[];
}

export const sizesOfGeometry = (g: LesionGeometryTruth): LesionSizes => ({
  longestMm: g.whole.measured?.longestMm ?? 0,
  perpendicularMm: g.whole.measured?.perpendicularMm ?? 0,
  viableLongestMm: g.viable.measured?.longestMm ?? 0,
  viablePerpendicularMm: g.viable.measured?.perpendicularMm ?? 0,
  volumeMl: g.volumeMl,
  enhancingVolumeMl: g.enhancingVolumeMl,
});

export function designAtSize(size: Vec3): DesignAtSize {
  const grid = t1Grid(size);
  const lesions = Object.fromEntries(TIME_POINTS.map((tp) => [tp, lesionsAt(tp).map((l) => sizesOfGeometry(lesionGeometry(tp, grid, l)))])) as Record<TimePointKey, LesionSizes[]>;
  const criteria = Object.fromEntries(CRITERIA.map((key) => [key, classify(key, TIME_POINTS.map((tp) => sumsFor(key, lesions[tp])))])) as Record<CriterionKey, CriterionResult>;
  const swelling = lesionsAt('follow-up').filter((l, n) => pseudoProgression(lesions.baseline[n]!, lesions['follow-up'][n]!)).map((l) => l.n);
  return { size, lesions, criteria, swelling };
}

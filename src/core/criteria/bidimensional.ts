/** Bidimensional criteria: WHO (whole lesion) and EASL (enhancing area), sums of diameter products. */
import { hasDisappeared } from './linear';
import { EASL_PD_INCREASE_PCT, EASL_PR_DECREASE_PCT, WHO_PD_INCREASE_PCT, WHO_PR_DECREASE_PCT } from './thresholds';
import type { CriterionSpec } from './types';

/** Longest x greatest perpendicular diameter; a zero longest diameter needs no perpendicular. */
export function diameterProduct(longestMm: number | null, perpendicularMm: number | null): number | null {
  if (longestMm === 0) return 0;
  if (longestMm === null || perpendicularMm === null) return null;
  return longestMm * perpendicularMm;
}

export const WHO: CriterionSpec = {
  id: 'who',
  name: 'WHO',
  citation: 'Miller et al. 1981',
  quantity: 'product of longest and perpendicular diameters',
  sumName: 'sum of products of diameters',
  unit: 'mm²',
  enhancementBased: false,
  measure: (lesion) => diameterProduct(lesion.longestDiameterMm, lesion.perpendicularDiameterMm),
  goneDescription: 'has disappeared (product 0 mm²)',
  prDecreasePct: WHO_PR_DECREASE_PCT,
  pdIncreasePct: WHO_PD_INCREASE_PCT,
  pdInclusive: false,
  pdMinAbsoluteIncrease: null,
};

export const EASL: CriterionSpec = {
  id: 'easl',
  name: 'EASL',
  citation: 'Bruix et al. 2001',
  quantity: 'enhancing area (product of viable diameters)',
  sumName: 'sum of enhancing areas (viable diameter products)',
  unit: 'mm²',
  enhancementBased: true,
  measure: (lesion) =>
    hasDisappeared(lesion)
      ? 0
      : diameterProduct(lesion.viableLongestDiameterMm, lesion.viablePerpendicularDiameterMm),
  goneDescription: 'shows no enhancement (enhancing area 0 mm²)',
  prDecreasePct: EASL_PR_DECREASE_PCT,
  pdIncreasePct: EASL_PD_INCREASE_PCT,
  pdInclusive: false,
  pdMinAbsoluteIncrease: null,
};

/** One-dimensional criteria: RECIST 1.1 (whole lesion) and mRECIST (viable, arterially enhancing part). */
import {
  MRECIST_PD_INCREASE_PCT,
  MRECIST_PR_DECREASE_PCT,
  RECIST11_PD_INCREASE_PCT,
  RECIST11_PD_MIN_ABSOLUTE_INCREASE_MM,
  RECIST11_PR_DECREASE_PCT,
} from './thresholds';
import type { CriterionSpec, LesionInput } from './types';

/**
 * A lesion whose longest diameter is 0 has disappeared; every other quantity of it is then 0 too,
 * even where it was left unmeasured (there is nothing left to measure).
 */
export function hasDisappeared(lesion: LesionInput): boolean {
  return lesion.longestDiameterMm === 0;
}

export const RECIST11: CriterionSpec = {
  id: 'recist11',
  name: 'RECIST 1.1',
  citation: 'Eisenhauer et al. 2009',
  quantity: 'longest diameter',
  sumName: 'sum of longest diameters',
  unit: 'mm',
  enhancementBased: false,
  measure: (lesion) => lesion.longestDiameterMm,
  goneDescription: 'has disappeared (longest diameter 0 mm)',
  prDecreasePct: RECIST11_PR_DECREASE_PCT,
  pdIncreasePct: RECIST11_PD_INCREASE_PCT,
  pdInclusive: true,
  pdMinAbsoluteIncrease: RECIST11_PD_MIN_ABSOLUTE_INCREASE_MM,
};

export const MRECIST: CriterionSpec = {
  id: 'mrecist',
  name: 'mRECIST',
  citation: 'Lencioni & Llovet 2010',
  quantity: 'viable longest diameter',
  sumName: 'sum of viable (arterially enhancing) longest diameters',
  unit: 'mm',
  enhancementBased: true,
  measure: (lesion) => (hasDisappeared(lesion) ? 0 : lesion.viableLongestDiameterMm),
  goneDescription: 'shows no intratumoral arterial enhancement (viable diameter 0 mm)',
  prDecreasePct: MRECIST_PR_DECREASE_PCT,
  pdIncreasePct: MRECIST_PD_INCREASE_PCT,
  pdInclusive: true,
  pdMinAbsoluteIncrease: null,
};

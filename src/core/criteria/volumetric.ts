/** Volumetric criteria: qEASL (3D enhancing volume) and vRECIST (3D total volume). */
import { hasDisappeared } from './linear';
import { VOLUMETRIC_PD_INCREASE_PCT, VOLUMETRIC_PR_DECREASE_PCT } from './thresholds';
import type { CriterionSpec } from './types';

export const QEASL: CriterionSpec = {
  id: 'qeasl',
  name: 'qEASL',
  citation: 'Lin et al. 2012; Chapiro et al. 2014',
  quantity: 'enhancing volume',
  sumName: 'sum of enhancing volumes',
  unit: 'mL',
  enhancementBased: true,
  // A tumour of volume 0 has no enhancing volume either.
  measure: (lesion) => (hasDisappeared(lesion) || lesion.volumeMl === 0 ? 0 : lesion.enhancingVolumeMl),
  goneDescription: 'has no enhancing volume (0 mL)',
  prDecreasePct: VOLUMETRIC_PR_DECREASE_PCT,
  pdIncreasePct: VOLUMETRIC_PD_INCREASE_PCT,
  pdInclusive: true,
  pdMinAbsoluteIncrease: null,
};

export const VRECIST: CriterionSpec = {
  id: 'vrecist',
  name: 'vRECIST',
  citation: 'Tacher et al. 2016',
  quantity: 'total volume',
  sumName: 'sum of total volumes',
  unit: 'mL',
  enhancementBased: false,
  measure: (lesion) => (hasDisappeared(lesion) ? 0 : lesion.volumeMl),
  goneDescription: 'has disappeared (volume 0 mL)',
  prDecreasePct: VOLUMETRIC_PR_DECREASE_PCT,
  pdIncreasePct: VOLUMETRIC_PD_INCREASE_PCT,
  pdInclusive: true,
  pdMinAbsoluteIncrease: null,
};

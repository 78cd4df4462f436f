/** Builders for the criteria tests: every measurement null unless given. */
import { assessResponse } from './assess';
import type { CriterionId, CriterionResult, LesionInput, TimePointInput } from './types';

export function lesion(label: string, values: Partial<Omit<LesionInput, 'label'>> = {}): LesionInput {
  return {
    label,
    longestDiameterMm: null,
    perpendicularDiameterMm: null,
    viableLongestDiameterMm: null,
    viablePerpendicularDiameterMm: null,
    volumeMl: null,
    enhancingVolumeMl: null,
    adcMeanMm2s: null,
    t1HyperintenseFraction: null,
    ...values,
  };
}

/** A fully enhancing lesion: viable diameters equal the whole ones. */
export function enhancing(label: string, longestMm: number, perpendicularMm = longestMm): LesionInput {
  return lesion(label, {
    longestDiameterMm: longestMm,
    perpendicularDiameterMm: perpendicularMm,
    viableLongestDiameterMm: longestMm,
    viablePerpendicularDiameterMm: perpendicularMm,
  });
}

export function tp(lesions: LesionInput[], extra: Omit<TimePointInput, 'lesions'> = {}): TimePointInput {
  return { lesions, ...extra };
}

/** Result of one criterion at the single follow-up of a baseline/follow-up pair. */
export function assessPair(
  id: CriterionId,
  baseline: LesionInput[],
  followUp: LesionInput[],
  extra: Omit<TimePointInput, 'lesions'> = {},
): CriterionResult {
  const [response] = assessResponse([tp(baseline), tp(followUp, extra)]);
  if (!response) throw new Error('assessResponse returned no follow-up');
  return response.criteria[id];
}

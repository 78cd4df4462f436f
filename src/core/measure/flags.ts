/**
 * Lesion flags of measurements.json: stable kebab-case codes, optionally followed by ": <reason>".
 * Exports and panels match on the code (text before the colon) and may show the reason.
 * A flag explains every null and every deviation from the configured method.
 */
import type { ResponseFlagCode } from '../criteria/types';

export const LESION_FLAG = {
  /** No tumour mask at this time point: every figure is null. */
  tumourNotDrawn: 'tumour-not-drawn',
  /** A tumour mask with no voxel. */
  tumourEmpty: 'tumour-empty',
  /** The enhancing part was drawn by the user (overrides the automatic method). */
  enhancingUserDrawn: 'enhancing-user-drawn',
  /** Voxels of the user-drawn enhancing part outside the tumour (ignored). */
  enhancingOutsideTumour: 'enhancing-drawn-outside-tumour',
  /** No automatic split: pre-contrast or arterial series missing, or the reference method lacks a liver reference. */
  enhancementUnavailable: 'enhancement-unavailable',
  /** Tumour voxels with S_pre <= 0 in the relative method (classified by the limit; suspect data). */
  nonPositivePre: 'non-positive-pre-contrast',
  /** No liver reference ROI: ratios and T1 hyperintensity are unknown. */
  noLiverReference: 'no-liver-reference',
  /** The hyperintensity rule could not be applied (e.g. a one-voxel reference has no SD). */
  t1HyperintensityUnavailable: 't1-hyperintensity-unavailable',
  /** The tumour maps to no voxel of a series (outside its field of view): that series' figures are null. */
  outsideFieldOfView: 'tumour-outside-field-of-view',
  noPreContrast: 'no-pre-contrast-series',
  noT2: 'no-t2-series',
  /** Neither an ADC map nor a DWI series with two b-values. */
  noAdc: 'no-adc-series',
  /** The preferred ADC source was missing; the other one was used. */
  adcFromFit: 'adc-from-fit',
  adcFromMap: 'adc-from-map',
  /** ADC source present but unusable (unit not detectable, fewer than two voxels of the ROI on its grid...). */
  adcUnavailable: 'adc-unavailable',
  adcT1HyperintenseExcluded: 'adc-t1-hyperintense-excluded',
  /** Exclusion asked for, but hyperintensity is unknown: ADC over all ROI voxels. */
  adcExclusionNotApplied: 'adc-t1-hyperintense-exclusion-not-applied',
} as const;

/**
 * Response flags of criteria/flags.ts that concern one lesion, as lesion flag codes.
 * 'size-increase-with-loss-of-enhancement' is the wording of CLINICAL.md ("possible necrotic swelling").
 */
export const RESPONSE_FLAG_CODES: Readonly<Record<Exclude<ResponseFlagCode, 'sizeEnhancementDisagreement'>, string>> = {
  necroticSwelling: 'size-increase-with-loss-of-enhancement',
  adcHaemorrhage: 'adc-possibly-confounded-by-haemorrhage',
  adcRise: 'adc-rise-from-baseline',
};

export const withReason = (code: string, reason: string): string => `${code}: ${reason}`;

/** The code part of a flag. */
export const flagCode = (flag: string): string => {
  const colon = flag.indexOf(':');
  return colon < 0 ? flag : flag.slice(0, colon);
};

/**
 * document.method: the configuration, how each figure is defined, and what was actually done per
 * time point and lesion (split record with its cut-off, ADC source and unit, hyperintensity
 * threshold). JSON-friendly: no typed arrays.
 */
import { DEFAULT_HISTOGRAM_BINS, type EnhancementMethodRecord } from '../kernels';
import type { MeasureConfig } from './config';
import type { AdcRecord, LesionMethodRecord, T1HyperintensityRecord, TimePointResult } from './inputs';
import type { MeasurementMethod } from './types';

/** Definitions of every reported figure (what a reader of the export needs to reproduce it). */
export const FIGURE_DEFINITIONS = {
  masks: 'ROIs are voxel masks on the grid they were drawn on (usually the arterial phase)',
  maskMapping: 'a mask is applied to another series through patient (LPS) coordinates: each voxel of that series takes the drawn voxel containing its centre (nearest voxel centre), never by index',
  volumes: 'voxel count on the drawing grid x voxel volume (mL); necrotic = tumour voxels not enhancing; enhancingFraction = enhancing / tumour voxels',
  enhancement: 'automatic split on pre-contrast and arterial values at the drawing grid voxel centres; a user-drawn enhancing layer (intersected with the tumour) overrides it',
  diameters: 'longest in-plane chord staying inside the mask (edge to edge of the voxels), largest over the slices of the drawing grid, and the greatest chord perpendicular to it on that slice (mm); viable = the same on the enhancing voxels, 0 when none enhance',
  ratios: 'mean tumour signal / mean liver-reference signal on the same series (tumour voxels removed from the reference); T1 = pre-contrast series',
  t1HyperintenseFraction: 'tumour voxels above the hyperintensity threshold of the pre-contrast series / tumour voxels',
  adc: 'statistics of ADC (mm^2/s) over the tumour mapped onto the ADC/DWI grid: mean, sample SD (n - 1), percentiles R-7 (linear between order statistics)',
  intensityHistogramBins: DEFAULT_HISTOGRAM_BINS,
} as const;

export interface LesionMethodSummary {
  label: string;
  enhancement: EnhancementMethodRecord | null;
  t1Hyperintensity: T1HyperintensityRecord | null;
  adc: Omit<AdcRecord, 'histogram'> | null;
  mappedRoles: string[];
}

export interface TimePointMethodSummary {
  timePoint: number;
  lesions: LesionMethodSummary[];
}

export function buildMethod(config: MeasureConfig, timePoints: readonly TimePointResult[]): MeasurementMethod {
  const perTimePoint: TimePointMethodSummary[] = timePoints.map((tp, timePoint) => ({
    timePoint,
    lesions: tp.lesions.map((l) => summary(l.measurement.label, l.method)),
  }));
  const sources = new Set(timePoints.flatMap((tp) => tp.lesions.flatMap((l) => (l.method.adc ? [l.method.adc.source] : []))));
  return {
    enhancement: { ...config.enhancement, userDrawnOverrides: true },
    // The source actually used; null when no lesion has an ADC or sources differ (see timePoints[].lesions[].adc).
    adcSource: sources.size === 1 ? [...sources][0]! : null,
    adcSourcePreference: config.adcSource,
    adcFitMinBValueSmm2: config.adcFitMinBValueSmm2,
    excludeT1HyperintenseFromAdc: config.excludeT1HyperintenseFromAdc,
    t1Hyperintensity: config.t1Hyperintensity,
    definitions: FIGURE_DEFINITIONS,
    timePoints: perTimePoint,
  };
}

function summary(label: string, m: LesionMethodRecord): LesionMethodSummary {
  let adc: LesionMethodSummary['adc'] = null;
  if (m.adc) {
    const { histogram: _histogram, ...rest } = m.adc;
    adc = rest;
  }
  return { label, enhancement: m.enhancement, t1Hyperintensity: m.t1Hyperintensity, adc, mappedRoles: m.mappedRoles };
}

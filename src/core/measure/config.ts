/**
 * The method a measurement run uses: one object, validated once, copied into measurements.json
 * (document.method) so every figure can be traced to its method and parameters.
 */
import { HccError } from '../errors';
import {
  DEFAULT_ADC_MIN_BVALUE_SMM2,
  DEFAULT_ENHANCEMENT_METHOD,
  DEFAULT_T1_HYPERINTENSITY_RULE,
  type EnhancementMethod,
  type T1HyperintensityRule,
} from '../kernels';

export type AdcSourcePreference = 'map' | 'fit';

export interface MeasureConfig {
  /** Automatic enhancing / necrotic split (a user-drawn enhancing layer always overrides it). */
  enhancement: EnhancementMethod;
  /**
   * Where ADC comes from when both are possible: the scanner's ADC map, or a mono-exponential fit
   * of the DWI b-values. When the preferred source is missing the other one is used and the lesion
   * carries a flag saying so.
   */
  adcSource: AdcSourcePreference;
  /** Leave T1-hyperintense (haemorrhagic) tumour voxels out of the ADC statistics. */
  excludeT1HyperintenseFromAdc: boolean;
  /** Lowest b-value of the ADC fit (perfusion suppression, see kernels/adc-fit.ts). */
  adcFitMinBValueSmm2: number;
  /** When a tumour voxel counts as T1-hyperintense relative to the liver reference. */
  t1Hyperintensity: T1HyperintensityRule;
}

/** Scanner maps are what radiologists read and what other software reports, so the map is preferred. */
export const DEFAULT_MEASURE_CONFIG: Readonly<MeasureConfig> = {
  enhancement: DEFAULT_ENHANCEMENT_METHOD,
  adcSource: 'map',
  excludeT1HyperintenseFromAdc: false,
  adcFitMinBValueSmm2: DEFAULT_ADC_MIN_BVALUE_SMM2,
  t1Hyperintensity: DEFAULT_T1_HYPERINTENSITY_RULE,
};

/** Fills defaults and rejects impossible parameters up front (INVALID_INPUT), before any voxel is read. */
export function resolveMeasureConfig(partial: Partial<MeasureConfig> = {}): MeasureConfig {
  const config: MeasureConfig = {
    enhancement: partial.enhancement ?? DEFAULT_MEASURE_CONFIG.enhancement,
    adcSource: partial.adcSource ?? DEFAULT_MEASURE_CONFIG.adcSource,
    excludeT1HyperintenseFromAdc: partial.excludeT1HyperintenseFromAdc ?? DEFAULT_MEASURE_CONFIG.excludeT1HyperintenseFromAdc,
    adcFitMinBValueSmm2: partial.adcFitMinBValueSmm2 ?? DEFAULT_MEASURE_CONFIG.adcFitMinBValueSmm2,
    t1Hyperintensity: partial.t1Hyperintensity ?? DEFAULT_MEASURE_CONFIG.t1Hyperintensity,
  };
  const e = config.enhancement;
  if (e.kind === 'relative-threshold') {
    if (!Number.isFinite(e.threshold)) invalid(`relative enhancement threshold must be finite, got ${e.threshold}`);
  } else if (e.kind === 'reference-mean-sd' || e.kind === 'reference-mode-local-sd') {
    if (!(e.sdMultiplier >= 0)) invalid(`sdMultiplier must be >= 0, got ${e.sdMultiplier}`);
  } else {
    invalid(`unknown enhancement method ${JSON.stringify(e)}`);
  }
  if (config.adcSource !== 'map' && config.adcSource !== 'fit') invalid(`adcSource must be 'map' or 'fit', got ${String(config.adcSource)}`);
  if (!(config.adcFitMinBValueSmm2 >= 0)) invalid(`adcFitMinBValueSmm2 must be >= 0, got ${config.adcFitMinBValueSmm2}`);
  const r = config.t1Hyperintensity;
  if (r.kind === 'mean-plus-k-sd' ? !(r.k >= 0) : !(r.factor > 0)) invalid(`invalid T1 hyperintensity rule ${JSON.stringify(r)}`);
  return config;
}

function invalid(message: string): never {
  throw new HccError('INVALID_INPUT', message);
}

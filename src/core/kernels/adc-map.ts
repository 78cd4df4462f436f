import { HccError } from '../errors';
import type { Mask3D, Vec3, Volume3D } from '../types/volume';
import { resolveBox, type IjkBox } from './bounding-box';
import { assertDataLength, assertSameGrid } from './grid-check';
import { percentilesInPlace } from './percentiles';

/** How a scanner stored its ADC map (after rescale slope/intercept). */
export type AdcStorageUnit = 'mm2/s' | '1e-3 mm2/s' | '1e-6 mm2/s';

export const ADC_SCALE_TO_MM2S: Readonly<Record<AdcStorageUnit, number>> = {
  'mm2/s': 1,
  '1e-3 mm2/s': 1e-3,
  '1e-6 mm2/s': 1e-6,
};

/**
 * Detection bounds on the median of the positive stored values. Tissue ADC lies within about
 * 5e-5 .. 5e-3 mm^2/s (bone marrow ~4e-4, liver 1.0-1.5e-3, free water at 37 C 3e-3), i.e.
 * 0.05 .. 5 in 1e-3 units and 50 .. 5000 in 1e-6 units. The bounds sit in the decade-wide gaps
 * between those ranges (near their geometric midpoints 0.016 and 16).
 */
export const ADC_DETECTION_BOUNDS = {
  /** median < 0.02: floats in mm^2/s */
  mm2sBelow: 0.02,
  /** 0.02 <= median < 20: 1e-3 mm^2/s (um^2/ms) */
  milliBelow: 20,
  /** 20 <= median < 20000: 1e-6 mm^2/s (um^2/s, the common integer storage); above: refused */
  microBelow: 20000,
} as const;

/** Whole-map detection looks at no more than this many voxels (an even stride over the grid). */
const MAX_DETECTION_SAMPLES = 65536;

export interface DetectAdcUnitParams {
  adcMap: Volume3D;
  /** Tissue mask on the map's grid (ROI or liver): makes detection immune to background noise. */
  mask?: Mask3D | null;
  box?: IjkBox;
}

export interface DetectAdcUnitResult {
  unit: AdcStorageUnit;
  scaleToMm2s: number;
  /** Median of the positive finite stored values the decision used. */
  medianPositiveStored: number;
  sampleVoxels: number;
}

/**
 * Detects the storage unit of an ADC map from the median of its positive values (zeros are
 * background/masked out by the scanner and tell nothing); see ADC_DETECTION_BOUNDS.
 * Throws INVALID_INPUT when there is no positive value or the median fits no convention.
 */
export function detectAdcUnit(params: DetectAdcUnitParams): DetectAdcUnitResult {
  const { adcMap, mask } = params;
  assertDataLength(adcMap, 'ADC map');
  const d = adcMap.data;
  let sample: Float64Array;
  let n = 0;
  if (mask || params.box) {
    if (mask) assertSameGrid(adcMap, mask, 'ADC unit-detection mask');
    const box = mask ? resolveBox(mask, params.box) : params.box!;
    sample = new Float64Array(box ? (box.max[0] - box.min[0] + 1) * (box.max[1] - box.min[1] + 1) * (box.max[2] - box.min[2] + 1) : 0);
    if (box) {
      const nx = adcMap.dims[0];
      const nxy = nx * adcMap.dims[1];
      for (let k: number = box.min[2]; k <= box.max[2]; k++) {
        for (let j: number = box.min[1]; j <= box.max[1]; j++) {
          for (let i: number = box.min[0]; i <= box.max[0]; i++) {
            const idx = i + j * nx + k * nxy;
            if (mask && mask.data[idx] === 0) continue;
            const v = d[idx]!;
            if (v > 0 && Number.isFinite(v)) sample[n++] = v;
          }
        }
      }
    }
  } else {
    const stride = Math.max(1, Math.ceil(d.length / MAX_DETECTION_SAMPLES));
    sample = new Float64Array(Math.ceil(d.length / stride));
    for (let idx = 0; idx < d.length; idx += stride) {
      const v = d[idx]!;
      if (v > 0 && Number.isFinite(v)) sample[n++] = v;
    }
  }
  if (n === 0) throw new HccError('INVALID_INPUT', 'ADC map has no positive value in the region used for unit detection');
  const median = percentilesInPlace({ values: sample.subarray(0, n), percentiles: [50] }).values[0]!;
  let unit: AdcStorageUnit;
  if (median < ADC_DETECTION_BOUNDS.mm2sBelow) unit = 'mm2/s';
  else if (median < ADC_DETECTION_BOUNDS.milliBelow) unit = '1e-3 mm2/s';
  else if (median < ADC_DETECTION_BOUNDS.microBelow) unit = '1e-6 mm2/s';
  else throw new HccError('INVALID_INPUT', `ADC map median positive value ${median} fits no known storage unit (mm2/s, 1e-3 mm2/s, 1e-6 mm2/s)`);
  return { unit, scaleToMm2s: ADC_SCALE_TO_MM2S[unit], medianPositiveStored: median, sampleVoxels: n };
}

export interface AdcMapToMm2sParams extends DetectAdcUnitParams {
  /** Known storage unit (e.g. from the vendor's documentation); skips detection when given. */
  declaredUnit?: AdcStorageUnit;
}

export interface AdcMapToMm2sResult {
  /** The whole map in mm^2/s as float32 (DWI grids are small; ROI statistics do not need this copy, see adc.ts). */
  adcMm2s: Volume3D<Float32Array>;
  unit: AdcStorageUnit;
  unitSource: 'declared' | 'detected';
  /** Detection details; null when the unit was declared. */
  detection: DetectAdcUnitResult | null;
}

/** Reads a scanner ADC map into mm^2/s, with its storage unit detected (or declared) and reported. */
export function adcMapToMm2s(params: AdcMapToMm2sParams): AdcMapToMm2sResult {
  const detection = params.declaredUnit ? null : detectAdcUnit(params);
  const unit = params.declaredUnit ?? detection!.unit;
  const scale = ADC_SCALE_TO_MM2S[unit];
  const src = params.adcMap.data;
  const out = new Float32Array(src.length);
  for (let idx = 0; idx < src.length; idx++) out[idx] = src[idx]! * scale;
  const g = params.adcMap;
  return {
    adcMm2s: {
      dims: [...g.dims] as Vec3,
      spacingMm: [...g.spacingMm] as Vec3,
      originLps: [...g.originLps] as Vec3,
      direction: [...g.direction] as Volume3D['direction'],
      data: out,
    },
    unit,
    unitSource: params.declaredUnit ? 'declared' : 'detected',
    detection,
  };
}

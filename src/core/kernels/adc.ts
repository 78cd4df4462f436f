import type { Mask3D, Volume3D } from '../types/volume';
import type { IjkBox } from './bounding-box';
import { maskedValues, sampleScratch, sampleStats, type HistogramSpec } from './intensity-stats';
import { ADC_SCALE_TO_MM2S, type AdcStorageUnit } from './adc-map';

export interface AdcStatsParams {
  /** A scanner ADC map as stored, or the output of fitAdc ('mm2/s'). */
  adc: Volume3D;
  /** Storage unit of `adc` (from detectAdcUnit, a declaration, or 'mm2/s' for a fit). */
  unit: AdcStorageUnit;
  /** ROI on the ADC grid (map an arterial-phase mask with geometry/map-mask first). */
  mask: Mask3D;
  box?: IjkBox;
  /** Optional voxels to exclude, e.g. the T1-hyperintense (haemorrhagic) mask mapped to the ADC grid. */
  exclude?: Mask3D | null;
  /** Histogram bins and range; a range is given in mm^2/s. */
  histogram?: HistogramSpec;
}

export interface AdcHistogram {
  edgesMm2s: Float64Array;
  counts: Uint32Array;
  belowRange: number;
  aboveRange: number;
}

export interface AdcStatsResult {
  /** Voxels the statistics use (in the mask, not excluded, finite). */
  voxels: number;
  maskVoxels: number;
  excludedVoxels: number;
  nonFiniteVoxels: number;
  meanMm2s: number | null;
  /** Sample SD (n - 1). */
  sdMm2s: number | null;
  minMm2s: number | null;
  maxMm2s: number | null;
  /** Percentiles: R-7 / NumPy-linear definition (percentiles.ts). */
  medianMm2s: number | null;
  p10Mm2s: number | null;
  p25Mm2s: number | null;
  p75Mm2s: number | null;
  p90Mm2s: number | null;
  histogram: AdcHistogram | null;
  /** Unit the map was stored in (what was converted from). */
  storedUnit: AdcStorageUnit;
}

/** ADC statistics over an ROI in mm^2/s, optionally without T1-hyperintense voxels. */
export function adcStats(params: AdcStatsParams): AdcStatsResult {
  // Converted as copied, so every statistic and a histogram range are in mm^2/s.
  const sel = maskedValues({
    volume: params.adc,
    mask: params.mask,
    ...(params.box ? { box: params.box } : {}),
    exclude: params.exclude ?? null,
    scale: ADC_SCALE_TO_MM2S[params.unit],
    into: sampleScratch(params.mask, params.box),
  });
  const s = sampleStats({ values: sel.values, moments: sel.moments, ...(params.histogram ? { histogram: params.histogram } : {}) });
  return {
    voxels: s.count,
    maskVoxels: sel.maskVoxels,
    excludedVoxels: sel.excludedVoxels,
    nonFiniteVoxels: sel.nonFiniteVoxels,
    meanMm2s: s.mean,
    sdMm2s: s.sd,
    minMm2s: s.min,
    maxMm2s: s.max,
    medianMm2s: s.median,
    p10Mm2s: s.p10,
    p25Mm2s: s.p25,
    p75Mm2s: s.p75,
    p90Mm2s: s.p90,
    histogram: s.histogram
      ? { edgesMm2s: s.histogram.edges, counts: s.histogram.counts, belowRange: s.histogram.belowRange, aboveRange: s.histogram.aboveRange }
      : null,
    storedUnit: params.unit,
  };
}

/**
 * Inputs and per-lesion results of the measurement orchestration. Plain data only (typed arrays
 * and objects), so the same objects cross comlink to a worker and back.
 */
import type { AdcStorageUnit, DetectAdcUnitResult, EnhancementMethodRecord, Histogram, IjkBox, T1HyperintensityRule } from '../kernels';
import type { TimePointRois } from '../roi/types';
import type { Mask3D, Volume3D } from '../types/volume';
import type { MeasureConfig } from './config';
import type { LesionMeasurement, TimePointSeries } from './types';

/** One DWI volume of a series split by b-value. */
export interface DwiVolume<V = Volume3D> {
  bValueSmm2: number;
  volume: V;
}

/**
 * The series of one time point, by the role they play in the measurement (null: not acquired / not
 * chosen). `V` is Volume3D for the orchestration; the compute client also takes per-slice sources.
 */
export interface RoleVolumes<V = Volume3D> {
  pre: V | null;
  arterial: V | null;
  portalVenous: V | null;
  delayed: V | null;
  t2: V | null;
  /** All b-values of one DWI series (one grid), any order. */
  dwi: readonly DwiVolume<V>[];
  /** Scanner ADC map as stored (rescale applied); its unit is detected unless declared. */
  adcMap: V | null;
  /** Storage unit of the ADC map when known from the vendor (skips detection). */
  adcMapUnit?: AdcStorageUnit | null;
}

/** The single-series roles whose intensity statistics are reported per lesion. */
export type IntensityRole = 'pre' | 'arterial' | 'portalVenous' | 'delayed' | 't2';
export const INTENSITY_ROLES: readonly IntensityRole[] = ['pre', 'arterial', 'portalVenous', 'delayed', 't2'];

/** Bounding boxes of the masks on their own grid, when the caller already knows them (saves a scan). */
export interface MaskBoxes {
  tumour?: IjkBox | null;
  enhancing?: IjkBox | null;
  liverReference?: IjkBox | null;
}

/** Everything one lesion's measurement at one time point needs. */
export interface LesionMeasureInput<V = Volume3D> {
  /** `Lesion <n>`. */
  label: string;
  target: boolean;
  volumes: RoleVolumes<V>;
  /** Whole tumour on the grid it was drawn on (usually the arterial phase); null: not drawn. */
  tumour: Mask3D | null;
  /** User-drawn enhancing part on the same grid as the tumour; null: derive it automatically. */
  enhancing: Mask3D | null;
  /** Non-tumorous liver on the same grid as the tumour; null: ratios and reference methods are unknown. */
  liverReference: Mask3D | null;
  boxes?: MaskBoxes;
  config: MeasureConfig;
  /** Return the enhancing mask (on the tumour's grid) for overlays. */
  includeEnhancingMask?: boolean;
}

/** Intensity statistics of one series within the tumour (the series' own units and voxels). */
export interface IntensitySummary {
  /** Tumour voxels on this series' grid (after mapping) with a finite value. */
  voxels: number;
  meanSignal: number | null;
  sdSignal: number | null;
  minSignal: number | null;
  maxSignal: number | null;
  medianSignal: number | null;
  p10Signal: number | null;
  p25Signal: number | null;
  p75Signal: number | null;
  p90Signal: number | null;
  histogram: Histogram | null;
}

export interface T1HyperintensityRecord {
  rule: T1HyperintensityRule;
  thresholdSignal: number;
  liverMeanSignal: number;
  liverSdSignal: number | null;
  liverVoxels: number;
}

export interface AdcRecord {
  source: 'map' | 'fit';
  /** How the map's storage unit was known ('fit': the fit is in mm^2/s by construction). */
  unitSource: 'declared' | 'detected' | 'fit';
  storedUnit: AdcStorageUnit;
  detection: DetectAdcUnitResult | null;
  /** Fit only: b-values used, and whether the perfusion-suppressing minimum b could be applied. */
  usedBValuesSmm2: number[] | null;
  perfusionSuppressed: boolean | null;
  /** T1-hyperintense voxels were left out (config.excludeT1HyperintenseFromAdc and a hyperintensity result). */
  t1HyperintenseExcluded: boolean;
  /** ROI voxels on the ADC grid, how many were excluded, and how many had no finite value. */
  maskVoxels: number;
  excludedVoxels: number;
  nonFiniteVoxels: number;
  histogram: { edgesMm2s: Float64Array; counts: Uint32Array } | null;
}

/** How each figure of one lesion was obtained (goes to document.method). */
export interface LesionMethodRecord {
  enhancement: EnhancementMethodRecord | null;
  t1Hyperintensity: T1HyperintensityRecord | null;
  adc: AdcRecord | null;
  /** Roles whose grid differs from the drawing grid: the masks were mapped to them through patient coordinates. */
  mappedRoles: string[];
}

export interface LesionResult {
  measurement: LesionMeasurement;
  method: LesionMethodRecord;
  /** Per series role; null when the series is missing or the tumour misses its grid. */
  intensity: Record<IntensityRole, IntensitySummary | null>;
  /**
   * The enhancing voxels, when asked for (includeEnhancingMask) and known, on the grid the lesion was
   * measured on: through the compute client that is the crop around the lesion, whose origin places it.
   */
  enhancingMask: Mask3D | null;
}

/** One time point as the orchestration sees it. */
export interface TimePointMeasureInput<V = Volume3D> {
  studyInstanceUid: string;
  /** YYYY-MM-DD */
  studyDate: string;
  label: string;
  series: TimePointSeries;
  volumes: RoleVolumes<V>;
  rois: TimePointRois;
}

/** Result of one time point: the lesions in ROI order plus what the response assessment needs. */
export interface TimePointResult {
  studyInstanceUid: string;
  studyDate: string;
  label: string;
  series: TimePointSeries;
  lesions: LesionResult[];
  /** Organ of each lesion (target selection: at most two per organ), same order as lesions. */
  organs: string[];
  nonTargetStatus: TimePointRois['nonTargetStatus'];
  newLesion: boolean;
}

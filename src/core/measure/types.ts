/**
 * measurements.json (schema hcc-response/measurements@1, DESIGN.md): what the app and the CLI
 * produce and every export reads. Unknown values are null, never missing and never made up.
 */
import type { CriterionId, ResponseCategory } from '../criteria/types';

export const MEASUREMENTS_SCHEMA = 'hcc-response/measurements@1';

export interface AdcSummary {
  meanMm2s: number;
  medianMm2s: number;
  sdMm2s: number;
  p10Mm2s: number;
  p25Mm2s: number;
  p75Mm2s: number;
  p90Mm2s: number;
  /** Voxels of the ROI on the ADC grid that were used. */
  voxels: number;
}

export interface LesionMeasurement {
  label: string;
  target: boolean;
  volumeMl: number | null;
  enhancingVolumeMl: number | null;
  necroticVolumeMl: number | null;
  enhancingFraction: number | null;
  longestDiameterMm: number | null;
  perpendicularDiameterMm: number | null;
  viableLongestDiameterMm: number | null;
  viablePerpendicularDiameterMm: number | null;
  adc: AdcSummary | null;
  t1RatioToLiver: number | null;
  t2RatioToLiver: number | null;
  t1HyperintenseFraction: number | null;
  flags: string[];
}

export interface TimePointSeries {
  pre: string | null;
  arterial: string | null;
  portalVenous: string | null;
  delayed: string | null;
  t2: string | null;
  dwi: string | null;
  adc: string | null;
}

export interface TimePointMeasurements {
  studyInstanceUid: string;
  /** YYYY-MM-DD */
  studyDate: string;
  label: string;
  series: TimePointSeries;
  lesions: LesionMeasurement[];
}

export interface CriterionSummary {
  category: ResponseCategory;
  sum: number | null;
  changeFromBaselinePct: number | null;
  changeFromNadirPct: number | null;
  reasons: string[];
}

export interface TimePointResponseSummary {
  timePoint: number;
  vsBaseline: number;
  /** Time point of the RECIST 1.1 nadir; null when no complete sum exists to take it from. */
  vsNadir: number | null;
  criteria: Record<CriterionId, CriterionSummary>;
  adcChangePct: number | null;
  flags: string[];
}

export interface MeasurementMethod {
  enhancement: Record<string, unknown>;
  adcSource: 'map' | 'fit' | null;
  [key: string]: unknown;
}

export interface MeasurementsDocument {
  schema: typeof MEASUREMENTS_SCHEMA;
  generator: { name: string; version: string };
  method: MeasurementMethod;
  timePoints: TimePointMeasurements[];
  response: TimePointResponseSummary[];
}

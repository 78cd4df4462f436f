/**
 * measurements.json from measured time points: lesions as measured, the response of every
 * follow-up by all criteria (criteria/assessResponse), and the per-lesion response flags copied
 * onto the lesions they concern.
 */
import { assessResponse } from '../criteria';
import type { AssessOptions, LesionInput, TimePointInput, TimePointResponse } from '../criteria/types';
import { HccError } from '../errors';
import type { MeasureConfig } from './config';
import { RESPONSE_FLAG_CODES } from './flags';
import type { TimePointResult } from './inputs';
import { buildMethod } from './method';
import { MEASUREMENTS_SCHEMA, type LesionMeasurement, type MeasurementsDocument, type TimePointResponseSummary } from './types';

export interface DocumentParams {
  generator: { name: string; version: string };
  config: MeasureConfig;
  /** Baseline first, then follow-ups in time order. */
  timePoints: readonly TimePointResult[];
  assess?: AssessOptions;
}

export function buildMeasurementsDocument(p: DocumentParams): MeasurementsDocument {
  const response = assessResponse(p.timePoints.map(criteriaInput), p.assess ?? {});
  // Copies: the lesion results stay as measured; the document adds the response flags.
  const timePoints = p.timePoints.map((tp) => ({
    studyInstanceUid: tp.studyInstanceUid,
    studyDate: tp.studyDate,
    label: tp.label,
    series: { ...tp.series },
    lesions: tp.lesions.map((l): LesionMeasurement => ({ ...l.measurement, flags: [...l.measurement.flags] })),
  }));
  for (const r of response) {
    const lesions = timePoints[r.timePoint]!.lesions;
    for (const f of r.flagDetails) {
      if (f.lesion === null || f.code === 'sizeEnhancementDisagreement') continue;
      const lesion = lesions.find((l) => l.label === f.lesion);
      const code = RESPONSE_FLAG_CODES[f.code];
      if (lesion && !lesion.flags.includes(code)) lesion.flags.push(code);
    }
  }
  return {
    schema: MEASUREMENTS_SCHEMA,
    generator: { ...p.generator },
    method: buildMethod(p.config, p.timePoints),
    timePoints,
    response: response.map(summary),
  };
}

/** What the criteria read of a time point (null stays null: unknown is never turned into 0). */
export function criteriaInput(tp: TimePointResult): TimePointInput {
  if (tp.organs.length !== tp.lesions.length) throw new HccError('INVALID_INPUT', `${tp.label}: one organ per lesion expected`);
  return {
    label: tp.label,
    nonTargetStatus: tp.nonTargetStatus,
    newLesion: tp.newLesion,
    lesions: tp.lesions.map(({ measurement: m }, n): LesionInput => ({
      label: m.label,
      target: m.target,
      organ: tp.organs[n]!,
      longestDiameterMm: m.longestDiameterMm,
      perpendicularDiameterMm: m.perpendicularDiameterMm,
      viableLongestDiameterMm: m.viableLongestDiameterMm,
      viablePerpendicularDiameterMm: m.viablePerpendicularDiameterMm,
      volumeMl: m.volumeMl,
      enhancingVolumeMl: m.enhancingVolumeMl,
      adcMeanMm2s: m.adc?.meanMm2s ?? null,
      t1HyperintenseFraction: m.t1HyperintenseFraction,
    })),
  };
}

function summary(r: TimePointResponse): TimePointResponseSummary {
  const criteria = Object.fromEntries(
    Object.entries(r.criteria).map(([id, c]) => [
      id,
      { category: c.category, sum: c.sum, changeFromBaselinePct: c.changeFromBaselinePct, changeFromNadirPct: c.changeFromNadirPct, reasons: [...c.reasons] },
    ]),
  ) as TimePointResponseSummary['criteria'];
  return { timePoint: r.timePoint, vsBaseline: r.vsBaseline, vsNadir: r.vsNadir, criteria, adcChangePct: r.adcChangePct, flags: [...r.flags] };
}

/**
 * measurements.json exactly as DESIGN.md: keys in the documented order, nulls kept, nothing added.
 * Free-form records (method parameters) are written with sorted keys so the same document always gives
 * the same bytes.
 */
import { HccError } from '../errors';
import { CRITERION_IDS } from '../criteria/types';
import type {
  AdcSummary,
  CriterionSummary,
  LesionMeasurement,
  MeasurementMethod,
  MeasurementsDocument,
  TimePointMeasurements,
  TimePointResponseSummary,
} from '../measure/types';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function finite(value: number | null, path: string): number | null {
  if (value !== null && !Number.isFinite(value)) throw new HccError('INVALID_INPUT', `${path} is ${value}: JSON cannot hold it`);
  return value;
}

/** Any JSON-able value with object keys sorted at every depth; throws on undefined, functions, non-finite numbers. */
export function sortedJson(value: unknown, path = 'value'): Json {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return value;
  if (typeof value === 'number') return finite(value, path);
  if (Array.isArray(value)) return value.map((v, i) => sortedJson(v, `${path}[${i}]`));
  if (typeof value === 'object') {
    const out: { [key: string]: Json } = {};
    for (const key of Object.keys(value).sort()) out[key] = sortedJson((value as Record<string, unknown>)[key], `${path}.${key}`);
    return out;
  }
  throw new HccError('INVALID_INPUT', `${path} is ${typeof value}: JSON cannot hold it`);
}

/** The method record in canonical form (also written into the SR as algorithm parameters). */
export function orderedMethod(method: MeasurementMethod): Json {
  const { enhancement, adcSource, ...rest } = method;
  const extra = sortedJson(rest, 'method') as { [key: string]: Json };
  return { enhancement: sortedJson(enhancement, 'method.enhancement'), adcSource, ...extra };
}

function orderedAdc(adc: AdcSummary | null, path: string): Json {
  if (adc === null) return null;
  const n = (v: number, key: string): number | null => finite(v, `${path}.${key}`);
  return {
    meanMm2s: n(adc.meanMm2s, 'meanMm2s'),
    medianMm2s: n(adc.medianMm2s, 'medianMm2s'),
    sdMm2s: n(adc.sdMm2s, 'sdMm2s'),
    p10Mm2s: n(adc.p10Mm2s, 'p10Mm2s'),
    p25Mm2s: n(adc.p25Mm2s, 'p25Mm2s'),
    p75Mm2s: n(adc.p75Mm2s, 'p75Mm2s'),
    p90Mm2s: n(adc.p90Mm2s, 'p90Mm2s'),
    voxels: n(adc.voxels, 'voxels'),
  };
}

function orderedLesion(l: LesionMeasurement, path: string): Json {
  const n = (v: number | null, key: string): number | null => finite(v, `${path}.${key}`);
  return {
    label: l.label,
    target: l.target,
    volumeMl: n(l.volumeMl, 'volumeMl'),
    enhancingVolumeMl: n(l.enhancingVolumeMl, 'enhancingVolumeMl'),
    necroticVolumeMl: n(l.necroticVolumeMl, 'necroticVolumeMl'),
    enhancingFraction: n(l.enhancingFraction, 'enhancingFraction'),
    longestDiameterMm: n(l.longestDiameterMm, 'longestDiameterMm'),
    perpendicularDiameterMm: n(l.perpendicularDiameterMm, 'perpendicularDiameterMm'),
    viableLongestDiameterMm: n(l.viableLongestDiameterMm, 'viableLongestDiameterMm'),
    viablePerpendicularDiameterMm: n(l.viablePerpendicularDiameterMm, 'viablePerpendicularDiameterMm'),
    adc: orderedAdc(l.adc, `${path}.adc`),
    t1RatioToLiver: n(l.t1RatioToLiver, 't1RatioToLiver'),
    t2RatioToLiver: n(l.t2RatioToLiver, 't2RatioToLiver'),
    t1HyperintenseFraction: n(l.t1HyperintenseFraction, 't1HyperintenseFraction'),
    flags: [...l.flags],
  };
}

function orderedTimePoint(tp: TimePointMeasurements, path: string): Json {
  const s = tp.series;
  return {
    studyInstanceUid: tp.studyInstanceUid,
    studyDate: tp.studyDate,
    label: tp.label,
    series: { pre: s.pre, arterial: s.arterial, portalVenous: s.portalVenous, delayed: s.delayed, t2: s.t2, dwi: s.dwi, adc: s.adc },
    lesions: tp.lesions.map((l, i) => orderedLesion(l, `${path}.lesions[${i}]`)),
  };
}

function orderedCriterion(c: CriterionSummary, path: string): Json {
  return {
    category: c.category,
    sum: finite(c.sum, `${path}.sum`),
    changeFromBaselinePct: finite(c.changeFromBaselinePct, `${path}.changeFromBaselinePct`),
    changeFromNadirPct: finite(c.changeFromNadirPct, `${path}.changeFromNadirPct`),
    reasons: [...c.reasons],
  };
}

function orderedResponse(r: TimePointResponseSummary, path: string): Json {
  const criteria: { [key: string]: Json } = {};
  for (const id of CRITERION_IDS) criteria[id] = orderedCriterion(r.criteria[id], `${path}.criteria.${id}`);
  return {
    timePoint: r.timePoint,
    vsBaseline: r.vsBaseline,
    vsNadir: r.vsNadir,
    criteria,
    adcChangePct: finite(r.adcChangePct, `${path}.adcChangePct`),
    flags: [...r.flags],
  };
}

/** The document as measurements.json text (2-space indent, trailing newline). Throws INVALID_INPUT on NaN/Infinity. */
export function serializeMeasurements(doc: MeasurementsDocument): string {
  const ordered: Json = {
    schema: doc.schema,
    generator: { name: doc.generator.name, version: doc.generator.version },
    method: orderedMethod(doc.method),
    timePoints: doc.timePoints.map((tp, i) => orderedTimePoint(tp, `timePoints[${i}]`)),
    response: doc.response.map((r, i) => orderedResponse(r, `response[${i}]`)),
  };
  return `${JSON.stringify(ordered, null, 2)}\n`;
}

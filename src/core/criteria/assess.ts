/** assessResponse: every criterion at every follow-up against baseline and nadir, plus flags. */
import { HccError } from '../errors';
import { EASL, WHO } from './bidimensional';
import { classifyTimePoint, type EvaluatedSum } from './classify';
import { disagreementFlag, lesionChange, lesionFlags, meanAdcChangePct } from './flags';
import { MRECIST, RECIST11 } from './linear';
import { selectTargets, type TargetSelection } from './target-selection';
import { ADC_HAEMORRHAGE_T1_FRACTION_LIMIT } from './thresholds';
import { QEASL, VRECIST } from './volumetric';
import {
  CRITERION_IDS,
  type AssessOptions,
  type CriterionId,
  type CriterionSpec,
  type LesionInput,
  type ResponseFlag,
  type TimePointInput,
  type TimePointResponse,
} from './types';

export const CRITERIA: Readonly<Record<CriterionId, CriterionSpec>> = {
  recist11: RECIST11,
  who: WHO,
  mrecist: MRECIST,
  easl: EASL,
  qeasl: QEASL,
  vrecist: VRECIST,
};

/**
 * timePoints[0] is the baseline; one response entry is returned per follow-up (timePoint 1..n-1).
 * Targets are chosen once, at baseline, per criterion. Throws HccError INVALID_INPUT on malformed input.
 */
export function assessResponse(timePoints: readonly TimePointInput[], options: AssessOptions = {}): TimePointResponse[] {
  const limit = options.haemorrhageT1FractionLimit ?? ADC_HAEMORRHAGE_T1_FRACTION_LIMIT;
  if (!(limit >= 0 && limit <= 1)) invalid(`haemorrhageT1FractionLimit must be within 0..1, got ${limit}`);
  const points = timePoints.map((tp, i) => normaliseTimePoint(tp, i));
  const baseline = points[0];
  if (baseline === undefined) return [];

  const selections = mapCriteria((spec) => selectTargets(baseline.lesions, spec));
  const earlierSums = mapCriteria((): EvaluatedSum[] => []);
  const baselineByLabel = new Map(baseline.lesions.map((l) => [l.label, l] as const));
  const nameOf = (i: number): string => points[i]?.label ?? `time point ${i}`;
  const responses: TimePointResponse[] = [];

  points.forEach((current, timePoint) => {
    if (timePoint === 0) return;
    const criteria = mapCriteria((spec) =>
      classifyTimePoint({
        spec,
        selection: selections[spec.id],
        baseline,
        current,
        timePoint,
        earlierSums: earlierSums[spec.id],
        nameOf,
      }),
    );
    // Only complete sums feed later nadirs; an NE time point has none.
    for (const id of CRITERION_IDS) {
      const sum = criteria[id].sum;
      if (sum !== null) earlierSums[id].push({ timePoint, sum });
    }

    const flagDetails: ResponseFlag[] = [];
    for (const lesion of current.lesions) {
      const before = baselineByLabel.get(lesion.label);
      if (before) flagDetails.push(...lesionFlags(before, lesion, limit));
    }
    const disagreement = disagreementFlag(criteria);
    if (disagreement) flagDetails.push(disagreement);

    responses.push({
      timePoint,
      label: current.label ?? null,
      vsBaseline: 0,
      vsNadir: criteria.recist11.nadirTimePoint,
      criteria,
      adcChangePct: meanAdcChangePct(baseline.lesions, current.lesions),
      flags: flagDetails.map((f) => f.message),
      flagDetails,
      lesions: current.lesions.map((l) => lesionChange(baselineByLabel.get(l.label), l)),
    });
  });
  return responses;
}

/** Target selection of every criterion from a baseline, for panels that show targets before a follow-up exists. */
export function selectAllTargets(baseline: TimePointInput): Record<CriterionId, TargetSelection> {
  const normalised = normaliseTimePoint(baseline, 0);
  return mapCriteria((spec) => selectTargets(normalised.lesions, spec));
}

function mapCriteria<T>(fn: (spec: CriterionSpec) => T): Record<CriterionId, T> {
  return {
    recist11: fn(RECIST11),
    who: fn(WHO),
    mrecist: fn(MRECIST),
    easl: fn(EASL),
    qeasl: fn(QEASL),
    vrecist: fn(VRECIST),
  };
}

const MEASURES = [
  'longestDiameterMm',
  'perpendicularDiameterMm',
  'viableLongestDiameterMm',
  'viablePerpendicularDiameterMm',
  'volumeMl',
  'enhancingVolumeMl',
  'adcMeanMm2s',
  't1HyperintenseFraction',
  'ktransPerMin',
] as const;

const NON_TARGET_STATUSES = new Set(['present', 'absent', 'unequivocalProgression']);

/** Checks one time point and turns omitted measurements into null (JSON callers may leave keys out). */
function normaliseTimePoint(tp: TimePointInput, index: number): TimePointInput {
  const where = `time point ${index}`;
  if (!tp || !Array.isArray(tp.lesions)) invalid(`${where}: lesions must be an array`);
  const status = tp.nonTargetStatus ?? null;
  if (status !== null && !NON_TARGET_STATUSES.has(status)) invalid(`${where}: unknown nonTargetStatus '${String(status)}'`);
  const seen = new Set<string>();
  const lesions = tp.lesions.map((lesion): LesionInput => {
    const label = lesion?.label;
    if (typeof label !== 'string' || label.trim() === '') invalid(`${where}: every lesion needs a label`);
    if (seen.has(label)) invalid(`${where}: lesion label '${label}' appears twice`);
    seen.add(label);
    const copy: LesionInput = { ...lesion };
    for (const key of MEASURES) {
      const value = lesion[key] ?? null;
      if (value !== null && !(typeof value === 'number' && Number.isFinite(value) && value >= 0)) {
        invalid(`${where}, ${label}: ${key} must be a finite number >= 0 or null, got ${String(value)}`);
      }
      copy[key] = value;
    }
    if (copy.t1HyperintenseFraction !== null && copy.t1HyperintenseFraction > 1) {
      invalid(`${where}, ${label}: t1HyperintenseFraction is a fraction (0..1), got ${copy.t1HyperintenseFraction}`);
    }
    return copy;
  });
  return { ...tp, lesions, nonTargetStatus: status };
}

function invalid(message: string): never {
  throw new HccError('INVALID_INPUT', message);
}

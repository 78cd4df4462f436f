/**
 * Reads a TID 1500 SR (ours, or another tool's) back into per-lesion numbers and response categories:
 * the inverse of sr-document.ts. Units are converted to measurements.json's (mL, mm, mm2/s, fraction);
 * a value whose unit is unknown is reported in `warnings` and left null rather than guessed.
 */
import { CRITERION_IDS, type CriterionId, type ResponseCategory } from '../criteria/types';
import { HccError } from '../errors';
import type { LesionMeasurement } from '../measure/types';
import { CATEGORY_CODES, CRITERION_CODES, MEASUREMENT_CODES as M, SR_CODES as C, type Code } from './codes';
import { readPart10 } from './dicom-io';
import { child, children, codeOf, conceptName, is, measured, num, seq, str, templateId, type Item } from './sr-read';

/** The figures of measurements.json a TID 1500 group carries (same names and units). */
type SrSizeFigures = Pick<
  LesionMeasurement,
  | 'volumeMl'
  | 'enhancingVolumeMl'
  | 'necroticVolumeMl'
  | 'enhancingFraction'
  | 'longestDiameterMm'
  | 'perpendicularDiameterMm'
  | 'viableLongestDiameterMm'
  | 'viablePerpendicularDiameterMm'
>;

export interface SrLesionRecord extends SrSizeFigures {
  label: string;
  trackingUid: string | null;
  /** '1411' (references a segment), '1501', '1410' or null when the group names no template. */
  template: string | null;
  segment: { sopInstanceUid: string; segmentNumber: number } | null;
  sourceSeriesInstanceUid: string | null;
  adcMeanMm2s: number | null;
}

export interface SrCriterionRecord {
  category: ResponseCategory;
  sum: number | null;
  /** UCUM code of the sum as written ('mm', 'mm2', 'ml'). */
  sumUnit: string | null;
  changeFromBaselinePct: number | null;
  changeFromNadirPct: number | null;
}

export interface SrTimePointRecord {
  /** The group's Time Point text ('' when the SR gives none). */
  label: string;
  /** Study of the referenced SEG (from the SR's evidence), null when no group of this time point references one. */
  studyInstanceUid: string | null;
  lesions: SrLesionRecord[];
}

export interface SrImportResult {
  sopInstanceUid: string;
  studyInstanceUid: string;
  /** Algorithm Parameters of the first group, parsed as JSON (our method record), or null. */
  method: unknown;
  timePoints: SrTimePointRecord[];
  responses: Array<{ timePointLabel: string; criteria: Partial<Record<CriterionId, SrCriterionRecord>> }>;
  warnings: string[];
}

/** Factor from a UCUM unit to the unit measurements.json uses for that kind of quantity. */
const TO_ML: Record<string, number> = { ml: 1, mL: 1, cm3: 1, mm3: 1e-3, l: 1000, L: 1000 };
const TO_MM: Record<string, number> = { mm: 1, cm: 10, m: 1000 };
const TO_MM2_S: Record<string, number> = { 'mm2/s': 1, 'um2/s': 1e-6, '10-6.mm2/s': 1e-6, '10-3.mm2/s': 1e-3 };
const TO_FRACTION: Record<string, number> = { '%': 0.01, '1': 1, '{ratio}': 1 };

function converted(item: Item | undefined, table: Record<string, number>, what: string, warnings: string[]): number | null {
  if (item === undefined) return null;
  const m = measured(item);
  if (m === null) return null;
  const factor = table[m.unit];
  if (factor === undefined) {
    warnings.push(`${what}: unit '${m.unit}' not understood; value left out`);
    return null;
  }
  return m.value * factor;
}

function lesionRecord(group: Item, segStudies: Map<string, string>, warnings: string[]): { record: SrLesionRecord; timePoint: string; study: string | null } {
  const label = str(child(group, C.trackingIdentifier) ?? {}, 'TextValue') ?? '';
  const at = (code: Code) => child(group, code);
  const w = (what: string) => `${label || 'group'} ${what}`;
  const segItem = at(C.referencedSegment);
  const ref = segItem === undefined ? undefined : seq(segItem, 'ReferencedSOPSequence')[0];
  const segUid = ref === undefined ? null : str(ref, 'ReferencedSOPInstanceUID');
  const segNumber = ref === undefined ? null : num(ref, 'ReferencedSegmentNumber');
  const segment = segUid !== null && segNumber !== null && Number.isInteger(segNumber) ? { sopInstanceUid: segUid, segmentNumber: segNumber } : null;
  // ADC: the mean, or an ADC item without a Derivation modifier (a single value is the mean by convention).
  const adcItem = children(group).find((c) => {
    if (!is(conceptName(c), M.adc)) return false;
    const derivation = child(c, C.derivation);
    return derivation === undefined || is(codeOf(derivation, 'ConceptCodeSequence'), C.mean);
  });
  const record: SrLesionRecord = {
    label,
    trackingUid: str(child(group, C.trackingUid) ?? {}, 'UID'),
    template: templateId(group),
    segment,
    sourceSeriesInstanceUid: str(at(C.sourceSeriesForSegmentation) ?? {}, 'UID'),
    volumeMl: converted(at(M.volume), TO_ML, w('volume'), warnings),
    enhancingVolumeMl: converted(at(M.enhancingVolume), TO_ML, w('enhancing volume'), warnings),
    necroticVolumeMl: converted(at(M.necroticVolume), TO_ML, w('necrotic volume'), warnings),
    enhancingFraction: converted(at(M.enhancingFraction), TO_FRACTION, w('enhancing fraction'), warnings),
    longestDiameterMm: converted(at(M.longAxis), TO_MM, w('long axis'), warnings),
    perpendicularDiameterMm: converted(at(M.shortAxis), TO_MM, w('short axis'), warnings),
    viableLongestDiameterMm: converted(at(M.viableLongAxis), TO_MM, w('viable long axis'), warnings),
    viablePerpendicularDiameterMm: converted(at(M.viableShortAxis), TO_MM, w('viable short axis'), warnings),
    adcMeanMm2s: converted(adcItem, TO_MM2_S, w('ADC'), warnings),
  };
  const timePoint = str(child(group, C.timePoint) ?? {}, 'TextValue') ?? '';
  return { record, timePoint, study: segUid === null ? null : segStudies.get(segUid) ?? null };
}

const methodOf = (item: Item): CriterionId | undefined => {
  const modifier = child(item, C.responseEvaluationMethod);
  const code = modifier === undefined ? null : codeOf(modifier, 'ConceptCodeSequence');
  return CRITERION_IDS.find((id) => is(code, CRITERION_CODES[id]));
};

function responseCriteria(group: Item): Partial<Record<CriterionId, SrCriterionRecord>> {
  const out: Partial<Record<CriterionId, SrCriterionRecord>> = {};
  const items = children(group);
  for (const item of items.filter((c) => is(conceptName(c), C.currentResponse))) {
    const id = methodOf(item);
    const value = codeOf(item, 'ConceptCodeSequence');
    const category = (Object.keys(CATEGORY_CODES) as ResponseCategory[]).find((k) => is(value, CATEGORY_CODES[k]));
    if (id === undefined || category === undefined) continue;
    const numFor = (name: Code) => {
      const found = items.find((c) => is(conceptName(c), name) && methodOf(c) === id);
      return found === undefined ? null : measured(found);
    };
    const sum = numFor(M.sumOfTargets);
    out[id] = {
      category,
      sum: sum?.value ?? null,
      sumUnit: sum?.unit ?? null,
      changeFromBaselinePct: numFor(M.changeFromBaseline)?.value ?? null,
      changeFromNadirPct: numFor(M.changeFromNadir)?.value ?? null,
    };
  }
  return out;
}

/** SEG instance UID -> its study, from the SR's evidence sequences. */
function evidenceStudies(root: Item): Map<string, string> {
  const map = new Map<string, string>();
  for (const keyword of ['CurrentRequestedProcedureEvidenceSequence', 'PertinentOtherEvidenceSequence']) {
    for (const study of seq(root, keyword)) {
      const studyUid = str(study, 'StudyInstanceUID');
      if (studyUid === null) continue;
      for (const series of seq(study, 'ReferencedSeriesSequence')) {
        for (const sop of seq(series, 'ReferencedSOPSequence')) {
          const uid = str(sop, 'ReferencedSOPInstanceUID');
          if (uid !== null) map.set(uid, studyUid);
        }
      }
    }
  }
  return map;
}

function parseMethod(group: Item | undefined): unknown {
  const text = group === undefined ? null : str(child(group, C.algorithmParameters) ?? {}, 'TextValue');
  if (text === null) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

export function importSr(bytes: Uint8Array, fileName = 'SR'): SrImportResult {
  const root = readPart10(bytes, fileName);
  if (!is(conceptName(root), C.imagingMeasurementReport)) {
    throw new HccError('INVALID_INPUT', 'not a TID 1500 Imaging Measurement Report', fileName);
  }
  const measurements = child(root, C.imagingMeasurements);
  const groups = measurements === undefined ? [] : children(measurements).filter((g) => is(conceptName(g), C.measurementGroup));
  const segStudies = evidenceStudies(root);
  const warnings: string[] = [];
  const timePoints: SrTimePointRecord[] = [];
  const responses: SrImportResult['responses'] = [];
  for (const group of groups) {
    const isResponse = is(codeOf(child(group, C.finding) ?? {}, 'ConceptCodeSequence'), C.responseAssessment);
    if (isResponse) {
      responses.push({ timePointLabel: str(child(group, C.timePoint) ?? {}, 'TextValue') ?? '', criteria: responseCriteria(group) });
      continue;
    }
    const { record, timePoint, study } = lesionRecord(group, segStudies, warnings);
    let tp = timePoints.find((t) => t.label === timePoint);
    if (tp === undefined) {
      tp = { label: timePoint, studyInstanceUid: null, lesions: [] };
      timePoints.push(tp);
    }
    tp.studyInstanceUid ??= study;
    tp.lesions.push(record);
  }
  return {
    sopInstanceUid: str(root, 'SOPInstanceUID') ?? '',
    studyInstanceUid: str(root, 'StudyInstanceUID') ?? '',
    method: parseMethod(groups[0]),
    timePoints,
    responses,
    warnings,
  };
}

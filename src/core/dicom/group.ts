import type { HccErrorInfo } from '../errors';
import { buildSeriesGeometry, sortAlongNormal } from './geometry';
import type { SliceInput } from './geometry';
import type { FrameHeader, InstanceHeader, PatientNode, Phase, PhaseClassification, SeriesVolume, StudyNode, StudyTree } from './model';
import { parseTimeSec } from './tags';
import { applyPhaseOverrides, classifyStudy } from './tree';

/** Every volume carries this until the phase rules have run. */
export function placeholderClassification(): PhaseClassification {
  return { phase: 'other', confidence: 0, reasons: ['not classified yet'] };
}

/** 0 -> 'Baseline', n -> 'Follow-up n'. */
export function timePointLabel(index: number): string {
  return index === 0 ? 'Baseline' : `Follow-up ${index}`;
}

export interface GroupResult {
  patients: PatientNode[];
  /** Files left out while grouping (duplicates), with their reason. */
  errors: HccErrorInfo[];
}

interface Slice extends SliceInput {
  header: InstanceHeader;
}

const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const nullsLast = (a: number | null, b: number | null): number => (a ?? Infinity) - (b ?? Infinity) || 0;

/** Distinct values of a per-frame key; null stands for "not stated". */
function distinct(slices: readonly Slice[], key: (f: FrameHeader) => number | null): Array<number | null> {
  const values = [...new Set(slices.map((s) => key(s.frame)))];
  return values.sort((a, b) => nullsLast(a, b));
}

interface Part {
  slices: Slice[];
  idSuffix: string;
  bValue: number | null | undefined;
  temporal: number | null | undefined;
}

/** Splits one series into one part per b-value (when it holds several), then per temporal position. */
function splitSeries(slices: Slice[]): Part[] {
  const bValues = distinct(slices, (f) => f.bValue);
  const byB: Part[] = bValues.length > 1
    ? bValues.map((b) => ({ slices: slices.filter((s) => s.frame.bValue === b), idSuffix: `#b=${b ?? 'none'}`, bValue: b, temporal: undefined }))
    : [{ slices, idSuffix: '', bValue: undefined, temporal: undefined }];
  return byB.flatMap((part) => {
    const times = distinct(part.slices, (f) => f.temporalPositionIdentifier);
    if (times.length <= 1) return [part];
    return times.map((t) => ({
      slices: part.slices.filter((s) => s.frame.temporalPositionIdentifier === t),
      idSuffix: `${part.idSuffix}#t=${t ?? 'none'}`,
      bValue: part.bValue,
      temporal: t,
    }));
  });
}

function single(values: Array<number | null>): number | null {
  return values.length === 1 ? values[0]! : null;
}

function makeVolume(seriesKey: string, part: Part, seriesBValues: number[]): SeriesVolume {
  const sorted = sortAlongNormal(part.slices);
  const header = sorted[0]!.header;
  const times = sorted.map((s) => s.frame.acquisitionTimeSec).filter((t): t is number => t !== null);
  return {
    id: `${seriesKey}${part.idSuffix}`,
    seriesInstanceUid: header.seriesInstanceUid,
    seriesNumber: header.seriesNumber,
    seriesDescription: header.seriesDescription,
    protocolName: header.protocolName,
    modality: header.modality,
    manufacturer: header.manufacturer,
    sopClassUid: header.sopClassUid,
    transferSyntaxUid: header.transferSyntaxUid,
    imageType: header.imageType,
    frameOfReferenceUid: header.frameOfReferenceUid,
    bValue: part.bValue !== undefined ? part.bValue : single(distinct(sorted, (f) => f.bValue)),
    seriesBValues,
    temporalPositionIdentifier: part.temporal !== undefined ? part.temporal : single(distinct(sorted, (f) => f.temporalPositionIdentifier)),
    header,
    frames: sorted.map((s) => s.frame),
    geometry: buildSeriesGeometry(sorted),
    acquisitionTimeSec: times.length === 0 ? null : Math.min(...times),
    classification: placeholderClassification(),
  };
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = map.get(k);
    if (list === undefined) map.set(k, [item]);
    else list.push(item);
  }
  return map;
}

function buildSeriesVolumes(instances: readonly InstanceHeader[]): SeriesVolume[] {
  // A file without SeriesInstanceUID (anonymised oddities) stays a series of its own rather than being dropped.
  const bySeries = groupBy(instances, (h) => h.seriesInstanceUid || `file:${h.fileName}`);
  const volumes: SeriesVolume[] = [];
  for (const [seriesKey, headers] of bySeries) {
    const slices: Slice[] = headers.flatMap((header) => header.frames.map((frame) => ({ frame, rows: header.rows, columns: header.columns, header })));
    const seriesBValues = distinct(slices, (f) => f.bValue).filter((b): b is number => b !== null);
    for (const part of splitSeries(slices)) volumes.push(makeVolume(seriesKey, part, seriesBValues));
  }
  return volumes.sort(
    (a, b) =>
      nullsLast(a.seriesNumber, b.seriesNumber) ||
      byText(a.seriesInstanceUid, b.seriesInstanceUid) ||
      nullsLast(a.bValue, b.bValue) ||
      nullsLast(a.temporalPositionIdentifier, b.temporalPositionIdentifier) ||
      byText(a.id, b.id),
  );
}

/** Time points in order: StudyDate, then StudyTime; studies without a date go last. */
function compareStudies(a: InstanceHeader, b: InstanceHeader): number {
  if (a.studyDate !== b.studyDate) {
    if (a.studyDate === '' || b.studyDate === '') return a.studyDate === '' ? 1 : -1;
    return byText(a.studyDate, b.studyDate);
  }
  return nullsLast(parseTimeSec(a.studyTime), parseTimeSec(b.studyTime)) || byText(a.studyInstanceUid, b.studyInstanceUid);
}

/**
 * Instances -> patient -> study (time points) -> series volumes. A second file with an already-seen
 * SOPInstanceUID is reported and not loaded twice.
 */
export function groupInstances(instances: readonly InstanceHeader[]): GroupResult {
  const errors: HccErrorInfo[] = [];
  const seen = new Map<string, string>();
  const unique: InstanceHeader[] = [];
  for (const h of instances) {
    const firstFile = h.sopInstanceUid === '' ? undefined : seen.get(h.sopInstanceUid);
    if (firstFile !== undefined) {
      errors.push({
        code: 'DUPLICATE_INSTANCE',
        fileName: h.fileName,
        message: `same image as ${firstFile} (identical SOPInstanceUID ${h.sopInstanceUid}): a duplicate copy, loaded once`,
      });
      continue;
    }
    if (h.sopInstanceUid !== '') seen.set(h.sopInstanceUid, h.fileName);
    unique.push(h);
  }

  const byPatient = groupBy(unique, (h) => (h.patientId !== '' ? `id:${h.patientId}` : `name:${h.patientName}`));
  const patients: PatientNode[] = [];
  for (const headers of byPatient.values()) {
    const byStudy = [...groupBy(headers, (h) => h.studyInstanceUid).values()];
    const firsts = byStudy.map((hs) => hs.reduce((a, b) => (compareStudies(a, b) <= 0 ? a : b)));
    const order = firsts.map((h, i) => ({ h, i })).sort((a, b) => compareStudies(a.h, b.h));
    const studies: StudyNode[] = order.map(({ h, i }, timePointIndex) => ({
      studyInstanceUid: h.studyInstanceUid,
      studyDate: h.studyDate,
      studyTime: h.studyTime,
      studyDescription: h.studyDescription,
      timePointIndex,
      label: timePointLabel(timePointIndex),
      series: buildSeriesVolumes(byStudy[i]!),
    }));
    const first = headers[0]!;
    patients.push({ patientId: first.patientId, patientName: first.patientName, studies });
  }
  patients.sort((a, b) => byText(a.patientId, b.patientId) || byText(a.patientName, b.patientName));
  return { patients, errors };
}

export interface BuildTreeOptions {
  /** Phase set by the user, by volume id (e.g. "1.2.3#b=800"); applied after the rules. */
  phaseOverrides?: Record<string, Phase>;
}

/**
 * Parsed headers (plus the errors of files that did not parse) -> StudyTree: grouped, each study's volumes
 * classified by the phase rules, then user overrides applied. Used by ingestFiles and by callers that
 * parse in workers.
 */
export function buildStudyTree(instances: readonly InstanceHeader[], fileErrors: readonly HccErrorInfo[] = [], options: BuildTreeOptions = {}): StudyTree {
  const grouped = groupInstances(instances);
  const tree: StudyTree = {
    patients: grouped.patients.map((p) => ({ ...p, studies: p.studies.map(classifyStudy) })),
    errors: [...fileErrors, ...grouped.errors],
  };
  return options.phaseOverrides === undefined ? tree : applyPhaseOverrides(tree, options.phaseOverrides);
}

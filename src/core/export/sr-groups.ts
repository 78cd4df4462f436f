/**
 * Measurement groups of the SR: per lesion per time point a TID 1411 volumetric group referencing its
 * SEG segment (TID 1501 when no segment exists to reference), and per follow-up a TID 1501 group holding
 * the response category, sum and changes of each criterion.
 */
import { CRITERIA } from '../criteria/assess';
import { CRITERION_IDS, type CriterionId, type SumUnit } from '../criteria/types';
import type { LesionMeasurement, TimePointResponseSummary } from '../measure/types';
import {
  CATEGORY_CODES,
  CRITERION_CODES,
  MEASUREMENT_CODES as M,
  SEG_CODES,
  SR_CODES as C,
  UNITS,
  type Code,
} from './codes';
import type { SegReference } from './seg-export';
import {
  codeContentItem,
  containerItem,
  numItem,
  segmentReferenceItem,
  textItem,
  uidRefItem,
  type ContentItem,
} from './sr-content';

/** ADC in measurements.json is mm2/s; the SR writes um2/s (1 mm2 = 1e6 um2). */
export const UM2_PER_MM2 = 1e6;
/** Enhancing fraction is 0..1 in measurements.json and % in the SR. */
export const PERCENT_PER_FRACTION = 100;

export const SUM_UNITS: Readonly<Record<SumUnit, Code>> = { mm: UNITS.mm, 'mm²': UNITS.mm2, mL: UNITS.ml };

export interface AlgorithmIdentification {
  name: string;
  version: string;
  /** The method record as JSON: every figure carries its method and parameters. */
  parameters: string;
}

export interface LesionGroupInput {
  lesion: LesionMeasurement;
  timePointLabel: string;
  trackingUid: string;
  /** The lesion's segment in its time point's SEG, or null (then the group is TID 1501, not 1411). */
  segment: { seg: SegReference; segmentNumber: number } | null;
  algorithm: AlgorithmIdentification;
}

function trackingItems(trackingId: string, trackingUid: string, timePointLabel: string): ContentItem[] {
  return [
    textItem('HAS OBS CONTEXT', C.trackingIdentifier, trackingId),
    uidRefItem('HAS OBS CONTEXT', C.trackingUid, trackingUid),
    textItem('HAS OBS CONTEXT', C.timePoint, timePointLabel),
  ];
}

function algorithmItems(a: AlgorithmIdentification): ContentItem[] {
  return [
    textItem('HAS CONCEPT MOD', C.algorithmName, a.name),
    textItem('HAS CONCEPT MOD', C.algorithmVersion, a.version),
    textItem('HAS CONCEPT MOD', C.algorithmParameters, a.parameters),
  ];
}

/** A NUM item when the value is known; an unknown value is left out (never written as 0). */
function optionalNum(name: Code, value: number | null, unit: Code, modifiers: ContentItem[] = []): ContentItem[] {
  return value === null ? [] : [numItem('CONTAINS', name, value, unit, modifiers)];
}

export function lesionMeasurementItems(l: LesionMeasurement): ContentItem[] {
  const scale = (v: number | null, factor: number): number | null => (v === null ? null : v * factor);
  return [
    ...optionalNum(M.volume, l.volumeMl, UNITS.ml, [codeContentItem('HAS CONCEPT MOD', C.measurementMethod, C.sumOfSegmentedVoxels)]),
    ...optionalNum(M.enhancingVolume, l.enhancingVolumeMl, UNITS.ml),
    ...optionalNum(M.necroticVolume, l.necroticVolumeMl, UNITS.ml),
    ...optionalNum(M.enhancingFraction, scale(l.enhancingFraction, PERCENT_PER_FRACTION), UNITS.percent),
    ...optionalNum(M.longAxis, l.longestDiameterMm, UNITS.mm),
    ...optionalNum(M.shortAxis, l.perpendicularDiameterMm, UNITS.mm),
    ...optionalNum(M.viableLongAxis, l.viableLongestDiameterMm, UNITS.mm),
    ...optionalNum(M.viableShortAxis, l.viablePerpendicularDiameterMm, UNITS.mm),
    ...optionalNum(M.adc, scale(l.adc?.meanMm2s ?? null, UM2_PER_MM2), UNITS.um2PerS, [codeContentItem('HAS CONCEPT MOD', C.derivation, C.mean)]),
  ];
}

export function lesionGroup(input: LesionGroupInput): ContentItem {
  const { lesion, segment } = input;
  const segmentItems = segment === null
    ? []
    : [
        segmentReferenceItem('CONTAINS', C.referencedSegment, segment.seg.sopClassUid, segment.seg.sopInstanceUid, segment.segmentNumber),
        uidRefItem('CONTAINS', C.sourceSeriesForSegmentation, segment.seg.sourceSeriesInstanceUid),
      ];
  const children = [
    ...trackingItems(lesion.label, input.trackingUid, input.timePointLabel),
    codeContentItem('CONTAINS', C.findingCategory, SEG_CODES.morphologicallyAbnormalStructure),
    codeContentItem('CONTAINS', C.finding, SEG_CODES.neoplasm),
    codeContentItem('HAS CONCEPT MOD', C.findingSite, SEG_CODES.liver),
    ...segmentItems,
    ...algorithmItems(input.algorithm),
    ...lesionMeasurementItems(lesion),
  ];
  return containerItem('CONTAINS', C.measurementGroup, children, segment === null ? '1501' : '1411');
}

function criterionItems(id: CriterionId, response: TimePointResponseSummary): ContentItem[] {
  const c = response.criteria[id];
  const method = (): ContentItem[] => [codeContentItem('HAS CONCEPT MOD', C.responseEvaluationMethod, CRITERION_CODES[id])];
  return [
    codeContentItem('CONTAINS', C.currentResponse, CATEGORY_CODES[c.category], method()),
    ...optionalNum(M.sumOfTargets, c.sum, SUM_UNITS[CRITERIA[id].unit], method()),
    ...optionalNum(M.changeFromBaseline, c.changeFromBaselinePct, UNITS.percent, method()),
    ...optionalNum(M.changeFromNadir, c.changeFromNadirPct, UNITS.percent, method()),
  ];
}

export const responseTrackingId = (timePointLabel: string): string => `Response ${timePointLabel}`;

/** TID 1501 group of one follow-up: per criterion the category (coded), the sum and its changes. */
export function responseGroup(response: TimePointResponseSummary, timePointLabel: string, trackingUid: string): ContentItem {
  const children = [
    ...trackingItems(responseTrackingId(timePointLabel), trackingUid, timePointLabel),
    codeContentItem('CONTAINS', C.finding, C.responseAssessment),
    ...CRITERION_IDS.flatMap((id) => criterionItems(id, response)),
  ];
  return containerItem('CONTAINS', C.measurementGroup, children, '1501');
}

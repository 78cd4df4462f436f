/**
 * Comprehensive 3D SR (1.2.840.10008.5.1.4.1.1.88.34) holding a TID 1500 Measurement Report of the
 * whole follow-up: every lesion at every time point (TID 1411, referencing its SEG segment) and the
 * response per follow-up (TID 1501). It lives in the caller's study (normally the latest time point)
 * and lists the SEGs it references as evidence.
 */
import { HccError } from '../errors';
import type { MeasurementsDocument } from '../measure/types';
import { SR_CODES as C } from './codes';
import { checkContext, DEFAULT_MANUFACTURER, IMPLEMENTATION_CLASS_UID, uid, type DicomExportContext } from './context';
import { patientStudyModules, sopCommonModule, type StudyHeader } from './dicom-common';
import { writePart10, type NaturalDataset } from './dicom-io';
import { orderedMethod } from './json';
import type { SegReference } from './seg-export';
import { trackingUidKey } from './seg-segments';
import { codeContentItem, containerItem, personNameItem, textItem, uidRefItem, type ContentItem } from './sr-content';
import { lesionGroup, responseGroup, type AlgorithmIdentification } from './sr-groups';

export const COMPREHENSIVE_3D_SR = '1.2.840.10008.5.1.4.1.1.88.34';
const DEFAULT_SR_SERIES_NUMBER = 902;

export interface SrExportInput {
  document: MeasurementsDocument;
  /** Header of the study the SR belongs to (any instance of it; normally the latest time point). */
  study: StudyHeader;
  /** SEGs of the time points (matched by study UID, segment by label); lesions without one get a TID 1501 group. */
  segs: readonly SegReference[];
}

export interface SrExportResult {
  bytes: Uint8Array;
  studyInstanceUid: string;
  seriesInstanceUid: string;
  sopInstanceUid: string;
  sopClassUid: string;
  lesionGroups: number;
  /** Lesion groups that reference a SEG segment (TID 1411); the rest are TID 1501. */
  segmentReferencingGroups: number;
  responseGroups: number;
}

function observerContext(context: DicomExportContext, deviceUid: string): ContentItem[] {
  const items = [
    codeContentItem('HAS OBS CONTEXT', C.observerType, C.device),
    uidRefItem('HAS OBS CONTEXT', C.deviceObserverUid, deviceUid),
    textItem('HAS OBS CONTEXT', C.deviceObserverName, context.manufacturer ?? DEFAULT_MANUFACTURER),
  ];
  if (context.operatorName) {
    items.push(
      codeContentItem('HAS OBS CONTEXT', C.observerType, C.person),
      personNameItem('HAS OBS CONTEXT', C.personObserverName, context.operatorName),
    );
  }
  return items;
}

/** Hierarchical SOP instance references (study > series > instance) of the SEGs in `refs`. */
function evidence(refs: readonly SegReference[]): NaturalDataset[] {
  const studies = [...new Set(refs.map((r) => r.studyInstanceUid))];
  return studies.map((study) => {
    const inStudy = refs.filter((r) => r.studyInstanceUid === study);
    const series = [...new Set(inStudy.map((r) => r.seriesInstanceUid))];
    return {
      StudyInstanceUID: study,
      ReferencedSeriesSequence: series.map((s) => ({
        SeriesInstanceUID: s,
        ReferencedSOPSequence: inStudy
          .filter((r) => r.seriesInstanceUid === s)
          .map((r) => ({ ReferencedSOPClassUID: r.sopClassUid, ReferencedSOPInstanceUID: r.sopInstanceUid })),
      })),
    };
  });
}

export function buildSr(input: SrExportInput, context: DicomExportContext): SrExportResult {
  checkContext(context);
  const { document: doc, study } = input;
  const algorithm: AlgorithmIdentification = {
    name: doc.generator.name,
    version: doc.generator.version,
    parameters: JSON.stringify(orderedMethod(doc.method)),
  };
  const used = new Set<SegReference>();
  let segmentReferencingGroups = 0;
  const lesionGroups = doc.timePoints.flatMap((tp) =>
    tp.lesions.map((lesion) => {
      const seg = input.segs.find((s) => s.studyInstanceUid === tp.studyInstanceUid && s.segments.some((x) => x.label === lesion.label));
      const segmentNumber = seg?.segments.find((x) => x.label === lesion.label)?.segmentNumber;
      const segment = seg !== undefined && segmentNumber !== undefined ? { seg, segmentNumber } : null;
      if (segment !== null) {
        used.add(segment.seg);
        segmentReferencingGroups += 1;
      }
      return lesionGroup({ lesion, timePointLabel: tp.label, trackingUid: uid(context, trackingUidKey(lesion.label)), segment, algorithm });
    }),
  );
  const responseGroups = doc.response.map((r) => {
    const label = doc.timePoints[r.timePoint]?.label;
    if (label === undefined) throw new HccError('INVALID_INPUT', `response refers to time point ${r.timePoint}, which does not exist`);
    return responseGroup(r, label, uid(context, `tracking:response:${label}`));
  });
  if (lesionGroups.length === 0 && responseGroups.length === 0) throw new HccError('INVALID_INPUT', 'no lesion and no response to report');

  const srKey = `sr:${study.studyInstanceUid}`;
  const seriesInstanceUid = uid(context, `${srKey}:series`);
  const sopInstanceUid = uid(context, `${srKey}:instance`);
  const refs = [...used];
  const current = refs.filter((r) => r.studyInstanceUid === study.studyInstanceUid);
  const other = refs.filter((r) => r.studyInstanceUid !== study.studyInstanceUid);

  const dataset: NaturalDataset = {
    ...sopCommonModule(COMPREHENSIVE_3D_SR, sopInstanceUid, context, true),
    ...patientStudyModules(study),
    Modality: 'SR',
    SeriesInstanceUID: seriesInstanceUid,
    SeriesNumber: context.seriesNumber ?? DEFAULT_SR_SERIES_NUMBER,
    SeriesDescription: 'hcc-response measurements',
    ReferencedPerformedProcedureStepSequence: [],
    InstanceNumber: context.instanceNumber ?? 1,
    CompletionFlag: 'COMPLETE',
    VerificationFlag: 'UNVERIFIED',
    ContentDate: context.contentDate,
    ContentTime: context.contentTime,
    PerformedProcedureCodeSequence: [],
    ValueType: 'CONTAINER',
    ConceptNameCodeSequence: [{ CodeValue: C.imagingMeasurementReport.value, CodingSchemeDesignator: C.imagingMeasurementReport.scheme, CodeMeaning: C.imagingMeasurementReport.meaning }],
    ContinuityOfContent: 'SEPARATE',
    ContentTemplateSequence: [{ MappingResource: 'DCMR', TemplateIdentifier: '1500' }],
    ContentSequence: [
      codeContentItem('HAS CONCEPT MOD', C.language, C.englishUS),
      ...observerContext(context, uid(context, 'device-observer')),
      codeContentItem('HAS CONCEPT MOD', C.procedureReported, C.magneticResonanceImaging),
      containerItem('CONTAINS', C.imagingMeasurements, [...lesionGroups, ...responseGroups]),
    ],
  };
  if (current.length > 0) dataset['CurrentRequestedProcedureEvidenceSequence'] = evidence(current);
  if (other.length > 0) dataset['PertinentOtherEvidenceSequence'] = evidence(other);

  return {
    bytes: writePart10(dataset, IMPLEMENTATION_CLASS_UID),
    studyInstanceUid: study.studyInstanceUid,
    seriesInstanceUid,
    sopInstanceUid,
    sopClassUid: COMPREHENSIVE_3D_SR,
    lesionGroups: lesionGroups.length,
    segmentReferencingGroups,
    responseGroups: responseGroups.length,
  };
}

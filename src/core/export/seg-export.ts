/**
 * DICOM Segmentation (binary, SOP 1.2.840.10008.5.1.4.1.1.66.4) of one time point's ROIs on the series
 * they were drawn on: one segment per non-empty layer, one frame per (segment, slice) with voxels.
 */
import type { SeriesVolume } from '../dicom/model';
import { HccError } from '../errors';
import type { TimePointRois } from '../roi/types';
import type { Mask3D } from '../types/volume';
import { codeItem, SEG_CODES } from './codes';
import { checkContext, DEFAULT_MANUFACTURER, IMPLEMENTATION_CLASS_UID, uid, type DicomExportContext } from './context';
import { patientStudyModules, sopCommonModule } from './dicom-common';
import { writePart10, type NaturalDataset } from './dicom-io';
import { checkMaskOnGrid, nonEmptySlices, packFrames, perFrameGroups, sharedGroups, sourceGrid, type SegFrame } from './seg-frames';
import { planSegments, trackingUidKey, type SegLayer, type SegmentPlan } from './seg-segments';

export const SEGMENTATION_STORAGE = '1.2.840.10008.5.1.4.1.1.66.4';
const DEFAULT_SEG_SERIES_NUMBER = 901;

export interface SegExportInput {
  /** The series the masks were drawn on (its sorted frames are the mask's k axis). */
  source: SeriesVolume;
  rois: TimePointRois;
  /** Automatic enhancing masks for lesions without a drawn one (lesion number -> mask on the same grid). */
  derivedEnhancing?: ReadonlyMap<number, Mask3D>;
  /** Short description of the automatic split for SegmentAlgorithmName, e.g. 'relative enhancement >= 0.5'. */
  enhancementAlgorithmName?: string;
}

export interface SegSegmentInfo {
  segmentNumber: number;
  label: string;
  layer: SegLayer;
  lesionNumber: number | null;
  frames: number;
}

/** What the SR needs to reference this SEG, and what a caller shows the user. */
export interface SegReference {
  studyInstanceUid: string;
  seriesInstanceUid: string;
  sopInstanceUid: string;
  sopClassUid: string;
  /** Series the segmentation was drawn on (SR "Source series for segmentation"). */
  sourceSeriesInstanceUid: string;
  segments: SegSegmentInfo[];
}

export interface SegExportResult extends SegReference {
  bytes: Uint8Array;
  /** Layers left out because they hold no voxel (a SEG segment must have frames to be useful). */
  omittedEmpty: string[];
}

function segmentItem(plan: SegmentPlan, segmentNumber: number, context: DicomExportContext): NaturalDataset {
  const item: NaturalDataset = {
    SegmentNumber: segmentNumber,
    SegmentLabel: plan.label,
    SegmentAlgorithmType: plan.algorithmType,
    SegmentedPropertyCategoryCodeSequence: [codeItem(plan.category)],
    SegmentedPropertyTypeCodeSequence: [codeItem(plan.type)],
    AnatomicRegionSequence: [codeItem(SEG_CODES.liver)],
    RecommendedDisplayCIELabValue: plan.cielab,
    TrackingID: plan.label,
    TrackingUID: uid(context, trackingUidKey(plan.label)),
  };
  if (plan.algorithmName !== null) item['SegmentAlgorithmName'] = plan.algorithmName;
  return item;
}

/** Builds the SEG. Throws HccError GEOMETRY_MISMATCH (mask off the source grid) or INVALID_INPUT (nothing drawn). */
export function buildSeg(input: SegExportInput, context: DicomExportContext): SegExportResult {
  checkContext(context);
  const { source, rois } = input;
  if (rois.seriesInstanceUid !== source.seriesInstanceUid) {
    throw new HccError('INVALID_INPUT', `ROIs are on series ${rois.seriesInstanceUid}, source given is ${source.seriesInstanceUid}`);
  }
  if (source.header.studyInstanceUid !== rois.studyInstanceUid) {
    throw new HccError('INVALID_INPUT', `ROIs belong to study ${rois.studyInstanceUid}, source series to ${source.header.studyInstanceUid}`);
  }
  sourceGrid(source);
  const planned = planSegments(input);
  for (const plan of planned) checkMaskOnGrid(plan.mask, plan.label, source);

  const kept: Array<{ plan: SegmentPlan; slices: number[] }> = [];
  const omittedEmpty: string[] = [];
  for (const plan of planned) {
    const slices = nonEmptySlices(plan.mask);
    if (slices.length === 0) omittedEmpty.push(plan.label);
    else kept.push({ plan, slices });
  }
  if (kept.length === 0) throw new HccError('INVALID_INPUT', `no ROI of study ${rois.studyInstanceUid} holds a voxel: nothing to export`);

  // Segment numbers start at 1 and increase by 1 (PS3.3 C.8.20.2), so empty layers are dropped before numbering.
  const frames: SegFrame[] = kept.flatMap(({ slices }, i) => slices.map((sliceIndex) => ({ segmentNumber: i + 1, sliceIndex })));
  const maskOf = (segmentNumber: number): Mask3D => {
    const entry = kept[segmentNumber - 1];
    if (entry === undefined) throw new HccError('INVALID_INPUT', `no segment ${segmentNumber}`);
    return entry.plan.mask;
  };
  const { header } = source;
  const studyKey = `seg:${rois.studyInstanceUid}:${source.seriesInstanceUid}`;
  const seriesInstanceUid = uid(context, `${studyKey}:series`);
  const sopInstanceUid = uid(context, `${studyKey}:instance`);
  const dimensionOrganizationUid = uid(context, `${studyKey}:dimension-organization`);
  const manufacturer = context.manufacturer ?? DEFAULT_MANUFACTURER;
  const uniqueSources = [...new Map(source.frames.map((f) => [f.sopInstanceUid, f] as const)).values()];

  const dataset: NaturalDataset = {
    ...sopCommonModule(SEGMENTATION_STORAGE, sopInstanceUid, context, false),
    ...patientStudyModules(header),
    Modality: 'SEG',
    SeriesInstanceUID: seriesInstanceUid,
    SeriesNumber: context.seriesNumber ?? DEFAULT_SEG_SERIES_NUMBER,
    SeriesDescription: 'hcc-response ROIs',
    SeriesDate: context.contentDate,
    SeriesTime: context.contentTime,
    FrameOfReferenceUID: source.frameOfReferenceUid,
    PositionReferenceIndicator: '',
    ManufacturerModelName: manufacturer,
    DeviceSerialNumber: manufacturer,
    ImageType: ['DERIVED', 'PRIMARY'],
    InstanceNumber: context.instanceNumber ?? 1,
    ContentLabel: 'LESIONS',
    ContentDescription: 'HCC lesion layers and liver reference',
    ContentCreatorName: context.operatorName ?? '',
    ContentDate: context.contentDate,
    ContentTime: context.contentTime,
    SamplesPerPixel: 1,
    PhotometricInterpretation: 'MONOCHROME2',
    Rows: header.rows,
    Columns: header.columns,
    BitsAllocated: 1,
    BitsStored: 1,
    HighBit: 0,
    PixelRepresentation: 0,
    LossyImageCompression: '00',
    SegmentationType: 'BINARY',
    SegmentSequence: kept.map(({ plan }, i) => segmentItem(plan, i + 1, context)),
    DimensionOrganizationSequence: [{ DimensionOrganizationUID: dimensionOrganizationUid }],
    DimensionIndexSequence: [
      { DimensionOrganizationUID: dimensionOrganizationUid, DimensionIndexPointer: 0x0062000b, FunctionalGroupPointer: 0x0062000a, DimensionDescriptionLabel: 'Segment Number' },
      { DimensionOrganizationUID: dimensionOrganizationUid, DimensionIndexPointer: 0x00200032, FunctionalGroupPointer: 0x00209113, DimensionDescriptionLabel: 'Image Position Patient' },
    ],
    NumberOfFrames: frames.length,
    SharedFunctionalGroupsSequence: [sharedGroups(source)],
    PerFrameFunctionalGroupsSequence: perFrameGroups(frames, source),
    ReferencedSeriesSequence: [
      {
        SeriesInstanceUID: source.seriesInstanceUid,
        ReferencedInstanceSequence: uniqueSources.map((f) => ({ ReferencedSOPClassUID: source.sopClassUid, ReferencedSOPInstanceUID: f.sopInstanceUid })),
      },
    ],
    PixelData: packFrames(frames, maskOf, header.rows, header.columns).buffer,
    _vrMap: { PixelData: 'OB' },
  };

  const segments: SegSegmentInfo[] = kept.map(({ plan, slices }, i) => ({
    segmentNumber: i + 1,
    label: plan.label,
    layer: plan.layer,
    lesionNumber: plan.lesionNumber,
    frames: slices.length,
  }));
  return {
    bytes: writePart10(dataset, IMPLEMENTATION_CLASS_UID),
    studyInstanceUid: rois.studyInstanceUid,
    seriesInstanceUid,
    sopInstanceUid,
    sopClassUid: SEGMENTATION_STORAGE,
    sourceSeriesInstanceUid: source.seriesInstanceUid,
    segments,
    omittedEmpty,
  };
}

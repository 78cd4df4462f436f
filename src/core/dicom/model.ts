import type { HccErrorInfo } from '../errors';
import type { Direction3, Vec3 } from '../types/volume';

/** Where a frame's pixels sit inside its file (uncompressed: one byte range; encapsulated: fragments). */
export interface PixelLocation {
  encapsulated: boolean;
  /** Uncompressed: byte offset and length of this frame inside the file. Encapsulated: undefined. */
  offset?: number;
  length?: number;
}

/** One 2D image: a single-frame file or one frame of a multi-frame file. */
export interface FrameHeader {
  fileName: string;
  sopInstanceUid: string;
  /** 0-based frame number within its file. */
  frameIndex: number;
  instanceNumber: number | null;
  /** ImagePositionPatient (centre of the first transmitted pixel), LPS mm. */
  imagePositionPatient: Vec3 | null;
  /** ImageOrientationPatient: row cosines then column cosines. */
  imageOrientationPatient: [number, number, number, number, number, number] | null;
  /** PixelSpacing as DICOM stores it: [between rows (y), between columns (x)] in mm. */
  pixelSpacingMm: [number, number] | null;
  sliceThicknessMm: number | null;
  /** Diffusion b-value in s/mm^2 and the tag it came from (e.g. "(0018,9087)", "Siemens (0019,100C)"). */
  bValue: number | null;
  bValueSource: string | null;
  temporalPositionIdentifier: number | null;
  /** AcquisitionTime (or frame acquisition datetime) in seconds since midnight. */
  acquisitionTimeSec: number | null;
  rescaleSlope: number;
  rescaleIntercept: number;
  pixel: PixelLocation | null;
}

/** Header facts of one Part 10 file. Tag access lives in tags.ts; this is the parsed, typed result. */
export interface InstanceHeader {
  fileName: string;
  transferSyntaxUid: string;
  sopClassUid: string;
  sopInstanceUid: string;
  patientId: string;
  patientName: string;
  studyInstanceUid: string;
  /** YYYYMMDD as stored ('' when absent). */
  studyDate: string;
  studyTime: string;
  studyDescription: string;
  seriesInstanceUid: string;
  seriesNumber: number | null;
  seriesDescription: string;
  protocolName: string;
  modality: string;
  manufacturer: string;
  imageType: string[];
  frameOfReferenceUid: string;
  rows: number;
  columns: number;
  bitsAllocated: number;
  bitsStored: number;
  pixelRepresentation: number;
  samplesPerPixel: number;
  photometricInterpretation: string;
  numberOfFrames: number;
  echoTimeMs: number | null;
  repetitionTimeMs: number | null;
  flipAngleDeg: number | null;
  scanningSequence: string;
  sequenceName: string;
  contrastBolusAgent: string;
  /** ContrastBolusStartTime in seconds since midnight. */
  contrastBolusStartTimeSec: number | null;
  numberOfTemporalPositions: number | null;
  windowCenter: number | null;
  windowWidth: number | null;
  frames: FrameHeader[];
}

export type GeometryIssueKind =
  | 'MISSING_GEOMETRY'
  | 'NON_PARALLEL_SLICES'
  | 'NON_UNIFORM_SPACING'
  | 'GAP'
  | 'DUPLICATE_POSITION'
  | 'INCONSISTENT_PIXEL_SPACING'
  | 'INCONSISTENT_SIZE'
  | 'SINGLE_SLICE'
  /** Slice positions drift across the slice normal (e.g. gantry tilt): not a regular grid. */
  | 'SHEARED_STACK';

export interface GeometryIssue {
  kind: GeometryIssueKind;
  message: string;
}

/** Grid of a sorted series, when its slices form one. spacingMm = [x (column), y (row), slice step]. */
export interface SeriesGeometry {
  dims: Vec3;
  spacingMm: Vec3;
  originLps: Vec3;
  direction: Direction3;
  /** Nominal SliceThickness of the first slice (may differ from the slice step). */
  sliceThicknessMm: number | null;
  issues: GeometryIssue[];
}

export type Phase =
  | 't1_pre'
  | 'arterial'
  | 'portal_venous'
  | 'delayed'
  | 'hepatobiliary'
  | 't2'
  | 'dwi'
  | 'adc'
  | 'dce_dynamic'
  | 'subtraction'
  | 'other';

export interface PhaseClassification {
  phase: Phase;
  /** 0..1: how sure the rules are. */
  confidence: number;
  /** Every piece of evidence used, in words. */
  reasons: string[];
  /** True when the user set the phase by hand (overrides the rules). */
  overridden?: boolean;
}

/**
 * A displayable image volume: one series, or one part of a series split by b-value or temporal position.
 * `id` is unique within a study: the SeriesInstanceUID plus the split key, e.g. "1.2.3#b=800", "1.2.3#t=2".
 */
export interface SeriesVolume {
  id: string;
  seriesInstanceUid: string;
  seriesNumber: number | null;
  seriesDescription: string;
  protocolName: string;
  modality: string;
  manufacturer: string;
  sopClassUid: string;
  transferSyntaxUid: string;
  imageType: string[];
  frameOfReferenceUid: string;
  /** b-value of this volume when it is a DWI split (s/mm^2). */
  bValue: number | null;
  /** All b-values present in the source series (s/mm^2, ascending). */
  seriesBValues: number[];
  temporalPositionIdentifier: number | null;
  /** Representative header of the first file (tags the phase rules read). */
  header: InstanceHeader;
  /** Frames sorted along the slice normal (ascending position), not by InstanceNumber. */
  frames: FrameHeader[];
  geometry: SeriesGeometry | null;
  /** Earliest acquisition time of the volume, seconds since midnight. */
  acquisitionTimeSec: number | null;
  classification: PhaseClassification;
}

export interface StudyNode {
  studyInstanceUid: string;
  studyDate: string;
  studyTime: string;
  studyDescription: string;
  /** 0 = baseline (earliest StudyDate/Time), 1 = first follow-up, ... */
  timePointIndex: number;
  label: string;
  series: SeriesVolume[];
}

export interface PatientNode {
  patientId: string;
  patientName: string;
  studies: StudyNode[];
}

export interface StudyTree {
  patients: PatientNode[];
  /** Every file that was rejected, with its code and reason. */
  errors: HccErrorInfo[];
}

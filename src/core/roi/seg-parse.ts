/**
 * Reads a DICOM Segmentation (PS3.3 A.51, C.8.20) into plain facts: segments, and per frame its
 * segment, referenced source images, plane position and orientation, and where its bits are.
 * Read with dicom-parser, as all ingest is: one tag table (dicom/tags.ts), the same error codes for
 * damaged files, and the pixel bits are read in place from the file's bytes (no copy, no
 * naturalised data set). Only what this project can place as binary masks is accepted; everything
 * else is refused with UNSUPPORTED_SEG and the reason.
 */
import type { DataSet } from 'dicom-parser';
import { HccError } from '../errors';
import { findOverrunningElement, parseDataSet, TS_EXPLICIT_BE } from '../dicom/dataset';
import { perFrameGroups, sharedGroup } from '../dicom/frames';
import { TAGS, formatTag, getFixedNumbers, getItems, getNumber, getString } from '../dicom/tags';
import type { TagDef } from '../dicom/tags';
import type { Vec3 } from '../types/volume';

export const SEG_SOP_CLASS_UID = '1.2.840.10008.5.1.4.1.1.66.4';
export const LABEL_MAP_SEG_SOP_CLASS_UID = '1.2.840.10008.5.1.4.1.1.66.7';

export interface SegSegment {
  segmentNumber: number;
  label: string;
  /** AUTOMATIC / SEMIAUTOMATIC / MANUAL as stored ('' when absent). */
  algorithmType: string;
}

export interface SegSourceReference {
  sopInstanceUid: string;
  /** 1-based ReferencedFrameNumber, null when absent (single-frame source). */
  frameNumber: number | null;
}

export type Orientation = [number, number, number, number, number, number];

export interface SegFrame {
  /** 0-based frame index in the SEG. */
  index: number;
  segmentNumber: number;
  sources: SegSourceReference[];
  imagePositionPatient: Vec3 | null;
  orientation: Orientation | null;
  /** [between rows, between columns] in mm, as DICOM stores PixelSpacing. */
  pixelSpacingMm: [number, number] | null;
}

export interface ParsedSeg {
  fileName: string;
  sopInstanceUid: string;
  studyInstanceUid: string;
  seriesInstanceUid: string;
  patientId: string;
  frameOfReferenceUid: string;
  referencedSeriesInstanceUids: string[];
  rows: number;
  columns: number;
  sliceThicknessMm: number | null;
  spacingBetweenSlicesMm: number | null;
  segments: SegSegment[];
  frames: SegFrame[];
  /** The packed pixel bits (a view into the file's bytes): frame f, row r, column c is bit f*rows*columns + r*columns + c, least significant bit first. */
  bits: Uint8Array;
}

const clean = (s: string): string => s.replace(/\0/g, '').trim();
const refuse = (reason: string, fileName: string): HccError => new HccError('UNSUPPORTED_SEG', reason, fileName);

function firstItem(perFrame: DataSet | undefined, shared: DataSet | undefined, def: TagDef): DataSet | undefined {
  return (perFrame && getItems(perFrame, def)[0]) ?? (shared && getItems(shared, def)[0]);
}

function checkKind(ds: DataSet, fileName: string, transferSyntaxUid: string): void {
  const sopClass = clean(getString(ds, TAGS.SOPClassUID));
  if (sopClass === LABEL_MAP_SEG_SOP_CLASS_UID) {
    throw refuse('a label-map segmentation (one label per pixel, DICOM Supplement 243): only binary SEG objects are read', fileName);
  }
  if (sopClass !== SEG_SOP_CLASS_UID) throw refuse(`not a DICOM Segmentation object (SOP class ${sopClass || 'missing'})`, fileName);
  const type = clean(getString(ds, TAGS.SegmentationType)).toUpperCase();
  if (type === 'FRACTIONAL') {
    throw refuse(
      'a FRACTIONAL segmentation (each pixel holds a probability or occupancy, not in/out): only BINARY segmentations are ' +
        'read, because a volume needs a yes/no per voxel and any threshold would be a guess. Export a binary SEG from the tool that made it.',
      fileName,
    );
  }
  if (type !== 'BINARY') throw refuse(`segmentation type "${type || 'missing'}": only BINARY segmentations are read`, fileName);
  const bits = getNumber(ds, TAGS.BitsAllocated);
  if (bits !== 1) throw refuse(`a BINARY segmentation must store 1 bit per pixel; this one says ${bits ?? 'nothing'}`, fileName);
  if (transferSyntaxUid === TS_EXPLICIT_BE) throw refuse('stored big endian (a retired transfer syntax): its bit order is not read', fileName);
  if (ds.elements[TAGS.PixelData.tag]?.encapsulatedPixelData === true) {
    throw refuse('compressed pixel data (encapsulated transfer syntax): only uncompressed segmentations are read', fileName);
  }
}

function readSegments(ds: DataSet, fileName: string): SegSegment[] {
  const items = getItems(ds, TAGS.SegmentSequence);
  if (items.length === 0) throw refuse('no SegmentSequence: the segments are not described', fileName);
  const segments = items.map((item) => ({
    segmentNumber: getNumber(item, TAGS.SegmentNumber) ?? -1,
    label: clean(getString(item, TAGS.SegmentLabel)),
    algorithmType: clean(getString(item, TAGS.SegmentAlgorithmType)),
  }));
  const numbers = segments.map((s) => s.segmentNumber);
  if (numbers.some((n) => !Number.isInteger(n) || n < 1) || new Set(numbers).size !== numbers.length) {
    throw refuse(`segment numbers must be distinct positive integers, found ${numbers.join(', ')}`, fileName);
  }
  return segments;
}

function readSources(group: DataSet | undefined): SegSourceReference[] {
  if (group === undefined) return [];
  return getItems(group, TAGS.DerivationImageSequence).flatMap((derivation) =>
    getItems(derivation, TAGS.SourceImageSequence).map((source) => ({
      sopInstanceUid: clean(getString(source, TAGS.ReferencedSOPInstanceUID)),
      frameNumber: getNumber(source, TAGS.ReferencedFrameNumber),
    })),
  ).filter((s) => s.sopInstanceUid !== '');
}

function readFrames(ds: DataSet, fileName: string, frameCount: number, segments: SegSegment[]): SegFrame[] {
  const shared = sharedGroup(ds);
  const perFrame = perFrameGroups(ds);
  if (perFrame.length !== frameCount) {
    throw refuse(`NumberOfFrames is ${frameCount} but the per-frame functional groups describe ${perFrame.length} frames`, fileName);
  }
  const known = new Set(segments.map((s) => s.segmentNumber));
  const topIop = getFixedNumbers(ds, TAGS.ImageOrientationPatient, 6);
  const topSpacing = getFixedNumbers(ds, TAGS.PixelSpacing, 2);
  return perFrame.map((own, index) => {
    const identification = firstItem(own, shared, TAGS.SegmentIdentificationSequence);
    const stated = identification && getNumber(identification, TAGS.ReferencedSegmentNumber);
    const segmentNumber = stated ?? (segments.length === 1 ? segments[0]!.segmentNumber : null);
    if (segmentNumber === null || !known.has(segmentNumber)) {
      throw refuse(`frame ${index + 1} names segment ${segmentNumber ?? '(none)'}, which the SegmentSequence does not describe`, fileName);
    }
    const position = firstItem(own, shared, TAGS.PlanePositionSequence);
    const orientation = firstItem(own, shared, TAGS.PlaneOrientationSequence);
    const measures = firstItem(own, shared, TAGS.PixelMeasuresSequence);
    const ipp = position && getFixedNumbers(position, TAGS.ImagePositionPatient, 3);
    const iop = (orientation && getFixedNumbers(orientation, TAGS.ImageOrientationPatient, 6)) ?? topIop;
    const ps = (measures && getFixedNumbers(measures, TAGS.PixelSpacing, 2)) ?? topSpacing;
    return {
      index,
      segmentNumber,
      sources: readSources(own),
      imagePositionPatient: ipp ? (ipp as Vec3) : null,
      orientation: iop ? (iop as Orientation) : null,
      pixelSpacingMm: ps ? (ps as [number, number]) : null,
    };
  });
}

/** First value found in the shared pixel measures, then the first frame's, then the top level. */
function measure(ds: DataSet, def: TagDef): number | null {
  const shared = sharedGroup(ds);
  const first = perFrameGroups(ds)[0];
  const inShared = shared && getItems(shared, TAGS.PixelMeasuresSequence)[0];
  const inFirst = first && getItems(first, TAGS.PixelMeasuresSequence)[0];
  const value = (inShared && getNumber(inShared, def)) ?? (inFirst && getNumber(inFirst, def)) ?? getNumber(ds, def);
  return value !== null && value !== undefined && value > 0 ? value : null;
}

export function parseSeg(bytes: Uint8Array, fileName: string): ParsedSeg {
  const { dataSet: ds, transferSyntaxUid } = parseDataSet(bytes, fileName);
  const overrun = findOverrunningElement(ds);
  if (overrun !== null) throw new HccError('TRUNCATED', `the file ends inside element ${formatTag(overrun)} (incomplete copy or transfer)`, fileName);
  checkKind(ds, fileName, transferSyntaxUid);
  const rows = getNumber(ds, TAGS.Rows) ?? 0;
  const columns = getNumber(ds, TAGS.Columns) ?? 0;
  if (rows <= 0 || columns <= 0) throw refuse('no image size (Rows / Columns)', fileName);
  const frameCount = Math.round(getNumber(ds, TAGS.NumberOfFrames) ?? 1);
  const segments = readSegments(ds, fileName);
  const frames = readFrames(ds, fileName, frameCount, segments);

  const pixel = ds.elements[TAGS.PixelData.tag];
  if (pixel === undefined) throw new HccError('NO_PIXEL_DATA', 'the segmentation has no pixel data', fileName);
  const needed = Math.ceil((frameCount * rows * columns) / 8);
  const available = Math.min(pixel.length, ds.byteArray.length - pixel.dataOffset);
  if (available < needed) {
    throw new HccError('TRUNCATED', `pixel data is incomplete: ${frameCount} frame(s) of ${columns} x ${rows} bits need ${needed} bytes, the file holds ${available}`, fileName);
  }
  const referencedSeriesInstanceUids = getItems(ds, TAGS.ReferencedSeriesSequence)
    .map((item) => clean(getString(item, TAGS.SeriesInstanceUID)))
    .filter((uid) => uid !== '');
  return {
    fileName,
    sopInstanceUid: clean(getString(ds, TAGS.SOPInstanceUID)),
    studyInstanceUid: clean(getString(ds, TAGS.StudyInstanceUID)),
    seriesInstanceUid: clean(getString(ds, TAGS.SeriesInstanceUID)),
    patientId: getString(ds, TAGS.PatientID).trim(),
    frameOfReferenceUid: clean(getString(ds, TAGS.FrameOfReferenceUID)),
    referencedSeriesInstanceUids,
    rows,
    columns,
    sliceThicknessMm: measure(ds, TAGS.SliceThickness),
    spacingBetweenSlicesMm: measure(ds, TAGS.SpacingBetweenSlices),
    segments,
    frames,
    bits: ds.byteArray.subarray(pixel.dataOffset, pixel.dataOffset + needed),
  };
}

/** Calls visit(row, column) for every set pixel of a frame. */
export function forEachSetPixel(seg: ParsedSeg, frameIndex: number, visit: (row: number, column: number) => void): void {
  const { rows, columns, bits } = seg;
  const first = frameIndex * rows * columns;
  const last = first + rows * columns;
  for (let bit = first; bit < last;) {
    const byte = bits[bit >> 3]!;
    // Skip a whole zero byte when the frame covers it from its first bit.
    if (byte === 0 && (bit & 7) === 0 && bit + 8 <= last) {
      bit += 8;
      continue;
    }
    if ((byte >> (bit & 7)) & 1) {
      const p = bit - first;
      visit(Math.floor(p / columns), p % columns);
    }
    bit++;
  }
}

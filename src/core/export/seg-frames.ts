/**
 * SEG frames: one frame per (segment, source slice) holding any voxel, bit-packed LSB first, with the
 * functional groups tying each frame to its source slice and position.
 */
import type { FrameHeader, SeriesVolume } from '../dicom/model';
import { GRID_BREAKING_ISSUES } from '../dicom/read-volume';
import { HccError } from '../errors';
import type { Mask3D, Vec3 } from '../types/volume';
import { codeItem, SEG_CODES } from './codes';
import { formatDs } from './context';
import type { NaturalDataset } from './dicom-io';

export interface SegFrame {
  segmentNumber: number;
  /** Slice index in the source's sorted frames. */
  sliceIndex: number;
}

const ORIGIN_TOLERANCE_MM = 1e-3;
const RELATIVE_TOLERANCE = 1e-4;

const close = (a: number, b: number, tolerance: number): boolean => Math.abs(a - b) <= tolerance;

/** The source as a regular grid, or GEOMETRY_MISMATCH: a SEG can only sit on slices it can name. */
export function sourceGrid(source: SeriesVolume): { dims: Vec3; spacingMm: Vec3; originLps: Vec3; direction: number[] } {
  const geometry = source.geometry;
  if (geometry === null) throw new HccError('GEOMETRY_MISMATCH', `series ${source.seriesInstanceUid} has no slice geometry`);
  const breaking = geometry.issues.filter((issue) => GRID_BREAKING_ISSUES.has(issue.kind));
  if (breaking.length > 0) {
    throw new HccError('GEOMETRY_MISMATCH', `series ${source.seriesInstanceUid} is not a regular grid: ${breaking.map((i) => i.message).join('; ')}`);
  }
  if (source.frames.length !== geometry.dims[2] || source.frames.some((f) => f.imagePositionPatient === null)) {
    throw new HccError('GEOMETRY_MISMATCH', `series ${source.seriesInstanceUid}: frames do not match its grid`);
  }
  return geometry;
}

/** A mask must lie on the source grid voxel for voxel (masks are drawn on their series' grid). */
export function checkMaskOnGrid(mask: Mask3D, label: string, source: SeriesVolume): void {
  const grid = sourceGrid(source);
  const fail = (what: string): never => {
    throw new HccError('GEOMETRY_MISMATCH', `segment '${label}' is not on the grid of series ${source.seriesInstanceUid}: ${what}`);
  };
  if (mask.dims.some((d, i) => d !== grid.dims[i])) fail(`dims ${mask.dims.join('x')} vs ${grid.dims.join('x')}`);
  if (mask.data.length !== mask.dims[0] * mask.dims[1] * mask.dims[2]) fail('data length does not match dims');
  if (mask.spacingMm.some((s, i) => !close(s, grid.spacingMm[i] ?? NaN, RELATIVE_TOLERANCE * Math.abs(s)))) fail('spacing differs');
  if (mask.originLps.some((o, i) => !close(o, grid.originLps[i] ?? NaN, ORIGIN_TOLERANCE_MM))) fail('origin differs');
  if (mask.direction.some((c, i) => !close(c, grid.direction[i] ?? NaN, RELATIVE_TOLERANCE))) fail('orientation differs');
}

/** Slices (ascending) where the mask has at least one voxel. */
export function nonEmptySlices(mask: Mask3D): number[] {
  const sliceSize = mask.dims[0] * mask.dims[1];
  const slices: number[] = [];
  for (let k = 0; k < mask.dims[2]; k += 1) {
    const start = k * sliceSize;
    for (let v = start; v < start + sliceSize; v += 1) {
      if (mask.data[v] !== 0) {
        slices.push(k);
        break;
      }
    }
  }
  return slices;
}

/**
 * Packs frames one after another, bit after bit (PS3.5 8.1.1: with BitsAllocated 1 frames are not padded
 * to byte boundaries), pixel p of a frame at bit p, LSB first; the total is padded to an even length.
 */
export function packFrames(frames: readonly SegFrame[], maskOf: (segmentNumber: number) => Mask3D, rows: number, columns: number): Uint8Array {
  const frameSize = rows * columns;
  const totalBits = frames.length * frameSize;
  const bytes = Math.ceil(totalBits / 8);
  const out = new Uint8Array(bytes + (bytes % 2));
  frames.forEach((frame, f) => {
    const data = maskOf(frame.segmentNumber).data;
    const start = frame.sliceIndex * frameSize;
    const bitBase = f * frameSize;
    for (let p = 0; p < frameSize; p += 1) {
      if (data[start + p] !== 0) {
        const bit = bitBase + p;
        out[bit >> 3] = (out[bit >> 3] ?? 0) | (1 << (bit & 7));
      }
    }
  });
  return out;
}

const isMultiFrameSource = (source: SeriesVolume, frame: FrameHeader): boolean =>
  frame.frameIndex > 0 || source.frames.filter((f) => f.sopInstanceUid === frame.sopInstanceUid).length > 1;

const ds = (values: readonly number[]): string[] => values.map(formatDs);

/** Per-frame functional groups: derivation (source slice), frame content (dimension indices), position, segment. */
export function perFrameGroups(frames: readonly SegFrame[], source: SeriesVolume): NaturalDataset[] {
  // Position dimension index: rank of the slice among the slices present in this SEG (1-based, along the normal).
  const slices = [...new Set(frames.map((f) => f.sliceIndex))].sort((a, b) => a - b);
  const rank = new Map(slices.map((k, i) => [k, i + 1] as const));
  return frames.map((frame) => {
    const sourceFrame = source.frames[frame.sliceIndex];
    if (sourceFrame === undefined || sourceFrame.imagePositionPatient === null) {
      throw new HccError('GEOMETRY_MISMATCH', `no source slice ${frame.sliceIndex} in series ${source.seriesInstanceUid}`);
    }
    const sourceImage: NaturalDataset = {
      ReferencedSOPClassUID: source.sopClassUid,
      ReferencedSOPInstanceUID: sourceFrame.sopInstanceUid,
      PurposeOfReferenceCodeSequence: [codeItem(SEG_CODES.sourceImageForProcessing)],
    };
    if (isMultiFrameSource(source, sourceFrame)) sourceImage['ReferencedFrameNumber'] = sourceFrame.frameIndex + 1;
    return {
      DerivationImageSequence: [
        { SourceImageSequence: [sourceImage], DerivationCodeSequence: [codeItem(SEG_CODES.segmentation)] },
      ],
      FrameContentSequence: [{ DimensionIndexValues: [frame.segmentNumber, rank.get(frame.sliceIndex) ?? 0] }],
      PlanePositionSequence: [{ ImagePositionPatient: ds(sourceFrame.imagePositionPatient) }],
      SegmentIdentificationSequence: [{ ReferencedSegmentNumber: frame.segmentNumber }],
    };
  });
}

/** Shared functional groups: orientation and pixel measures are the same for every frame of one grid. */
export function sharedGroups(source: SeriesVolume): NaturalDataset {
  const grid = sourceGrid(source);
  const [x, y, step] = grid.spacingMm;
  const thickness = source.geometry?.sliceThicknessMm ?? step;
  // The source's own IOP when present (bit-exact with the images), else the grid's row/column cosines.
  const orientation = source.frames[0]?.imageOrientationPatient ?? grid.direction.slice(0, 6);
  return {
    PlaneOrientationSequence: [{ ImageOrientationPatient: ds(orientation) }],
    PixelMeasuresSequence: [
      // PixelSpacing is [between rows (y), between columns (x)].
      { PixelSpacing: ds([y, x]), SliceThickness: formatDs(thickness), SpacingBetweenSlices: formatDs(step) },
    ],
  };
}

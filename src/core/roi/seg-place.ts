/**
 * Puts each SEG frame onto a target grid (the source series' grid, or the SEG's own).
 * - Slice: the source slice whose image (SOPInstanceUID, and frame number for multi-frame sources) the
 *   frame references; when no reference matches, the slice nearest the frame's plane position, if it
 *   is within half a slice step.
 * - In-plane: the frame's first pixel must land on a voxel centre of the grid (pixels line up, with an
 *   integer offset allowed); pixel spacing and orientation must match the grid. Resampled SEGs are
 *   refused (UNSUPPORTED_SEG) rather than resampled again here.
 * Frames with no set pixel are skipped wherever they are; a frame with set pixels that cannot be
 * placed, or whose pixels fall outside the grid, fails the import (GEOMETRY_MISMATCH): dropping
 * a part of someone's segmentation silently is never an option.
 */
import { HccError } from '../errors';
import { gridAffine, lpsToIjk } from '../geometry/affine';
import { ORIENTATION_TOLERANCE, PIXEL_SPACING_TOLERANCE_MM, SHEAR_PIXEL_FRACTION } from '../dicom/geometry';
import type { GridGeometry } from '../types/volume';
import { combinePlanes } from './mask-ops';
import { forEachSetPixel } from './seg-parse';
import type { ParsedSeg, SegFrame } from './seg-parse';
import { emptySparseMask, planeFromWindow, withPlanes } from './sparse-mask';
import type { PlaneMask, SparseMask } from './sparse-mask';

/** Source frames for matching by reference: frames[k] is slice k of the grid. */
export interface SourceFrameRef {
  sopInstanceUid: string;
  /** 0-based frame index within its file. */
  frameIndex: number;
}

export interface FramePlacement {
  k: number;
  /** Grid column / row of the frame's first pixel. */
  di: number;
  dj: number;
  matchedBy: 'reference' | 'position';
}

export interface PlacementResult {
  /** Sparse mask per segment number. */
  masks: Map<number, SparseMask>;
  framesByReference: number;
  framesByPosition: number;
  warnings: string[];
}

/** A slice may be this far (in slice steps) from a frame's position and still be its slice. */
export const HALF_SLICE = 0.5;
/** A frame placed by position farther than this (slices) from its slice's centre gets a warning. */
export const OFF_CENTRE_WARNING_SLICES = 0.05;

function referenceIndex(frames: readonly SourceFrameRef[] | undefined): Map<string, number> {
  const index = new Map<string, number>();
  if (frames === undefined) return index;
  const perInstance = new Map<string, number>();
  for (const f of frames) perInstance.set(f.sopInstanceUid, (perInstance.get(f.sopInstanceUid) ?? 0) + 1);
  frames.forEach((f, k) => {
    index.set(`${f.sopInstanceUid}|${f.frameIndex + 1}`, k);
    // A reference without a frame number names a single-frame image.
    if (perInstance.get(f.sopInstanceUid) === 1) index.set(f.sopInstanceUid, k);
  });
  return index;
}

function checkInPlane(seg: ParsedSeg, frame: SegFrame, grid: GridGeometry): void {
  const d = grid.direction;
  const o = frame.orientation;
  if (o !== null && o.some((v, x) => Math.abs(v - d[x]!) > ORIENTATION_TOLERANCE)) {
    throw new HccError('UNSUPPORTED_SEG', `frame ${frame.index + 1} is not in the plane of the series it is placed on (resampled or reformatted SEG)`, seg.fileName);
  }
  const ps = frame.pixelSpacingMm;
  if (ps !== null && (Math.abs(ps[1] - grid.spacingMm[0]) > PIXEL_SPACING_TOLERANCE_MM || Math.abs(ps[0] - grid.spacingMm[1]) > PIXEL_SPACING_TOLERANCE_MM)) {
    throw new HccError(
      'UNSUPPORTED_SEG',
      `frame ${frame.index + 1} has ${ps[1]} x ${ps[0]} mm pixels, the series ${grid.spacingMm[0]} x ${grid.spacingMm[1]} mm (resampled SEG)`,
      seg.fileName,
    );
  }
}

function place(seg: ParsedSeg, frame: SegFrame, grid: GridGeometry, refs: Map<string, number>, warnings: string[]): FramePlacement | null {
  let byRef: number | null = null;
  for (const s of frame.sources) {
    const k = refs.get(s.frameNumber === null ? s.sopInstanceUid : `${s.sopInstanceUid}|${s.frameNumber}`);
    if (k !== undefined) {
      byRef = k;
      break;
    }
  }
  checkInPlane(seg, frame, grid);
  const ipp = frame.imagePositionPatient;
  // Without a position, a referenced frame is the source image itself: same pixels, no offset.
  if (ipp === null) return byRef === null ? null : { k: byRef, di: 0, dj: 0, matchedBy: 'reference' };
  const c = lpsToIjk(gridAffine(grid), ipp[0], ipp[1], ipp[2]);
  const di = Math.round(c[0]);
  const dj = Math.round(c[1]);
  if (Math.abs(c[0] - di) > SHEAR_PIXEL_FRACTION || Math.abs(c[1] - dj) > SHEAR_PIXEL_FRACTION) {
    throw new HccError(
      'UNSUPPORTED_SEG',
      `frame ${frame.index + 1}'s pixels sit between the series' pixel centres (offset ${c[0].toFixed(2)}, ${c[1].toFixed(2)} pixels): resampled SEG`,
      seg.fileName,
    );
  }
  if (byRef !== null) {
    if (Math.abs(c[2] - byRef) > HALF_SLICE) {
      warnings.push(`frame ${frame.index + 1} references slice ${byRef + 1} but its position is ${c[2].toFixed(2)} slices from it: placed by the reference`);
    }
    return { k: byRef, di, dj, matchedBy: 'reference' };
  }
  const k = Math.round(c[2]);
  if (Math.abs(c[2] - k) > HALF_SLICE || k < 0 || k >= grid.dims[2]) return null;
  if (Math.abs(c[2] - k) > OFF_CENTRE_WARNING_SLICES) {
    warnings.push(`frame ${frame.index + 1} lies ${Math.abs(c[2] - k).toFixed(2)} slices from slice ${k + 1}, where it was placed (drawn on a series with other slice positions?)`);
  }
  return { k, di, dj, matchedBy: 'position' };
}

/**
 * Places every frame and assembles one sparse mask per segment on `grid`. `sourceFrames` enables
 * matching by reference (frames[k] is slice k); without it frames are placed by position only.
 */
export function placeSegFrames(seg: ParsedSeg, grid: GridGeometry, sourceFrames?: readonly SourceFrameRef[]): PlacementResult {
  const refs = referenceIndex(sourceFrames);
  const warnings: string[] = [];
  const [nx, ny] = grid.dims;
  // Planes per segment and slice, kept sparse while assembling (frames of one segment may share a slice).
  const planes = new Map<number, Map<number, PlaneMask | null>>(seg.segments.map((s) => [s.segmentNumber, new Map()]));
  let framesByReference = 0;
  let framesByPosition = 0;
  for (const frame of seg.frames) {
    let any = false;
    forEachSetPixel(seg, frame.index, () => {
      any = true;
    });
    if (!any) continue;
    const at = place(seg, frame, grid, refs, warnings);
    if (at === null) {
      throw new HccError(
        'GEOMETRY_MISMATCH',
        `frame ${frame.index + 1} (segment ${frame.segmentNumber}) matches no slice of the series: it references none of its images and ` +
          `its position is ${frame.imagePositionPatient === null ? 'not stated' : 'not within half a slice of any slice'}`,
        seg.fileName,
      );
    }
    if (at.matchedBy === 'reference') framesByReference++;
    else framesByPosition++;
    // A fresh slice per frame: planeFromWindow may keep it as the plane's own data.
    const slice = new Uint8Array(nx * ny);
    let outside = 0;
    forEachSetPixel(seg, frame.index, (row, column) => {
      const i = column + at.di;
      const j = row + at.dj;
      if (i < 0 || j < 0 || i >= nx || j >= ny) outside++;
      else slice[i + j * nx] = 1;
    });
    if (outside > 0) {
      throw new HccError('GEOMETRY_MISMATCH', `frame ${frame.index + 1}: ${outside} set pixel(s) fall outside the ${nx} x ${ny} series image`, seg.fileName);
    }
    const own = planes.get(frame.segmentNumber)!;
    const plane = planeFromWindow(slice, { i0: 0, j0: 0, width: nx, height: ny }, grid);
    own.set(at.k, combinePlanes(own.get(at.k) ?? null, plane, 'union', grid));
  }
  const masks = new Map<number, SparseMask>();
  for (const [segmentNumber, updates] of planes) masks.set(segmentNumber, withPlanes(emptySparseMask(grid), updates));
  return { masks, framesByReference, framesByPosition, warnings };
}

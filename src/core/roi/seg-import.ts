/**
 * DICOM SEG import: `importSeg(bytes, fileName, sourceSeries?)` -> one sparse mask per segment on the
 * grid of the SEG's source series (or, without it, on the grid the SEG's own frames describe), each
 * with its label and its role under DESIGN.md's naming (segment-names.ts). seg-to-model.ts puts the
 * result into the lesion model.
 */
import type { IjkBox } from '../kernels/bounding-box';
import { HccError } from '../errors';
import type { GridGeometry } from '../types/volume';
import { voxelVolumeMl } from '../types/volume';
import { segmentRole } from './segment-names';
import type { SegmentRole } from './segment-names';
import { segOwnGrid } from './seg-grid';
import { parseSeg } from './seg-parse';
import type { ParsedSeg } from './seg-parse';
import { placeSegFrames } from './seg-place';
import type { SourceFrameRef } from './seg-place';
import { copyGrid, sparseBox, sparseVoxelCount } from './sparse-mask';
import type { SparseMask } from './sparse-mask';

/**
 * A series the SEG may have been drawn on. A SeriesVolume from src/core/dicom fits as is: frames
 * sorted along the normal (frames[k] is slice k of `geometry`).
 */
export interface SegSourceSeries {
  /** Model series id (SeriesVolume.id); default the SeriesInstanceUID. */
  id?: string;
  seriesInstanceUid: string;
  frameOfReferenceUid?: string;
  geometry: GridGeometry | null;
  frames: readonly SourceFrameRef[];
}

export interface ImportedSegment {
  segmentNumber: number;
  label: string;
  role: SegmentRole;
  algorithmType: string;
  mask: SparseMask;
  box: IjkBox | null;
  voxelCount: number;
  volumeMl: number;
}

export interface SegImportResult {
  fileName: string;
  sopInstanceUid: string;
  studyInstanceUid: string;
  seriesInstanceUid: string;
  patientId: string;
  frameOfReferenceUid: string;
  /** First series the SEG says it was derived from (ReferencedSeriesSequence), null when it says none. */
  referencedSeriesInstanceUid: string | null;
  /** Grid every mask is on. */
  grid: GridGeometry;
  /** 'sourceSeries': the given series' grid; 'segGeometry': the grid the SEG's own frames describe. */
  gridSource: 'sourceSeries' | 'segGeometry';
  /** Model series id of that grid: the source's id, or `seg:<SOPInstanceUID>`. */
  seriesId: string;
  /** In SegmentSequence order. */
  segments: ImportedSegment[];
  framesMatchedByReference: number;
  framesMatchedByPosition: number;
  warnings: string[];
}

interface SourceChoice {
  source: SegSourceSeries | null;
  warnings: string[];
}

function referenceHits(seg: ParsedSeg, source: SegSourceSeries): number {
  const uids = new Set(source.frames.map((f) => f.sopInstanceUid));
  return seg.frames.filter((f) => f.sources.some((s) => uids.has(s.sopInstanceUid))).length;
}

/** Which of the given series the SEG belongs on (see importSeg). */
function chooseSource(seg: ParsedSeg, given: SegSourceSeries | readonly SegSourceSeries[] | undefined): SourceChoice {
  const candidates: readonly SegSourceSeries[] = given === undefined ? [] : Array.isArray(given) ? given : [given as SegSourceSeries];
  if (candidates.length === 0) return { source: null, warnings: [] };
  const scored = candidates.map((c) => ({ c, hits: referenceHits(seg, c), named: seg.referencedSeriesInstanceUids.includes(c.seriesInstanceUid) }));
  scored.sort((a, b) => Number(b.named) - Number(a.named) || b.hits - a.hits);
  const best = scored[0]!;
  let source: SegSourceSeries | null = null;
  if (best.named || best.hits > 0) source = best.c;
  else if (candidates.length === 1) {
    const c = candidates[0]!;
    // Placing by position alone is only meaningful in one frame of reference.
    if (c.frameOfReferenceUid && seg.frameOfReferenceUid && c.frameOfReferenceUid !== seg.frameOfReferenceUid) {
      throw new HccError(
        'GEOMETRY_MISMATCH',
        `the SEG references none of series ${c.seriesInstanceUid}'s images and lies in another frame of reference: it was not drawn on this series`,
        seg.fileName,
      );
    }
    source = c;
  } else {
    return { source: null, warnings: [`none of the ${candidates.length} series given is the SEG's source: masks are on the SEG's own grid`] };
  }
  if (source.geometry === null) {
    return { source: null, warnings: [`series ${source.seriesInstanceUid} has no regular grid: masks are on the SEG's own grid`] };
  }
  return { source, warnings: [] };
}

/**
 * Reads a binary DICOM SEG and places its segments.
 * Source series: pass the series the SEG was drawn on (or several candidates: the one the SEG's
 * ReferencedSeriesSequence names, else the one whose images its frames reference most, is used; a
 * single candidate that matches neither way is used by plane position when it shares the SEG's frame of
 * reference). Without a usable source the masks are on the SEG's own grid (warnings say so).
 * Throws HccError: UNSUPPORTED_SEG (fractional, label-map, compressed, resampled, irregular), NOT_DICOM,
 * TRUNCATED, NO_PIXEL_DATA, UNSUPPORTED_TRANSFER_SYNTAX, GEOMETRY_MISMATCH (frames that fit no slice).
 */
export function importSeg(bytes: Uint8Array, fileName: string, sourceSeries?: SegSourceSeries | readonly SegSourceSeries[]): SegImportResult {
  const seg = parseSeg(bytes, fileName);
  const { source, warnings } = chooseSource(seg, sourceSeries);
  const grid = source === null ? segOwnGrid(seg) : copyGrid(source.geometry!);
  const placed = placeSegFrames(seg, grid, source?.frames);
  const voxelMl = voxelVolumeMl(grid.spacingMm);
  const segments = seg.segments.map((s): ImportedSegment => {
    const mask = placed.masks.get(s.segmentNumber)!;
    const voxelCount = sparseVoxelCount(mask);
    return {
      segmentNumber: s.segmentNumber,
      label: s.label,
      role: segmentRole(s.label),
      algorithmType: s.algorithmType,
      mask,
      box: sparseBox(mask),
      voxelCount,
      volumeMl: voxelCount * voxelMl,
    };
  });
  return {
    fileName,
    sopInstanceUid: seg.sopInstanceUid,
    studyInstanceUid: seg.studyInstanceUid,
    seriesInstanceUid: seg.seriesInstanceUid,
    patientId: seg.patientId,
    frameOfReferenceUid: seg.frameOfReferenceUid,
    referencedSeriesInstanceUid: seg.referencedSeriesInstanceUids[0] ?? null,
    grid,
    gridSource: source === null ? 'segGeometry' : 'sourceSeries',
    seriesId: source === null ? `seg:${seg.sopInstanceUid}` : source.id ?? source.seriesInstanceUid,
    segments,
    framesMatchedByReference: placed.framesByReference,
    framesMatchedByPosition: placed.framesByPosition,
    warnings: [...warnings, ...placed.warnings],
  };
}

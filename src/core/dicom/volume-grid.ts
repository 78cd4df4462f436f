/**
 * The voxel grid of a series and the placement of one decoded frame on it: shared by the node reader
 * (readVolume, from the files' bytes) and the browser reader (from Cornerstone's decoded images), so
 * both give the same Volume3D for the same series.
 */
import { HccError } from '../errors';
import type { GridGeometry } from '../types/volume';
import type { FrameHeader, GeometryIssueKind, SeriesVolume } from './model';

/**
 * Issues that leave no single regular grid: voxels would land in the wrong place in patient space.
 * SINGLE_SLICE is not one of them (a one-slice grid is still a grid).
 */
export const GRID_BREAKING_ISSUES: ReadonlySet<GeometryIssueKind> = new Set<GeometryIssueKind>([
  'MISSING_GEOMETRY',
  'NON_PARALLEL_SLICES',
  'NON_UNIFORM_SPACING',
  'GAP',
  'DUPLICATE_POSITION',
  'INCONSISTENT_PIXEL_SPACING',
  'INCONSISTENT_SIZE',
  'SHEARED_STACK',
]);

/** The series' regular voxel grid (frames in the volume's sorted order are its k-planes); GEOMETRY_MISMATCH otherwise. */
export function volumeGrid(volume: SeriesVolume): GridGeometry {
  const geometry = volume.geometry;
  const name = volume.seriesDescription || volume.id;
  if (geometry === null) throw new HccError('GEOMETRY_MISMATCH', `series "${name}" has no slice geometry: it cannot be placed on a voxel grid`);
  const breaking = geometry.issues.filter((issue) => GRID_BREAKING_ISSUES.has(issue.kind));
  if (breaking.length > 0) {
    throw new HccError('GEOMETRY_MISMATCH', `series "${name}" does not form one regular voxel grid: ${breaking.map((i) => i.message).join('; ')}`);
  }
  return { dims: [...geometry.dims], spacingMm: [...geometry.spacingMm], originLps: [...geometry.originLps], direction: [...geometry.direction] };
}

/** A decoded frame must hold one value per pixel of the grid's plane (GEOMETRY_MISMATCH naming the file otherwise). */
export function assertFrameSize(grid: GridGeometry, frame: Pick<FrameHeader, 'fileName' | 'frameIndex'>, valueCount: number): void {
  const [columns, rows] = grid.dims;
  if (valueCount !== columns * rows) {
    throw new HccError('GEOMETRY_MISMATCH', `frame ${frame.frameIndex + 1} decodes to ${valueCount} values, the grid needs ${columns} x ${rows}`, frame.fileName);
  }
}

/**
 * Writes one decoded frame into plane k of `data` as real values. `values` are stored values unless
 * `rescaled` says the decoder already applied the frame's RescaleSlope / Intercept (Cornerstone's
 * pre-scaling); either way the result is stored * slope + intercept, computed once.
 */
export function placeFrame(
  data: Float32Array,
  grid: GridGeometry,
  k: number,
  frame: Pick<FrameHeader, 'fileName' | 'frameIndex' | 'rescaleSlope' | 'rescaleIntercept'>,
  values: ArrayLike<number>,
  rescaled: boolean,
): void {
  const plane = grid.dims[0] * grid.dims[1];
  if (k < 0 || k >= grid.dims[2]) throw new RangeError(`plane ${k} is outside a grid of ${grid.dims[2]} planes`);
  assertFrameSize(grid, frame, values.length);
  const base = k * plane;
  if (rescaled || (frame.rescaleSlope === 1 && frame.rescaleIntercept === 0)) {
    for (let p = 0; p < plane; p++) data[base + p] = values[p]!;
    return;
  }
  const slope = frame.rescaleSlope;
  const intercept = frame.rescaleIntercept;
  for (let p = 0; p < plane; p++) data[base + p] = values[p]! * slope + intercept;
}

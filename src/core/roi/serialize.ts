/**
 * The lesion model as a plain, JSON-safe record for autosave (IndexedDB) and back, exactly.
 * Masks are stored as their grid plus, per non-empty slice, the tight box and the run-length text
 * of its voxels (rle.ts), so a record costs about the ROI's outline, not the grid.
 * The app owns the storage; storage-key.ts builds the key.
 */
import { HccError } from '../errors';
import type { Direction3, GridGeometry, Vec3 } from '../types/volume';
import type { LayerMask, LesionDefinition, NonTargetStatus, RoiModel, TimePointModel } from './model';
import { decodeMaskRle, encodeMaskRle } from './rle';
import { copyGrid, emptySparseMask, planeFromWindow, withPlanes } from './sparse-mask';
import type { PlaneMask } from './sparse-mask';

export const ROI_SCHEMA = 'hcc-response/rois@1';

export interface SerializedPlane {
  k: number;
  i0: number;
  j0: number;
  width: number;
  height: number;
  rle: string;
}

export interface SerializedLayer {
  seriesId: string;
  grid: { dims: number[]; spacingMm: number[]; originLps: number[]; direction: number[] };
  planes: SerializedPlane[];
}

export interface SerializedTimePoint {
  studyInstanceUid: string;
  nonTargetStatus: NonTargetStatus | null;
  newLesion: boolean;
  liverReference: SerializedLayer | null;
  lesions: Array<{ lesionNumber: number; tumour: SerializedLayer | null; enhancing: SerializedLayer | null }>;
  otherSegments: Array<{ label: string; layer: SerializedLayer }>;
}

export interface SerializedRoiModel {
  schema: typeof ROI_SCHEMA;
  patientId: string;
  lesions: Array<{ lesionNumber: number; target: boolean; organ: string }>;
  timePoints: SerializedTimePoint[];
}

function layerOut(layer: LayerMask | null): SerializedLayer | null {
  if (layer === null) return null;
  const g = layer.mask.grid;
  const planes: SerializedPlane[] = [];
  layer.mask.planes.forEach((p, k) => {
    if (p !== null) planes.push({ k, i0: p.i0, j0: p.j0, width: p.width, height: p.height, rle: encodeMaskRle(p.data) });
  });
  return {
    seriesId: layer.seriesId,
    grid: { dims: [...g.dims], spacingMm: [...g.spacingMm], originLps: [...g.originLps], direction: [...g.direction] },
    planes,
  };
}

export function serializeRoiModel(model: RoiModel): SerializedRoiModel {
  return {
    schema: ROI_SCHEMA,
    patientId: model.patientId,
    lesions: model.lesions.map((l) => ({ lesionNumber: l.lesionNumber, target: l.target, organ: l.organ })),
    timePoints: model.timePoints.map((tp) => ({
      studyInstanceUid: tp.studyInstanceUid,
      nonTargetStatus: tp.nonTargetStatus,
      newLesion: tp.newLesion,
      liverReference: layerOut(tp.liverReference),
      lesions: tp.lesions.map((l) => ({ lesionNumber: l.lesionNumber, tumour: layerOut(l.tumour), enhancing: layerOut(l.enhancing) })),
      otherSegments: tp.otherSegments.map((s) => ({ label: s.label, layer: layerOut(s.layer)! })),
    })),
  };
}

const damaged = (why: string): HccError => new HccError('INVALID_INPUT', `the stored ROI record is damaged: ${why}`);

function numbers(value: unknown, n: number, what: string): number[] {
  if (!Array.isArray(value) || value.length !== n || !value.every((v) => typeof v === 'number' && Number.isFinite(v))) {
    throw damaged(`${what} is not ${n} numbers`);
  }
  return value as number[];
}

function gridIn(g: SerializedLayer['grid']): GridGeometry {
  const dims = numbers(g?.dims, 3, 'grid dims');
  if (!dims.every((d) => Number.isInteger(d) && d > 0)) throw damaged('grid dims are not positive integers');
  return copyGrid({
    dims: dims as Vec3,
    spacingMm: numbers(g.spacingMm, 3, 'grid spacing') as Vec3,
    originLps: numbers(g.originLps, 3, 'grid origin') as Vec3,
    direction: numbers(g.direction, 9, 'grid direction') as Direction3,
  });
}

function layerIn(layer: SerializedLayer | null | undefined): LayerMask | null {
  if (layer === null || layer === undefined) return null;
  if (typeof layer.seriesId !== 'string' || !Array.isArray(layer.planes)) throw damaged('a mask lacks its series or slices');
  const grid = gridIn(layer.grid);
  const updates = new Map<number, PlaneMask | null>();
  for (const p of layer.planes) {
    const [k, i0, j0, width, height] = [p.k, p.i0, p.j0, p.width, p.height];
    const inside = [k, i0, j0, width, height].every(Number.isInteger) && k >= 0 && k < grid.dims[2] && i0 >= 0 && j0 >= 0 &&
      width > 0 && height > 0 && i0 + width <= grid.dims[0] && j0 + height <= grid.dims[1];
    if (!inside || typeof p.rle !== 'string') throw damaged(`slice ${String(k)} has a box outside its grid`);
    updates.set(k, planeFromWindow(decodeMaskRle(p.rle, width * height), { i0, j0, width, height }, grid));
  }
  return { seriesId: layer.seriesId, mask: withPlanes(emptySparseMask(grid), updates) };
}

const STATUSES: ReadonlyArray<NonTargetStatus | null> = [null, 'present', 'absent', 'unequivocalProgression'];

function timePointIn(tp: SerializedTimePoint): TimePointModel {
  if (typeof tp?.studyInstanceUid !== 'string' || !Array.isArray(tp.lesions) || !Array.isArray(tp.otherSegments)) throw damaged('a time point is incomplete');
  if (!STATUSES.includes(tp.nonTargetStatus)) throw damaged(`unknown non-target status "${String(tp.nonTargetStatus)}"`);
  return {
    studyInstanceUid: tp.studyInstanceUid,
    nonTargetStatus: tp.nonTargetStatus,
    newLesion: tp.newLesion === true,
    liverReference: layerIn(tp.liverReference),
    lesions: tp.lesions.map((l) => ({ lesionNumber: l.lesionNumber, tumour: layerIn(l.tumour), enhancing: layerIn(l.enhancing) })),
    otherSegments: tp.otherSegments.map((s) => {
      const layer = layerIn(s.layer);
      if (layer === null) throw damaged(`segment "${String(s.label)}" has no mask`);
      return { label: String(s.label), layer };
    }),
  };
}

/** Inverse of serializeRoiModel; throws INVALID_INPUT naming what is wrong with a damaged record. */
export function deserializeRoiModel(record: unknown): RoiModel {
  const r = record as Partial<SerializedRoiModel> | null;
  if (r === null || typeof r !== 'object' || r.schema !== ROI_SCHEMA) {
    throw new HccError('INVALID_INPUT', `not a stored ROI record of schema ${ROI_SCHEMA} (found ${String(r?.schema)})`);
  }
  if (typeof r.patientId !== 'string' || !Array.isArray(r.lesions) || !Array.isArray(r.timePoints)) throw damaged('patient, lesions or time points missing');
  const lesions: LesionDefinition[] = r.lesions.map((l) => {
    if (!Number.isInteger(l.lesionNumber) || l.lesionNumber < 1) throw damaged(`lesion number ${String(l.lesionNumber)}`);
    return { lesionNumber: l.lesionNumber, target: l.target === true, organ: String(l.organ) };
  });
  return { patientId: r.patientId, lesions, timePoints: r.timePoints.map(timePointIn) };
}

/**
 * Mask edits on the model: set, paint (union with a patch), erase (subtract), interpolate.
 *
 * Invariant enhancing ⊆ tumour, kept by every edit:
 * - 'clipEnhancing' (drawing; the default): enhancing voxels outside the tumour are dropped, so painting
 *   the enhancing layer never leaks out of the tumour, and erasing tumour also erases enhancing there.
 * - 'growTumour' (import): the tumour grows to hold the enhancing part, so nothing imported is lost.
 * Enhancing and tumour of a lesion at one time point must share a grid (GEOMETRY_MISMATCH otherwise).
 */
import { HccError } from '../errors';
import { interpolateSlices } from './interpolate';
import type { InterpolateOptions } from './interpolate';
import { findLesion, findTimePoint, updateTimePoint } from './lesion-model';
import { intersectMasks, subtractMasks, unionMasks } from './mask-ops';
import type { LayerMask, LayerRef, LesionLayers, RoiModel, TimePointModel } from './model';
import { isEmptyMask, sameGrid } from './sparse-mask';
import type { SparseMask } from './sparse-mask';

export type EnhancingPolicy = 'clipEnhancing' | 'growTumour';

const describeRef = (ref: LayerRef): string =>
  ref.layer === 'liverReference' ? 'the liver reference' : `Lesion ${ref.lesionNumber} ${ref.layer === 'tumour' ? 'tumour' : 'enhancing part'}`;

export function getLayer(model: RoiModel, ref: LayerRef): LayerMask | null {
  const tp = findTimePoint(model, ref.studyInstanceUid);
  if (ref.layer === 'liverReference') return tp.liverReference;
  return tp.lesions.find((l) => l.lesionNumber === ref.lesionNumber)?.[ref.layer] ?? null;
}

const orNull = (layer: LayerMask | null): LayerMask | null => (layer === null || isEmptyMask(layer.mask) ? null : layer);

function withMask(layer: LayerMask, mask: SparseMask): LayerMask {
  return mask === layer.mask ? layer : { seriesId: layer.seriesId, mask };
}

/** Tumour and enhancing made consistent under `policy`. */
function reconcile(tumour: LayerMask | null, enhancing: LayerMask | null, policy: EnhancingPolicy, lesionNumber: number): [LayerMask | null, LayerMask | null] {
  if (enhancing === null) return [tumour, null];
  if (tumour !== null && !sameGrid(tumour.mask.grid, enhancing.mask.grid)) {
    throw new HccError(
      'GEOMETRY_MISMATCH',
      `Lesion ${lesionNumber}: the enhancing part must be drawn on the tumour's series (${tumour.seriesId}), not on ${enhancing.seriesId}`,
    );
  }
  if (policy === 'growTumour') {
    const grown = tumour === null ? enhancing : withMask(tumour, unionMasks(tumour.mask, enhancing.mask));
    return [grown, enhancing];
  }
  if (tumour === null) return [null, null];
  return [tumour, orNull(withMask(enhancing, intersectMasks(enhancing.mask, tumour.mask)))];
}

function putLesion(tp: TimePointModel, entry: LesionLayers): TimePointModel {
  const others = tp.lesions.filter((l) => l.lesionNumber !== entry.lesionNumber);
  const lesions = entry.tumour === null && entry.enhancing === null ? others : [...others, entry].sort((a, b) => a.lesionNumber - b.lesionNumber);
  return { ...tp, lesions };
}

/** Replaces one mask (null or an empty mask clears it). */
export function setLayer(model: RoiModel, ref: LayerRef, layer: LayerMask | null, policy: EnhancingPolicy = 'clipEnhancing'): RoiModel {
  const next = orNull(layer);
  if (ref.layer === 'liverReference') {
    return updateTimePoint(model, ref.studyInstanceUid, (tp) => (tp.liverReference === next ? tp : { ...tp, liverReference: next }));
  }
  const { lesionNumber } = ref;
  if (findLesion(model, lesionNumber) === undefined) throw new HccError('INVALID_INPUT', `there is no Lesion ${lesionNumber}: add it first`);
  return updateTimePoint(model, ref.studyInstanceUid, (tp) => {
    const current = tp.lesions.find((l) => l.lesionNumber === lesionNumber) ?? { lesionNumber, tumour: null, enhancing: null };
    if (ref.layer === 'enhancing' && next !== null && current.tumour === null && policy === 'clipEnhancing') {
      throw new HccError('INVALID_INPUT', `Lesion ${lesionNumber}: draw the tumour before its enhancing part`);
    }
    const [tumour, enhancing] = ref.layer === 'tumour'
      ? reconcile(next, current.enhancing, policy, lesionNumber)
      : reconcile(current.tumour, next, policy, lesionNumber);
    if (tumour === current.tumour && enhancing === current.enhancing) return tp;
    return putLesion(tp, { lesionNumber, tumour, enhancing });
  });
}

/**
 * Adds the patch's voxels to a mask. A mask that does not exist yet is created on the patch's grid,
 * recorded as drawn on `seriesId`; an existing mask on another grid is refused (GEOMETRY_MISMATCH).
 */
export function paintLayer(model: RoiModel, ref: LayerRef, patch: SparseMask, seriesId: string): RoiModel {
  const current = getLayer(model, ref);
  if (current === null) return setLayer(model, ref, { seriesId, mask: patch });
  checkGrid(current, patch, ref);
  return setLayer(model, ref, withMask(current, unionMasks(current.mask, patch)));
}

/** Removes the patch's voxels from a mask (nothing happens where it is not drawn). */
export function eraseLayer(model: RoiModel, ref: LayerRef, patch: SparseMask): RoiModel {
  const current = getLayer(model, ref);
  if (current === null) return model;
  checkGrid(current, patch, ref);
  return setLayer(model, ref, withMask(current, subtractMasks(current.mask, patch)));
}

/** Fills the empty slices between drawn ones (interpolate.ts). */
export function interpolateLayer(model: RoiModel, ref: LayerRef, options: InterpolateOptions = {}): { model: RoiModel; filledSlices: number[] } {
  const current = getLayer(model, ref);
  if (current === null) return { model, filledSlices: [] };
  const { mask, filledSlices } = interpolateSlices(current.mask, options);
  return { model: setLayer(model, ref, withMask(current, mask)), filledSlices };
}

function checkGrid(current: LayerMask, patch: SparseMask, ref: LayerRef): void {
  if (!sameGrid(current.mask.grid, patch.grid)) {
    throw new HccError(
      'GEOMETRY_MISMATCH',
      `${describeRef(ref)} is drawn on series ${current.seriesId} at this time point; edit it on that series (or clear it first)`,
    );
  }
}

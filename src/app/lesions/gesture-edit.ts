/**
 * Turns what the user drew (a viewer gesture, plain data) into one edit of the lesion model, with
 * the core's exact functions: contours rasterise by voxel-centre inclusion on the grid of the series
 * drawn on, brushes are circles in mm on the slice drawn, the threshold brush keeps the voxels in
 * range connected to the voxel clicked. Pure, so every rule here is unit-tested without a browser.
 */
import { lpsToIjk, gridAffine } from '../../core/geometry/affine';
import { HccError } from '../../core/errors';
import { addLesion, findLesion } from '../../core/roi/lesion-model';
import { eraseLayer, interpolateLayer, paintLayer } from '../../core/roi/layer-edit';
import type { LayerRef, RoiModel } from '../../core/roi/model';
import { rasterizePolygonLps } from '../../core/roi/rasterize';
import { lpsToBrushCentre, strokePatch } from '../../core/roi/brush';
import { thresholdBrushPatch } from '../../core/roi/threshold-brush';
import { emptySparseMask, isEmptyMask, withPlanes, type SparseMask } from '../../core/roi/sparse-mask';
import { unionMasks } from '../../core/roi/mask-ops';
import { enhancingLabel, lesionLabel, LIVER_REFERENCE_LABEL } from '../../core/roi/types';
import type { Vec3, Volume3D } from '../../core/types/volume';
import type { RoiGesture } from '../../viewer/roi-types';

export type EditLayer = LayerRef['layer'];

/** Which mask the user is editing (the panel's active lesion and layer). */
export interface EditTarget {
  /** null: a new lesion is added by the first drawing. */
  lesionNumber: number | null;
  layer: EditLayer;
}

export interface ThresholdSettings {
  /** Range = value under the first click ± this percentage of it (when `range` is null). */
  tolerancePct: number;
  /** A range the user typed, in the image's real values (overrides the tolerance). */
  range: readonly [number, number] | null;
}

export interface PlannedEdit {
  label: string;
  apply(model: RoiModel): RoiModel;
  /** The lesion edited (a new one when the target had none); null for the liver reference. */
  lesionNumber: number | null;
  /** The gesture covers no voxel centre (a tiny contour): nothing to do. */
  empty: boolean;
}

export function layerName(layer: EditLayer, lesionNumber: number | null): string {
  if (layer === 'liverReference') return LIVER_REFERENCE_LABEL;
  return layer === 'enhancing' ? enhancingLabel(lesionNumber ?? 0) : lesionLabel(lesionNumber ?? 0);
}

function refOf(studyInstanceUid: string, layer: EditLayer, lesionNumber: number | null): LayerRef {
  if (layer === 'liverReference') return { studyInstanceUid, layer };
  return { studyInstanceUid, layer, lesionNumber: lesionNumber! };
}

/** The lesion an edit goes to: the active one, or a new one when there is none (or it was deleted). */
function resolveLesion(model: RoiModel, target: EditTarget): { lesionNumber: number | null; create: boolean } {
  if (target.layer === 'liverReference') return { lesionNumber: null, create: false };
  if (target.lesionNumber !== null && findLesion(model, target.lesionNumber)) return { lesionNumber: target.lesionNumber, create: false };
  return { lesionNumber: addLesion(model, target.lesionNumber !== null ? { lesionNumber: target.lesionNumber } : {}).lesionNumber, create: true };
}

/** Threshold range at the first centre of a stroke (or the user's range). */
export function thresholdRange(sliceImage: Volume3D, firstCentreLps: Vec3, settings: ThresholdSettings): [number, number] {
  if (settings.range) return [Math.min(...settings.range), Math.max(...settings.range)];
  const [i, j] = lpsToIjk(gridAffine(sliceImage), ...firstCentreLps).map(Math.round) as Vec3;
  const [nx, ny] = sliceImage.dims;
  if (i < 0 || j < 0 || i >= nx || j >= ny) throw new HccError('INVALID_INPUT', 'the threshold brush started outside the image');
  const value = sliceImage.data[i + j * nx]!;
  const half = (Math.abs(value) * settings.tolerancePct) / 100;
  return [value - half, value + half];
}

/** The voxels a gesture covers, as a patch on the grid of the series drawn on. */
export function gesturePatch(g: RoiGesture, threshold: ThresholdSettings): SparseMask {
  switch (g.kind) {
    case 'contour':
      return rasterizePolygonLps({ grid: g.grid, rings: [g.ringLps], sliceIndex: g.sliceIndex }).patch;
    case 'brush':
    case 'eraser': {
      // The circle is on the slice drawn, whatever rounding the pointer's depth would give.
      const centresIjk = g.centresLps.map((p): Vec3 => {
        const c = lpsToBrushCentre(g.grid, p);
        return [c[0], c[1], g.sliceIndex];
      });
      return strokePatch({ grid: g.grid, shape: 'circle', centresIjk, radiusMm: g.radiusMm });
    }
    case 'threshold': {
      if (g.centresLps.length === 0) return emptySparseMask(g.grid);
      const [rangeMin, rangeMax] = thresholdRange(g.sliceImage, g.centresLps[0]!, threshold);
      // Each dab keeps what is in range and connected to its own centre (island removal), on the
      // one-slice image; the union is lifted onto slice k of the series' grid.
      let onSlice = emptySparseMask(g.sliceImage);
      for (const p of g.centresLps) {
        const c = lpsToBrushCentre(g.sliceImage, p);
        const dab = thresholdBrushPatch({ image: g.sliceImage, shape: 'circle', centreIjk: [c[0], c[1], 0], radiusMm: g.radiusMm, rangeMin, rangeMax, removeIslands: true });
        onSlice = unionMasks(onSlice, dab);
      }
      return withPlanes(emptySparseMask(g.grid), new Map([[g.sliceIndex, onSlice.planes[0] ?? null]]));
    }
    default:
      throw new HccError('INVALID_INPUT', `unknown gesture ${(g as { kind: string }).kind}`);
  }
}

const VERB = { contour: 'Contour', brush: 'Brush', eraser: 'Erase', threshold: 'Threshold brush' } as const;

/** One undoable edit for a gesture on the active lesion/layer. */
export function planGestureEdit(model: RoiModel, g: RoiGesture, target: EditTarget, threshold: ThresholdSettings): PlannedEdit {
  const patch = gesturePatch(g, threshold);
  if (g.kind === 'eraser') {
    const lesionNumber = target.layer === 'liverReference' ? null : target.lesionNumber;
    return {
      label: `${VERB.eraser} ${layerName(target.layer, lesionNumber)}`,
      lesionNumber,
      empty: isEmptyMask(patch),
      apply: (m) => (target.layer !== 'liverReference' && (lesionNumber === null || !findLesion(m, lesionNumber)) ? m : eraseLayer(m, refOf(g.studyInstanceUid, target.layer, lesionNumber), patch)),
    };
  }
  const { lesionNumber, create } = resolveLesion(model, target);
  return {
    label: `${VERB[g.kind]} ${layerName(target.layer, lesionNumber)}`,
    lesionNumber,
    empty: isEmptyMask(patch),
    apply: (m) => {
      const withLesion = create ? addLesion(m, { lesionNumber: lesionNumber! }).model : m;
      return paintLayer(withLesion, refOf(g.studyInstanceUid, target.layer, lesionNumber), patch, g.volumeId);
    },
  };
}

/** Interpolation of the active layer at one time point (one undoable edit). */
export function planInterpolation(studyInstanceUid: string, target: EditTarget): PlannedEdit {
  return {
    label: `Interpolate ${layerName(target.layer, target.lesionNumber)}`,
    lesionNumber: target.lesionNumber,
    empty: false,
    apply: (m) => {
      if (target.layer !== 'liverReference' && (target.lesionNumber === null || !findLesion(m, target.lesionNumber))) {
        throw new HccError('INVALID_INPUT', 'choose a lesion to interpolate');
      }
      return interpolateLayer(m, refOf(studyInstanceUid, target.layer, target.lesionNumber), {}).model;
    },
  };
}

/**
 * The inputs of a lesion's two halves (lesion.ts) from ONE crop, in buffers each half owns (so two
 * workers can each be handed theirs): the compute client cuts the masks, pre-contrast and arterial
 * first (DRAWING_GRID_CROP_ROLES), posts the drawing-grid half, and cuts the other series while it
 * computes. The drawing-grid half takes the arterial series and the enhancing layer, which only it
 * reads, and copies of what both halves read (tumour and reference masks, pre-contrast); the series
 * half takes the rest of the finished crop.
 */
import type { Mask3D, Volume3D } from '../types/volume';
import type { CropResult, CropRoleKey } from './crop';

/** The series the drawing-grid half reads: cut first. */
export const DRAWING_GRID_CROP_ROLES: readonly CropRoleKey[] = ['pre', 'arterial'];

export interface OwnedLesionInput {
  input: CropResult['input'];
  /** Every buffer of `input`'s arrays. */
  transfer: ArrayBuffer[];
}

/** Has the crop cut every drawing-grid series the lesion has (`volumes`: the lesion's series before cropping)? */
export function drawingGridCropReady(cutRoles: readonly CropRoleKey[], volumes: { pre: unknown; arterial: unknown }): boolean {
  return (!volumes.pre || cutRoles.includes('pre')) && (!volumes.arterial || cutRoles.includes('arterial'));
}

/** The drawing-grid half from a crop that has its series cut: shared pieces copied, its own taken. */
export function drawingGridHalfOf(soFar: CropResult): OwnedLesionInput {
  const { input } = soFar;
  const transfer: ArrayBuffer[] = [];
  const copy = <T extends Volume3D | Mask3D>(v: T | null): T | null => {
    if (!v) return null;
    const data = v.data.slice();
    transfer.push(data.buffer as ArrayBuffer);
    return { ...v, data };
  };
  const own = [input.enhancing, input.volumes.arterial].flatMap((v) => (v ? [v.data.buffer as ArrayBuffer] : []));
  transfer.push(...own);
  return {
    input: {
      ...input,
      volumes: { pre: copy(input.volumes.pre), arterial: input.volumes.arterial, portalVenous: null, delayed: null, t2: null, dwi: [], adcMap: null },
      tumour: copy(input.tumour),
      liverReference: copy(input.liverReference),
    },
    transfer,
  };
}

/** The series half from the finished crop: everything but what the drawing-grid half took (the arterial series, the enhancing layer). */
export function seriesHalfOf(full: CropResult): OwnedLesionInput {
  const { input } = full;
  const taken = [input.enhancing, input.volumes.arterial].flatMap((v) => (v ? [v.data.buffer] : []));
  const { enhancing: _drawnOnly, ...boxes } = input.boxes ?? {};
  return {
    input: { ...input, enhancing: null, boxes, volumes: { ...input.volumes, arterial: null } },
    transfer: full.transfer.filter((b) => !taken.includes(b)),
  };
}

/**
 * The inputs of a lesion's two halves (lesion.ts) in buffers of their own, so two workers can each
 * be handed theirs (transferred, not shared): the drawing-grid half takes the arterial series and the
 * enhancing layer, which only it reads, and copies of what both halves read (the tumour and reference
 * masks, pre-contrast); the series half takes the rest of the crop as it is.
 */
import type { Mask3D, Volume3D } from '../types/volume';
import type { LesionMeasureInput } from './inputs';

export interface OwnedLesionInput {
  input: LesionMeasureInput;
  /** Every buffer of `input`'s arrays, each in one list only. */
  transfer: ArrayBuffer[];
}

export function lesionHalfInputs(whole: OwnedLesionInput): { drawingGrid: OwnedLesionInput; series: OwnedLesionInput } {
  const { input } = whole;
  const own = [input.enhancing, input.volumes.arterial].flatMap((v) => (v ? [v.data.buffer as ArrayBuffer] : []));
  const transfer: ArrayBuffer[] = [];
  const copy = <T extends Volume3D | Mask3D>(v: T | null): T | null => {
    if (!v) return null;
    const data = v.data.slice();
    transfer.push(data.buffer as ArrayBuffer);
    return { ...v, data };
  };
  const drawingGrid: LesionMeasureInput = {
    ...input,
    volumes: { pre: copy(input.volumes.pre), arterial: input.volumes.arterial, portalVenous: null, delayed: null, t2: null, dwi: [], adcMap: null },
    tumour: copy(input.tumour),
    liverReference: copy(input.liverReference),
  };
  transfer.push(...own);
  return {
    drawingGrid: { input: drawingGrid, transfer },
    series: {
      input: { ...input, enhancing: null, volumes: { ...input.volumes, arterial: null } },
      transfer: whole.transfer.filter((b) => !own.includes(b)),
    },
  };
}

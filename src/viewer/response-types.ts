/**
 * The response overlay's data (plain, no Cornerstone): each lesion's tumour split into viable
 * (enhancing) and necrotic voxels, as a labelmap on a crop of the grid it was measured on,
 * positioned in patient space by its own geometry. The host computes it from the very voxels its
 * figures come from; the viewer only draws it.
 */
import type { GridGeometry } from '../core/types/volume';
import type { Rgb } from './roi-types';

/** Labels of a response labelmap (0 = not tumour). */
export const RESPONSE_NECROTIC = 1;
export const RESPONSE_VIABLE = 2;

export interface ResponseLabelmap extends GridGeometry {
  lesionNumber: number;
  /** RESPONSE_* per voxel, same indexing as Volume3D (i + j*dims[0] + k*dims[0]*dims[1]). */
  labels: Uint8Array;
}

export interface ResponseOverlayState {
  /** StudyInstanceUID -> the labelmaps of that time point. */
  byStudy: ReadonlyMap<string, readonly ResponseLabelmap[]>;
  visible: boolean;
  /** 0..1, the fill's alpha. */
  opacity: number;
}

/**
 * Orange (viable) against blue (necrotic): apart in hue and lightness, and still apart with the
 * common red-green colour-vision deficiencies. The legend names both.
 */
export const RESPONSE_COLOURS: Readonly<Record<'viable' | 'necrotic', { rgb: Rgb; label: string }>> = {
  viable: { rgb: [255, 140, 0], label: 'Viable (enhancing)' },
  necrotic: { rgb: [30, 110, 255], label: 'Necrotic' },
};

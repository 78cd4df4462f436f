/**
 * Identity of one lesion at one time point, and what its measurement depends on. The ROI model is
 * immutable with structural sharing (core/roi/lesion-model.ts): an edit replaces the layer objects it
 * touches and keeps the others by reference, so "did this lesion's input change" is a reference
 * comparison, without reading a voxel.
 */
import type { LayerMask, LesionLayers, TimePointModel } from '../../core/roi/model';
import { lesionLabel } from '../../core/roi/types';

/** Cancellation and busy key: `${StudyInstanceUID}/Lesion <n>` (what the compute client supersedes by). */
export const lesionKey = (studyInstanceUid: string, label: string): string => `${studyInstanceUid}/${label}`;

export const lesionKeyOf = (studyInstanceUid: string, lesionNumber: number): string => lesionKey(studyInstanceUid, lesionLabel(lesionNumber));

/** The masks one lesion's figures are computed from (the liver reference feeds ratios and the reference cut-off). */
export interface LesionSignature {
  tumour: LayerMask | null;
  enhancing: LayerMask | null;
  liverReference: LayerMask | null;
  /** Bumped when the method changes: every figure depends on it. */
  configVersion: number;
}

export function signatureOf(tp: TimePointModel, layers: LesionLayers, configVersion: number): LesionSignature {
  return { tumour: layers.tumour, enhancing: layers.enhancing, liverReference: tp.liverReference, configVersion };
}

export function sameSignature(a: LesionSignature, b: LesionSignature): boolean {
  return a.tumour === b.tumour && a.enhancing === b.enhancing && a.liverReference === b.liverReference && a.configVersion === b.configVersion;
}

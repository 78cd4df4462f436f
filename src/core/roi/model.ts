/**
 * The editable lesion model (pure data, updated immutably by lesion-model.ts and layer-edit.ts).
 * Lesion numbers are shared by all time points (DESIGN.md "ROI naming": `Lesion <n>` is the same
 * lesion at every time point). Each mask lives on the grid of the series it was drawn on.
 * types.ts holds the contract other parts read (TimePointRois with full-size masks); to-contract.ts
 * converts this model into it.
 */
import type { NonTargetStatus } from '../criteria/types';
import type { SparseMask } from './sparse-mask';

export type { NonTargetStatus };

/** A mask plus the series whose grid it is on. */
export interface LayerMask {
  /**
   * SeriesVolume.id of the series it was drawn on (the SeriesInstanceUID, plus '#b=...' / '#t=...' for
   * split series), or `seg:<SOPInstanceUID>` for a SEG imported without its source series.
   */
  readonly seriesId: string;
  readonly mask: SparseMask;
}

/** What is known about a lesion at every time point. */
export interface LesionDefinition {
  /** 1-based: label `Lesion <n>`. */
  readonly lesionNumber: number;
  readonly target: boolean;
  readonly organ: string;
}

/** One lesion's masks at one time point (null: not drawn there). Enhancing is always within tumour. */
export interface LesionLayers {
  readonly lesionNumber: number;
  readonly tumour: LayerMask | null;
  /** User-drawn enhancing part; null = derived by the enhancement method. */
  readonly enhancing: LayerMask | null;
}

/** A segment kept from an imported SEG whose label is not one of DESIGN.md's names. */
export interface OtherSegment {
  readonly label: string;
  readonly layer: LayerMask;
}

export interface TimePointModel {
  readonly studyInstanceUid: string;
  /** Sorted by lesion number; only lesions with at least one mask here. */
  readonly lesions: readonly LesionLayers[];
  readonly liverReference: LayerMask | null;
  readonly nonTargetStatus: NonTargetStatus | null;
  readonly newLesion: boolean;
  readonly otherSegments: readonly OtherSegment[];
}

export interface RoiModel {
  readonly patientId: string;
  /** Sorted by lesion number. */
  readonly lesions: readonly LesionDefinition[];
  /** In the order given when created (baseline first). */
  readonly timePoints: readonly TimePointModel[];
}

/** Layers of a lesion; the liver reference is addressed separately. */
export type LesionLayerName = 'tumour' | 'enhancing';

/** Which mask an edit addresses. */
export type LayerRef =
  | { studyInstanceUid: string; layer: LesionLayerName; lesionNumber: number }
  | { studyInstanceUid: string; layer: 'liverReference' };

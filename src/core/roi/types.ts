/**
 * The lesion/ROI model (DESIGN.md "ROI naming"): per time point, each lesion's layers as masks on the
 * grid of the series they were drawn on. `Lesion <n>` is the same lesion at every time point.
 */
import type { NonTargetStatus } from '../criteria/types';
import type { IjkBox } from '../kernels/bounding-box';
import type { Mask3D } from '../types/volume';

export type RoiLayer = 'tumour' | 'enhancing' | 'liverReference';

export interface LesionRoi {
  /** 1-based lesion number: label `Lesion <n>`. */
  lesionNumber: number;
  target: boolean;
  organ: string;
  /** Whole tumour (segment `Lesion <n>`); null when not drawn at this time point. */
  tumour: Mask3D | null;
  /** User-drawn enhancing (viable) part (segment `Lesion <n> enhancing`); null = derive automatically. */
  enhancing: Mask3D | null;
  /** Bounding boxes of the masks above (null when empty): pass them to kernels to skip their scan. */
  tumourBox?: IjkBox | null;
  enhancingBox?: IjkBox | null;
  /** SeriesInstanceUID of the series this lesion's masks were drawn on, when known. */
  seriesInstanceUid?: string;
}

export interface TimePointRois {
  studyInstanceUid: string;
  /** Series whose grid the masks are on (usually the arterial phase). */
  seriesInstanceUid: string;
  lesions: LesionRoi[];
  /** Non-tumorous liver reference (segment `Liver reference`). */
  liverReference: Mask3D | null;
  liverReferenceBox?: IjkBox | null;
  /** SeriesInstanceUID the liver reference was drawn on, when known (it may differ from the lesions'). */
  liverReferenceSeriesInstanceUid?: string;
  nonTargetStatus: NonTargetStatus | null;
  newLesion: boolean;
}

export const lesionLabel = (n: number): string => `Lesion ${n}`;
export const enhancingLabel = (n: number): string => `Lesion ${n} enhancing`;
export const LIVER_REFERENCE_LABEL = 'Liver reference';

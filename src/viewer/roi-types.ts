/**
 * What the reading room exchanges with its host about contouring (plain data, no Cornerstone):
 * the host owns the lesion model and the editor state; the room turns the mouse into gestures on
 * the grid of the series under the pointer, and draws the masks it is given.
 */
import type { LayerRef, RoiModel } from '../core/roi/model';
import type { GridGeometry, Vec3, Volume3D } from '../core/types/volume';

export type RoiTool = 'navigate' | 'contour' | 'brush' | 'threshold' | 'eraser';

/** The drawing tool the room binds to the left mouse button (navigate = window/level, as OHIF). */
export interface RoiToolState {
  tool: RoiTool;
  /** Radius of brush, threshold brush and eraser (a circle on the slice), mm. */
  brushRadiusMm: number;
}

/** Where a gesture was made: the series on screen, its grid and the acquired image (slice k). */
export interface GestureTarget {
  viewportKey: string;
  studyInstanceUid: string;
  /** SeriesVolume.id: the masks record it as the series they were drawn on. */
  volumeId: string;
  grid: GridGeometry;
  sliceIndex: number;
}

export type RoiGesture =
  /** A closed freehand contour (released = closed), points on the slice in LPS mm. */
  | (GestureTarget & { kind: 'contour'; ringLps: Vec3[] })
  /** One brush or eraser stroke (one undoable edit): circle centres along the drag. */
  | (GestureTarget & { kind: 'brush' | 'eraser'; centresLps: Vec3[]; radiusMm: number })
  /** A threshold-brush stroke; `sliceImage` is the slice under it (real values, one-slice grid at k). */
  | (GestureTarget & { kind: 'threshold'; centresLps: Vec3[]; radiusMm: number; sliceImage: Volume3D });

/** Actions of the contouring keys, handled by the host (it owns the tools' state and the model). */
export type RoiCommand =
  | 'toolNavigate' | 'toolContour' | 'toolEnhancingContour' | 'toolBrush' | 'toolThreshold' | 'toolEraser'
  | 'brushLarger' | 'brushSmaller' | 'interpolate' | 'undo' | 'redo';

/** RGB 0-255. */
export type Rgb = readonly [number, number, number];

/** What the overlays draw: the model, and how to colour it. */
export interface RoiDisplay {
  model: RoiModel | null;
  activeLesion: number | null;
  /** The active layer is outlined thicker. */
  activeLayer: LayerRef['layer'];
  lesionColour(lesionNumber: number): Rgb;
}

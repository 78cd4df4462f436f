import type { RoiTool } from '../../viewer/roi-types';
import type { EditLayer, ThresholdSettings } from './gesture-edit';

/** The panel's choices: which lesion and layer the tools edit, and how. */
export interface EditorState {
  activeLesion: number | null;
  activeLayer: EditLayer;
  tool: RoiTool;
  brushRadiusMm: number;
  threshold: ThresholdSettings;
  /** Time point of the active viewport: where interpolation applies. */
  activeStudyUid: string | null;
}

export const BRUSH_RADIUS_LIMITS_MM = { min: 0.5, max: 50 } as const;
/** [ and ] change the brush by this factor: fine at small sizes, quick at large ones. */
export const BRUSH_STEP_FACTOR = 1.25;

export function initialEditorState(): EditorState {
  return { activeLesion: null, activeLayer: 'tumour', tool: 'navigate', brushRadiusMm: 5, threshold: { tolerancePct: 20, range: null }, activeStudyUid: null };
}

export function clampBrush(radiusMm: number): number {
  return Math.round(Math.min(BRUSH_RADIUS_LIMITS_MM.max, Math.max(BRUSH_RADIUS_LIMITS_MM.min, radiusMm)) * 10) / 10;
}

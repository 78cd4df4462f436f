/** Public API of the measurement orchestration (pure): series by role + ROIs -> measurements.json. */
export * from './types';
export * from './config';
export * from './inputs';
export { LESION_FLAG, RESPONSE_FLAG_CODES, flagCode, withReason } from './flags';
export {
  measureLesion,
  measureLesionHalf,
  measureDrawingGridHalf,
  measureSeriesHalf,
  joinLesionHalves,
  nullMeasurement,
  type LesionHalf,
  type LesionHalfResult,
  type DrawingGridHalfResult,
  type SeriesHalfResult,
} from './lesion';
export { lesionInputs, timePointResult, measureTimePoint, measureStudy } from './study';
export { buildMeasurementsDocument, criteriaInput, type DocumentParams } from './document';
export { buildMethod, FIGURE_DEFINITIONS, type LesionMethodSummary, type TimePointMethodSummary } from './method';
export { selectSeriesByRole, readRoleVolumes, isoStudyDate, timePointInput, type SeriesSelection, type SingleRole } from './series-roles';
export { DRAWING_GRID_CROP_ROLES, drawingGridCropReady, drawingGridHalfOf, seriesHalfOf, type OwnedLesionInput } from './lesion-halves-input';
export {
  cropLesionInput,
  cropLesionSteps,
  cropToBox,
  DEFAULT_CROP_MARGIN_VOXELS,
  type CropResult,
  type CropRoleKey,
  type CropStepsOptions,
  type SlicedVolume,
  type VolumeSource,
} from './crop';
export { boxOnGrid, widenBox, shiftBox } from './grid-box';
export { sampleOnGrid, type SampleOnGridParams, type SampleOnGridResult } from './resample';
export { maskMapper, type MaskMapper, type MaskOnGrid } from './masks-on-grids';

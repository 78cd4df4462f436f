/** Public API of DICOM ingest: parse files, group into patients/time points/series volumes, read voxels. */
export type * from './model';
export { ingestFiles, overridePhase } from './ingest';
export type { IngestOptions } from './ingest';
export { parseInstance } from './parse';
export { buildStudyTree, groupInstances, placeholderClassification, timePointLabel } from './group';
export type { BuildTreeOptions, GroupResult } from './group';
export { applyPhaseOverrides } from './tree';
export { buildSeriesGeometry, sortAlongNormal } from './geometry';
export type { SliceInput } from './geometry';
export { readVolume } from './read-volume';
export { GRID_BREAKING_ISSUES, placeFrame, volumeGrid } from './volume-grid';
export { readBValue, readFrameBValue } from './bvalues';
export type { BValueReading } from './bvalues';
export {
  TAGS,
  PRIVATE_TAGS,
  DEFAULT_RESCALE_SLOPE,
  DEFAULT_RESCALE_INTERCEPT,
  parseTimeSec,
  parseDateTimeSec,
  parseDecimalString,
} from './tags';
export { classifyPhases } from './phase-classify';

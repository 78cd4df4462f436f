/** Public API of the synthetic study generator (node-only). */
export { ensurePhantom, CACHE_ROOT, type EnsureOptions, type EnsureResult } from './cache';
export { generatePhantom, DEFAULT_SEED, DEFAULT_SIZE, type GenerateOptions, type PhantomManifest, type ManifestSeries } from './generate';
export { phantomLabels, rasterizeSlice, labelFunction } from './rasterize';
export { t1Grid, dwiGrid, parseSize, voxelCentre } from './grids';
export * from './definitions';
export { seriesSpecs, SERIES_KEYS, type SeriesKey, type SeriesSpec } from './series';
export type { PhantomTruth, TimePointTruth, LesionTruth, ResponseTruth, SeriesTruth } from './truth';
export type { BrokenExpectations, VariantsManifest } from './variants';

/** Export builders (pure): report text, CSV, measurements.json, DICOM SEG and SR, and the SR reader. */
export { reportText, timePointReport } from './report-text';
export { measurementsCsv, responseCsv, csvField, MEASUREMENT_COLUMNS, RESPONSE_COLUMNS } from './csv';
export { serializeMeasurements, orderedMethod } from './json';
export { validateMeasurements, parseMeasurements, type ValidationResult } from './json-validate';
export { uidFactory, isValidUid, formatDs, exportContext, UID_ROOT_RANDOM_BYTES, IMPLEMENTATION_CLASS_UID, type DicomExportContext, type MakeUid } from './context';
export { segFileName } from './file-names';
export type { StudyHeader } from './dicom-common';
export {
  buildSeg,
  SEGMENTATION_STORAGE,
  type SegExportInput,
  type SegExportResult,
  type SegReference,
  type SegSegmentInfo,
} from './seg-export';
export { necroticLabel, type SegLayer } from './seg-segments';
export { buildSr, COMPREHENSIVE_3D_SR, type SrExportInput, type SrExportResult } from './sr-document';
export {
  importSr,
  type SrImportResult,
  type SrLesionRecord,
  type SrCriterionRecord,
  type SrTimePointRecord,
} from './sr-import';
export { CATEGORY_CODES, CRITERION_CODES, MEASUREMENT_CODES, PRIVATE_SCHEME, SEG_CODES, SR_CODES, UNITS, type Code } from './codes';
export {
  studyExport,
  textExports,
  studyDescription,
  derivedEnhancing,
  enhancementAlgorithmName,
  type ExportFile,
  type ExportTimePoint,
  type StudyExport,
  type StudyExportInput,
} from './study-export';

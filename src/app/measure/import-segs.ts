/**
 * DICOM SEG files (the demo manifest's `segs`, or SEGs the user dropped) into the RoiStore, as one
 * undoable edit. Mirrors the CLI (src/cli/measure-rois.ts): a SEG that references nothing loaded is
 * an error naming the file and what it wanted; the other files still import.
 */
import type { StudyNode, StudyTree } from '../../core/dicom/model';
import { summarizeNonImage } from '../../core/dicom/object-summary';
import { toErrorInfo, type HccErrorInfo } from '../../core/errors';
import { addTimePoint, createRoiModel } from '../../core/roi/lesion-model';
import type { RoiModel } from '../../core/roi/model';
import { applySegImport } from '../../core/roi/seg-to-model';
import { importSeg } from '../../core/roi/seg-import';
import type { RoiStore } from '../lesions/roi-store';

export interface SegFile {
  name: string;
  bytes: Uint8Array;
}

export interface SegImportReport {
  /** Files that were put into the model, with the time point they filled and the lesions they set. */
  imported: { name: string; studyInstanceUid: string; lesionNumbers: number[] }[];
  errors: HccErrorInfo[];
  warnings: string[];
}

/** An empty model for the tree's patient: one time point per study, baseline first (create the RoiStore with it). */
export function roiModelForTree(tree: StudyTree, patientIndex = 0): RoiModel {
  const patient = tree.patients[patientIndex];
  if (patient === undefined) return createRoiModel('', []);
  const studies = [...patient.studies].sort((a, b) => a.timePointIndex - b.timePointIndex);
  return createRoiModel(patient.patientId, studies.map((s) => s.studyInstanceUid));
}

export function importSegsIntoStore(store: RoiStore, tree: StudyTree, segFiles: readonly SegFile[]): SegImportReport {
  const report: SegImportReport = { imported: [], errors: [], warnings: [] };
  const allStudies = tree.patients.flatMap((p) => p.studies);
  let model = store.model;
  for (const file of segFiles) {
    try {
      const summary = summarizeNonImage(file.bytes, file.name);
      if (summary.kind !== 'segmentation') {
        report.errors.push({ code: 'INVALID_INPUT', fileName: file.name, message: `not a DICOM SEG (SOP class ${summary.sopClassUid})` });
        continue;
      }
      const study = findStudy(allStudies, summary.studyInstanceUid, summary.referencedSeriesInstanceUids);
      if (study === undefined) {
        report.errors.push({
          code: 'INVALID_INPUT',
          fileName: file.name,
          message: `this SEG references study ${summary.studyInstanceUid} / series ${summary.referencedSeriesInstanceUids.join(', ') || '(none stated)'}, which were not among the images loaded`,
        });
        continue;
      }
      if (!model.timePoints.some((tp) => tp.studyInstanceUid === study.studyInstanceUid)) model = addTimePoint(model, study.studyInstanceUid);
      const imported = importSeg(file.bytes, file.name, study.series);
      const applied = applySegImport(model, imported, { studyInstanceUid: study.studyInstanceUid });
      model = applied.model;
      report.imported.push({ name: file.name, studyInstanceUid: study.studyInstanceUid, lesionNumbers: applied.lesionNumbers });
      for (const w of [...imported.warnings, ...applied.warnings]) report.warnings.push(`${file.name}: ${w}`);
    } catch (error) {
      report.errors.push(toErrorInfo(error, file.name));
    }
  }
  if (report.imported.length > 0) {
    const names = report.imported.map((i) => i.name);
    const result = model;
    store.edit(`Import ${names.length === 1 ? names[0] : `${names.length} SEG files`}`, () => result);
  }
  return report;
}

/** The SEG's own study, else the study holding a series it references. */
function findStudy(studies: readonly StudyNode[], studyUid: string, referencedSeries: readonly string[]): StudyNode | undefined {
  return (
    studies.find((s) => s.studyInstanceUid === studyUid) ??
    studies.find((s) => s.series.some((v) => referencedSeries.includes(v.seriesInstanceUid)))
  );
}

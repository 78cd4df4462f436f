import type { HccErrorInfo } from '../core/errors';
import { toErrorInfo } from '../core/errors';
import type { StudyNode } from '../core/dicom/model';
import { applySegImport } from '../core/roi/seg-to-model';
import { importSeg } from '../core/roi/seg-import';
import { createRoiModel } from '../core/roi/lesion-model';
import type { RoiModel } from '../core/roi/model';
import { toTimePointRois } from '../core/roi/to-contract';
import type { TimePointRois } from '../core/roi/types';
import type { SegmentationFile } from './load';

export interface SegRois {
  /** ROIs per time point (study UID) that any SEG filled. */
  byStudy: Map<string, TimePointRois>;
  errors: HccErrorInfo[];
  warnings: string[];
}

/**
 * Puts every SEG onto the series it was drawn on (segments named per DESIGN.md become lesions and
 * the liver reference) and returns the lesion ROIs per time point. A SEG that references nothing
 * loaded is an error naming the file and the series it wanted; the others still count.
 */
export function roisFromSegs(patientId: string, studies: readonly StudyNode[], segs: readonly SegmentationFile[]): SegRois {
  let model: RoiModel = createRoiModel(patientId, studies.map((s) => s.studyInstanceUid));
  const errors: HccErrorInfo[] = [];
  const warnings: string[] = [];
  const filled = new Set<string>();
  for (const seg of segs) {
    const study =
      studies.find((s) => s.studyInstanceUid === seg.studyInstanceUid) ??
      studies.find((s) => s.series.some((v) => seg.referencedSeriesInstanceUids.includes(v.seriesInstanceUid)));
    if (study === undefined) {
      errors.push({
        code: 'INVALID_INPUT',
        fileName: seg.fileName,
        message: `this SEG references study ${seg.studyInstanceUid} / series ${seg.referencedSeriesInstanceUids.join(', ') || '(none stated)'}, which were not among the images loaded`,
      });
      continue;
    }
    try {
      const imported = importSeg(seg.bytes, seg.fileName, study.series);
      const applied = applySegImport(model, imported, { studyInstanceUid: study.studyInstanceUid });
      model = applied.model;
      for (const w of [...imported.warnings, ...applied.warnings]) warnings.push(`${seg.fileName}: ${w}`);
      filled.add(study.studyInstanceUid);
    } catch (error) {
      errors.push(toErrorInfo(error, seg.fileName));
    }
  }
  const byStudy = new Map<string, TimePointRois>();
  for (const uid of filled) byStudy.set(uid, toTimePointRois(model, uid));
  return { byStudy, errors, warnings };
}

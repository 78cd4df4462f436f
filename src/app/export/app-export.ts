/**
 * The app's export (DOM-free): what the measurement pipeline holds, turned into the inputs the CLI
 * gives core's studyExport, so both write the same files from the same builders. The app's sparse
 * lesion model becomes the contract ROIs (core/roi toTimePointRois), and each automatic enhancing
 * mask, which the pipeline keeps on a crop of the drawing grid, is put back onto the full drawing grid
 * through patient coordinates (core/geometry mapMaskToGrid: the crop's origin places it).
 * Loaded on demand (its own chunk): the DICOM writer is not needed until the first export.
 */
import type { StudyTree } from '../../core/dicom/model';
import { studyExport, type DicomExportContext, type ExportTimePoint, type StudyExport } from '../../core/export';
import { mapMaskToGrid } from '../../core/geometry/map-mask';
import type { MeasureConfig } from '../../core/measure';
import type { RoiModel } from '../../core/roi/model';
import { toTimePointRois } from '../../core/roi/to-contract';
import type { TimePointRois } from '../../core/roi/types';
import type { Mask3D } from '../../core/types/volume';
import { HccError } from '../../core/errors';
import type { MeasurementState } from '../measure/pipeline';
import { exportReadiness } from './export-readiness';
import { lesionKeyOf } from '../measure/lesion-keys';

/**
 * The automatic enhancing masks on the drawing grid for the lesions without a drawn enhancing layer
 * (as the CLI's derivedEnhancing): lesion number -> full-size mask on the lesion's tumour grid.
 */
export function derivedFromCrops(rois: TimePointRois, crops: ReadonlyMap<string, Mask3D>): Map<number, Mask3D> {
  const out = new Map<number, Mask3D>();
  for (const lesion of rois.lesions) {
    if (lesion.enhancing !== null || lesion.tumour === null) continue;
    const crop = crops.get(lesionKeyOf(rois.studyInstanceUid, lesion.lesionNumber));
    if (crop === undefined) continue;
    out.set(lesion.lesionNumber, mapMaskToGrid({ source: crop, target: lesion.tumour }).mask);
  }
  return out;
}

/** The measured time points (the document's, in its order) as studyExport inputs. */
export function exportTimePoints(tree: StudyTree, model: RoiModel, state: MeasurementState): ExportTimePoint[] {
  const document = state.document;
  if (document === null) throw new HccError('INVALID_INPUT', 'nothing has been measured: no export');
  const studies = tree.patients.flatMap((p) => p.studies);
  return document.timePoints.map((tp) => {
    const study = studies.find((s) => s.studyInstanceUid === tp.studyInstanceUid);
    if (study === undefined) throw new HccError('INVALID_INPUT', `${tp.label}: study ${tp.studyInstanceUid} is no longer loaded`);
    const rois = toTimePointRois(model, tp.studyInstanceUid);
    return { study, rois, derivedEnhancing: derivedFromCrops(rois, state.enhancingMasks) };
  });
}

export interface AppExportInput {
  tree: StudyTree;
  model: RoiModel;
  state: MeasurementState;
  config: MeasureConfig;
  context: DicomExportContext;
}

/** Every export file of the open study. Throws (HccError) when the state cannot be exported. */
export function buildAppExport(input: AppExportInput): StudyExport {
  const readiness = exportReadiness(input.state);
  if (!readiness.ready) throw new HccError('INVALID_INPUT', readiness.reason);
  return studyExport({
    document: input.state.document!,
    timePoints: exportTimePoints(input.tree, input.model, input.state),
    config: input.config,
    context: input.context,
  });
}

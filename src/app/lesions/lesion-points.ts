import type { RoiModel } from '../../core/roi/model';
import { lesionLabel } from '../../core/roi/types';
import { lesionViewPointLps } from '../../core/roi/view-point';
import type { Vec3 } from '../../core/types/volume';

/** Where a lesion (by label) is at each time point it is drawn at: its largest slice's centroid (the enhancing part when no tumour is drawn). */
export function lesionPoints(model: RoiModel, label: string): Array<{ studyInstanceUid: string; pointLps: Vec3 }> {
  const out: Array<{ studyInstanceUid: string; pointLps: Vec3 }> = [];
  for (const tp of model.timePoints) {
    const lesion = tp.lesions.find((l) => lesionLabel(l.lesionNumber) === label);
    const layer = lesion?.tumour ?? lesion?.enhancing ?? null;
    const point = layer ? lesionViewPointLps(layer.mask) : null;
    if (point) out.push({ studyInstanceUid: tp.studyInstanceUid, pointLps: point });
  }
  return out;
}

import type { RoiModel } from '../../core/roi/model';
import type { Mask3D } from '../../core/types/volume';
import type { ResponseLabelmap } from '../../viewer/response-types';
import { lesionKeyOf } from '../measure/lesion-keys';
import { classifyLesion } from './classify';

interface Cached {
  tumour: unknown;
  enhancing: Mask3D;
  map: ResponseLabelmap | null;
}

/**
 * The response overlay's labelmaps for every time point, from the lesion model's tumours and the
 * enhancing masks the pipeline measured. A lesion being measured again keeps the split its current
 * figures come from until the new one arrives (the overlay shows what the numbers say); a lesion
 * with no known split is not drawn. Unchanged lesions are not classified again.
 */
export class ResponseOverlaySource {
  private readonly cache = new Map<string, Cached>();

  labelmaps(model: RoiModel, enhancingMasks: ReadonlyMap<string, Mask3D>, busy: readonly string[]): Map<string, ResponseLabelmap[]> {
    const byStudy = new Map<string, ResponseLabelmap[]>();
    const seen = new Set<string>();
    for (const tp of model.timePoints) {
      const maps: ResponseLabelmap[] = [];
      for (const lesion of tp.lesions) {
        const key = lesionKeyOf(tp.studyInstanceUid, lesion.lesionNumber);
        const enhancing = enhancingMasks.get(key);
        const cached = this.cache.get(key);
        if (!lesion.tumour || !enhancing) continue;
        seen.add(key);
        let map: ResponseLabelmap | null;
        if (cached && (busy.includes(key) || (cached.enhancing === enhancing && cached.tumour === lesion.tumour))) map = cached.map;
        else {
          map = classifyLesion(lesion.lesionNumber, lesion.tumour.mask, enhancing);
          this.cache.set(key, { tumour: lesion.tumour, enhancing, map });
        }
        if (map) maps.push(map);
      }
      byStudy.set(tp.studyInstanceUid, maps);
    }
    for (const key of [...this.cache.keys()]) if (!seen.has(key)) this.cache.delete(key);
    return byStudy;
  }
}

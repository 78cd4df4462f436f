/**
 * The model of one time point as the contract the measurement side reads (types.ts): full-size masks
 * on their own grids, each with its bounding box. Built on demand (measurement time), never stored.
 */
import { findTimePoint } from './lesion-model';
import type { LayerMask, RoiModel } from './model';
import { sparseToMask3D } from './sparse-mask';
import type { LesionRoi, TimePointRois } from './types';

/** SeriesInstanceUID of a model series id ('1.2.3#b=800' -> '1.2.3'). */
export const seriesUidOf = (seriesId: string): string => seriesId.split('#')[0]!;

function dense(layer: LayerMask | null): { mask: LesionRoi['tumour']; box: LesionRoi['tumourBox'] } {
  if (layer === null) return { mask: null, box: null };
  const { mask, box } = sparseToMask3D(layer.mask);
  return { mask, box };
}

export function toTimePointRois(model: RoiModel, studyInstanceUid: string): TimePointRois {
  const tp = findTimePoint(model, studyInstanceUid);
  const lesions: LesionRoi[] = [];
  for (const definition of model.lesions) {
    const layers = tp.lesions.find((l) => l.lesionNumber === definition.lesionNumber);
    if (layers === undefined) continue;
    const tumour = dense(layers.tumour);
    const enhancing = dense(layers.enhancing);
    const series = layers.tumour ?? layers.enhancing;
    lesions.push({
      lesionNumber: definition.lesionNumber,
      target: definition.target,
      organ: definition.organ,
      tumour: tumour.mask,
      enhancing: enhancing.mask,
      tumourBox: tumour.box,
      enhancingBox: enhancing.box,
      ...(series === null ? {} : { seriesInstanceUid: seriesUidOf(series.seriesId) }),
    });
  }
  const liver = dense(tp.liverReference);
  const main = tp.lesions.find((l) => l.tumour !== null)?.tumour ?? tp.liverReference;
  return {
    studyInstanceUid,
    seriesInstanceUid: main === null ? '' : seriesUidOf(main.seriesId),
    lesions,
    liverReference: liver.mask,
    liverReferenceBox: liver.box,
    ...(tp.liverReference === null ? {} : { liverReferenceSeriesInstanceUid: seriesUidOf(tp.liverReference.seriesId) }),
    nonTargetStatus: tp.nonTargetStatus,
    newLesion: tp.newLesion,
  };
}

/**
 * Which segments a SEG holds and how each is described: per lesion its tumour, enhancing and
 * necrotic layers, then the liver reference; labels as DESIGN.md "ROI naming".
 */
import { HccError } from '../errors';
import { enhancingLabel, lesionLabel, LIVER_REFERENCE_LABEL, type TimePointRois } from '../roi/types';
import type { Mask3D } from '../types/volume';
import { SEG_CODES, type Code } from './codes';

export type SegLayer = 'tumour' | 'enhancing' | 'necrotic' | 'liverReference';

export const necroticLabel = (n: number): string => `Lesion ${n} necrotic`;
/** Key of a lesion's tracking UID; the SR uses the same key, so SEG and SR name the lesion alike. */
export const trackingUidKey = (label: string): string => `tracking:${label}`;

export interface SegmentPlan {
  label: string;
  layer: SegLayer;
  lesionNumber: number | null;
  mask: Mask3D;
  algorithmType: 'MANUAL' | 'SEMIAUTOMATIC';
  /** Required by DICOM when the type is not MANUAL. */
  algorithmName: string | null;
  category: Code;
  type: Code;
  /** Recommended display colour, CIELab scaled to 0..65535 (PS3.3 C.10.7.1.1), from the sRGB in the comment. */
  cielab: [number, number, number];
}

const COLOURS: Record<SegLayer, [number, number, number]> = {
  tumour: [54536, 34370, 54622], // sRGB (255, 200, 0) amber
  enhancing: [31537, 49992, 44731], // sRGB (220, 40, 40) red
  necrotic: [32132, 38560, 17352], // sRGB (70, 110, 220) blue
  liverReference: [47495, 19725, 40672], // sRGB (80, 200, 120) green
};

export interface SegmentPlanInput {
  rois: TimePointRois;
  /** Enhancing masks from the automatic split for lesions without a drawn one (lesion number -> mask). */
  derivedEnhancing?: ReadonlyMap<number, Mask3D>;
  /** Names the automatic split in SegmentAlgorithmName, e.g. 'relative enhancement >= 0.5'. */
  enhancementAlgorithmName?: string;
}

/** tumour AND NOT enhancing: the non-enhancing (necrotic) part, on the tumour's grid. */
function subtract(tumour: Mask3D, enhancing: Mask3D): Mask3D {
  if (tumour.data.length !== enhancing.data.length) {
    throw new HccError('GEOMETRY_MISMATCH', 'enhancing mask and tumour mask are on different grids');
  }
  const data = new Uint8Array(tumour.data.length);
  for (let i = 0; i < data.length; i += 1) data[i] = tumour.data[i] !== 0 && enhancing.data[i] === 0 ? 1 : 0;
  return { ...tumour, data };
}

const LO_MAX = 64;
const lo = (text: string): string => (text.length > LO_MAX ? text.slice(0, LO_MAX) : text);

/** The segments in SEG order (lesion number ascending; tumour, enhancing, necrotic; liver last). */
export function planSegments(input: SegmentPlanInput): SegmentPlan[] {
  const plans: SegmentPlan[] = [];
  const abnormal = SEG_CODES.morphologicallyAbnormalStructure;
  const splitName = lo(`hcc-response enhancement split${input.enhancementAlgorithmName ? ` (${input.enhancementAlgorithmName})` : ''}`);
  const lesions = [...input.rois.lesions].sort((a, b) => a.lesionNumber - b.lesionNumber);
  for (const lesion of lesions) {
    const n = lesion.lesionNumber;
    if (!Number.isInteger(n) || n < 1) throw new HccError('INVALID_INPUT', `lesion number must be a positive integer, got ${n}`);
    const base = { lesionNumber: n, category: abnormal };
    if (lesion.tumour) {
      plans.push({ ...base, label: lesionLabel(n), layer: 'tumour', mask: lesion.tumour, algorithmType: 'MANUAL', algorithmName: null, type: SEG_CODES.neoplasm, cielab: COLOURS.tumour });
    }
    const derived = input.derivedEnhancing?.get(n) ?? null;
    const enhancing = lesion.enhancing ?? derived;
    const drawn = lesion.enhancing !== null;
    if (enhancing) {
      plans.push({
        ...base,
        label: enhancingLabel(n),
        layer: 'enhancing',
        mask: enhancing,
        algorithmType: drawn ? 'MANUAL' : 'SEMIAUTOMATIC',
        algorithmName: drawn ? null : splitName,
        type: SEG_CODES.enhancingLesion,
        cielab: COLOURS.enhancing,
      });
    }
    if (lesion.tumour && enhancing) {
      plans.push({
        ...base,
        label: necroticLabel(n),
        layer: 'necrotic',
        mask: subtract(lesion.tumour, enhancing),
        // Derived by a set operation from the drawn/derived layers, hence not MANUAL.
        algorithmType: 'SEMIAUTOMATIC',
        algorithmName: drawn ? 'hcc-response tumour minus drawn enhancing' : splitName,
        type: SEG_CODES.necrosis,
        cielab: COLOURS.necrotic,
      });
    }
  }
  if (input.rois.liverReference) {
    plans.push({
      label: LIVER_REFERENCE_LABEL,
      layer: 'liverReference',
      lesionNumber: null,
      mask: input.rois.liverReference,
      algorithmType: 'MANUAL',
      algorithmName: null,
      category: SEG_CODES.anatomicalStructure,
      type: SEG_CODES.liver,
      cielab: COLOURS.liverReference,
    });
  }
  return plans;
}

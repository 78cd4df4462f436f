/**
 * measureLesion: every figure of one lesion at one time point, from the series by role and the
 * masks on their drawing grid. Which series feeds which kernel:
 *   drawing grid  - volumes (tumour, enhancing, necrotic), enhancing fraction, diameters (whole, viable);
 *                   enhancement split on pre-contrast and arterial values sampled at its voxel centres
 *   pre-contrast  - T1 ratio to liver, T1-hyperintense fraction (masks mapped to its grid)
 *   T2            - T2 ratio to liver
 *   every T1/T2 role - intensity statistics over the tumour
 *   ADC map / DWI - ADC statistics (tumour mapped to that grid; optional hyperintense exclusion)
 * Works only inside the masks' bounding boxes, so cost follows the ROI, not the study.
 */
import { HccError } from '../errors';
import { diameters, lesionVolumes, maskBoundingBox, maskVolume, sameGrid, type DiametersResult, type EnhancementMethodRecord, type IjkBox } from '../kernels';
import type { Mask3D } from '../types/volume';
import { adcStep } from './adc-step';
import { enhancementStep } from './enhancement-step';
import { LESION_FLAG, withReason } from './flags';
import {
  INTENSITY_ROLES,
  type AdcRecord,
  type IntensityRole,
  type IntensitySummary,
  type LesionMeasureInput,
  type LesionResult,
  type T1HyperintensityRecord,
} from './inputs';
import { maskMapper, type MaskMapper } from './masks-on-grids';
import { intensityStep, preStep, ratioStep } from './signal-step';
import type { LesionMeasurement } from './types';

export function measureLesion(input: LesionMeasureInput): LesionResult {
  return joinLesionHalves(input, measureDrawingGridHalf(input), measureSeriesHalf(input));
}

/**
 * A lesion's measurement in two independent halves (two workers run them side by side):
 * 'drawingGrid' - enhancement split, volumes, diameters (whole and viable), arterial statistics
 *                 (reads the masks, pre-contrast and arterial);
 * 'series'      - statistics of the other series, T1/T2 ratios, T1 hyperintensity, ADC (reads the
 *                 tumour and reference masks and every series but the arterial, never the enhancing layer).
 * The drawing-grid half is the longer by about the time it takes to cut the series half's crop, so
 * posted first it ends with the other (compute-client.ts). measureLesion is exactly joinLesionHalves of the two.
 */
export type LesionHalf = 'drawingGrid' | 'series';

type SizeFigures = Pick<
  LesionMeasurement,
  'volumeMl' | 'enhancingVolumeMl' | 'necroticVolumeMl' | 'enhancingFraction' | 'viableLongestDiameterMm' | 'viablePerpendicularDiameterMm' | 'longestDiameterMm' | 'perpendicularDiameterMm'
>;
type SignalFigures = Pick<LesionMeasurement, 'adc' | 't1RatioToLiver' | 't2RatioToLiver' | 't1HyperintenseFraction'>;

/** The intensity roles the drawing-grid half measures (it reads the arterial series anyway); the series half does the others. */
const DRAWING_GRID_ROLES: readonly IntensityRole[] = ['arterial'];

/** What both halves report of the series they read. */
interface SeriesStatistics {
  /** Statistics of this half's roles (null for the other half's). */
  intensity: Record<IntensityRole, IntensitySummary | null>;
  /** This half's roles with a series the tumour misses. */
  outsideFieldOfView: IntensityRole[];
  /** Roles this half read on a grid other than the drawing grid (masks mapped there). */
  mappedRoles: string[];
}

/** Null figures mean the tumour is not drawn or empty (then `flags` says which, the same in both halves). */
export interface DrawingGridHalfResult extends SeriesStatistics {
  half: 'drawingGrid';
  flags: string[];
  figures: SizeFigures | null;
  enhancement: EnhancementMethodRecord | null;
  enhancingMask: Mask3D | null;
}

export interface SeriesHalfResult extends SeriesStatistics {
  half: 'series';
  flags: string[];
  figures: SignalFigures | null;
  t1Hyperintensity: T1HyperintensityRecord | null;
  adc: AdcRecord | null;
}

export type LesionHalfResult = DrawingGridHalfResult | SeriesHalfResult;

export function measureLesionHalf(input: LesionMeasureInput, half: LesionHalf): LesionHalfResult {
  return half === 'drawingGrid' ? measureDrawingGridHalf(input) : measureSeriesHalf(input);
}

/** Checks and boxes both halves start from; `flags` alone when there is nothing to measure. */
function lesionPrologue(input: LesionMeasureInput): { tumour: Mask3D; tumourBox: IjkBox; referenceBox: IjkBox | null } | { flags: string[] } {
  const { tumour } = input;
  if (!tumour) return { flags: [LESION_FLAG.tumourNotDrawn] };
  for (const [mask, what] of [[input.enhancing, 'enhancing'], [input.liverReference, 'liver reference']] as const) {
    if (mask && !sameGrid(tumour, mask)) throw new HccError('GEOMETRY_MISMATCH', `${input.label}: the ${what} mask is not on the grid of the tumour mask`);
  }
  const tumourBox = boxOf(tumour, input.boxes?.tumour);
  if (!tumourBox) return { flags: [LESION_FLAG.tumourEmpty] };
  const reference = input.liverReference;
  return { tumour, tumourBox, referenceBox: reference ? boxOf(reference, input.boxes?.liverReference) : null };
}

/** Drawing grid: the split, volumes and diameters are counted on the voxels the user drew. */
export function measureDrawingGridHalf(input: LesionMeasureInput): DrawingGridHalfResult {
  const start = lesionPrologue(input);
  if ('flags' in start) return { half: 'drawingGrid', flags: start.flags, figures: null, enhancement: null, enhancingMask: null, ...noSeriesStatistics() };
  const { tumour, tumourBox, referenceBox } = start;
  const { volumes, config } = input;
  const userBox = input.enhancing ? boxOf(input.enhancing, input.boxes?.enhancing) : null;
  const split = enhancementStep({
    tumour, tumourBox, userEnhancing: input.enhancing, userEnhancingBox: userBox,
    liverReference: input.liverReference, referenceBox,
    pre: volumes.pre, arterial: volumes.arterial, method: config.enhancement,
  });
  const whole = diameters({ mask: tumour, box: tumourBox });
  const wholeSizes = { longestDiameterMm: whole.longestDiameterMm, perpendicularDiameterMm: whole.perpendicularDiameterMm };
  let figures: SizeFigures;
  if (split.enhancing) {
    const v = lesionVolumes({ tumour, enhancing: split.enhancing, tumourBox });
    // No enhancing voxel left is a measured 0 mm (mRECIST/EASL complete response), not an unknown.
    // Enhancing is a subset of the tumour: equal counts mean equal masks, hence equal diameters.
    const viable: DiametersResult | null =
      v.enhancingVoxels === 0 ? null : v.enhancingVoxels === v.tumourVoxels ? whole : diameters({ mask: split.enhancing, box: tumourBox });
    figures = {
      volumeMl: v.tumourVolumeMl,
      enhancingVolumeMl: v.enhancingVolumeMl,
      necroticVolumeMl: v.necroticVolumeMl,
      enhancingFraction: v.enhancingFraction,
      viableLongestDiameterMm: viable ? viable.longestDiameterMm : 0,
      viablePerpendicularDiameterMm: viable ? viable.perpendicularDiameterMm : 0,
      ...wholeSizes,
    };
  } else {
    figures = {
      volumeMl: maskVolume({ mask: tumour, box: tumourBox }).volumeMl,
      enhancingVolumeMl: null, necroticVolumeMl: null, enhancingFraction: null,
      viableLongestDiameterMm: null, viablePerpendicularDiameterMm: null,
      ...wholeSizes,
    };
  }
  return {
    half: 'drawingGrid',
    flags: split.flags,
    figures,
    enhancement: split.record,
    enhancingMask: input.includeEnhancingMask ? split.enhancing : null,
    ...seriesStatistics(input, maskMapper(tumour, tumourBox), DRAWING_GRID_ROLES),
  };
}

function noSeriesStatistics(): SeriesStatistics {
  return { intensity: Object.fromEntries(INTENSITY_ROLES.map((r) => [r, null])) as SeriesStatistics['intensity'], outsideFieldOfView: [], mappedRoles: [] };
}

/** Intensity statistics of the given roles over the tumour, each series on its own grid. */
function seriesStatistics(input: LesionMeasureInput, tumourOn: MaskMapper, roles: readonly IntensityRole[]): SeriesStatistics {
  const out = noSeriesStatistics();
  const drawing = input.tumour!;
  for (const role of roles) {
    const image = input.volumes[role];
    if (!image) continue;
    out.intensity[role] = intensityStep(image, tumourOn);
    if (!out.intensity[role]) out.outsideFieldOfView.push(role);
    if (!sameGrid(drawing, image)) out.mappedRoles.push(role);
  }
  return out;
}

/** Other series: their own voxels, the masks mapped onto their grids through patient coordinates. */
export function measureSeriesHalf(input: LesionMeasureInput): SeriesHalfResult {
  const start = lesionPrologue(input);
  const nothing = { half: 'series', figures: null, t1Hyperintensity: null, adc: null, ...noSeriesStatistics() } as const;
  if ('flags' in start) return { ...nothing, flags: start.flags };
  const { tumour, tumourBox, referenceBox } = start;
  const { volumes, config } = input;
  const reference = input.liverReference;
  const flags: string[] = [];
  const tumourOn = maskMapper(tumour, tumourBox);
  const referenceOn = reference ? maskMapper(reference, referenceBox) : null;
  const stats = seriesStatistics(input, tumourOn, INTENSITY_ROLES.filter((r) => !DRAWING_GRID_ROLES.includes(r)));
  const { intensity } = stats;
  let pre: ReturnType<typeof preStep> | null = null;
  let t1Ratio: number | null = null;
  if (!volumes.pre) flags.push(LESION_FLAG.noPreContrast);
  if (!referenceOn || !referenceBox) flags.push(withReason(LESION_FLAG.noLiverReference, 'T1/T2 ratios and T1 hyperintensity unknown'));
  else if (volumes.pre) {
    pre = preStep(volumes.pre, tumourOn, referenceOn, config.t1Hyperintensity, flags);
    t1Ratio = ratioStep(volumes.pre, intensity.pre?.meanSignal ?? null, tumourOn, referenceOn);
  }
  if (!volumes.t2) flags.push(LESION_FLAG.noT2);
  const t2Ratio = volumes.t2 && referenceOn && referenceBox ? ratioStep(volumes.t2, intensity.t2?.meanSignal ?? null, tumourOn, referenceOn) : null;

  const adc = adcStep({
    volumes, tumour: tumourOn, preference: config.adcSource, fitMinBValueSmm2: config.adcFitMinBValueSmm2,
    excludeT1Hyperintense: config.excludeT1HyperintenseFromAdc, hyperintense: pre?.hyperintense ?? null, flags,
  });
  if (volumes.dwi[0] && !sameGrid(tumour, volumes.dwi[0].volume)) stats.mappedRoles.push('dwi');
  if (volumes.adcMap && !sameGrid(tumour, volumes.adcMap)) stats.mappedRoles.push('adc');
  return {
    half: 'series',
    flags,
    figures: {
      adc: adc.adc,
      t1RatioToLiver: t1Ratio,
      t2RatioToLiver: t2Ratio,
      t1HyperintenseFraction: pre?.t1HyperintenseFraction ?? null,
    },
    t1Hyperintensity: pre?.record ?? null,
    adc: adc.record,
    ...stats,
  };
}

/** One lesion's result from its two halves (computed on the same input, wherever they ran). */
export function joinLesionHalves(input: Pick<LesionMeasureInput, 'label' | 'target'>, drawing: DrawingGridHalfResult, series: SeriesHalfResult): LesionResult {
  const intensity = { ...series.intensity };
  for (const role of DRAWING_GRID_ROLES) intensity[role] = drawing.intensity[role];
  if (!drawing.figures || !series.figures) {
    // Both halves found the same reason in the shared prologue.
    return {
      measurement: nullMeasurement(input.label, input.target, drawing.figures ? series.flags : drawing.flags),
      method: { enhancement: null, t1Hyperintensity: null, adc: null, mappedRoles: [] },
      intensity,
      enhancingMask: null,
    };
  }
  // Flags and mapped roles in one order wherever they were found: the split's, then per series role, then the rest.
  const outside = new Set([...drawing.outsideFieldOfView, ...series.outsideFieldOfView]);
  const mapped = new Set([...drawing.mappedRoles, ...series.mappedRoles]);
  const d = drawing.figures;
  return {
    measurement: {
      label: input.label,
      target: input.target,
      volumeMl: d.volumeMl,
      enhancingVolumeMl: d.enhancingVolumeMl,
      necroticVolumeMl: d.necroticVolumeMl,
      enhancingFraction: d.enhancingFraction,
      viableLongestDiameterMm: d.viableLongestDiameterMm,
      viablePerpendicularDiameterMm: d.viablePerpendicularDiameterMm,
      longestDiameterMm: d.longestDiameterMm,
      perpendicularDiameterMm: d.perpendicularDiameterMm,
      ...series.figures,
      flags: [
        ...drawing.flags,
        ...INTENSITY_ROLES.filter((r) => outside.has(r)).map((r) => withReason(LESION_FLAG.outsideFieldOfView, `${r} series`)),
        ...series.flags,
      ],
    },
    method: {
      enhancement: drawing.enhancement,
      t1Hyperintensity: series.t1Hyperintensity,
      adc: series.adc,
      mappedRoles: [...INTENSITY_ROLES, 'dwi', 'adc'].filter((r) => mapped.has(r)),
    },
    intensity,
    enhancingMask: drawing.enhancingMask,
  };
}

/** The caller's box when given (null = known empty), otherwise one scan of the mask. */
function boxOf(mask: Mask3D, known: IjkBox | null | undefined): IjkBox | null {
  return known !== undefined ? known : maskBoundingBox({ mask }).box;
}

export function nullMeasurement(label: string, target: boolean, flags: string[]): LesionMeasurement {
  return {
    label, target,
    volumeMl: null, enhancingVolumeMl: null, necroticVolumeMl: null, enhancingFraction: null,
    longestDiameterMm: null, perpendicularDiameterMm: null, viableLongestDiameterMm: null, viablePerpendicularDiameterMm: null,
    adc: null, t1RatioToLiver: null, t2RatioToLiver: null, t1HyperintenseFraction: null,
    flags,
  };
}

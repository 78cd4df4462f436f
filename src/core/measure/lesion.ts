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
import { diameters, lesionVolumes, maskBoundingBox, maskVolume, sameGrid, type DiametersResult, type IjkBox } from '../kernels';
import type { Mask3D } from '../types/volume';
import { adcStep } from './adc-step';
import { enhancementStep } from './enhancement-step';
import { LESION_FLAG, withReason } from './flags';
import { INTENSITY_ROLES, type IntensityRole, type IntensitySummary, type LesionMeasureInput, type LesionResult, type RoleVolumes } from './inputs';
import { maskMapper } from './masks-on-grids';
import { intensityStep, preStep, ratioStep } from './signal-step';
import type { LesionMeasurement } from './types';

export function measureLesion(input: LesionMeasureInput): LesionResult {
  const { tumour, volumes, config } = input;
  const flags: string[] = [];
  const noIntensity = Object.fromEntries(INTENSITY_ROLES.map((r) => [r, null])) as Record<IntensityRole, IntensitySummary | null>;
  const unknown = (): LesionResult => ({
    measurement: nullMeasurement(input.label, input.target, flags),
    method: { enhancement: null, t1Hyperintensity: null, adc: null, mappedRoles: [] },
    intensity: noIntensity,
    enhancingMask: null,
  });
  if (!tumour) {
    flags.push(LESION_FLAG.tumourNotDrawn);
    return unknown();
  }
  for (const [mask, what] of [[input.enhancing, 'enhancing'], [input.liverReference, 'liver reference']] as const) {
    if (mask && !sameGrid(tumour, mask)) throw new HccError('GEOMETRY_MISMATCH', `${input.label}: the ${what} mask is not on the grid of the tumour mask`);
  }
  const tumourBox = boxOf(tumour, input.boxes?.tumour);
  if (!tumourBox) {
    flags.push(LESION_FLAG.tumourEmpty);
    return unknown();
  }
  const reference = input.liverReference;
  const referenceBox = reference ? boxOf(reference, input.boxes?.liverReference) : null;
  const userBox = input.enhancing ? boxOf(input.enhancing, input.boxes?.enhancing) : null;

  // Drawing grid: the split, volumes and diameters are counted on the voxels the user drew.
  const split = enhancementStep({
    tumour, tumourBox, userEnhancing: input.enhancing, userEnhancingBox: userBox,
    liverReference: reference, referenceBox,
    pre: volumes.pre, arterial: volumes.arterial, method: config.enhancement,
  });
  flags.push(...split.flags);
  const whole = diameters({ mask: tumour, box: tumourBox });
  let sizes: Pick<LesionMeasurement, 'volumeMl' | 'enhancingVolumeMl' | 'necroticVolumeMl' | 'enhancingFraction' | 'viableLongestDiameterMm' | 'viablePerpendicularDiameterMm'>;
  if (split.enhancing) {
    const v = lesionVolumes({ tumour, enhancing: split.enhancing, tumourBox });
    // No enhancing voxel left is a measured 0 mm (mRECIST/EASL complete response), not an unknown.
    // Enhancing is a subset of the tumour: equal counts mean equal masks, hence equal diameters.
    const viable: DiametersResult | null =
      v.enhancingVoxels === 0 ? null : v.enhancingVoxels === v.tumourVoxels ? whole : diameters({ mask: split.enhancing, box: tumourBox });
    sizes = {
      volumeMl: v.tumourVolumeMl,
      enhancingVolumeMl: v.enhancingVolumeMl,
      necroticVolumeMl: v.necroticVolumeMl,
      enhancingFraction: v.enhancingFraction,
      viableLongestDiameterMm: viable ? viable.longestDiameterMm : 0,
      viablePerpendicularDiameterMm: viable ? viable.perpendicularDiameterMm : 0,
    };
  } else {
    sizes = {
      volumeMl: maskVolume({ mask: tumour, box: tumourBox }).volumeMl,
      enhancingVolumeMl: null, necroticVolumeMl: null, enhancingFraction: null,
      viableLongestDiameterMm: null, viablePerpendicularDiameterMm: null,
    };
  }

  // Other series: their own voxels, the masks mapped onto their grids through patient coordinates.
  const tumourOn = maskMapper(tumour, tumourBox);
  const referenceOn = reference ? maskMapper(reference, referenceBox) : null;
  const intensity = { ...noIntensity };
  for (const role of INTENSITY_ROLES) {
    const image = volumes[role];
    if (!image) continue;
    intensity[role] = intensityStep(image, tumourOn);
    if (!intensity[role]) flags.push(withReason(LESION_FLAG.outsideFieldOfView, `${role} series`));
  }
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

  return {
    measurement: {
      label: input.label,
      target: input.target,
      ...sizes,
      longestDiameterMm: whole.longestDiameterMm,
      perpendicularDiameterMm: whole.perpendicularDiameterMm,
      adc: adc.adc,
      t1RatioToLiver: t1Ratio,
      t2RatioToLiver: t2Ratio,
      t1HyperintenseFraction: pre?.t1HyperintenseFraction ?? null,
      flags,
    },
    method: { enhancement: split.record, t1Hyperintensity: pre?.record ?? null, adc: adc.record, mappedRoles: mappedRoles(tumour, volumes) },
    intensity,
    enhancingMask: input.includeEnhancingMask ? split.enhancing : null,
  };
}

/** The caller's box when given (null = known empty), otherwise one scan of the mask. */
function boxOf(mask: Mask3D, known: IjkBox | null | undefined): IjkBox | null {
  return known !== undefined ? known : maskBoundingBox({ mask }).box;
}

function mappedRoles(drawing: Mask3D, v: RoleVolumes): string[] {
  const roles: string[] = [];
  for (const role of INTENSITY_ROLES) {
    const image = v[role];
    if (image && !sameGrid(drawing, image)) roles.push(role);
  }
  if (v.dwi[0] && !sameGrid(drawing, v.dwi[0].volume)) roles.push('dwi');
  if (v.adcMap && !sameGrid(drawing, v.adcMap)) roles.push('adc');
  return roles;
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

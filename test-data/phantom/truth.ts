import type { GridGeometry, Vec3 } from '../../src/core/types/volume';
import {
  B_VALUES_S_PER_MM2, FOV_MM, LABEL, LESIONS, LIVER_REFERENCE, NOISE_AMPLITUDE, TIME_POINT_DEFS, TISSUE_VALUES, lesionLabel,
} from './definitions';
import { CRITERIA, PSEUDO_PROGRESSION_FLAG, classify, pctChange, pseudoProgression, sumsFor, type CriterionKey, type CriterionResult, type LesionSizes } from './criteria';
import { PERPENDICULAR_STEP_PX } from './diameters';
import { voxelVolumeMm3 } from './grids';
import { toScanner } from './rasterize';
import { distribution, type DistributionSummary, type ValueSummary } from './stats';
import { lesionGeometry, type LesionGeometryTruth } from './truth-lesion';
import type { WrittenTimePoint } from './write-series';
import type { SeriesKey } from './series';

/** truth.json: what the app should measure on the phantom, from the voxel definitions alone. */

export const TRUTH_SCHEMA = 'hcc-response/phantom-truth@1';
/** A voxel is T1-hyperintense when its T1-pre value exceeds this factor x the liver-reference mean. */
export const T1_HYPERINTENSE_FACTOR = 1.2;
const T1_GRID_KEYS: readonly SeriesKey[] = ['t1_pre', 'arterial', 'portal_venous', 'delayed', 't2'];

export interface SeriesTruth {
  key: SeriesKey;
  seriesInstanceUid: string;
  description: string;
  expectedPhase: string;
  folder: string;
  grid: 't1' | 'dwi';
  images: number;
  bValues: number[] | null;
  rescaleSlope: number;
  acquisitionTime: string;
  contrastBolusAgent: string | null;
}

export interface AdcTruth extends DistributionSummary {
  /** Same statistics in mm^2/s (the fields above are in 1e-6 mm^2/s, as written). */
  meanMm2s: number;
  medianMm2s: number;
  sdMm2s: number;
}

export interface LesionTruth extends LesionGeometryTruth {
  label: string;
  target: true;
  centreLps: Vec3;
  radiusMm: number;
  viableSphere: { centreLps: Vec3; radiusMm: number } | 'whole';
  /** Measured on the mask (the numbers the app should reproduce within diameters.toleranceMm). */
  longestDiameterMm: number;
  perpendicularDiameterMm: number;
  viableLongestDiameterMm: number;
  viablePerpendicularDiameterMm: number;
  adc: AdcTruth | null;
  /** Mean written values over the lesion (real values, rescale applied), per T1-grid series. */
  signal: Record<string, ValueSummary>;
  t1RatioToLiver: number;
  t2RatioToLiver: number;
  t1HyperintenseFraction: number;
  adcChangeFromBaselinePct: number | null;
  flags: string[];
}

export interface TimePointTruth {
  label: string;
  index: number;
  dir: string;
  studyInstanceUid: string;
  studyDate: string;
  studyDateDicom: string;
  studyTime: string;
  frameOfReferenceUid: string;
  manufacturer: string;
  patientShiftMm: Vec3;
  grids: { t1: GridGeometry; dwi: GridGeometry };
  series: SeriesTruth[];
  /** As in measurements.json: SeriesInstanceUID per role. */
  seriesByRole: Record<'pre' | 'arterial' | 'portalVenous' | 'delayed' | 't2' | 'dwi' | 'adc', string>;
  liverReference: { voxels: number; volumeMl: number; analyticVolumeMl: number; centreLps: Vec3; radiusMm: number; signal: Record<string, ValueSummary>; adc: AdcTruth | null };
  /** Smallest distance of any DWI centre's continuous T1 index from a rounding tie, in T1 voxels. */
  adcMappingTieMarginVoxels: number;
  lesions: LesionTruth[];
}

export interface CriteriaTruth { measured: Record<CriterionKey, CriterionResult>; analytic: Record<CriterionKey, CriterionResult> }

export interface ResponseTruth {
  timePoint: number;
  vsBaseline: number;
  vsNadir: number;
  criteria: CriteriaTruth;
  /** Categories from the sums measured on the voxel masks (what an exact implementation gets). */
  categories: Record<CriterionKey, string>;
  /** Categories from the analytic sizes (the design: RECIST SD, WHO SD, mRECIST PR, EASL PR, qEASL PR, vRECIST SD). */
  analyticCategories: Record<CriterionKey, string>;
  /** False when voxelisation at this size moves a category away from the design (coarse grids). */
  categoriesMatchDesign: boolean;
  /** Change of the voxel-pooled mean ADC over all target lesions (null when unknown). */
  adcChangePct: number | null;
  flags: string[];
}

export interface PhantomTruth {
  schema: string;
  seed: number;
  sizeT1: Vec3;
  definitions: Record<string, unknown>;
  methods: Record<string, unknown>;
  timePoints: TimePointTruth[];
  response: ResponseTruth[];
}

const isoDate = (d: string): string => `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}`;

/** null when no DWI voxel maps into the ROI (very coarse grids): unknown, never a made-up number. */
function adcTruth(values: number[]): AdcTruth | null {
  if (values.length === 0) return null;
  const d = distribution(values);
  return { ...d, meanMm2s: d.mean * 1e-6, medianMm2s: d.median * 1e-6, sdMm2s: d.sd * 1e-6 };
}

function timePointTruth(w: WrittenTimePoint, index: number, t1: GridGeometry, dwi: GridGeometry): TimePointTruth {
  const def = TIME_POINT_DEFS[w.timePoint];
  const stats = w.stats;
  const signalOf = (labels: number[]): Record<string, ValueSummary> =>
    Object.fromEntries(T1_GRID_KEYS.map((key) => [key, stats.t1Grid[key]!.summary(labels)]));
  const refLabels = [LABEL.liverReference];
  const refSignal = signalOf(refLabels);
  const refT1 = refSignal.t1_pre!.mean;
  const uid = (key: SeriesKey): string => w.series.find((s) => s.spec.key === key)!.seriesInstanceUid;

  const lesions = LESIONS[w.timePoint].map((lesion): LesionTruth => {
    const geometry = lesionGeometry(w.timePoint, t1, lesion);
    const viable = lesionLabel(lesion.n, true);
    const necrotic = lesionLabel(lesion.n, false);
    const pre = stats.t1Grid.t1_pre!;
    const viableValues = pre.summary([viable]);
    const necroticValues = pre.summary([necrotic]);
    if (viableValues.voxels + necroticValues.voxels !== geometry.voxels.total) throw new Error(`${lesion.label}: streamed and boxed voxel counts differ`);
    // Hyperintensity is exact by construction: all necrotic values above the cut-off, all viable below.
    const cut = T1_HYPERINTENSE_FACTOR * refT1;
    if ((viableValues.voxels > 0 && viableValues.max >= cut) || (necroticValues.voxels > 0 && necroticValues.min <= cut)) throw new Error('T1 hyperintensity is not separable');
    const signal = signalOf([viable, necrotic]);
    return {
      label: lesion.label,
      target: true,
      centreLps: toScanner(w.timePoint, lesion.whole.centreMm),
      radiusMm: lesion.whole.radiusMm,
      viableSphere: lesion.viable === 'whole' ? 'whole' : { centreLps: toScanner(w.timePoint, lesion.viable.centreMm), radiusMm: lesion.viable.radiusMm },
      ...geometry,
      longestDiameterMm: geometry.whole.measured?.longestMm ?? 0,
      perpendicularDiameterMm: geometry.whole.measured?.perpendicularMm ?? 0,
      viableLongestDiameterMm: geometry.viable.measured?.longestMm ?? 0,
      viablePerpendicularDiameterMm: geometry.viable.measured?.perpendicularMm ?? 0,
      adc: adcTruth([...(stats.adcByMappedLabel.get(viable) ?? []), ...(stats.adcByMappedLabel.get(necrotic) ?? [])]),
      signal,
      t1RatioToLiver: signal.t1_pre!.mean / refT1,
      t2RatioToLiver: signal.t2!.mean / refSignal.t2!.mean,
      t1HyperintenseFraction: geometry.voxels.total > 0 ? geometry.voxels.necrotic / geometry.voxels.total : 0,
      adcChangeFromBaselinePct: null,
      flags: [],
    };
  });
  const refVoxels = refSignal.t1_pre!.voxels;
  return {
    label: def.key,
    index,
    dir: def.dir,
    studyInstanceUid: w.ctx.studyInstanceUid,
    studyDate: isoDate(def.studyDate),
    studyDateDicom: def.studyDate,
    studyTime: def.studyTime,
    frameOfReferenceUid: w.ctx.frameOfReferenceUid,
    manufacturer: w.ctx.vendor.manufacturer,
    patientShiftMm: def.patientShiftMm,
    grids: { t1, dwi },
    series: w.series.map((s) => ({
      key: s.spec.key, seriesInstanceUid: s.seriesInstanceUid, description: s.spec.description, expectedPhase: s.spec.expectedPhase,
      folder: s.folder, grid: s.spec.gridKind, images: s.files.length, bValues: s.spec.bValues ? [...s.spec.bValues] : null,
      rescaleSlope: s.spec.rescaleSlope, acquisitionTime: s.spec.acquisitionTime, contrastBolusAgent: s.spec.contrastAgent,
    })),
    seriesByRole: { pre: uid('t1_pre'), arterial: uid('arterial'), portalVenous: uid('portal_venous'), delayed: uid('delayed'), t2: uid('t2'), dwi: uid('dwi'), adc: uid('adc') },
    liverReference: {
      voxels: refVoxels,
      volumeMl: (refVoxels * voxelVolumeMm3(t1)) / 1000,
      analyticVolumeMl: ((4 / 3) * Math.PI * LIVER_REFERENCE.radiusMm ** 3) / 1000,
      centreLps: toScanner(w.timePoint, LIVER_REFERENCE.centreMm),
      radiusMm: LIVER_REFERENCE.radiusMm,
      signal: refSignal,
      adc: adcTruth(stats.adcByMappedLabel.get(LABEL.liverReference) ?? []),
    },
    adcMappingTieMarginVoxels: stats.mappingTieMarginVoxels,
    lesions,
  };
}

const sizesOf = (l: LesionTruth, analytic: boolean): LesionSizes => analytic
  ? { longestMm: l.whole.analyticMm, perpendicularMm: l.whole.analyticMm, viableLongestMm: l.viable.analyticMm, viablePerpendicularMm: l.viable.analyticMm, volumeMl: l.analytic.volumeMl, enhancingVolumeMl: l.analytic.enhancingVolumeMl }
  : { longestMm: l.longestDiameterMm, perpendicularMm: l.perpendicularDiameterMm, viableLongestMm: l.viableLongestDiameterMm, viablePerpendicularMm: l.viablePerpendicularDiameterMm, volumeMl: l.volumeMl, enhancingVolumeMl: l.enhancingVolumeMl };

function responseTruth(tps: TimePointTruth[], index: number): ResponseTruth {
  const upTo = tps.slice(0, index + 1);
  const criteriaFor = (analytic: boolean): Record<CriterionKey, CriterionResult> => Object.fromEntries(
    CRITERIA.map((key) => [key, classify(key, upTo.map((tp) => sumsFor(key, tp.lesions.map((l) => sizesOf(l, analytic)))))]),
  ) as Record<CriterionKey, CriterionResult>;
  const measured = criteriaFor(false);
  const analytic = criteriaFor(true);
  const current = tps[index]!;
  const baseline = tps[0]!;
  const flags: string[] = [];
  current.lesions.forEach((lesion, n) => {
    const before = baseline.lesions[n]!;
    lesion.adcChangeFromBaselinePct = before.adc && lesion.adc ? pctChange(before.adc.mean, lesion.adc.mean) : null;
    if (pseudoProgression(sizesOf(before, false), sizesOf(lesion, false))) {
      lesion.flags.push(PSEUDO_PROGRESSION_FLAG);
      flags.push(`${lesion.label}: ${PSEUDO_PROGRESSION_FLAG}`);
    }
  });
  const pooledMean = (tp: TimePointTruth): number | null => {
    const voxels = tp.lesions.reduce((a, l) => a + (l.adc?.voxels ?? 0), 0);
    return voxels > 0 ? tp.lesions.reduce((a, l) => a + (l.adc ? l.adc.mean * l.adc.voxels : 0), 0) / voxels : null;
  };
  const adcBefore = pooledMean(baseline);
  const adcNow = pooledMean(current);
  return {
    timePoint: index,
    vsBaseline: 0,
    vsNadir: 0,
    criteria: { measured, analytic },
    categories: Object.fromEntries(CRITERIA.map((key) => [key, measured[key].category])) as Record<CriterionKey, string>,
    analyticCategories: Object.fromEntries(CRITERIA.map((key) => [key, analytic[key].category])) as Record<CriterionKey, string>,
    categoriesMatchDesign: CRITERIA.every((key) => measured[key].category === analytic[key].category),
    adcChangePct: adcBefore !== null && adcNow !== null ? pctChange(adcBefore, adcNow) : null,
    flags,
  };
}

export function buildTruth(seed: number, sizeT1: Vec3, t1: GridGeometry, dwi: GridGeometry, written: WrittenTimePoint[]): PhantomTruth {
  const timePoints = written.map((w, i) => timePointTruth(w, i, t1, dwi));
  const response = timePoints.slice(1).map((_, i) => responseTruth(timePoints, i + 1));
  const diagonalMm = Math.hypot(t1.spacingMm[0], t1.spacingMm[1]);
  return {
    schema: TRUTH_SCHEMA,
    seed,
    sizeT1,
    definitions: {
      fovMm: FOV_MM,
      noise: { kind: 'uniform multiplicative, bounded', amplitude: NOISE_AMPLITUDE },
      tissueValues: TISSUE_VALUES,
      bValues: B_VALUES_S_PER_MM2,
      labels: { air: 0, body: 1, liver: 2, liverReference: 3, lesion: '10 * n + 1 viable, 10 * n + 2 necrotic' },
      lesionsBaselineFrame: LESIONS,
      liverReferenceBaselineFrame: LIVER_REFERENCE,
    },
    methods: {
      voxelisation: 'label of each voxel = analytic shape containing its centre (no partial volume)',
      volumes: 'voxel count on the T1 grid x voxel volume; analytic = 4/3 pi r^3',
      enhancing: 'viable voxels (relative enhancement 1.43..1.57) vs necrotic (-0.03..0.03): any threshold in between separates them',
      diameters: {
        definition: 'edge to edge (the mask is the closed union of its pixel squares): largest over axial T1 slices of the longest segment between two convex outline corners (pixel corners touched by exactly one mask pixel) lying inside the union; perpendicular = on that slice, the longest piece inside the union of a line perpendicular (in mm) to it through a point of it, points every quarter pixel; equally long longest chords: the one with the greater perpendicular',
        perpendicularStepPx: PERPENDICULAR_STEP_PX,
        toleranceMm: diagonalMm,
        toleranceNote: 'one in-plane voxel diagonal, against analyticOnSlicesMm',
      },
      adcRoi: 'each DWI voxel centre takes the label of the nearest T1 voxel centre (index rounded); mean etc. of the written ADC map values',
      t1HyperintenseFraction: `fraction of lesion voxels with T1-pre > ${T1_HYPERINTENSE_FACTOR} x liver-reference mean T1-pre (equals the necrotic fraction by construction for any factor in 0.77..1.47)`,
      ratios: 'mean written value over the lesion / mean over the liver reference, same series (T1 = pre-contrast)',
      statistics: 'SD with n - 1; percentiles linear between order statistics (numpy default)',
      criteria: 'CLINICAL.md rules, target lesions only, no new lesions; nadir includes baseline',
    },
    timePoints,
    response,
  };
}

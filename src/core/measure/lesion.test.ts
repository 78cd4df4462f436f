// Orchestration rules on hand-made volumes, answers worked out by hand in the comments.
import { describe, expect, it } from 'vitest';
import { signalRatio } from '../kernels';
import { grid, maskWith, volumeOf } from '../kernels/test-fixtures';
import type { GridGeometry, Vec3, Volume3D } from '../types/volume';
import { resolveMeasureConfig, type MeasureConfig } from './config';
import { LESION_FLAG, flagCode } from './flags';
import type { LesionMeasureInput, RoleVolumes } from './inputs';
import { measureLesion } from './lesion';

// Drawing (arterial) grid: 6 x 6 x 1 voxels of 1 mm, voxel (i, j) centred at (i, j, 0).
const A = grid([6, 6, 1]);
const at = (g: GridGeometry, i: number, j: number): number => i + j * g.dims[0];
/** Volume with `background` everywhere and the listed (i, j) -> value. */
function image(g: GridGeometry, background: number, values: [number, number, number][]): Volume3D<Float32Array> {
  const data = new Float32Array(g.dims[0] * g.dims[1] * g.dims[2]).fill(background);
  for (const [i, j, v] of values) data[at(g, i, j)] = v;
  return volumeOf(g, data);
}
const TUMOUR: Vec3[] = [[1, 1, 0], [2, 1, 0], [1, 2, 0], [2, 2, 0]];
const REFERENCE: Vec3[] = [[4, 4, 0], [5, 4, 0], [4, 5, 0], [5, 5, 0]];
// Pre 100 in the tumour; arterial 200, 160, 140, 100: relative enhancement 1.0, 0.6, 0.4, 0 -> with t = 0.5 two enhance.
const PRE = image(A, 400, [[1, 1, 100], [2, 1, 100], [1, 2, 100], [2, 2, 100], [4, 4, 398], [5, 4, 402], [4, 5, 399], [5, 5, 401]]);
const ARTERIAL = image(A, 520, [[1, 1, 200], [2, 1, 160], [1, 2, 140], [2, 2, 100]]);
const NONE: RoleVolumes = { pre: null, arterial: null, portalVenous: null, delayed: null, t2: null, dwi: [], adcMap: null };

function lesion(volumes: Partial<RoleVolumes>, extra: Partial<LesionMeasureInput> = {}, config: Partial<MeasureConfig> = {}): LesionMeasureInput {
  return {
    label: 'Lesion 1', target: true,
    volumes: { ...NONE, pre: PRE, arterial: ARTERIAL, ...volumes },
    tumour: maskWith(A, TUMOUR), enhancing: null, liverReference: maskWith(A, REFERENCE),
    config: resolveMeasureConfig(config),
    ...extra,
  };
}
const codes = (flags: string[]): string[] => flags.map(flagCode);

describe('measureLesion: enhancement split and volumes on the drawing grid', () => {
  it('relative threshold 0.5: 2 of 4 voxels enhance; 1 mm^3 voxels', () => {
    const r = measureLesion(lesion({}));
    expect(r.measurement.volumeMl).toBeCloseTo(0.004, 15);
    expect(r.measurement.enhancingVolumeMl).toBeCloseTo(0.002, 15);
    expect(r.measurement.necroticVolumeMl).toBeCloseTo(0.002, 15);
    expect(r.measurement.enhancingFraction).toBe(0.5);
    // Whole 2 x 2 px square edge to edge: diagonal sqrt(8) mm; the enhancing part is (1,1) and (2,1): 2 x 1 px, diagonal sqrt(5).
    expect(r.measurement.longestDiameterMm).toBeCloseTo(Math.sqrt(8), 9);
    expect(r.measurement.viableLongestDiameterMm).toBeCloseTo(Math.sqrt(5), 9);
    expect(r.method.enhancement).toEqual({ source: 'automatic', kind: 'relative-threshold', threshold: 0.5 });
  });

  it('T1 and T2 ratios are the signal-ratio kernel\'s numbers (tumour mean from the intensity statistics)', () => {
    const t2 = image(A, 200, [[1, 1, 350], [2, 1, 340], [1, 2, 360], [2, 2, 355], [4, 4, 199], [5, 4, 203]]);
    const r = measureLesion(lesion({ t2 }));
    const kernel = (img: Volume3D) => signalRatio({ image: img, tumour: maskWith(A, TUMOUR), liverReference: maskWith(A, REFERENCE) }).ratioToLiver;
    expect(r.measurement.t1RatioToLiver).toBe(kernel(PRE));
    expect(r.measurement.t2RatioToLiver).toBe(kernel(t2));
    // By hand: tumour 100 / liver (398 + 402 + 399 + 401) / 4 = 400.
    expect(r.measurement.t1RatioToLiver).toBe(0.25);
  });

  it('a user-drawn enhancing layer overrides the method: its voxels inside the tumour, the rest reported', () => {
    // (2,2) does not enhance at all (0 %), (0,0) is outside the tumour.
    const r = measureLesion(lesion({}, { enhancing: maskWith(A, [[2, 2, 0], [0, 0, 0]]) }));
    expect(r.measurement.enhancingFraction).toBe(0.25);
    expect(r.measurement.enhancingVolumeMl).toBeCloseTo(0.001, 15);
    expect(r.measurement.viableLongestDiameterMm).toBeCloseTo(Math.sqrt(2), 9);
    expect(r.method.enhancement).toEqual({ source: 'user-drawn', userMaskVoxelsOutsideTumour: 1 });
    expect(codes(r.measurement.flags)).toEqual(expect.arrayContaining([LESION_FLAG.enhancingUserDrawn, LESION_FLAG.enhancingOutsideTumour]));
  });

  it('the user-drawn layer needs no pre-contrast or arterial series', () => {
    const r = measureLesion(lesion({ pre: null, arterial: null }, { enhancing: maskWith(A, [[1, 1, 0]]) }));
    expect(r.measurement.enhancingFraction).toBe(0.25);
  });

  it('no voxel enhancing: viable diameters are a measured 0 mm, not unknown', () => {
    const r = measureLesion(lesion({ arterial: PRE }));
    expect(r.measurement.enhancingFraction).toBe(0);
    expect(r.measurement.viableLongestDiameterMm).toBe(0);
    expect(r.measurement.viablePerpendicularDiameterMm).toBe(0);
  });

  it('no pre-contrast series: the split and T1 figures are null with reasons; volume and diameters stay', () => {
    const r = measureLesion(lesion({ pre: null }));
    expect(r.measurement.volumeMl).toBeCloseTo(0.004, 15);
    expect(r.measurement.longestDiameterMm).toBeCloseTo(Math.sqrt(8), 9);
    for (const key of ['enhancingVolumeMl', 'necroticVolumeMl', 'enhancingFraction', 'viableLongestDiameterMm', 't1RatioToLiver', 't1HyperintenseFraction'] as const) {
      expect(r.measurement[key], key).toBeNull();
    }
    expect(codes(r.measurement.flags)).toEqual(expect.arrayContaining([LESION_FLAG.enhancementUnavailable, LESION_FLAG.noPreContrast]));
  });

  it('reference method without a liver reference: split unknown; ratios unknown', () => {
    const r = measureLesion(lesion({}, { liverReference: null }, { enhancement: { kind: 'reference-mean-sd', sdMultiplier: 2 } }));
    expect(r.measurement.enhancingFraction).toBeNull();
    expect(r.measurement.t1RatioToLiver).toBeNull();
    expect(codes(r.measurement.flags)).toEqual(expect.arrayContaining([LESION_FLAG.enhancementUnavailable, LESION_FLAG.noLiverReference]));
  });

  it('tumour not drawn, or drawn empty: every figure null, with the reason', () => {
    const notDrawn = measureLesion(lesion({}, { tumour: null }));
    expect(notDrawn.measurement.volumeMl).toBeNull();
    expect(notDrawn.measurement.flags).toEqual([LESION_FLAG.tumourNotDrawn]);
    const empty = measureLesion(lesion({}, { tumour: maskWith(A, []) }));
    expect(empty.measurement.adc).toBeNull();
    expect(empty.measurement.flags).toEqual([LESION_FLAG.tumourEmpty]);
  });
});

describe('measureLesion: series on other grids (masks mapped through patient coordinates)', () => {
  // Pre-contrast on a 3 x 3 grid of 2 mm voxels, origin (0.5, 0.5): pre voxel I is centred at x = 0.5 + 2I.
  // Arterial voxel centre x = i lies in pre voxel round((i - 0.5) / 2): i = 1 -> 0, i = 2 -> 1 (ties of 0.5 round up).
  // Pre voxel centre 0.5 + 2I lies in arterial voxel round(0.5 + 2I): I = 0 -> 1 (tumour), 1 -> 3, 2 -> 5 (reference).
  const P = grid([3, 3, 1], [2, 2, 1], [0.5, 0.5, 0]);
  // Arterial 150 over the tumour; pre at (1,1) 100 -> +50 % (enhancing), (2,1) 120 -> +25 %, (1,2) 75 -> +100 % (enhancing), (2,2) 150 -> 0.
  const pre = image(P, 400, [[0, 0, 100], [1, 0, 120], [0, 1, 75], [1, 1, 150], [2, 2, 200]]);
  const arterial = image(A, 520, [[1, 1, 150], [2, 1, 150], [1, 2, 150], [2, 2, 150]]);

  it('enhancement from pre-contrast values sampled at the arterial voxel centres', () => {
    const r = measureLesion(lesion({ pre, arterial }));
    expect(r.measurement.enhancingFraction).toBe(0.5);
    expect(r.method.mappedRoles).toContain('pre');
  });

  it('T1 ratio on the pre-contrast grid: tumour -> pre voxel (0,0) = 100, reference -> (2,2) = 200', () => {
    const r = measureLesion(lesion({ pre, arterial }));
    expect(r.measurement.t1RatioToLiver).toBe(0.5);
    expect(r.intensity.pre!.voxels).toBe(1);
    // A one-voxel reference has no SD: hyperintensity (mean + 3 SD) is unknown, and says why.
    expect(r.measurement.t1HyperintenseFraction).toBeNull();
    expect(codes(r.measurement.flags)).toContain(LESION_FLAG.t1HyperintensityUnavailable);
  });

  // ADC map on 2 x 1 mm voxels, origin (0.5, 0): ADC voxel (I, j) centred at (0.5 + 2I, j) lies in arterial voxel (round(0.5 + 2I), j):
  // I = 0 -> i = 1, so the tumour maps to ADC voxels (0, 1) and (0, 2).
  const D = grid([3, 6, 1], [2, 1, 1], [0.5, 0, 0]);
  const adcMap = image(D, 1300, [[0, 1, 1000], [0, 2, 1400]]);

  it('ADC from the map on its own grid, unit detected (1e-6 mm^2/s): mean 1.2e-3, SD 2.83e-4 (n - 1)', () => {
    const r = measureLesion(lesion({ adcMap }));
    const adc = r.measurement.adc!;
    expect(adc.voxels).toBe(2);
    expect(adc.meanMm2s).toBeCloseTo(1.2e-3, 15);
    expect(adc.medianMm2s).toBeCloseTo(1.2e-3, 15);
    expect(adc.sdMm2s).toBeCloseTo(Math.sqrt(2 * 200 ** 2) * 1e-6, 15);
    // p10 = 1000 + 0.1 * 400, p90 = 1000 + 0.9 * 400.
    expect(adc.p10Mm2s).toBeCloseTo(1.04e-3, 15);
    expect(adc.p90Mm2s).toBeCloseTo(1.36e-3, 15);
    expect(r.method.adc).toMatchObject({ source: 'map', unitSource: 'detected', storedUnit: '1e-6 mm2/s' });
  });

  it('no ADC map and no DWI: adc null with the reason, never a number', () => {
    const r = measureLesion(lesion({}));
    expect(r.measurement.adc).toBeNull();
    expect(codes(r.measurement.flags)).toContain(LESION_FLAG.noAdc);
    expect(r.method.adc).toBeNull();
  });

  it('map preferred but missing: fitted from the DWI b-values, and flagged', () => {
    // S(b) = 1000 exp(-b * ADC), ADC 1e-3 in the tumour; b = 0 and 1000 (only one b >= 200: all b-values used).
    const s0 = image(D, 1000, []);
    const s1000 = image(D, 1000 * Math.exp(-1.3), [[0, 1, 1000 * Math.exp(-1)], [0, 2, 1000 * Math.exp(-1)]]);
    const r = measureLesion(lesion({ dwi: [{ bValueSmm2: 1000, volume: s1000 }, { bValueSmm2: 0, volume: s0 }] }));
    expect(r.measurement.adc!.meanMm2s).toBeCloseTo(1e-3, 9);
    expect(r.measurement.adc!.voxels).toBe(2);
    expect(codes(r.measurement.flags)).toContain(LESION_FLAG.adcFromFit);
    expect(r.method.adc).toMatchObject({ source: 'fit', usedBValuesSmm2: [0, 1000], perfusionSuppressed: false });
  });

  it('a tumour covering a single ADC voxel: unknown (no SD), with the reason', () => {
    const coarse = image(P, 1300, [[0, 0, 1000]]);
    const r = measureLesion(lesion({ adcMap: coarse }));
    expect(r.measurement.adc).toBeNull();
    expect(codes(r.measurement.flags)).toContain(LESION_FLAG.adcUnavailable);
  });

  it('a tumour outside a series: that series is null, the others are measured', () => {
    const far = grid([4, 4, 1], [1, 1, 1], [100, 100, 0]);
    const r = measureLesion(lesion({ portalVenous: image(far, 700, []), adcMap: image(far, 1300, []) }));
    expect(r.intensity.portalVenous).toBeNull();
    expect(r.intensity.arterial!.voxels).toBe(4);
    expect(r.measurement.adc).toBeNull();
    expect(codes(r.measurement.flags)).toEqual(expect.arrayContaining([LESION_FLAG.outsideFieldOfView, LESION_FLAG.adcUnavailable]));
  });
});

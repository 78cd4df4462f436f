// A lesion measured as two halves (lesion.ts) from one crop, the drawing-grid half taken as soon as its
// series are cut (lesion-halves-input.ts), as two workers run them: joined, they must be exactly the whole measurement, flags and mapped roles in the
// same order, whichever half found them.
import { describe, expect, it } from 'vitest';
import { grid, maskFromPredicate, prng, volumeOf } from '../kernels/test-fixtures';
import type { Mask3D, Volume3D } from '../types/volume';
import { resolveMeasureConfig } from './config';
import type { LesionMeasureInput } from './inputs';
import { cropLesionSteps, type CropResult } from './crop';
import { DRAWING_GRID_CROP_ROLES, drawingGridCropReady, drawingGridHalfOf, seriesHalfOf, type OwnedLesionInput } from './lesion-halves-input';
import { joinLesionHalves, measureDrawingGridHalf, measureLesion, measureSeriesHalf } from './lesion';

const G = grid([24, 24, 8], [1.5, 1.5, 3]);
const rand = prng(31);
const ball = (cx: number, cy: number, r: number) => maskFromPredicate(G, (_p, i, j, k) => (i - cx) ** 2 + (j - cy) ** 2 + ((k - 4) * 2) ** 2 <= r * r);
const noisy = (g: typeof G, base: (i: number) => number): Volume3D<Float32Array> => {
  const n = g.dims[0] * g.dims[1] * g.dims[2];
  return volumeOf(g, Float32Array.from({ length: n }, (_, i) => base(i) + Math.round(rand() * 40)));
};

function input(): LesionMeasureInput {
  const tumour = ball(9, 9, 6);
  return {
    label: 'Lesion 1',
    target: true,
    volumes: {
      pre: noisy(G, () => 400),
      arterial: noisy(G, (i) => (tumour.data[i] && i % 3 !== 0 ? 900 : 420)),
      // Far from the tumour: its statistics are unknown (outside the field of view), in the series half.
      portalVenous: noisy(grid([10, 10, 4], [1.5, 1.5, 3], [200, 200, 0]), () => 500),
      delayed: null,
      // A coarser grid: the tumour is mapped onto it.
      t2: noisy(grid([12, 12, 4], [3, 3, 6]), () => 300),
      dwi: [],
      adcMap: noisy(grid([12, 12, 4], [3, 3, 6]), () => 1100),
    },
    tumour,
    enhancing: null,
    liverReference: ball(19, 19, 3),
    config: resolveMeasureConfig(),
    includeEnhancingMask: true,
  };
}

/** The crop as the compute client runs it: the drawing-grid half taken mid-way, the series half at the end. */
function halvesOf(original: LesionMeasureInput): { drawing: OwnedLesionInput; series: OwnedLesionInput; cutWhenTaken: string[] } {
  let drawing: OwnedLesionInput | null = null;
  let cutWhenTaken: string[] = [];
  const steps = cropLesionSteps(original, 1, {
    firstRoles: DRAWING_GRID_CROP_ROLES,
    onCut: (soFar, cut) => {
      if (drawing || !drawingGridCropReady(cut, original.volumes)) return;
      drawing = drawingGridHalfOf(soFar);
      cutWhenTaken = [...cut];
    },
  });
  let step = steps.next();
  while (!step.done) step = steps.next();
  return { drawing: drawing!, series: seriesHalfOf(step.value as CropResult), cutWhenTaken };
}

describe('a lesion in two halves', () => {
  it('halves taken from one crop as the compute client does, joined: the whole measurement, bit for bit', () => {
    const original = input();
    const whole = measureLesion(original);
    const { drawing, series, cutWhenTaken } = halvesOf(original);
    // Taken before the other series were cut.
    expect(cutWhenTaken).toEqual(['pre', 'arterial']);
    // Every buffer is new and handed to one half only.
    expect(drawing.transfer.filter((b) => series.transfer.includes(b))).toEqual([]);
    // The drawing half reads no other series than pre-contrast and arterial; the series half no arterial and no enhancing layer.
    expect([drawing.input.volumes.portalVenous, drawing.input.volumes.t2, drawing.input.volumes.adcMap]).toEqual([null, null, null]);
    expect([series.input.volumes.arterial, series.input.enhancing]).toEqual([null, null]);
    const joined = joinLesionHalves(original, measureDrawingGridHalf(drawing.input), measureSeriesHalf(series.input));
    // The enhancing mask lies on the drawing half's crop: compared apart, through its voxel count.
    expect({ ...joined, enhancingMask: null }).toEqual({ ...whole, enhancingMask: null });
    const count = (m: Mask3D | null): number => m!.data.reduce((n, v) => n + v, 0);
    expect(count(joined.enhancingMask)).toBe(count(whole.enhancingMask));
    expect(whole.intensity.arterial!.voxels).toBeGreaterThan(0);
    expect(whole.intensity.pre!.voxels).toBe(whole.intensity.arterial!.voxels);
    expect(whole.measurement.flags).toEqual(['tumour-outside-field-of-view: portalVenous series']);
    expect(whole.method.mappedRoles).toEqual(['portalVenous', 't2', 'adc']);
  });

  it('a user-drawn enhancing layer goes to the drawing half only, and wins there', () => {
    const original = { ...input(), enhancing: ball(9, 9, 3) };
    const whole = measureLesion(original);
    const { drawing, series } = halvesOf(original);
    const joined = joinLesionHalves(original, measureDrawingGridHalf(drawing.input), measureSeriesHalf(series.input));
    expect(joined.measurement).toEqual(whole.measurement);
    expect(whole.method.enhancement!.source).toBe('user-drawn');
    expect(whole.measurement.enhancingFraction).toBeLessThan(0.5);
  });

  it('a tumour not drawn: both halves say so, once', () => {
    const none = { ...input(), tumour: null };
    const joined = joinLesionHalves(none, measureDrawingGridHalf(none), measureSeriesHalf(none));
    expect(joined.measurement.flags).toEqual(['tumour-not-drawn']);
    expect(joined.measurement.volumeMl).toBeNull();
  });
});

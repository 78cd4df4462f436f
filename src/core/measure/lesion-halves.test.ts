// A lesion measured as two halves (lesion.ts) in buffers of their own (lesion-halves-input.ts), as two
// workers run them: joined, they must be exactly the whole measurement, flags and mapped roles in the
// same order, whichever half found them.
import { describe, expect, it } from 'vitest';
import { grid, maskFromPredicate, prng, volumeOf } from '../kernels/test-fixtures';
import type { Mask3D, Volume3D } from '../types/volume';
import { resolveMeasureConfig } from './config';
import type { LesionMeasureInput } from './inputs';
import { lesionHalfInputs } from './lesion-halves-input';
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

describe('a lesion in two halves', () => {
  it('joined halves on their own buffers equal the whole measurement, bit for bit', () => {
    const original = input();
    const whole = measureLesion(original);
    // The same arrays, copied (as a crop would be): the halves take them over.
    const transfer: ArrayBuffer[] = [];
    const own = <T extends Volume3D | Mask3D>(x: T | null): T | null => {
      if (!x) return null;
      const data = x.data.slice();
      transfer.push(data.buffer as ArrayBuffer);
      return { ...x, data };
    };
    const v = original.volumes;
    const owned: LesionMeasureInput = {
      ...original,
      volumes: { ...v, pre: own(v.pre), arterial: own(v.arterial), portalVenous: own(v.portalVenous), t2: own(v.t2), adcMap: own(v.adcMap) },
      tumour: own(original.tumour),
      liverReference: own(original.liverReference),
    };
    const halves = lesionHalfInputs({ input: owned, transfer });
    // No buffer is handed to both halves.
    expect(halves.drawingGrid.transfer.filter((b) => halves.series.transfer.includes(b))).toEqual([]);
    const joined = joinLesionHalves(owned, measureDrawingGridHalf(halves.drawingGrid.input), measureSeriesHalf(halves.series.input));
    expect(joined).toEqual(whole);
    expect(whole.intensity.arterial!.voxels).toBeGreaterThan(0);
    expect(whole.intensity.pre!.voxels).toBe(whole.intensity.arterial!.voxels);
    expect(whole.measurement.flags).toEqual(['tumour-outside-field-of-view: portalVenous series']);
    expect(whole.method.mappedRoles).toEqual(['portalVenous', 't2', 'adc']);
  });

  it('a tumour not drawn: both halves say so, once', () => {
    const none = { ...input(), tumour: null };
    const joined = joinLesionHalves(none, measureDrawingGridHalf(none), measureSeriesHalf(none));
    expect(joined.measurement.flags).toEqual(['tumour-not-drawn']);
    expect(joined.measurement.volumeMl).toBeNull();
  });
});

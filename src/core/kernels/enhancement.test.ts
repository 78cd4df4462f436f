import { describe, expect, it } from 'vitest';
import { enhancementSplit, relativeEnhancementMap } from './enhancement';
import { halfSampleMode, referenceCutoff } from './enhancement-reference';
import { grid, index, maskWith, volumeOf } from './test-fixtures';
import type { Vec3 } from '../types/volume';

const g = grid([3, 3, 1], [0.7, 0.7, 3], [5, -5, 10]);
const cells = (values: number[]) => volumeOf(g, Float32Array.from(values));
const all9: Vec3[] = [0, 1, 2].flatMap((j) => [0, 1, 2].map((i) => [i, j, 0] as Vec3));

describe('enhancementSplit, relative threshold', () => {
  // Per voxel (row-major i then j): pre, arterial, relative enhancement worked out by hand.
  //  0: 100 -> 150  +0.50 exactly the default threshold -> enhancing (>=)
  //  1: 100 -> 149  +0.49 -> necrotic
  //  2: 200 -> 500  +1.50 -> enhancing
  //  3: 200 -> 190  -0.05 -> necrotic
  //  4:   0 -> 30   S_pre <= 0, S_art > 0 -> enhancing (limit rule)
  //  5:   0 -> 0    S_pre <= 0, S_art = 0 -> necrotic
  //  6:  -5 -> -1   S_pre <= 0, S_art <= 0 -> necrotic
  //  7:  80 -> 120  +0.50 -> enhancing
  //  8:  50 -> 60   +0.20 -> necrotic (outside the tumour in the second test)
  const pre = cells([100, 100, 200, 200, 0, 0, -5, 80, 50]);
  const art = cells([150, 149, 500, 190, 30, 0, -1, 120, 60]);

  it('classifies with the default t = 0.5 and guards S_pre <= 0', () => {
    const r = enhancementSplit({ pre, arterial: art, tumour: maskWith(g, all9) });
    expect(Array.from(r.enhancing.data)).toEqual([1, 0, 1, 0, 1, 0, 0, 1, 0]);
    expect(Array.from(r.necrotic.data)).toEqual([0, 1, 0, 1, 0, 1, 1, 0, 1]);
    expect(r.tumourVoxels).toBe(9);
    expect(r.enhancingVoxels).toBe(4);
    expect(r.necroticVoxels).toBe(5);
    expect(r.nonPositivePreVoxels).toBe(3);
    expect(r.method).toEqual({ source: 'automatic', kind: 'relative-threshold', threshold: 0.5 });
  });

  it('a parameterised threshold, only inside the tumour', () => {
    const tumour = maskWith(g, all9.slice(0, 8));
    const r = enhancementSplit({ pre, arterial: art, tumour, method: { kind: 'relative-threshold', threshold: 0.1 } });
    // 0.1: voxel 1 (+0.49) now enhances; voxel 8 (+0.2) is outside the tumour.
    expect(Array.from(r.enhancing.data)).toEqual([1, 1, 1, 0, 1, 0, 0, 1, 0]);
    expect(Array.from(r.necrotic.data)).toEqual([0, 0, 0, 1, 0, 1, 1, 0, 0]);
    expect(r.tumourVoxels).toBe(8);
  });

  it('a user-drawn enhancing mask overrides the automatic split (user AND tumour)', () => {
    const tumour = maskWith(g, all9.slice(0, 6));
    const user = maskWith(g, [[0, 1, 0], [1, 1, 0], [2, 2, 0]]); // voxels 3, 4 (in tumour), 8 (outside)
    const r = enhancementSplit({ pre, arterial: art, tumour, userEnhancing: user, method: { kind: 'relative-threshold', threshold: 0.5 } });
    expect(Array.from(r.enhancing.data)).toEqual([0, 0, 0, 1, 1, 0, 0, 0, 0]);
    expect(Array.from(r.necrotic.data)).toEqual([1, 1, 1, 0, 0, 1, 0, 0, 0]);
    expect(r.method).toEqual({ source: 'user-drawn', userMaskVoxelsOutsideTumour: 1 });
  });

  it('refuses images on different grids', () => {
    const otherPre = volumeOf(grid([3, 3, 1], [0.7, 0.7, 3], [5, -5, 12]), pre.data);
    expect(() => enhancementSplit({ pre: otherPre, arterial: art, tumour: maskWith(g, all9) })).toThrow(
      expect.objectContaining({ code: 'GEOMETRY_MISMATCH' }),
    );
  });
});

describe('enhancementSplit, liver reference (qEASL)', () => {
  // 6x1x1 row: voxels 0-3 liver reference, 4-5 tumour; pre 100 everywhere; A = S_art - S_pre.
  const g6 = grid([6, 1, 1]);
  const pre6 = volumeOf(g6, new Float32Array(6).fill(100));
  const art6 = volumeOf(g6, Float32Array.from([110, 120, 130, 140, 150, 151]));
  const liver = maskWith(g6, [[0, 0, 0], [1, 0, 0], [2, 0, 0], [3, 0, 0]]);
  const tumour = maskWith(g6, [[4, 0, 0], [5, 0, 0]]);

  it('mean + 2 SD of the subtraction over the reference', () => {
    // A = 10 20 30 40: mean 25, sample SD sqrt((225+25+25+225)/3); cut-off 25 + 2 SD = 50.82
    const sd = Math.sqrt(500 / 3);
    const r = enhancementSplit({ pre: pre6, arterial: art6, tumour, liverReference: liver, method: { kind: 'reference-mean-sd', sdMultiplier: 2 } });
    expect(Array.from(r.enhancing.data)).toEqual([0, 0, 0, 0, 0, 1]); // A = 50 < 50.82 <= 51
    expect(r.method.source === 'automatic' && r.method.kind === 'reference-mean-sd' && r.method.cutoffSubtraction).toBeCloseTo(25 + 2 * sd, 4);
    expect(r.method).toMatchObject({ referenceVoxels: 4, referenceMeanSubtraction: 25, sdMultiplier: 2 });
  });

  it('a whole-liver reference has the tumour removed from it', () => {
    const wholeLiver = maskWith(g6, [0, 1, 2, 3, 4, 5].map((i) => [i, 0, 0] as Vec3));
    const r = enhancementSplit({ pre: pre6, arterial: art6, tumour, liverReference: wholeLiver, method: { kind: 'reference-mean-sd', sdMultiplier: 2 } });
    expect(r.method).toMatchObject({ referenceVoxels: 4, referenceMeanSubtraction: 25 });
  });

  it('needs a reference mask', () => {
    expect(() => enhancementSplit({ pre: pre6, arterial: art6, tumour, method: { kind: 'reference-mean-sd', sdMultiplier: 2 } })).toThrow(/liver reference/);
  });

  it('mode + 2 x median local SD (3x3 in-plane windows, >= 5 reference voxels)', () => {
    // Reference: a 3x3 block with A = 10 except its corner (2,2) = 19. Windows within the block:
    //  centre (1,1): 9 voxels, eight 10s and a 19: mean 11, SD sqrt((8*1 + 64)/8) = 3
    //  edges (1,0), (0,1): 6 voxels all 10: SD 0
    //  edges (2,1), (1,2): 6 voxels, five 10s and a 19: mean 11.5, SD sqrt((5*2.25 + 56.25)/5) = sqrt(13.5)
    //  corners: 4 voxels < 5: no local SD
    // median of {0, 0, 3, 3.674, 3.674} = 3; half-sample mode of eight 10s and a 19 = 10; cut-off 16.
    const g5 = grid([5, 3, 1]);
    const pre5 = volumeOf(g5, new Float32Array(15).fill(200));
    const a = [10, 10, 10, 0, 0, 10, 10, 10, 0, 0, 10, 10, 19, 15.9, 16];
    const art5 = volumeOf(g5, Float32Array.from(a, (v) => 200 + v));
    const ref = maskWith(g5, [0, 1, 2].flatMap((j) => [0, 1, 2].map((i) => [i, j, 0] as Vec3)));
    const tumour5 = maskWith(g5, [[3, 2, 0], [4, 2, 0]]);
    const r = enhancementSplit({ pre: pre5, arterial: art5, tumour: tumour5, liverReference: ref, method: { kind: 'reference-mode-local-sd', sdMultiplier: 2 } });
    expect(r.method).toMatchObject({ referenceModeSubtraction: 10, medianLocalSdSubtraction: 3, localSdVoxels: 5, cutoffSubtraction: 16 });
    expect(r.enhancing.data[index(g5, 4, 2, 0)]).toBe(1); // A = 16 >= 16
    expect(r.enhancing.data[index(g5, 3, 2, 0)]).toBe(0); // A = 15.9 (float32) < 16
  });

  it('refuses a reference too thin for a local SD', () => {
    const thin = maskWith(g6, [[0, 0, 0], [1, 0, 0], [2, 0, 0], [3, 0, 0]]); // at most 3 in any window
    expect(() => referenceCutoff({ pre: pre6, arterial: art6, liverReference: thin, rule: 'mode-local-sd', sdMultiplier: 2 })).toThrow(/too thin/);
  });
});

describe('halfSampleMode', () => {
  it('hand-worked samples', () => {
    // n = 6, h = 3: widths 10, 3, 19, 37 -> [10, 11, 13]; 11-10 < 13-11 -> (10 + 11) / 2
    expect(halfSampleMode(Float64Array.from([1, 10, 11, 13, 30, 50]))).toBe(10.5);
    expect(halfSampleMode(Float64Array.from([4]))).toBe(4);
    expect(halfSampleMode(Float64Array.from([4, 6]))).toBe(5);
    expect(halfSampleMode(Float64Array.from([1, 2, 3]))).toBe(2);
  });
});

describe('relativeEnhancementMap', () => {
  it('crops to the mask box with its own origin; NaN outside the mask and where S_pre <= 0', () => {
    const pre = cells([100, 100, 200, 200, 0, 0, -5, 80, 50]);
    const art = cells([150, 149, 500, 190, 30, 0, -1, 120, 60]);
    const mask = maskWith(g, [[1, 0, 0], [1, 1, 0], [2, 1, 0]]);
    const r = relativeEnhancementMap({ pre, arterial: art, mask });
    const v = r.relativeEnhancement!;
    expect(v.dims).toEqual([2, 2, 1]);
    expect(v.originLps[0]).toBeCloseTo(5 + 0.7, 12); // voxel (1, 0, 0)
    expect(v.originLps[1]).toBeCloseTo(-5, 12);
    expect(v.data[0]).toBeCloseTo(0.49, 6); // (1,0)
    expect(v.data[1]).toBeNaN(); // (2,0) outside the mask
    expect(v.data[2]).toBeNaN(); // (1,1) S_pre = 0
    expect(v.data[3]).toBeNaN(); // (2,1) S_pre = 0
    expect(r.nonPositivePreVoxels).toBe(2);
  });
});

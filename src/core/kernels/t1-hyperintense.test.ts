import { describe, expect, it } from 'vitest';
import { t1Hyperintense } from './t1-hyperintense';
import { grid, maskWith, volumeOf } from './test-fixtures';

// 4x2x1: row j=0 is liver reference, row j=1 tumour.
const g = grid([4, 2, 1], [0.8, 0.8, 4]);
const liver = maskWith(g, [[0, 0, 0], [1, 0, 0], [2, 0, 0], [3, 0, 0]]);
const tumour = maskWith(g, [[0, 1, 0], [1, 1, 0], [2, 1, 0], [3, 1, 0]]);

describe('t1Hyperintense', () => {
  // Liver 100, 110, 90, 100: mean 100, sample SD sqrt(200/3) = 8.165; tumour 124, 125, 200, 80.
  const t1 = volumeOf(g, Float32Array.from([100, 110, 90, 100, 124, 125, 200, 80]));
  const sd = Math.sqrt(200 / 3);

  it('default rule: > mean + 3 SD of the liver reference', () => {
    const r = t1Hyperintense({ t1, tumour, liverReference: liver });
    expect(r.thresholdSignal).toBeCloseTo(100 + 3 * sd, 10); // 124.49
    expect(Array.from(r.hyperintense.data)).toEqual([0, 0, 0, 0, 0, 1, 1, 0]);
    expect(r.hyperintenseVoxels).toBe(2);
    expect(r.hyperintenseFraction).toBe(0.5);
    expect(r.box).toEqual({ min: [1, 1, 0], max: [2, 1, 0] });
    expect(r.rule).toEqual({ kind: 'mean-plus-k-sd', k: 3 });
  });

  it('k and the factor rule are parameters', () => {
    expect(t1Hyperintense({ t1, tumour, liverReference: liver, rule: { kind: 'mean-plus-k-sd', k: 2 } }).hyperintenseVoxels).toBe(3); // > 116.3
    const f = t1Hyperintense({ t1, tumour, liverReference: liver, rule: { kind: 'factor-of-mean', factor: 1.5 } });
    expect(f.thresholdSignal).toBe(150);
    expect(f.hyperintenseFraction).toBe(0.25);
  });

  it('empty tumour: null fraction; empty reference: error', () => {
    expect(t1Hyperintense({ t1, tumour: maskWith(g, []), liverReference: liver }).hyperintenseFraction).toBeNull();
    expect(() => t1Hyperintense({ t1, tumour, liverReference: maskWith(g, []) })).toThrow(/empty/);
  });
});

import { describe, expect, it } from 'vitest';
import { maskedMoments, signalRatio } from './signal-ratio';
import { grid, maskWith, volumeOf } from './test-fixtures';

// 4x2x1: row j=0 is liver reference, row j=1 tumour.
const g = grid([4, 2, 1], [0.8, 0.8, 4]);
const liver = maskWith(g, [[0, 0, 0], [1, 0, 0], [2, 0, 0], [3, 0, 0]]);
const tumour = maskWith(g, [[0, 1, 0], [1, 1, 0], [2, 1, 0], [3, 1, 0]]);

describe('signalRatio', () => {
  it('ratio of means, hand-worked (T2: tumour 150, liver 100)', () => {
    const t2 = volumeOf(g, Float32Array.from([90, 110, 95, 105, 140, 160, 150, 150]));
    const r = signalRatio({ image: t2, tumour, liverReference: liver });
    expect(r.liverMeanSignal).toBe(100);
    expect(r.tumourMeanSignal).toBe(150);
    expect(r.ratioToLiver).toBe(1.5);
    expect(r.tumourVoxels).toBe(4);
    expect(r.liverVoxels).toBe(4);
  });

  it('a whole-liver reference excludes the tumour; null when the liver mean is not positive', () => {
    const t1 = volumeOf(g, Float32Array.from([100, 100, 100, 100, 50, 50, 50, 50]));
    const whole = maskWith(g, [0, 1, 2, 3].flatMap((i) => [[i, 0, 0], [i, 1, 0]] as [number, number, number][]));
    expect(signalRatio({ image: t1, tumour, liverReference: whole }).ratioToLiver).toBe(0.5);
    const dark = volumeOf(g, new Float32Array(8));
    expect(signalRatio({ image: dark, tumour, liverReference: liver }).ratioToLiver).toBeNull();
    expect(signalRatio({ image: t1, tumour, liverReference: maskWith(g, []) }).ratioToLiver).toBeNull();
  });

  it('maskedMoments: sample SD', () => {
    const v = volumeOf(g, Float32Array.from([2, 4, 4, 6, 0, 0, 0, 0]));
    const m = maskedMoments({ image: v, mask: liver });
    expect(m.meanSignal).toBe(4);
    expect(m.sdSignal).toBeCloseTo(Math.sqrt(8 / 3), 12);
  });
});


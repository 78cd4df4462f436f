import { describe, expect, it } from 'vitest';
import type { Phase, SeriesVolume } from '../core/dicom/model';
import { DOUBLING_WINDOWS, headerWindow, robustWindow, windowGroupOf } from './voi-presets';

const vol = (phase: Phase, id: string = phase, bValue: number | null = null, wc: number | null = 450, ww: number | null = 900) =>
  ({ id, bValue, classification: { phase, confidence: 1, reasons: [] }, header: { windowCenter: wc, windowWidth: ww } }) as unknown as SeriesVolume;

describe('MR window presets', () => {
  it('takes the header window, or none when absent or zero-width', () => {
    expect(headerWindow(vol('arterial'))).toEqual({ windowCenter: 450, windowWidth: 900 });
    expect(headerWindow(vol('arterial', 'a', null, null, 900))).toBeNull();
    expect(headerWindow(vol('arterial', 'a', null, 10, 0))).toBeNull();
  });

  it('computes a 2-98 % window ignoring zeros (background)', () => {
    const image = new Float32Array(10_000); // 80 % zeros, then 1..2000 once each
    for (let i = 0; i < 2000; i++) image[8000 + i] = i + 1;
    const wl = robustWindow([image])!;
    const lower = wl.windowCenter - wl.windowWidth / 2;
    const upper = wl.windowCenter + wl.windowWidth / 2;
    expect(lower).toBeCloseTo(1 + 0.02 * 1999, 6);
    expect(upper).toBeCloseTo(1 + 0.98 * 1999, 6);
    expect(robustWindow([new Uint16Array(100)])).toBeNull();
    expect(robustWindow([])).toBeNull();
  });

  it('samples large stacks evenly across images', () => {
    const dark = new Float32Array(100_000).fill(100);
    const bright = new Float32Array(100_000).fill(1000);
    const wl = robustWindow([dark, bright], 0.25, 0.75, 1_000)!;
    // half the samples from each image: the quartiles fall in each
    expect(wl.windowCenter - wl.windowWidth / 2).toBe(100);
    expect(wl.windowCenter + wl.windowWidth / 2).toBe(1000);
  });

  it('doubles the window at each step, level at half the width', () => {
    expect(DOUBLING_WINDOWS.map((w) => w.windowWidth)).toEqual([200, 400, 800, 1600, 3200]);
    for (const w of DOUBLING_WINDOWS) expect(w.windowCenter).toBe(w.windowWidth / 2);
  });

  it('links windows per sequence type: T1 phases within a time point, DWI per b-value, ADC across time points', () => {
    expect(windowGroupOf(vol('t1_pre'), 0)).toBe(windowGroupOf(vol('arterial'), 0));
    expect(windowGroupOf(vol('portal_venous'), 0)).toBe(windowGroupOf(vol('arterial'), 0));
    expect(windowGroupOf(vol('arterial'), 0)).not.toBe(windowGroupOf(vol('arterial'), 1));
    expect(windowGroupOf(vol('t2'), 0)).not.toBe(windowGroupOf(vol('arterial'), 0));
    expect(windowGroupOf(vol('dwi', 'd8', 800), 0)).not.toBe(windowGroupOf(vol('dwi', 'd0', 0), 0));
    expect(windowGroupOf(vol('adc', 'a0'), 0)).toBe(windowGroupOf(vol('adc', 'a1'), 1));
    expect(windowGroupOf(vol('other', 'x'), 0)).not.toBe(windowGroupOf(vol('other', 'y'), 0));
  });
});

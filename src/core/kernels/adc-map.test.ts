import { describe, expect, it } from 'vitest';
import { adcMapToMm2s, detectAdcUnit } from './adc-map';
import { grid, maskWith, prng, volumeOf } from './test-fixtures';
import type { VoxelArray } from '../types/volume';

/** A 16x16x4 map: background 0 around a liver-like region of ADC 1.0-1.5e-3 mm^2/s, stored with `toStored`. */
function map<T extends VoxelArray>(make: (n: number) => T, toStored: (mm2s: number) => number) {
  const g = grid([16, 16, 4], [2, 2, 5]);
  const rand = prng(3);
  const data = make(16 * 16 * 4);
  const mm2s = new Float64Array(data.length);
  for (let k = 0; k < 4; k++) for (let j = 4; j < 12; j++) for (let i = 4; i < 12; i++) {
    const t = i + 16 * j + 256 * k;
    mm2s[t] = 0.001 + rand() * 0.0005;
    data[t] = toStored(mm2s[t]!);
  }
  return { vol: volumeOf(g, data), mm2s, g };
}

describe('detectAdcUnit', () => {
  it('integers in 1e-6 mm^2/s (e.g. 1000-1500 for liver)', () => {
    const { vol } = map((n) => new Uint16Array(n), (v) => Math.round(v * 1e6));
    const r = detectAdcUnit({ adcMap: vol });
    expect(r.unit).toBe('1e-6 mm2/s');
    expect(r.scaleToMm2s).toBe(1e-6);
    expect(r.medianPositiveStored).toBeGreaterThan(1000);
    expect(r.medianPositiveStored).toBeLessThan(1500);
  });

  it('scaled 1e-3 mm^2/s floats (1.0-1.5)', () => {
    const { vol } = map((n) => new Float32Array(n), (v) => v * 1e3);
    expect(detectAdcUnit({ adcMap: vol }).unit).toBe('1e-3 mm2/s');
  });

  it('floats in mm^2/s (0.0010-0.0015)', () => {
    const { vol } = map((n) => new Float32Array(n), (v) => v);
    expect(detectAdcUnit({ adcMap: vol }).unit).toBe('mm2/s');
  });

  it('bounds: bone marrow (4e-4) and free water (3e-3) stay in their convention', () => {
    const g = grid([2, 1, 1]);
    expect(detectAdcUnit({ adcMap: volumeOf(g, Float32Array.from([0.0004, 0.003])) }).unit).toBe('mm2/s');
    expect(detectAdcUnit({ adcMap: volumeOf(g, Float32Array.from([0.4, 3])) }).unit).toBe('1e-3 mm2/s');
    expect(detectAdcUnit({ adcMap: volumeOf(g, Int16Array.from([400, 3000])) }).unit).toBe('1e-6 mm2/s');
  });

  it('a tissue mask decides when the background is noisy', () => {
    // Background full of large noise values; inside the mask, 1e-3 mm^2/s floats.
    const g = grid([10, 1, 1]);
    const vol = volumeOf(g, Float32Array.from([900, 800, 1200, 700, 1.1, 1.3, 1.2, 950, 990, 1000]));
    expect(detectAdcUnit({ adcMap: vol }).unit).toBe('1e-6 mm2/s');
    const r = detectAdcUnit({ adcMap: vol, mask: maskWith(g, [[4, 0, 0], [5, 0, 0], [6, 0, 0]]) });
    expect(r.unit).toBe('1e-3 mm2/s');
    expect(r.medianPositiveStored).toBeCloseTo(1.2, 6);
    expect(r.sampleVoxels).toBe(3);
  });

  it('refuses maps it cannot place', () => {
    const g = grid([3, 1, 1]);
    expect(() => detectAdcUnit({ adcMap: volumeOf(g, new Float32Array(3)) })).toThrow(/no positive value/);
    expect(() => detectAdcUnit({ adcMap: volumeOf(g, Float32Array.from([5e4, 6e4, 7e4])) })).toThrow(/fits no known/);
  });
});

describe('adcMapToMm2s', () => {
  it('converts each convention to the same mm^2/s values', () => {
    const check = <T extends VoxelArray>(make: (n: number) => T, toStored: (v: number) => number, tolMm2s: number) => {
      const { vol, mm2s } = map(make, toStored);
      const r = adcMapToMm2s({ adcMap: vol });
      expect(r.unitSource).toBe('detected');
      for (let t = 0; t < mm2s.length; t++) expect(Math.abs(r.adcMm2s.data[t]! - mm2s[t]!)).toBeLessThanOrEqual(tolMm2s);
    };
    check((n) => new Int32Array(n), (v) => Math.round(v * 1e6), 1e-6); // integer rounding: half a unit
    check((n) => new Float32Array(n), (v) => v * 1e3, 1e-9);
    check((n) => new Float64Array(n), (v) => v, 1e-9);
  });

  it('a declared unit skips detection', () => {
    const g = grid([2, 1, 1]);
    const r = adcMapToMm2s({ adcMap: volumeOf(g, Uint16Array.from([1200, 0])), declaredUnit: '1e-6 mm2/s' });
    expect(r.unitSource).toBe('declared');
    expect(r.detection).toBeNull();
    expect(r.adcMm2s.data[0]).toBeCloseTo(0.0012, 9);
  });
});

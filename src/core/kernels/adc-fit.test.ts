import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { fitAdc } from './adc-fit';
import { grid, maskWith, volumeOf } from './test-fixtures';
import type { Volume3D } from '../types/volume';

/** One Float64 volume per b-value, voxel t holding signal(t, b). */
function dwiSeries(nVoxels: number, bValues: readonly number[], signal: (t: number, b: number) => number): Volume3D[] {
  const g = grid([nVoxels, 1, 1], [2, 2, 5]);
  return bValues.map((b) => volumeOf(g, Float64Array.from({ length: nVoxels }, (_, t) => signal(t, b))));
}

describe('fitAdc on exact mono-exponentials', () => {
  const adcs = [0.0005, 0.001, 0.0015, 0.003];
  const s0 = [800, 1200, 400, 2500];
  const exact = (t: number, b: number) => s0[t]! * Math.exp(-b * adcs[t]!);

  it('b = 0, 50, 400, 800: fits b >= 200 only, exactly', () => {
    const b = [0, 50, 400, 800];
    // Perfusion-like excess at b < 200 must not matter: add it to b = 0 and 50.
    const r = fitAdc({ dwi: dwiSeries(4, b, (t, bb) => exact(t, bb) * (bb < 200 ? 1.3 : 1)), bValuesSmm2: b });
    expect(r.usedBValuesSmm2).toEqual([400, 800]);
    expect(r.perfusionSuppressed).toBe(true);
    adcs.forEach((a, t) => expect(r.adcMm2s.data[t]).toBeCloseTo(a, 9));
    expect(r.fittedVoxels).toBe(4);
  });

  it('many b-values with repeats: least squares is exact on exact data', () => {
    const b = [0, 200, 200, 500, 800, 1000, 1000];
    const r = fitAdc({ dwi: dwiSeries(4, b, exact), bValuesSmm2: b });
    expect(r.usedBValuesSmm2).toEqual([200, 500, 800, 1000]);
    adcs.forEach((a, t) => expect(r.adcMm2s.data[t]).toBeCloseTo(a, 9));
  });

  it('fewer than two b-values >= 200: falls back to all b-values and says so', () => {
    const b = [0, 800];
    const r = fitAdc({ dwi: dwiSeries(4, b, exact), bValuesSmm2: b });
    expect(r.perfusionSuppressed).toBe(false);
    expect(r.usedBValuesSmm2).toEqual([0, 800]);
    adcs.forEach((a, t) => expect(r.adcMm2s.data[t]).toBeCloseTo(a, 9));
  });

  it('minimum b is a parameter', () => {
    const b = [0, 100, 400, 800];
    const r = fitAdc({ dwi: dwiSeries(4, b, exact), bValuesSmm2: b, minBValueSmm2: 100 });
    expect(r.usedBValuesSmm2).toEqual([100, 400, 800]);
  });

  it('drops S <= 0 points per voxel; NaN when fewer than two distinct b-values remain', () => {
    const b = [200, 500, 800];
    const signal = (t: number, bb: number) => {
      if (t === 1 && bb === 800) return 0; // dropped: fit on 200 and 500 is still exact
      if (t === 2 && bb !== 200) return -3; // only one point left: undefined
      return exact(t, bb);
    };
    const r = fitAdc({ dwi: dwiSeries(4, b, signal), bValuesSmm2: b });
    expect(r.adcMm2s.data[1]).toBeCloseTo(adcs[1]!, 9);
    expect(r.adcMm2s.data[2]).toBeNaN();
    expect(r.undefinedVoxels).toBe(1);
    expect(r.fittedVoxels).toBe(3);
  });

  it('fits only inside the mask; NaN elsewhere', () => {
    const b = [200, 800];
    const dwi = dwiSeries(4, b, exact);
    const r = fitAdc({ dwi, bValuesSmm2: b, mask: maskWith(dwi[0]!, [[1, 0, 0], [3, 0, 0]]) });
    expect(r.adcMm2s.data[0]).toBeNaN();
    expect(r.adcMm2s.data[1]).toBeCloseTo(adcs[1]!, 9);
    expect(r.adcMm2s.data[2]).toBeNaN();
    expect(r.fittedVoxels).toBe(2);
  });

  it('refuses mismatched inputs', () => {
    const dwi = dwiSeries(2, [0, 800], () => 1);
    expect(() => fitAdc({ dwi, bValuesSmm2: [0] })).toThrow(/b-values/);
    expect(() => fitAdc({ dwi: dwiSeries(2, [500, 500], () => 1), bValuesSmm2: [500, 500] })).toThrow(/two distinct/);
  });
});

// ../shared/reference-data from the project root (src/core/kernels -> four levels up is the parent of the project).
const OSIPI = fileURLToPath(new URL('../../../../shared/reference-data/osipi-ivim/generic.json', import.meta.url));
const haveOsipi = existsSync(OSIPI);
if (!haveOsipi) console.warn(`OSIPI IVIM reference data not found at ${OSIPI}: skipping the OSIPI ADC tests`);

interface OsipiTissue { D: number; f: number; Dp: number; noise: number; data: number[] }

describe.skipIf(!haveOsipi)('fitAdc on the OSIPI IVIM curves (../shared/reference-data/osipi-ivim/generic.json)', () => {
  const json = haveOsipi ? (JSON.parse(readFileSync(OSIPI, 'utf8')) as Record<string, unknown>) : {};
  const bValues = haveOsipi ? (json.config as { bvalues: number[] }).bvalues : [];
  const tissues = Object.entries(json).filter(([name]) => name !== 'config') as [string, OsipiTissue][];

  it('holds 14 tissues on 18 b-values', () => {
    expect(tissues.length).toBe(14);
    expect(bValues.length).toBe(18);
  });

  const fitAll = (minB: number) => {
    const dwi = dwiSeries(tissues.length, bValues, (t, b) => tissues[t]![1].data[bValues.indexOf(b)]!);
    return fitAdc({ dwi, bValuesSmm2: bValues, minBValueSmm2: minB });
  };

  // Every tissue listed passes at b >= 200 (b = 250 ... 1000 used); none is excluded.
  it.each(tissues.map(([name], t) => [name, t] as const))('mono-exponential ADC over b >= 200 matches D within 5 %%: %s', (name, t) => {
    const r = fitAll(200);
    expect(r.usedBValuesSmm2[0]).toBe(250);
    const d = tissues[t]![1].D;
    const rel = Math.abs(r.adcMm2s.data[t]! - d) / d;
    expect(rel, `${name}: ADC ${r.adcMm2s.data[t]} vs D ${d}`).toBeLessThan(0.05);
  });

  it('the b >= 200 rule is what makes it pass: over all b-values, strongly perfused tissues miss D by > 5 %', () => {
    const r = fitAll(0);
    expect(r.usedBValuesSmm2[0]).toBe(0);
    for (const name of ['esophagus', 'st wall', 'spinal cord', 'Bone Marrow', 'asc lower intestine']) {
      const t = tissues.findIndex(([n]) => n === name);
      const d = tissues[t]![1].D;
      expect(Math.abs(r.adcMm2s.data[t]! - d) / d, name).toBeGreaterThan(0.05);
    }
  });
});

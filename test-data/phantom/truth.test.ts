import { beforeAll, describe, expect, it } from 'vitest';
import { ensurePhantom } from './cache';
import { NOISE_AMPLITUDE, TISSUE_VALUES, type Tissue } from './definitions';
import type { PhantomManifest } from './generate';
import { phantomLabels } from './rasterize';
import { tissueOfLabel } from './definitions';
import type { PhantomTruth, TimePointTruth } from './truth';
import { centreOf, valueRange, within } from './testing/read-back';
import { TISSUES, UNCLASSIFIED, distance, loadTimePoint, readManifest, tissueIndex, type LoadedTimePoint } from './testing/load-time-point';

// Default test size: the ground truth is checked against the written files, re-read with dicom-parser.
let dir: string;
let truth: PhantomTruth;
let manifest: PhantomManifest;
const loaded = new Map<string, LoadedTimePoint>();

beforeAll(async () => {
  ({ dir, truth } = await ensurePhantom({ seed: 42, size: [128, 128, 40] }));
  manifest = readManifest(dir);
  for (const tp of truth.timePoints) loaded.set(tp.label, loadTimePoint(dir, manifest, tp));
});

const tpOf = (label: string): TimePointTruth => truth.timePoints.find((t) => t.label === label)!;

describe.each(['baseline', 'follow-up'])('%s written files vs truth.json', (label) => {
  it('has the grids recorded in truth (T1 series and the shifted, coarser DWI/ADC grid)', () => {
    const tp = tpOf(label);
    const lt = loaded.get(label)!;
    for (const phase of ['t1_pre', 'arterial', 'portal_venous', 'delayed', 't2']) {
      const g = lt.volumes[phase]!.grid;
      expect(g.dims).toEqual(tp.grids.t1.dims);
      g.spacingMm.forEach((s, a) => expect(s).toBeCloseTo(tp.grids.t1.spacingMm[a]!, 5));
      g.originLps.forEach((o, a) => expect(o).toBeCloseTo(tp.grids.t1.originLps[a]!, 5));
    }
    for (const g of [lt.volumes.adc!.grid, ...[...lt.dwi.values()].map((v) => v.grid)]) {
      expect(g.dims).toEqual(tp.grids.dwi.dims);
      g.originLps.forEach((o, a) => expect(o).toBeCloseTo(tp.grids.dwi.originLps[a]!, 5));
    }
    expect([...lt.dwi.keys()].sort((a, b) => a - b)).toEqual([0, 50, 400, 800]);
    // The DWI grid is shifted by a non-integer number of T1 voxels, thicker and coarser.
    expect(tp.grids.dwi.spacingMm[2] / tp.grids.t1.spacingMm[2]).toBeCloseTo(1.6, 5);
    expect(tp.adcMappingTieMarginVoxels).toBeGreaterThan(0.01);
  });

  it('classifies every T1 voxel to exactly one tissue from the pre/arterial values alone', () => {
    const lt = loaded.get(label)!;
    expect(lt.tissue.indexOf(UNCLASSIFIED)).toBe(-1);
    expect(lt.strayTumourVoxels).toBe(0);
  });

  it('every other T1-grid series holds its tissue value within the noise bound', () => {
    const lt = loaded.get(label)!;
    for (const [phase, kind] of [['portal_venous', 'portal_venous'], ['delayed', 'delayed'], ['t2', 't2']] as const) {
      const vol = lt.volumes[phase]!;
      const slope = vol.images[0]!.slope;
      const ranges = TISSUES.map((t) => valueRange(TISSUE_VALUES[kind][t], NOISE_AMPLITUDE, slope));
      let bad = 0;
      for (let v = 0; v < vol.data.length; v++) if (!within(vol.data[v]!, ranges[lt.tissue[v]!]!)) bad++;
      expect(bad, phase).toBe(0);
    }
  });

  it('lesion voxel counts (total, enhancing, necrotic) equal an independent count', () => {
    const tp = tpOf(label);
    const lt = loaded.get(label)!;
    tp.lesions.forEach((lesion, n) => {
      let viable = 0;
      let necrotic = 0;
      for (let v = 0; v < lt.lesion.length; v++) {
        if (lt.lesion[v] !== n + 1) continue;
        if (lt.tissue[v] === tissueIndex('viable')) viable++;
        else necrotic++;
      }
      expect({ total: viable + necrotic, enhancing: viable, necrotic }, lesion.label).toEqual(lesion.voxels);
      const voxelMl = (tp.grids.t1.spacingMm[0] * tp.grids.t1.spacingMm[1] * tp.grids.t1.spacingMm[2]) / 1000;
      expect(lesion.volumeMl).toBeCloseTo((viable + necrotic) * voxelMl, 9);
      expect(lesion.enhancingFraction).toBeCloseTo(viable / (viable + necrotic), 12);
    });
  });

  it('voxelised volumes are near the analytic sphere volumes (5 %; 10 % for the 6 mm nodule)', () => {
    const tp = tpOf(label);
    for (const lesion of tp.lesions) {
      expect(Math.abs(lesion.volumeMl / lesion.analytic.volumeMl - 1), lesion.label).toBeLessThan(0.05);
      expect(lesion.analytic.volumeMl).toBeCloseTo((4 / 3) * Math.PI * lesion.radiusMm ** 3 / 1000, 9);
      const tolerance = lesion.viableSphere === 'whole' ? 0.05 : 0.1;
      expect(Math.abs(lesion.enhancingVolumeMl / lesion.analytic.enhancingVolumeMl - 1), lesion.label).toBeLessThan(tolerance);
    }
    expect(Math.abs(tp.liverReference.volumeMl / tp.liverReference.analyticVolumeMl - 1)).toBeLessThan(0.05);
  });

  it('an enhancement threshold separates viable from necrotic voxels unambiguously', () => {
    const lt = loaded.get(label)!;
    const pre = lt.volumes.t1_pre!.data;
    const art = lt.volumes.arterial!.data;
    let minViable = Infinity;
    let maxNecrotic = -Infinity;
    for (let v = 0; v < pre.length; v++) {
      const re = (art[v]! - pre[v]!) / pre[v]!;
      if (lt.tissue[v] === tissueIndex('viable')) minViable = Math.min(minViable, re);
      if (lt.tissue[v] === tissueIndex('necrosis')) maxNecrotic = Math.max(maxNecrotic, re);
    }
    expect(minViable).toBeGreaterThan(1.4);
    if (maxNecrotic > -Infinity) expect(maxNecrotic).toBeLessThan(0.05);
  });

  it('liver reference and signal ratios equal means over the re-read values', () => {
    const tp = tpOf(label);
    const lt = loaded.get(label)!;
    const grid = lt.volumes.t1_pre!.grid;
    const [nx, ny, nz] = grid.dims;
    const ref = tp.liverReference;
    const refVoxels: number[] = [];
    for (let k = 0; k < nz; k++) for (let j = 0; j < ny; j++) for (let i = 0; i < nx; i++) {
      const v = i + j * nx + k * nx * ny;
      if (lt.tissue[v] === tissueIndex('liver') && distance(centreOf(grid, i, j, k), ref.centreLps) <= ref.radiusMm) refVoxels.push(v);
    }
    expect(refVoxels.length).toBe(ref.voxels);
    const mean = (phase: string, voxels: number[]): number => voxels.reduce((a, v) => a + lt.volumes[phase]!.data[v]!, 0) / voxels.length;
    const refPre = mean('t1_pre', refVoxels);
    expect(ref.signal.t1_pre!.mean).toBeCloseTo(refPre, 9);
    tp.lesions.forEach((lesion, n) => {
      const voxels: number[] = [];
      lt.lesion.forEach((l, v) => { if (l === n + 1) voxels.push(v); });
      expect(lesion.t1RatioToLiver).toBeCloseTo(mean('t1_pre', voxels) / refPre, 9);
      expect(lesion.t2RatioToLiver).toBeCloseTo(mean('t2', voxels) / mean('t2', refVoxels), 9);
      const hyper = voxels.filter((v) => lt.volumes.t1_pre!.data[v]! > 1.2 * refPre).length;
      expect(lesion.t1HyperintenseFraction).toBeCloseTo(hyper / voxels.length, 12);
    });
  });

  it('ADC map holds the tissue ADC of each DWI voxel, and the ROI means are reproduced', () => {
    const tp = tpOf(label);
    const lt = loaded.get(label)!;
    const adc = lt.volumes.adc!;
    const labels = phantomLabels(tp.label as 'baseline' | 'follow-up', adc.grid);
    let bad = 0;
    for (let v = 0; v < labels.length; v++) {
      if (!within(adc.data[v]!, valueRange(TISSUE_VALUES.adc[tissueOfLabel(labels[v]!)], NOISE_AMPLITUDE))) bad++;
    }
    expect(bad).toBe(0);
    // ROI mapped to the DWI grid: each DWI centre takes the class of the nearest T1 voxel (read geometry).
    const t1 = lt.volumes.t1_pre!.grid;
    const [dx, dy, dz] = adc.grid.dims;
    const values = tp.lesions.map(() => [] as number[]);
    for (let k = 0; k < dz; k++) for (let j = 0; j < dy; j++) for (let i = 0; i < dx; i++) {
      const c = centreOf(adc.grid, i, j, k);
      const idx = [0, 1, 2].map((a) => Math.round((c[a]! - t1.originLps[a]!) / t1.spacingMm[a]!));
      if (idx.some((x, a) => x < 0 || x >= t1.dims[a]!)) continue;
      const lesion = lt.lesion[idx[0]! + idx[1]! * t1.dims[0] + idx[2]! * t1.dims[0] * t1.dims[1]]!;
      if (lesion > 0) values[lesion - 1]!.push(adc.data[i + j * dx + k * dx * dy]!);
    }
    tp.lesions.forEach((lesion, n) => {
      const list = values[n]!;
      expect(lesion.adc!.voxels).toBe(list.length);
      expect(lesion.adc!.meanMm2s).toBeCloseTo((list.reduce((a, b) => a + b, 0) / list.length) * 1e-6, 12);
    });
  });

  it('DWI signal decays mono-exponentially with the tissue ADC (liver)', () => {
    const lt = loaded.get(label)!;
    const labels = phantomLabels(label as 'baseline' | 'follow-up', lt.volumes.adc!.grid);
    const liverMean = (b: number): number => {
      const vol = lt.dwi.get(b)!;
      let s = 0;
      let n = 0;
      labels.forEach((l, v) => { if (tissueOfLabel(l) === ('liver' as Tissue)) { s += vol.data[v]!; n++; } });
      return s / n;
    };
    const fitted = Math.log(liverMean(0) / liverMean(800)) / 800;
    expect(fitted).toBeCloseTo(TISSUE_VALUES.adc.liver * 1e-6, 5);
  });
});

describe('diameters in truth.json', () => {
  it('measured diameters (edge to edge) lie within one in-plane voxel diagonal of the analytic cross-section', () => {
    for (const tp of truth.timePoints) {
      const tol = Math.hypot(tp.grids.t1.spacingMm[0], tp.grids.t1.spacingMm[1]);
      for (const lesion of tp.lesions) {
        for (const part of [lesion.whole, lesion.viable]) {
          const m = part.measured!;
          // Pixels whose centre is within the cross-section's radius rho cover the disc of radius rho - h and lie
          // within rho + h (h = half a pixel diagonal): edge to edge, the chord is within 2 h = tol of 2 rho.
          expect(m.longestMm).toBeLessThanOrEqual(part.analyticOnSlicesMm + tol);
          expect(m.longestMm).toBeGreaterThanOrEqual(part.analyticOnSlicesMm - tol);
          expect(m.perpendicularMm).toBeLessThanOrEqual(m.longestMm + 1e-9);
          expect(m.perpendicularMm).toBeGreaterThanOrEqual(part.analyticOnSlicesMm - tol);
          expect(part.analyticOnSlicesMm).toBeLessThanOrEqual(part.analyticMm + 1e-9);
        }
      }
    }
  });
});

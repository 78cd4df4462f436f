// Method variants on the 128 x 128 x 40 synthetic study: the other enhancement methods, a user-drawn
// enhancing layer, the ADC fit, the haemorrhage exclusion from ADC, and cropping (what the worker
// receives) against the full volumes. Expected values from truth.json and the phantom's definitions.
import { beforeAll, describe, expect, it } from 'vitest';
import { LABEL, TIME_POINTS, dwiGrid, lesionLabel, phantomLabels, voxelCentre } from '../../../test-data/phantom';
import type { Vec3, Volume3D } from '../types/volume';
import { resolveMeasureConfig, type MeasureConfig } from './config';
import { cropLesionInput } from './crop';
import { LESION_FLAG, flagCode } from './flags';
import { measureLesion } from './lesion';
import { lesionInputs, measureStudy } from './study';
import { loadPhantomStudy, type PhantomStudy } from './testing/phantom-study';

const SIZE: Vec3 = [128, 128, 40];
const GENERATOR = { name: 'hcc-response', version: 'test' };
let study: PhantomStudy;
beforeAll(async () => {
  study = await loadPhantomStudy(SIZE);
});

const lesionsWith = (config: MeasureConfig) => measureStudy(study.timePoints, config, GENERATOR).timePoints.map((tp) => tp.lesions);

describe('enhancement methods on the phantom', () => {
  it.each([
    ['reference mean + 2 SD', { kind: 'reference-mean-sd', sdMultiplier: 2 }],
    ['reference mode + 2 median local SD (qEASL)', { kind: 'reference-mode-local-sd', sdMultiplier: 2 }],
  ] as const)('%s: enhancing fraction exact', (_name, enhancement) => {
    const lesions = lesionsWith(resolveMeasureConfig({ enhancement }));
    for (const [i, tp] of study.truth.timePoints.entries()) {
      for (const [n, truth] of tp.lesions.entries()) expect(lesions[i]![n]!.enhancingFraction).toBe(truth.enhancingFraction);
    }
  });

  it('a user-drawn enhancing layer (the viable label) replaces the automatic split', async () => {
    const drawn = await loadPhantomStudy(SIZE, { userEnhancing: true });
    // A threshold no voxel reaches: without the override nothing would enhance.
    const doc = measureStudy(drawn.timePoints, resolveMeasureConfig({ enhancement: { kind: 'relative-threshold', threshold: 100 } }), GENERATOR);
    for (const [i, tp] of drawn.truth.timePoints.entries()) {
      for (const [n, truth] of tp.lesions.entries()) {
        const m = doc.timePoints[i]!.lesions[n]!;
        expect(m.enhancingFraction).toBe(truth.enhancingFraction);
        expect(m.flags).toContain(LESION_FLAG.enhancingUserDrawn);
      }
    }
    const record = (doc.method.timePoints as { lesions: { enhancement: { source: string } }[] }[])[1]!.lesions[0]!.enhancement;
    expect(record).toEqual({ source: 'user-drawn', userMaskVoxelsOutsideTumour: 0 });
  });
});

describe('ADC variants on the phantom', () => {
  it('mono-exponential fit of the DWI series (b >= 200): mean within 1 % of the map-based truth', () => {
    const lesions = lesionsWith(resolveMeasureConfig({ adcSource: 'fit' }));
    for (const [i, tp] of study.truth.timePoints.entries()) {
      for (const [n, truth] of tp.lesions.entries()) {
        const adc = lesions[i]![n]!.adc!;
        expect(adc.voxels).toBe(truth.adc!.voxels);
        expect(Math.abs(adc.meanMm2s / truth.adc!.meanMm2s - 1), `${tp.label} ${truth.label}`).toBeLessThan(0.01);
      }
    }
  });

  it('T1-hyperintense voxels excluded: the ADC of the DWI voxels whose nearest T1 voxel is viable', () => {
    const lesions = lesionsWith(resolveMeasureConfig({ excludeT1HyperintenseFromAdc: true }));
    // Independent of the mapping code: nearest T1 centre by rounding on the axial grids of the definitions.
    const expectedOnViable = (t: number, n: number): { voxels: number; meanMm2s: number } => {
      const tp = study.truth.timePoints[t]!;
      const t1 = tp.grids.t1;
      const dwi = dwiGrid(SIZE);
      const labels = phantomLabels(TIME_POINTS[t]!, t1);
      const adc = study.timePoints[t]!.volumes.adcMap as Volume3D;
      let count = 0, sum = 0;
      const c: Vec3 = [0, 0, 0];
      for (let k = 0; k < dwi.dims[2]; k++) for (let j = 0; j < dwi.dims[1]; j++) for (let i = 0; i < dwi.dims[0]; i++) {
        voxelCentre(dwi, i, j, k, c);
        const idx = [0, 1, 2].map((a) => Math.round((c[a]! - t1.originLps[a]!) / t1.spacingMm[a]!));
        if (idx.some((v, a) => v < 0 || v >= t1.dims[a]!)) continue;
        if (labels[idx[0]! + idx[1]! * t1.dims[0] + idx[2]! * t1.dims[0] * t1.dims[1]] !== lesionLabel(n + 1, true)) continue;
        count++;
        sum += adc.data[i + j * dwi.dims[0] + k * dwi.dims[0] * dwi.dims[1]]!;
      }
      return { voxels: count, meanMm2s: (sum / count) * 1e-6 };
    };
    // Follow-up Lesion 1: 96 % haemorrhagic necrosis; only its viable nodule is left.
    const m = lesions[1]![0]!;
    const expected = expectedOnViable(1, 0);
    expect(expected.voxels).toBeGreaterThanOrEqual(2);
    expect(m.adc!.voxels).toBe(expected.voxels);
    expect(m.adc!.meanMm2s).toBeCloseTo(expected.meanMm2s, 12);
    expect(m.flags.map(flagCode)).toContain(LESION_FLAG.adcT1HyperintenseExcluded);
    // Without haemorrhage nothing is excluded: baseline Lesion 1 equals the truth of the whole ROI.
    expect(lesions[0]![0]!.adc!.meanMm2s).toBeCloseTo(study.truth.timePoints[0]!.lesions[0]!.adc!.meanMm2s, 12);
    expect(LABEL.liverReference).toBe(3);
  });
});

const DIAMETERS = ['longestDiameterMm', 'perpendicularDiameterMm', 'viableLongestDiameterMm', 'viablePerpendicularDiameterMm'] as const;

describe('cropping to the ROI (what a worker receives)', () => {
  it('gives the same measurement as the full volumes, copying a small part of the study', () => {
    for (const config of [resolveMeasureConfig(), resolveMeasureConfig({ enhancement: { kind: 'reference-mode-local-sd', sdMultiplier: 2 }, adcSource: 'fit', excludeT1HyperintenseFromAdc: true })]) {
      for (const tp of study.timePoints) {
        for (const input of lesionInputs(tp, config)) {
          const source = input.volumes.arterial!.data;
          const before = Buffer.from(source.buffer, source.byteOffset, source.byteLength).toString('base64');
          const cropped = cropLesionInput(input);
          const full = measureLesion(input);
          const small = measureLesion(cropped.input);
          // Diameter ends are refined by bisection in index coordinates: a crop's offsets move the last bits only.
          for (const key of DIAMETERS) {
            expect(small.measurement[key]!).toBeCloseTo(full.measurement[key]!, 9);
            small.measurement[key] = full.measurement[key];
          }
          expect(small.measurement).toEqual(full.measurement);
          expect(small.method).toEqual(full.method);
          expect(small.intensity).toEqual(full.intensity);
          // The sources are only read.
          expect(Buffer.from(source.buffer, source.byteOffset, source.byteLength).toString('base64')).toBe(before);
          const studyVoxels = 5 * input.volumes.arterial!.data.length;
          expect(cropped.copiedVoxels).toBeLessThan(studyVoxels / 10);
        }
      }
    }
  });
});

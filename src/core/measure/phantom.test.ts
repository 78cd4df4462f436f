// The orchestration on the synthetic study, read from its DICOM files, against truth.json (computed by
// the generator from the analytic definitions, not by this code).
import { beforeAll, describe, expect, it } from 'vitest';
import type { Vec3 } from '../types/volume';
import { voxelVolumeMl } from '../types/volume';
import { resolveMeasureConfig } from './config';
import { RESPONSE_FLAG_CODES, flagCode } from './flags';
import { measureStudy } from './study';
import type { MeasurementsDocument } from './types';
import { loadPhantomStudy, type PhantomStudy } from './testing/phantom-study';

const GENERATOR = { name: 'hcc-response', version: 'test' };
const SWELLING = RESPONSE_FLAG_CODES.necroticSwelling;

describe.each<[string, Vec3]>([
  ['128 x 128 x 40', [128, 128, 40]],
  ['64 x 64 x 20', [64, 64, 20]],
])('measurements on the synthetic study, %s', (_name, size) => {
  let study: PhantomStudy;
  let doc: MeasurementsDocument;
  beforeAll(async () => {
    study = await loadPhantomStudy(size);
    doc = measureStudy(study.timePoints, resolveMeasureConfig(), GENERATOR);
  });

  it('records the studies and the series chosen per role as the generator wrote them', () => {
    expect(doc.schema).toBe('hcc-response/measurements@1');
    expect(doc.timePoints.map((t) => t.studyInstanceUid)).toEqual(study.truth.timePoints.map((t) => t.studyInstanceUid));
    expect(doc.timePoints.map((t) => t.studyDate)).toEqual(study.truth.timePoints.map((t) => t.studyDate));
    for (const [i, tp] of doc.timePoints.entries()) expect(tp.series).toEqual(study.truth.timePoints[i]!.seriesByRole);
  });

  it('volumes exact to the voxel and enhancing fraction exact', () => {
    const voxelMl = voxelVolumeMl(study.truth.timePoints[0]!.grids.t1.spacingMm);
    for (const [i, tp] of study.truth.timePoints.entries()) {
      for (const [n, truth] of tp.lesions.entries()) {
        const m = doc.timePoints[i]!.lesions[n]!;
        expect(m.label).toBe(truth.label);
        expect(Math.round(m.volumeMl! / voxelMl)).toBe(truth.voxels.total);
        expect(Math.round(m.enhancingVolumeMl! / voxelMl)).toBe(truth.voxels.enhancing);
        expect(Math.round(m.necroticVolumeMl! / voxelMl)).toBe(truth.voxels.necrotic);
        expect(m.volumeMl).toBeCloseTo(truth.volumeMl, 9);
        expect(m.enhancingVolumeMl).toBeCloseTo(truth.enhancingVolumeMl, 9);
        expect(m.necroticVolumeMl).toBeCloseTo(truth.necroticVolumeMl, 9);
        expect(m.enhancingFraction).toBe(truth.enhancingFraction);
      }
    }
  });

  it('ADC mean from the scanner map within 1 % of truth (the tumour mapped onto the DWI grid)', () => {
    for (const [i, tp] of study.truth.timePoints.entries()) {
      for (const [n, truth] of tp.lesions.entries()) {
        const adc = doc.timePoints[i]!.lesions[n]!.adc!;
        expect(adc.voxels).toBe(truth.adc!.voxels);
        expect(Math.abs(adc.meanMm2s / truth.adc!.meanMm2s - 1)).toBeLessThan(0.01);
        // Same voxels, same values: in fact equal to rounding.
        expect(adc.meanMm2s).toBeCloseTo(truth.adc!.meanMm2s, 12);
        expect(adc.medianMm2s).toBeCloseTo(truth.adc!.medianMm2s, 12);
        expect(adc.sdMm2s).toBeCloseTo(truth.adc!.sdMm2s, 9);
        expect(adc.p10Mm2s).toBeCloseTo(truth.adc!.p10 * 1e-6, 12);
        expect(adc.p90Mm2s).toBeCloseTo(truth.adc!.p90 * 1e-6, 12);
      }
    }
    expect(doc.method.adcSource).toBe('map');
  });

  it('diameters within one voxel diagonal of the analytic cross-section (whole lesion and viable part)', () => {
    const tol = (study.truth.methods.diameters as { toleranceMm: number }).toleranceMm;
    for (const [i, tp] of study.truth.timePoints.entries()) {
      for (const [n, truth] of tp.lesions.entries()) {
        const m = doc.timePoints[i]!.lesions[n]!;
        expect(Math.abs(m.longestDiameterMm! - truth.whole.analyticOnSlicesMm), `${tp.label} ${truth.label} longest`).toBeLessThanOrEqual(tol);
        expect(Math.abs(m.viableLongestDiameterMm! - truth.viable.analyticOnSlicesMm), `${tp.label} ${truth.label} viable`).toBeLessThanOrEqual(tol);
        // A sphere's perpendicular diameter is its cross-section too (the mask is not exactly round).
        expect(Math.abs(m.perpendicularDiameterMm! - truth.whole.analyticOnSlicesMm)).toBeLessThanOrEqual(tol);
        expect(Math.abs(m.viablePerpendicularDiameterMm! - truth.viable.analyticOnSlicesMm)).toBeLessThanOrEqual(tol);
      }
    }
  });

  it('T1 and T2 ratios to the liver reference and the T1-hyperintense fraction', () => {
    for (const [i, tp] of study.truth.timePoints.entries()) {
      for (const [n, truth] of tp.lesions.entries()) {
        const m = doc.timePoints[i]!.lesions[n]!;
        expect(m.t1RatioToLiver).toBeCloseTo(truth.t1RatioToLiver, 10);
        expect(m.t2RatioToLiver).toBeCloseTo(truth.t2RatioToLiver, 10);
        expect(m.t1HyperintenseFraction).toBe(truth.t1HyperintenseFraction);
      }
    }
  });

  it('response categories of every criterion and the pseudo-progression flag on Lesion 1', () => {
    const truth = study.truth.response[0]!;
    const r = doc.response[0]!;
    expect(r.timePoint).toBe(1);
    for (const [id, category] of Object.entries(truth.categories)) expect(r.criteria[id as keyof typeof r.criteria].category, id).toBe(category);
    // Lesion 1 swells (necrotic haemorrhage) while its enhancing part shrinks: flagged, at follow-up only.
    const codes = (t: number, n: number) => doc.timePoints[t]!.lesions[n]!.flags.map(flagCode);
    expect(codes(1, 0)).toContain(SWELLING);
    expect(codes(1, 1)).not.toContain(SWELLING);
    expect(codes(0, 0)).not.toContain(SWELLING);
    expect(r.flags.some((f) => f.startsWith('Lesion 1: size increase with loss of enhancement'))).toBe(true);
    expect(study.truth.timePoints[1]!.lesions[0]!.flags).toContain(SWELLING);
  });
});

// The measurement core on the synthetic study read from its DICOM files (the path the CLI takes) gives
// truth.json's expected categories, and its diameters are the ground truth's brute-force edge-to-edge
// diameters (test-data/phantom/diameters.ts, independent code) to rounding, at the e2e and demo sizes.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Vec3 } from '../types/volume';
import { resolveMeasureConfig } from './config';
import { RESPONSE_FLAG_CODES, flagCode } from './flags';
import { measureStudy } from './study';
import type { MeasurementsDocument } from './types';
import { loadPhantomStudy, type PhantomStudy } from './testing/phantom-study';

describe.each<[string, Vec3]>([
  ['128 x 128 x 40 (e2e)', [128, 128, 40]],
  ['192 x 192 x 60 (demo)', [192, 192, 60]],
])('diameters and categories on the synthetic study, %s', (_name, size) => {
  let study: PhantomStudy;
  let doc: MeasurementsDocument;
  beforeAll(async () => {
    study = await loadPhantomStudy(size, { variants: false });
    doc = measureStudy(study.timePoints, resolveMeasureConfig(), { name: 'hcc-response', version: 'test' });
  }, 300_000);

  it('longest and perpendicular diameters (whole lesion and viable part) equal the brute-force ground truth', () => {
    for (const [i, tp] of study.truth.timePoints.entries()) {
      for (const [n, truth] of tp.lesions.entries()) {
        const m = doc.timePoints[i]!.lesions[n]!;
        const where = `${tp.label} ${truth.label}`;
        expect(m.longestDiameterMm, `${where} longest`).toBeCloseTo(truth.longestDiameterMm, 9);
        expect(m.perpendicularDiameterMm, `${where} perpendicular`).toBeCloseTo(truth.perpendicularDiameterMm, 9);
        expect(m.viableLongestDiameterMm, `${where} viable longest`).toBeCloseTo(truth.viableLongestDiameterMm, 9);
        expect(m.viablePerpendicularDiameterMm, `${where} viable perpendicular`).toBeCloseTo(truth.viablePerpendicularDiameterMm, 9);
      }
    }
  });

  it("every criterion gives truth.json's category, the design's, and Lesion 1 is flagged as necrotic swelling", () => {
    const truth = study.truth.response[0]!;
    expect(truth.categoriesMatchDesign).toBe(true);
    const r = doc.response[0]!;
    for (const [id, category] of Object.entries(truth.categories)) {
      const got = r.criteria[id as keyof typeof r.criteria];
      expect(got.category, id).toBe(category);
      expect(got.changeFromBaselinePct, id).toBeCloseTo(truth.criteria.measured[id as keyof typeof truth.criteria.measured].changeFromBaselinePct, 6);
    }
    expect(doc.timePoints[1]!.lesions[0]!.flags.map(flagCode)).toContain(RESPONSE_FLAG_CODES.necroticSwelling);
  });
});

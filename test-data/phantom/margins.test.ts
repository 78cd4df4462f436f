// The phantom's expected categories are robust: at every supported size, each criterion's change on the
// digitised masks (truth's own brute-force geometry, no DICOM written) sits well away from its thresholds,
// so an exact implementation cannot flip a category by a voxel or a rounding.
import { describe, expect, it } from 'vitest';
import type { Vec3 } from '../../src/core/types/volume';
import { CRITERIA, RULES } from './criteria';
import { designAtSize } from './margins';

const SIZES: Vec3[] = [[64, 64, 20], [128, 128, 40], [192, 192, 60], [256, 256, 80], [512, 512, 120]];
const MIN_MARGIN_PTS = 5;
// The design (PHANTOM.md): size criteria stable, enhancement criteria partial response.
const DESIGN = { recist11: 'SD', who: 'SD', mrecist: 'PR', easl: 'PR', qeasl: 'PR', vrecist: 'SD' } as const;

describe.each(SIZES)('the phantom at %dx%dx%d', (...size) => {
  const design = designAtSize(size as Vec3);

  it(`every criterion at least ${MIN_MARGIN_PTS} points from each of its thresholds, in the designed category`, () => {
    for (const key of CRITERIA) {
      const c = design.criteria[key];
      const rule = RULES[key];
      // Written out again rather than trusting marginToThresholdPts: both thresholds, both references.
      expect(Math.abs(c.changeFromBaselinePct - rule.prAtOrBelowPct), `${key} vs PR`).toBeGreaterThanOrEqual(MIN_MARGIN_PTS);
      expect(Math.abs(c.changeFromNadirPct - rule.pdPct), `${key} vs PD`).toBeGreaterThanOrEqual(MIN_MARGIN_PTS);
      expect(c.category, key).toBe(DESIGN[key]);
    }
  });

  it('flags Lesion 1 (and only it) as necrotic swelling, its volume up well over 20 %', () => {
    expect(design.swelling).toEqual([1]);
    const [before, after] = [design.lesions.baseline[0]!, design.lesions['follow-up'][0]!];
    expect((after.volumeMl / before.volumeMl - 1) * 100).toBeGreaterThan(25);
    expect(after.enhancingVolumeMl).toBeLessThan(before.enhancingVolumeMl);
  });
});

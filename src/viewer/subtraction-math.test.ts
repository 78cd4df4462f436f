import { beforeAll, describe, expect, it } from 'vitest';
import type { SeriesVolume, StudyNode } from '../core/dicom/model';
import { realValues, subtractImages, subtractionMismatch } from './subtraction-math';
import { phantomTree } from './testing/phantom-tree';

describe('subtractionMismatch', () => {
  let baseline: StudyNode;
  const phase = (p: string) => baseline.series.find((v) => v.classification.phase === p)!;
  beforeAll(async () => {
    baseline = (await phantomTree()).tree.patients[0]!.studies[0]!;
  });

  it('arterial and pre of one phantom exam are on one grid', () => {
    expect(subtractionMismatch(phase('arterial'), phase('t1_pre'))).toBeNull();
  });

  it('names what differs: frame of reference, size, spacing, orientation, one image position', () => {
    const art = phase('arterial');
    const pre = phase('t1_pre');
    const withGeometry = (v: SeriesVolume, patch: Partial<NonNullable<SeriesVolume['geometry']>>): SeriesVolume => ({ ...v, geometry: { ...v.geometry!, ...patch } });
    expect(subtractionMismatch(art, { ...pre, frameOfReferenceUid: '1.2.3' })).toMatch(/frames of reference/);
    expect(subtractionMismatch(art, phase('dwi'))).toMatch(/size|frames of reference|spacing/);
    expect(subtractionMismatch(art, withGeometry(pre, { spacingMm: [pre.geometry!.spacingMm[0] + 0.1, pre.geometry!.spacingMm[1], pre.geometry!.spacingMm[2]] }))).toMatch(/spacing/);
    expect(subtractionMismatch(art, withGeometry(pre, { direction: [1, 0, 0, 0, 0.9950042, 0.0998334, 0, -0.0998334, 0.9950042] }))).toMatch(/orientation/);
    // One image 0.5 mm off along z (a re-acquired slab): a tenth of that would still pass.
    const shifted = (dz: number): SeriesVolume => ({
      ...pre,
      frames: pre.frames.map((f, n) => (n === 3 ? { ...f, imagePositionPatient: [f.imagePositionPatient![0], f.imagePositionPatient![1], f.imagePositionPatient![2] + dz] } : f)),
    });
    expect(subtractionMismatch(art, shifted(0.5))).toBe('Arterial and T1 pre images differ in position (image 4)');
    expect(subtractionMismatch(art, shifted(0.01))).toBeNull();
    expect(subtractionMismatch(art, { ...pre, geometry: null })).toMatch(/no regular voxel grid/);
  });
});

describe('subtraction arithmetic', () => {
  it('applies each image its own rescale before subtracting (hand-worked values)', () => {
    // arterial stored 100, 250, 0 with slope 2, intercept -10 -> 190, 490, -10
    // pre stored 40, 60, 5 with slope 0.5, intercept 100 -> 120, 130, 102.5
    const diff = subtractImages(Int16Array.of(100, 250, 0), { slope: 2, intercept: -10, alreadyScaled: false }, Uint16Array.of(40, 60, 5), { slope: 0.5, intercept: 100, alreadyScaled: false });
    expect([...diff]).toEqual([70, 360, -112.5]);
  });

  it('pixels the decoder already scaled are taken as they are', () => {
    expect([...realValues(Float32Array.of(1.5, -2), { slope: 3, intercept: 7, alreadyScaled: true })]).toEqual([1.5, -2]);
    expect([...realValues(Float32Array.of(1.5, -2), { slope: 3, intercept: 7, alreadyScaled: false })]).toEqual([11.5, 1]);
  });

  it('refuses images of different sizes', () => {
    const s = { slope: 1, intercept: 0, alreadyScaled: false };
    expect(() => subtractImages([1, 2], s, [1], s)).toThrow(/2 and 1 pixels/);
  });
});

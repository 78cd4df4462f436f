import { describe, expect, it } from 'vitest';
import { lesionVolumes, maskVolume } from './volumes';
import { grid, maskFromPredicate, maskWith } from './test-fixtures';
import type { Vec3 } from '../types/volume';

describe('lesionVolumes', () => {
  // Voxel 0.5 x 2 x 3 mm = 3 mm^3 = 0.003 mL.
  const g = grid([5, 5, 3], [0.5, 2, 3]);
  const tumourVoxels: Vec3[] = [[1, 1, 0], [2, 1, 0], [3, 1, 0], [1, 2, 1], [2, 2, 1], [2, 3, 2], [3, 3, 2]];
  const tumour = maskWith(g, tumourVoxels);

  it('hand-worked volumes on an anisotropic grid', () => {
    // 3 enhancing voxels inside the tumour, one outside (ignored).
    const enhancing = maskWith(g, [[1, 1, 0], [2, 2, 1], [3, 3, 2], [4, 4, 2]]);
    const r = lesionVolumes({ tumour, enhancing });
    expect(r.tumourVoxels).toBe(7);
    expect(r.enhancingVoxels).toBe(3);
    expect(r.necroticVoxels).toBe(4);
    expect(r.voxelVolumeMl).toBeCloseTo(0.003, 15);
    expect(r.tumourVolumeMl).toBeCloseTo(0.021, 15);
    expect(r.enhancingVolumeMl).toBeCloseTo(0.009, 15);
    expect(r.necroticVolumeMl).toBeCloseTo(0.012, 15);
    expect(r.enhancingFraction).toBeCloseTo(3 / 7, 15);
  });

  it('empty tumour: zero volumes and an undefined (null) fraction', () => {
    const r = lesionVolumes({ tumour: maskWith(g, []), enhancing: maskWith(g, [[1, 1, 1]]) });
    expect(r.tumourVolumeMl).toBe(0);
    expect(r.enhancingFraction).toBeNull();
  });

  it('fully necrotic and fully enhancing', () => {
    expect(lesionVolumes({ tumour, enhancing: maskWith(g, []) }).enhancingFraction).toBe(0);
    expect(lesionVolumes({ tumour, enhancing: tumour }).enhancingFraction).toBe(1);
  });

  it('refuses an enhancing mask on another grid', () => {
    expect(() => lesionVolumes({ tumour, enhancing: maskWith(grid([5, 5, 3]), []) })).toThrow(expect.objectContaining({ code: 'GEOMETRY_MISMATCH' }));
  });
});

describe('maskVolume', () => {
  it('a voxelised sphere of radius 10 mm approaches 4/3 pi r^3 (within 1 %)', () => {
    const g = grid([50, 50, 26], [0.5, 0.5, 1], [-12.2, -12.1, -12.3]);
    const m = maskFromPredicate(g, (p) => p[0] ** 2 + p[1] ** 2 + p[2] ** 2 <= 100);
    const r = maskVolume({ mask: m });
    const exactMl = (4 / 3) * Math.PI * 1000 / 1000;
    expect(Math.abs(r.volumeMl - exactMl) / exactMl).toBeLessThan(0.01);
    expect(r.volumeMl).toBeCloseTo(r.voxels * 0.00025, 12);
  });
});

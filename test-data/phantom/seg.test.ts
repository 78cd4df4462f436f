// The generator's lesion SEGs read back through the project's SEG importer onto the arterial series:
// voxel-identical to the phantom's own label definitions.
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadInputs } from '../../src/cli/load';
import { importSeg } from '../../src/core/roi/seg-import';
import { sparseToMask3D } from '../../src/core/roi/sparse-mask';
import { ensurePhantom } from './cache';
import { TIME_POINTS } from './definitions';
import type { PhantomManifest } from './generate';
import { phantomRois } from './rois';
import type { PhantomTruth } from './truth';

let dir = '';
let truth: PhantomTruth;
let manifest: PhantomManifest;

beforeAll(async () => {
  ({ dir, truth } = await ensurePhantom({ seed: 42, size: [64, 64, 20], variants: true }));
  manifest = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as PhantomManifest;
});

function ones(data: Uint8Array): number {
  let n = 0;
  for (const v of data) n += v;
  return n;
}

describe('phantom lesion SEGs', () => {
  for (const [i, key] of TIME_POINTS.entries()) {
    it(`${key}: each segment equals the phantom's label mask on the arterial grid`, () => {
      const tp = manifest.timePoints[i]!;
      const loaded = loadInputs([path.join(dir, tp.dir)], dir);
      expect(loaded.segmentations.map((s) => s.fileName)).toEqual(tp.segs);
      const study = loaded.tree.patients[0]!.studies[0]!;
      const arterial = study.series.find((v) => v.seriesInstanceUid === truth.timePoints[i]!.seriesByRole.arterial)!;
      const seg = loaded.segmentations[0]!;
      const result = importSeg(seg.bytes, seg.fileName, arterial);
      const expected = phantomRois(key, truth.timePoints[i]!);
      expect(result.segments.map((s) => s.label)).toEqual(['Lesion 1', 'Lesion 2', 'Liver reference']);
      const want = [...expected.lesions.map((l) => l.tumour!), expected.liverReference!];
      for (const [s, segment] of result.segments.entries()) {
        const { mask } = sparseToMask3D(segment.mask);
        expect(mask.dims).toEqual(want[s]!.dims);
        expect(ones(mask.data), segment.label).toBe(ones(want[s]!.data));
        expect(Buffer.from(mask.data).equals(Buffer.from(want[s]!.data)), segment.label).toBe(true);
      }
      // and the voxel counts match the ground truth written independently of the SEG
      expect(result.segments[0]!.voxelCount).toBe(truth.timePoints[i]!.lesions[0]!.voxels.total);
    });
  }
});

/**
 * SEG import on SEGs written by other tools (../shared/reference-data: dcmqi, highdicom).
 * Expected numbers were computed once with pydicom 2.3 / numpy, never with the code under test:
 *   /usr/bin/python3 -c "import pydicom, numpy as np; a = pydicom.dcmread(F).pixel_array;
 *     print([int(f.sum()) for f in a]); r, c = np.nonzero(a[f]); print(c.min(), r.min(), c.max(), r.max())"
 * and each test also counts the set bits of the raw PixelData itself (popcount, no unpacking).
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import dicomParser from 'dicom-parser';
import { describe, expect, it } from 'vitest';
import { HccError } from '../errors';
import { ingestFiles } from '../dicom/ingest';
import type { SeriesVolume } from '../dicom/model';
import { importSeg } from './seg-import';
import { intersectMasks } from './mask-ops';
import { nonEmptySlices, planeVoxelCount, sparseBox, sparseVoxelCount } from './sparse-mask';
import type { SparseMask } from './sparse-mask';

// ../shared/reference-data from the project root (src/core/roi -> four levels up is the parent of the project).
const REF = fileURLToPath(new URL('../../../../shared/reference-data/', import.meta.url));
const haveRef = existsSync(`${REF}dcmqi/sr-example/seg.dcm`) && existsSync(`${REF}highdicom/seg_image_ct_binary.dcm`);
if (!haveRef) console.warn(`reference data not found at ${REF}: skipping the reference SEG import tests`);

const read = (path: string): Uint8Array => new Uint8Array(readFileSync(`${REF}${path}`));

/** Set bits in the file's PixelData, counted byte by byte (frames here end on byte boundaries). */
function rawSetBits(bytes: Uint8Array): number {
  const ds = dicomParser.parseDicom(bytes);
  const el = ds.elements.x7fe00010!;
  let n = 0;
  for (let x = el.dataOffset; x < el.dataOffset + el.length; x++) for (let v = bytes[x]!; v; v >>= 1) n += v & 1;
  return n;
}

const perSlice = (mask: SparseMask): number[] => mask.planes.filter((p) => p !== null).map((p) => planeVoxelCount(p));
const sliceBox = (mask: SparseMask, k: number): number[] => {
  const p = mask.planes[k]!;
  return [p.i0, p.j0, p.i0 + p.width - 1, p.j0 + p.height - 1];
};

describe.skipIf(!haveRef)('reference SEGs (../shared/reference-data)', () => {
  it('dcmqi sr-example/seg.dcm: 795 voxels, 33.5824 mL, on the grid of its own geometry', () => {
    const bytes = read('dcmqi/sr-example/seg.dcm');
    expect(rawSetBits(bytes)).toBe(795);
    const r = importSeg(bytes, 'seg.dcm');
    expect(r.gridSource).toBe('segGeometry');
    expect(r.grid.dims).toEqual([128, 128, 13]);
    expect(r.grid.spacingMm).toEqual([3.537818, 3.537818, 3.375]);
    expect(r.segments).toHaveLength(1);
    const s = r.segments[0]!;
    expect(s.label).toBe('Neoplasm, Primary');
    expect(s.role).toEqual({ kind: 'other' });
    expect(s.voxelCount).toBe(795);
    // The SR's figure: 795 x 3.537818^2 x 3.375 mm^3 = 33.5824 mL.
    expect(s.volumeMl).toBeCloseTo(33.5824, 4);
    expect(perSlice(s.mask)).toEqual([11, 24, 42, 60, 69, 81, 82, 91, 94, 94, 81, 57, 9]);
    expect(sliceBox(s.mask, 0)).toEqual([59, 57, 62, 59]);
    expect(sliceBox(s.mask, 12)).toEqual([60, 54, 63, 56]);
    expect(s.box).toEqual({ min: [56, 53, 0], max: [66, 63, 12] });
  });

  it('dcmqi ct-3slice/liver-seg.dcm loads onto its 3 source CT slices by referenced SOP instance', () => {
    const bytes = read('dcmqi/ct-3slice/liver-seg.dcm');
    expect(rawSetBits(bytes)).toBe(107098);
    const tree = ingestFiles(['01', '02', '03'].map((n) => ({ name: `${n}.dcm`, bytes: read(`dcmqi/ct-3slice/${n}.dcm`) })));
    const series: SeriesVolume = tree.patients[0]!.studies[0]!.series[0]!;
    // Sorted along the normal: 03.dcm (z = -128.69) is slice 0; SEG frame 1 references it.
    expect(series.frames.map((f) => f.fileName)).toEqual(['03.dcm', '02.dcm', '01.dcm']);
    const r = importSeg(bytes, 'liver-seg.dcm', series);
    expect(r.gridSource).toBe('sourceSeries');
    expect(r.seriesId).toBe(series.id);
    expect(r.framesMatchedByReference).toBe(3);
    expect(r.warnings).toEqual([]);
    const liver = r.segments[0]!;
    expect(liver.label).toBe('Liver');
    expect(liver.voxelCount).toBe(107098);
    expect(perSlice(liver.mask)).toEqual([36233, 35645, 35220]);
    expect([0, 1, 2].map((k) => sliceBox(liver.mask, k))).toEqual([[79, 145, 350, 366], [80, 146, 349, 365], [81, 147, 348, 364]]);
    expect(liver.volumeMl).toBeCloseTo((107098 * 0.810547 * 0.810547 * 1) / 1000, 3);
    // Loaded alone it describes the same grid, so it must give the same voxels.
    const alone = importSeg(bytes, 'liver-seg.dcm');
    expect(alone.grid.dims).toEqual(series.geometry!.dims);
    expect(sparseVoxelCount(intersectMasks(alone.segments[0]!.mask, liver.mask))).toBe(107098);
  });

  it('highdicom seg_image_ct_binary.dcm loads (implicit VR, sources absent: own grid)', () => {
    const bytes = read('highdicom/seg_image_ct_binary.dcm');
    expect(rawSetBits(bytes)).toBe(638);
    const r = importSeg(bytes, 'seg_image_ct_binary.dcm');
    expect(r.grid.dims).toEqual([16, 16, 3]);
    expect(r.segments.map((s) => [s.label, s.voxelCount])).toEqual([['first segment', 638]]);
    expect(perSlice(r.segments[0]!.mask)).toEqual([127, 256, 255]);
    expect(sliceBox(r.segments[0]!.mask, 0)).toEqual([0, 0, 10, 15]);
  });

  it('highdicom seg_image_ct_binary_overlap.dcm: overlapping segments stay separate', () => {
    const bytes = read('highdicom/seg_image_ct_binary_overlap.dcm');
    expect(rawSetBits(bytes)).toBe(80);
    const r = importSeg(bytes, 'seg_image_ct_binary_overlap.dcm');
    // Frames at z = -99.48 and 103.02 .. 105.52 with 1.25 mm slices: 162 steps apart, 165 slices.
    expect(r.grid.dims).toEqual([16, 16, 165]);
    const [first, second] = r.segments;
    expect([first!.voxelCount, second!.voxelCount]).toEqual([64, 16]);
    expect(nonEmptySlices(first!.mask)).toEqual([0, 162, 163, 164]);
    expect(sparseBox(first!.mask)).toEqual({ min: [4, 4, 0], max: [7, 7, 164] });
    expect(sparseBox(second!.mask)).toEqual({ min: [6, 6, 0], max: [7, 7, 164] });
    // pydicom: (a[0:4] & a[4:8]).sum() = 16: every voxel of the second segment is also in the first.
    expect(sparseVoxelCount(intersectMasks(first!.mask, second!.mask))).toBe(16);
  });

  it('highdicom seg_image_ct_binary_fractional.dcm is refused, saying why', () => {
    try {
      importSeg(read('highdicom/seg_image_ct_binary_fractional.dcm'), 'seg_image_ct_binary_fractional.dcm');
      throw new Error('not refused');
    } catch (e) {
      expect(e).toBeInstanceOf(HccError);
      expect((e as HccError).toInfo()).toMatchObject({ code: 'UNSUPPORTED_SEG', fileName: 'seg_image_ct_binary_fractional.dcm', message: expect.stringMatching(/FRACTIONAL.*only BINARY/) });
    }
  });

  it('refuses a wrong series: no referenced image and another frame of reference', () => {
    const ct = ingestFiles([{ name: 'ct_image.dcm', bytes: read('highdicom/ct_image.dcm') }]).patients[0]!.studies[0]!.series[0]!;
    try {
      importSeg(read('highdicom/seg_image_ct_binary.dcm'), 'seg_image_ct_binary.dcm', ct);
      throw new Error('not refused');
    } catch (e) {
      expect((e as HccError).code).toBe('GEOMETRY_MISMATCH');
    }
  });
});

import { describe, expect, it } from 'vitest';
import { ingestFiles } from './ingest';
import type { SeriesVolume } from './model';
import { readVolume } from './read-volume';
import { el, makeDicom, TS } from './testing/make-dicom';
import type { MakeDicomOptions } from './testing/make-dicom';
import { enhancedMrElements, mrSliceElements, mrSliceFile } from './testing/mr-slice';
import type { SliceSpec } from './testing/mr-slice';

type Files = Array<{ name: string; bytes: Uint8Array }>;

/** One series from slices (given in any order); returns its only volume and a byte lookup. */
function series(specs: Array<Omit<SliceSpec, 'sopInstanceUid'>>, options: MakeDicomOptions = {}): { volume: SeriesVolume; get: (n: string) => Uint8Array } {
  const files: Files = specs.map((s, i) => ({ name: `s${i}.dcm`, bytes: mrSliceFile({ sopInstanceUid: `1.2.826.0.5.${i}`, ...s }, options) }));
  return fromFiles(files);
}

function fromFiles(files: Files): { volume: SeriesVolume; get: (n: string) => Uint8Array } {
  const tree = ingestFiles(files);
  expect(tree.errors).toEqual([]);
  const volumes = tree.patients.flatMap((p) => p.studies.flatMap((s) => s.series));
  expect(volumes).toHaveLength(1);
  const byName = new Map(files.map((f) => [f.name, f.bytes]));
  return { volume: volumes[0]!, get: (n) => byName.get(n)! };
}

describe('readVolume', () => {
  // Two slices of 2 rows x 3 columns, given top slice first; slope 2, intercept -10.
  const twoSlices = (bits: 8 | 16 | 32, signed: boolean, top: number[], bottom: number[]) => [
    { ipp: [0, 0, 5], pixels: top, bits, signed, rescale: { slope: 2, intercept: -10 } },
    { ipp: [0, 0, 0], pixels: bottom, bits, signed, rescale: { slope: 2, intercept: -10 } },
  ];

  for (const [label, options] of [
    ['explicit little endian', { transferSyntaxUid: TS.explicitLE }],
    ['implicit little endian', { transferSyntaxUid: TS.implicitLE }],
    ['explicit big endian', { transferSyntaxUid: TS.explicitBE }],
  ] as const) {
    it(`decodes 16-bit unsigned, applies rescale, stacks along the normal (${label})`, () => {
      const { volume, get } = series(twoSlices(16, false, [1, 2, 3, 4, 5, 6], [100, 200, 300, 400, 500, 60000]), options);
      const v = readVolume(volume, get);
      expect(v.dims).toEqual([3, 2, 2]);
      expect(v.spacingMm).toEqual([1, 1, 5]);
      expect(v.originLps).toEqual([0, 0, 0]);
      // k = 0 is the z = 0 slice; value = 2 * stored - 10.
      expect(Array.from(v.data)).toEqual([190, 390, 590, 790, 990, 119990, -8, -6, -4, -2, 0, 2]);
    });
  }

  it('decodes signed 16-bit (negative values) big endian', () => {
    const { volume, get } = series(twoSlices(16, true, [-1, -32768, 32767, 0, 5, -5], [0, 0, 0, 0, 0, 0]), { transferSyntaxUid: TS.explicitBE });
    expect(Array.from(readVolume(volume, get).data.subarray(6))).toEqual([-12, -65546, 65524, -10, 0, -20]);
  });

  it('decodes 8-bit and 32-bit samples', () => {
    const eight = series(twoSlices(8, false, [0, 1, 2, 3, 254, 255], [0, 0, 0, 0, 0, 0]));
    expect(Array.from(readVolume(eight.volume, eight.get).data.subarray(6))).toEqual([-10, -8, -6, -4, 498, 500]);
    const int32 = series(twoSlices(32, true, [-100000, 100000, 0, 1, -1, 7], [0, 0, 0, 0, 0, 0]));
    expect(Array.from(readVolume(int32.volume, int32.get).data.subarray(6))).toEqual([-200010, 199990, -10, -8, -12, 4]);
  });

  it('keeps only BitsStored bits and sign-extends from there (12-bit signed in 16)', () => {
    // Raw words: 0x0FFF -> -1, 0xF7FF (garbage high bits) -> 0x7FF = 2047, 0x0800 -> -2048, 0x0001 -> 1.
    const pixels = [0x0fff, 0xf7ff, 0x0800, 0x0001, 0, 0];
    const { volume, get } = series([
      { ipp: [0, 0, 0], pixels, bitsStored: 12 },
      { ipp: [0, 0, 1], bitsStored: 12 },
    ].map((s) => ({ ...s, extra: { '00280103': el.num('US', 1) } })));
    expect(Array.from(readVolume(volume, get).data.subarray(0, 6))).toEqual([-1, 2047, -2048, 1, 0, 0]);
  });

  it('applies rescale per frame (enhanced MR, one frame with its own slope)', () => {
    const bytes = makeDicom(enhancedMrElements({
      sopInstanceUid: '1.2.826.0.66',
      shared: { iop: [1, 0, 0, 0, 1, 0], pixelSpacing: [1, 1], rescale: { slope: 2, intercept: 1 } },
      frames: [{ ipp: [0, 0, 2] }, { ipp: [0, 0, 0], rescale: { slope: 3, intercept: 0 } }],
      pixels: [1, 2, 3, 4, 10, 20, 30, 40],
    }));
    const { volume, get } = fromFiles([{ name: 'e.dcm', bytes }]);
    // Sorted: frame 1 (z = 0, slope 3) first, then frame 0 (z = 2, slope 2, intercept 1).
    expect(Array.from(readVolume(volume, get).data)).toEqual([30, 60, 90, 120, 3, 5, 7, 9]);
  });

  it('refuses compressed pixels, pointing to the browser decoder', () => {
    const elements = mrSliceElements({ sopInstanceUid: '1.2.826.0.8' });
    elements['7FE00010'] = el.frames([new Uint8Array([1, 2, 3, 4])]);
    const { volume, get } = fromFiles([{ name: 'j.dcm', bytes: makeDicom(elements, { transferSyntaxUid: TS.jpegBaseline }) }]);
    expect(() => readVolume(volume, get)).toThrow(expect.objectContaining({ code: 'UNSUPPORTED_TRANSFER_SYNTAX', message: expect.stringMatching(/decoded by the browser viewer, not by the node reader/) }));
  });

  it('refuses a stack with a gap (GEOMETRY_MISMATCH)', () => {
    const { volume, get } = series([0, 5, 10, 20].map((z) => ({ ipp: [0, 0, z] })));
    expect(() => readVolume(volume, get)).toThrow(expect.objectContaining({ code: 'GEOMETRY_MISMATCH', message: expect.stringMatching(/gap/) }));
  });

  it('refuses slices of different sizes (GEOMETRY_MISMATCH)', () => {
    const { volume, get } = series([{ ipp: [0, 0, 0] }, { ipp: [0, 0, 5], rows: 3 }]);
    expect(() => readVolume(volume, get)).toThrow(expect.objectContaining({ code: 'GEOMETRY_MISMATCH' }));
  });

  it('reads a single slice (SINGLE_SLICE does not break the grid)', () => {
    const { volume, get } = series([{ ipp: [1, 2, 3], pixels: [1, 2, 3, 4, 5, 6], sliceThickness: 4 }]);
    const v = readVolume(volume, get);
    expect(v.dims).toEqual([3, 2, 1]);
    expect(v.spacingMm).toEqual([1, 1, 4]);
    expect(Array.from(v.data)).toEqual([1, 2, 3, 4, 5, 6]);
  });
});

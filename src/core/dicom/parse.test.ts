import { describe, expect, it } from 'vitest';
import type { HccError } from '../errors';
import { parseInstance } from './parse';
import { el, makeDicom, TS } from './testing/make-dicom';
import { ENHANCED_MR_IMAGE_STORAGE, enhancedMrElements, mrSliceElements, mrSliceFile } from './testing/mr-slice';

function codeOf(run: () => unknown): { code: string; message: string } {
  try {
    run();
  } catch (error) {
    const e = error as HccError;
    return { code: e.code, message: e.message };
  }
  throw new Error('expected an HccError');
}

const spec = {
  sopInstanceUid: '1.2.826.0.1.1.1.5',
  instanceNumber: 5,
  ipp: [-100.5, -80, 42.25],
  iop: [1, 0, 0, 0, 1, 0],
  pixelSpacing: [0.8, 0.7] as [number, number],
  sliceThickness: 3,
  rows: 2,
  columns: 3,
  acquisitionTime: '101530.25',
  temporalPositionIdentifier: 2,
  rescale: { slope: 2, intercept: -10 },
  pixels: [1, 2, 3, 4, 5, 6],
};

describe('parseInstance: classic MR', () => {
  for (const [label, options] of [
    ['Part 10 explicit LE', { transferSyntaxUid: TS.explicitLE }],
    ['Part 10 implicit LE', { transferSyntaxUid: TS.implicitLE }],
    ['Part 10 explicit BE', { transferSyntaxUid: TS.explicitBE }],
    ['bare data set, implicit LE', { transferSyntaxUid: TS.implicitLE, withoutMeta: true }],
    ['bare data set, explicit LE', { transferSyntaxUid: TS.explicitLE, withoutMeta: true }],
    ['bare data set, explicit BE', { transferSyntaxUid: TS.explicitBE, withoutMeta: true }],
  ] as const) {
    it(`reads header and frame geometry (${label})`, () => {
      const bytes = mrSliceFile(spec, options);
      const h = parseInstance(bytes, 'a.dcm');
      expect(h.transferSyntaxUid).toBe(options.transferSyntaxUid);
      expect(h.rows).toBe(2);
      expect(h.columns).toBe(3);
      expect(h.numberOfFrames).toBe(1);
      expect(h.modality).toBe('MR');
      expect(h.seriesInstanceUid).toBe('1.2.826.0.1.1.1');
      expect(h.imageType).toEqual(['ORIGINAL', 'PRIMARY', 'M', 'ND']);
      expect(h.frames).toHaveLength(1);
      const f = h.frames[0]!;
      expect(f).toMatchObject({
        fileName: 'a.dcm',
        sopInstanceUid: '1.2.826.0.1.1.1.5',
        frameIndex: 0,
        instanceNumber: 5,
        imagePositionPatient: [-100.5, -80, 42.25],
        imageOrientationPatient: [1, 0, 0, 0, 1, 0],
        pixelSpacingMm: [0.8, 0.7],
        sliceThicknessMm: 3,
        temporalPositionIdentifier: 2,
        rescaleSlope: 2,
        rescaleIntercept: -10,
        bValue: null,
      });
      expect(f.acquisitionTimeSec).toBeCloseTo(10 * 3600 + 15 * 60 + 30.25, 9);
      // 2 x 3 pixels x 2 bytes, and the bytes there are the pixel values in the file's byte order.
      expect(f.pixel).toMatchObject({ encapsulated: false, length: 12 });
      const at = f.pixel!.offset!;
      const view = new DataView(bytes.buffer, bytes.byteOffset + at, 12);
      const le = options.transferSyntaxUid !== TS.explicitBE;
      expect([0, 1, 2, 3, 4, 5].map((i) => view.getUint16(i * 2, le))).toEqual([1, 2, 3, 4, 5, 6]);
    });
  }

  it('records compressed pixel data as encapsulated, without decoding it', () => {
    const elements = mrSliceElements({ sopInstanceUid: '1.2.9' });
    elements['7FE00010'] = el.frames([new Uint8Array([0xff, 0xd8, 0xff, 0xd9])]);
    const h = parseInstance(makeDicom(elements, { transferSyntaxUid: TS.jpegBaseline }), 'c.dcm');
    expect(h.transferSyntaxUid).toBe(TS.jpegBaseline);
    expect(h.frames[0]!.pixel).toEqual({ encapsulated: true });
  });

  it('leaves absent geometry as null rather than guessing', () => {
    const h = parseInstance(mrSliceFile({ sopInstanceUid: '1.2.9', ipp: null, iop: null, pixelSpacing: null }), 'n.dcm');
    expect(h.frames[0]).toMatchObject({ imagePositionPatient: null, imageOrientationPatient: null, pixelSpacingMm: null, instanceNumber: null });
  });
});

describe('parseInstance: enhanced multi-frame MR', () => {
  const iop = [1, 0, 0, 0, 0.9396926, -0.3420201];
  const bytes = makeDicom(enhancedMrElements({
    sopInstanceUid: '1.2.826.0.1.7.1',
    rows: 2,
    columns: 2,
    shared: { iop, pixelSpacing: [1.5, 1.25], rescale: { slope: 2, intercept: 1 } },
    frames: [
      { ipp: [0, 0, 10], bValue: 0, temporalPositionIndex: 1, frameAcquisitionDateTime: '20240101101500.5' },
      { ipp: [0, 0, 14], bValue: 800, temporalPositionIndex: 1, frameAcquisitionDateTime: '20240101101510' },
      { ipp: [0, 0, 18], bValue: 800, temporalPositionIndex: 2, rescale: { slope: 3, intercept: 0 }, pixelSpacing: [2, 2] },
    ],
    pixels: [1, 2, 3, 4, 10, 20, 30, 40, 100, 200, 300, 400],
  }));
  const h = parseInstance(bytes, 'e.dcm');

  it('has one frame header per frame', () => {
    expect(h.sopClassUid).toBe(ENHANCED_MR_IMAGE_STORAGE);
    expect(h.numberOfFrames).toBe(3);
    expect(h.frames.map((f) => f.frameIndex)).toEqual([0, 1, 2]);
  });
  it('takes positions, b-values and timing from the per-frame groups', () => {
    expect(h.frames.map((f) => f.imagePositionPatient)).toEqual([[0, 0, 10], [0, 0, 14], [0, 0, 18]]);
    expect(h.frames.map((f) => f.bValue)).toEqual([0, 800, 800]);
    expect(h.frames[1]!.bValueSource).toBe('MRDiffusionSequence (0018,9087)');
    expect(h.frames.map((f) => f.temporalPositionIdentifier)).toEqual([1, 1, 2]);
    expect(h.frames[0]!.acquisitionTimeSec).toBeCloseTo(10 * 3600 + 15 * 60 + 0.5, 9);
    expect(h.frames[1]!.acquisitionTimeSec).toBe(10 * 3600 + 15 * 60 + 10);
  });
  it('falls back to the shared groups, and a per-frame group overrides them', () => {
    expect(h.frames.map((f) => f.imageOrientationPatient)).toEqual([iop, iop, iop]);
    expect(h.frames.map((f) => f.pixelSpacingMm)).toEqual([[1.5, 1.25], [1.5, 1.25], [2, 2]]);
    expect(h.frames.map((f) => [f.rescaleSlope, f.rescaleIntercept])).toEqual([[2, 1], [2, 1], [3, 0]]);
  });
  it('locates each frame inside the one pixel data element', () => {
    const offsets = h.frames.map((f) => f.pixel!.offset!);
    expect(offsets[1]! - offsets[0]!).toBe(8);
    expect(offsets[2]! - offsets[1]!).toBe(8);
    const view = new DataView(bytes.buffer, bytes.byteOffset);
    expect(view.getUint16(offsets[2]!, true)).toBe(100);
  });
});

describe('parseInstance: broken and unsupported files', () => {
  const good = mrSliceFile({ sopInstanceUid: '1.2.3.4', rows: 4, columns: 4, pixels: new Array(16).fill(7) });

  it('NOT_DICOM for text, empty files and junk', () => {
    expect(codeOf(() => parseInstance(new TextEncoder().encode('hello, this is a text file'), 't.txt')).code).toBe('NOT_DICOM');
    expect(codeOf(() => parseInstance(new Uint8Array(0), 'empty')).code).toBe('NOT_DICOM');
    expect(codeOf(() => parseInstance(new Uint8Array(300).fill(0x5a), 'junk.bin')).code).toBe('NOT_DICOM');
  });

  it('TRUNCATED when the file stops inside the pixel data', () => {
    const r = codeOf(() => parseInstance(good.slice(0, good.length - 5), 'cut.dcm'));
    expect(r.code).toBe('TRUNCATED');
    expect(r.message).toMatch(/cut\.dcm: .*(ends|incomplete)/);
  });

  it('TRUNCATED when the file stops inside a header element', () => {
    // Cut just past the tag of Rows (0028,0010) header bytes: find it in the file.
    const at = findTag(good, 0x0028, 0x0010);
    expect(codeOf(() => parseInstance(good.slice(0, at + 9), 'cut.dcm')).code).toBe('TRUNCATED');
  });

  it('TRUNCATED when an MR image stops exactly at an element boundary before its image attributes', () => {
    // Cut right before the tag of Rows (0028,0010): every element read is complete, yet an MR image
    // object without its image pixel module can only be an incomplete copy.
    const at = findTag(good, 0x0028, 0x0010);
    const r = codeOf(() => parseInstance(good.slice(0, at), 'cut.dcm'));
    expect(r.code).toBe('TRUNCATED');
    expect(r.message).toMatch(/incomplete copy/);
  });

  it('TRUNCATED for an implicit-VR bare data set cut short (the parser itself does not notice)', () => {
    const bare = mrSliceFile({ sopInstanceUid: '1.2.3.4', rows: 4, columns: 4 }, { transferSyntaxUid: TS.implicitLE, withoutMeta: true });
    expect(codeOf(() => parseInstance(bare.slice(0, bare.length - 3), 'bare.dcm')).code).toBe('TRUNCATED');
  });

  it('TRUNCATED when the pixel data element is shorter than rows x columns', () => {
    const elements = mrSliceElements({ sopInstanceUid: '1.2.3.4', rows: 4, columns: 4 });
    elements['7FE00010'] = el.bytes('OW', new Uint8Array(12));
    const r = codeOf(() => parseInstance(makeDicom(elements), 'short.dcm'));
    expect(r.code).toBe('TRUNCATED');
    expect(r.message).toContain('need 32 bytes');
  });

  it('NO_PIXEL_DATA when the pixel data is missing', () => {
    const r = codeOf(() => parseInstance(mrSliceFile({ sopInstanceUid: '1.2.3', omit: ['7FE00010'] }), 'hdr.dcm'));
    expect(r.code).toBe('NO_PIXEL_DATA');
  });

  it('NOT_AN_IMAGE for a structured report, naming what it is', () => {
    const sr = makeDicom({ '00080016': el.str('UI', '1.2.840.10008.5.1.4.1.1.88.22'), '00080018': el.str('UI', '1.2.5'), '00080060': el.str('CS', 'SR') });
    const r = codeOf(() => parseInstance(sr, 'sr.dcm'));
    expect(r.code).toBe('NOT_AN_IMAGE');
    expect(r.message).toMatch(/structured report/);
  });

  it('UNSUPPORTED_IMAGE for a Siemens mosaic, saying why', () => {
    const r = codeOf(() => parseInstance(mrSliceFile({ sopInstanceUid: '1.2.3', imageType: ['ORIGINAL', 'PRIMARY', 'DIFFUSION', 'NONE', 'ND', 'MOSAIC'] }), 'm.dcm'));
    expect(r.code).toBe('UNSUPPORTED_IMAGE');
    expect(r.message).toMatch(/mosaic/i);
    expect(r.message).toMatch(/tiled/);
  });

  it('UNSUPPORTED_IMAGE for colour images', () => {
    const rgb = mrSliceFile({ sopInstanceUid: '1.2.3', extra: { '00280002': el.num('US', 3), '00280004': el.str('CS', 'RGB') } });
    const r = codeOf(() => parseInstance(rgb, 'rgb.dcm'));
    expect(r.code).toBe('UNSUPPORTED_IMAGE');
    expect(r.message).toMatch(/colour/);
  });

  it('UNSUPPORTED_TRANSFER_SYNTAX for deflate', () => {
    const bytes = mrSliceFile({ sopInstanceUid: '1.2.3' }, { transferSyntaxUid: TS.deflated });
    const r = codeOf(() => parseInstance(bytes, 'd.dcm'));
    expect(r.code).toBe('UNSUPPORTED_TRANSFER_SYNTAX');
    expect(r.message).toMatch(/Deflate/);
  });
});

/** Byte offset of an explicit-VR little-endian element tag in a file (test-side search, not the reader's). */
function findTag(bytes: Uint8Array, group: number, element: number): number {
  for (let i = 132; i < bytes.length - 4; i++) {
    if (bytes[i] === (group & 0xff) && bytes[i + 1] === group >> 8 && bytes[i + 2] === (element & 0xff) && bytes[i + 3] === element >> 8) return i;
  }
  throw new Error('tag not found');
}

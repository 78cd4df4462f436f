/**
 * SEG import on hand-made files (written with dcmjs, read with dicom-parser): every expected mask is
 * drawn out below. Frames are 5 x 3 = 15 bits, so frames after the first start mid-byte.
 */
import { describe, expect, it } from 'vitest';
import { HccError } from '../errors';
import { el, makeDicom, TS } from '../dicom/testing/make-dicom';
import type { DicomElements } from '../dicom/testing/make-dicom';
import type { Vec3 } from '../types/volume';
import { importSeg } from './seg-import';
import type { SegSourceSeries } from './seg-import';
import { LABEL_MAP_SEG_SOP_CLASS_UID, SEG_SOP_CLASS_UID } from './seg-parse';
import { nonEmptySlices } from './sparse-mask';
import { grid, sliceArt } from './test-fixtures';

interface FrameSpec {
  segment: number;
  art: string[];
  ipp?: Vec3;
  refs?: Array<{ uid: string; frame?: number }>;
}

interface SegSpec {
  frames: FrameSpec[];
  segments?: Array<[number, string]>;
  sopClass?: string;
  type?: string;
  bitsAllocated?: number;
  pixelSpacing?: [number, number];
  sliceThickness?: number;
  spacingBetweenSlices?: number;
  referencedSeries?: string;
  frameOfReference?: string;
  dropBytes?: number;
  transferSyntaxUid?: string;
  encapsulated?: boolean;
}

/** Packs frames LSB first, frame after frame without padding (PS3.5 8.1.1, 8.2). */
function pack(frames: string[][]): Uint8Array {
  const bits = frames.flatMap((rows) => [...rows.join('')].map((c) => (c === '#' ? 1 : 0)));
  const out = new Uint8Array(Math.ceil(bits.length / 8) + (Math.ceil(bits.length / 8) % 2));
  bits.forEach((b, n) => { out[n >> 3]! |= b << (n & 7); });
  return out;
}

function makeSeg(spec: SegSpec): Uint8Array {
  const segments = spec.segments ?? [[1, 'Lesion 1'], [2, 'Liver reference']];
  const pixels = pack(spec.frames.map((f) => f.art));
  const elements: DicomElements = {
    '00080016': el.str('UI', spec.sopClass ?? SEG_SOP_CLASS_UID),
    '00080018': el.str('UI', '1.2.999.1'),
    '00080060': el.str('CS', 'SEG'),
    '00100020': el.str('LO', 'PAT1'),
    '0020000D': el.str('UI', '1.2.999.10'),
    '0020000E': el.str('UI', '1.2.999.11'),
    '00200052': el.str('UI', spec.frameOfReference ?? '1.2.999.50'),
    '00280002': el.num('US', 1),
    '00280004': el.str('CS', 'MONOCHROME2'),
    '00280008': el.str('IS', String(spec.frames.length)),
    '00280010': el.num('US', 3),
    '00280011': el.num('US', 5),
    '00280100': el.num('US', spec.bitsAllocated ?? 1),
    '00280101': el.num('US', spec.bitsAllocated ?? 1),
    '00280102': el.num('US', 0),
    '00280103': el.num('US', 0),
    '00620001': el.str('CS', spec.type ?? 'BINARY'),
    '00620002': el.seq(...segments.map(([n, label]) => ({ '00620004': el.num('US', n), '00620005': el.str('LO', label), '00620008': el.str('CS', 'MANUAL') }))),
    '52009229': el.seq({
      '00209116': el.seq({ '00200037': el.str('DS', '1', '0', '0', '0', '1', '0') }),
      '00289110': el.seq({
        '00280030': el.str('DS', ...(spec.pixelSpacing ?? [0.8, 0.5]).map(String)),
        '00180050': el.str('DS', String(spec.sliceThickness ?? 2)),
        ...(spec.spacingBetweenSlices === undefined ? {} : { '00180088': el.str('DS', String(spec.spacingBetweenSlices)) }),
      }),
    }),
    '52009230': el.seq(...spec.frames.map((f): DicomElements => ({
      ...(f.refs === undefined ? {} : {
        '00089124': el.seq({
          '00082112': el.seq(...f.refs.map((r) => ({
            '00081150': el.str('UI', '1.2.840.10008.5.1.4.1.1.4'),
            '00081155': el.str('UI', r.uid),
            ...(r.frame === undefined ? {} : { '00081160': el.str('IS', String(r.frame)) }),
          }))),
        }),
      }),
      ...(f.ipp === undefined ? {} : { '00209113': el.seq({ '00200032': el.str('DS', ...f.ipp.map(String)) }) }),
      '0062000A': el.seq({ '0062000B': el.num('US', f.segment) }),
    }))),
    ...(spec.referencedSeries === undefined ? {} : { '00081115': el.seq({ '0020000E': el.str('UI', spec.referencedSeries) }) }),
    '7FE00010': spec.encapsulated === true ? el.frames([pixels]) : el.bytes('OB', spec.dropBytes ? pixels.slice(0, pixels.length - spec.dropBytes) : pixels),
  };
  return makeDicom(elements, { transferSyntaxUid: spec.transferSyntaxUid ?? TS.explicitLE });
}

// Source series: 5 columns of 0.5 mm, 3 rows of 0.8 mm, 4 slices 2 mm apart from z = 30.
const SOURCE_GRID = grid([5, 3, 4], [0.5, 0.8, 2], [10, 20, 30]);
const source = (overrides: Partial<SegSourceSeries> = {}): SegSourceSeries => ({
  id: 'SRC',
  seriesInstanceUid: '1.2.999.40',
  frameOfReferenceUid: '1.2.999.50',
  geometry: SOURCE_GRID,
  frames: ['1.9.1', '1.9.2', '1.9.3', '1.9.4'].map((sopInstanceUid) => ({ sopInstanceUid, frameIndex: 0 })),
  ...overrides,
});

const A = ['#....', '.##..', '....#'];
const B = ['#####', '.....', '#...#'];
const C = ['.....', '..#..', '.....'];
const EMPTY = ['.....', '.....', '.....'];

function failure(run: () => unknown): { code: string; message: string } {
  try {
    run();
  } catch (e) {
    if (e instanceof HccError) return { code: e.code, message: e.message };
    throw e;
  }
  throw new Error('expected a refusal');
}

describe('SEG import onto a source series', () => {
  const bytes = makeSeg({
    frames: [
      { segment: 1, art: A, ipp: [10, 20, 34], refs: [{ uid: '1.9.3' }] },
      { segment: 2, art: B, ipp: [10, 20, 30], refs: [{ uid: '1.9.1' }] },
      // No reference: placed by position, 0.95 slices above slice 0 -> slice 1.
      { segment: 1, art: C, ipp: [10, 20, 31.9] },
    ],
  });

  it('places frames by referenced image, else by position within half a slice', () => {
    const r = importSeg(bytes, 'seg.dcm', source());
    expect(r.gridSource).toBe('sourceSeries');
    expect(r.seriesId).toBe('SRC');
    expect([r.framesMatchedByReference, r.framesMatchedByPosition]).toEqual([2, 1]);
    const [lesion, liver] = r.segments;
    expect(lesion).toMatchObject({ segmentNumber: 1, label: 'Lesion 1', role: { kind: 'tumour', lesionNumber: 1 }, algorithmType: 'MANUAL', voxelCount: 5 });
    expect(nonEmptySlices(lesion!.mask)).toEqual([1, 2]);
    expect(sliceArt(lesion!.mask, 2)).toEqual(A);
    expect(sliceArt(lesion!.mask, 1)).toEqual(C);
    expect(liver).toMatchObject({ role: { kind: 'liverReference' }, voxelCount: 7 });
    expect(sliceArt(liver!.mask, 0)).toEqual(B);
    expect(lesion!.volumeMl).toBeCloseTo((5 * 0.5 * 0.8 * 2) / 1000, 12);
    expect(lesion!.box).toEqual({ min: [0, 0, 1], max: [4, 2, 2] });
  });

  it('reads implicit VR little endian files the same way', () => {
    const implicit = makeSeg({ transferSyntaxUid: TS.implicitLE, frames: [{ segment: 1, art: A, ipp: [10, 20, 34], refs: [{ uid: '1.9.3' }] }, { segment: 2, art: B, ipp: [10, 20, 30] }] });
    const r = importSeg(implicit, 'implicit.dcm', source());
    expect(sliceArt(r.segments[0]!.mask, 2)).toEqual(A);
    expect(sliceArt(r.segments[1]!.mask, 0)).toEqual(B);
  });

  it('multi-frame sources are matched by ReferencedFrameNumber (1-based)', () => {
    const multi = source({ frames: [0, 1, 2, 3].map((frameIndex) => ({ sopInstanceUid: '1.9.9', frameIndex })) });
    const seg = makeSeg({ frames: [{ segment: 1, art: A, refs: [{ uid: '1.9.9', frame: 4 }] }, { segment: 2, art: B, refs: [{ uid: '1.9.9', frame: 1 }] }] });
    const r = importSeg(seg, 'mf.dcm', multi);
    expect(nonEmptySlices(r.segments[0]!.mask)).toEqual([3]);
    expect(nonEmptySlices(r.segments[1]!.mask)).toEqual([0]);
    // Without a frame number a multi-frame instance is ambiguous, and without a position the frame cannot be placed.
    const ambiguous = makeSeg({ frames: [{ segment: 1, art: A, refs: [{ uid: '1.9.9' }] }] });
    expect(failure(() => importSeg(ambiguous, 'mf.dcm', multi))).toMatchObject({ code: 'GEOMETRY_MISMATCH', message: expect.stringMatching(/not stated/) });
  });

  it('in-plane offsets of whole pixels shift the frame; partial pixels or other pixel sizes are refused', () => {
    // x + 1 mm = 2 columns of 0.5 mm.
    const shifted = makeSeg({ frames: [{ segment: 1, art: C, ipp: [11, 20, 30] }] });
    expect(sliceArt(importSeg(shifted, 's.dcm', source()).segments[0]!.mask, 0)).toEqual(['.....', '....#', '.....']);
    const tooFar = makeSeg({ frames: [{ segment: 1, art: A, ipp: [11, 20, 30] }] });
    expect(failure(() => importSeg(tooFar, 's.dcm', source()))).toMatchObject({ code: 'GEOMETRY_MISMATCH', message: expect.stringMatching(/outside/) });
    const half = makeSeg({ frames: [{ segment: 1, art: C, ipp: [10.25, 20, 30] }] });
    expect(failure(() => importSeg(half, 's.dcm', source()))).toMatchObject({ code: 'UNSUPPORTED_SEG', message: expect.stringMatching(/resampled/) });
    const coarse = makeSeg({ pixelSpacing: [1.6, 1], frames: [{ segment: 1, art: C, ipp: [10, 20, 30] }] });
    expect(failure(() => importSeg(coarse, 's.dcm', source()))).toMatchObject({ code: 'UNSUPPORTED_SEG', message: expect.stringMatching(/resampled/) });
  });

  it('a frame with pixels more than half a slice beyond the stack fails the import; an empty one is skipped', () => {
    // Slices at z = 30..36: 28.9 is 0.55 slices below the first, 37.1 0.55 above the last.
    for (const z of [28.9, 37.1]) {
      const off = makeSeg({ frames: [{ segment: 1, art: A, ipp: [10, 20, z] }] });
      expect(failure(() => importSeg(off, 'off.dcm', source()))).toMatchObject({ code: 'GEOMETRY_MISMATCH', message: expect.stringMatching(/half a slice/) });
    }
    const emptyOff = makeSeg({ frames: [{ segment: 1, art: EMPTY, ipp: [10, 20, 28.9] }, { segment: 1, art: A, ipp: [10, 20, 30] }] });
    expect(importSeg(emptyOff, 'off.dcm', source()).segments[0]!.voxelCount).toBe(4);
  });

  it('a frame between slices goes to the nearest one, with a warning', () => {
    const between = makeSeg({ frames: [{ segment: 1, art: A, ipp: [10, 20, 31.2] }] });
    const r = importSeg(between, 'b.dcm', source());
    expect(nonEmptySlices(r.segments[0]!.mask)).toEqual([1]);
    expect(r.warnings).toEqual([expect.stringMatching(/frame 1 lies 0\.40 slices from slice 2/)]);
    expect(importSeg(makeSeg({ frames: [{ segment: 1, art: A, ipp: [10, 20, 32.01] }] }), 'c.dcm', source()).warnings).toEqual([]);
  });

  it('chooses among several series: the one the SEG names, else the one whose images it references', () => {
    const decoy = source({ id: 'DECOY', seriesInstanceUid: '1.2.999.41', frames: [{ sopInstanceUid: '7.7', frameIndex: 0 }] });
    const named = makeSeg({ referencedSeries: '1.2.999.40', frames: [{ segment: 1, art: A, ipp: [10, 20, 34] }] });
    expect(importSeg(named, 'n.dcm', [decoy, source()]).seriesId).toBe('SRC');
    expect(importSeg(bytes, 'r.dcm', [decoy, source()]).seriesId).toBe('SRC');
    const none = importSeg(makeSeg({ frames: [{ segment: 1, art: A, ipp: [10, 20, 34] }] }), 'x.dcm', [decoy, source({ id: 'OTHER', frames: [] })]);
    expect(none.gridSource).toBe('segGeometry');
    expect(none.warnings[0]).toMatch(/none of the 2 series/);
  });

  it('refuses placing by position alone on a series of another frame of reference', () => {
    const seg = makeSeg({ frameOfReference: '1.2.999.77', frames: [{ segment: 1, art: A, ipp: [10, 20, 34] }] });
    expect(failure(() => importSeg(seg, 'for.dcm', source()))).toMatchObject({ code: 'GEOMETRY_MISMATCH', message: expect.stringMatching(/frame of reference/) });
  });
});

describe('SEG import on its own grid', () => {
  it('derives the grid from the frames: spacing, orientation, positions on a regular stack', () => {
    const seg = makeSeg({ frames: [{ segment: 1, art: A, ipp: [10, 20, 34] }, { segment: 2, art: B, ipp: [10, 20, 30] }, { segment: 1, art: C, ipp: [10, 20, 32] }] });
    const r = importSeg(seg, 'own.dcm');
    expect(r.gridSource).toBe('segGeometry');
    expect(r.seriesId).toBe('seg:1.2.999.1');
    expect(r.grid).toEqual({ dims: [5, 3, 3], spacingMm: [0.5, 0.8, 2], originLps: [10, 20, 30], direction: [1, 0, 0, 0, 1, 0, 0, 0, 1] });
    expect(sliceArt(r.segments[0]!.mask, 2)).toEqual(A);
    expect(sliceArt(r.segments[0]!.mask, 1)).toEqual(C);
    expect(sliceArt(r.segments[1]!.mask, 0)).toEqual(B);
  });

  it('merges frames of one segment at one position', () => {
    const seg = makeSeg({ frames: [{ segment: 1, art: A, ipp: [10, 20, 30] }, { segment: 1, art: C, ipp: [10, 20, 30] }] });
    const r = importSeg(seg, 'twice.dcm');
    expect(r.grid.dims).toEqual([5, 3, 1]);
    expect(sliceArt(r.segments[0]!.mask, 0)).toEqual(['#....', '.##..', '....#']);
    expect(sliceArt(importSeg(makeSeg({ frames: [{ segment: 1, art: B, ipp: [10, 20, 30] }, { segment: 1, art: C, ipp: [10, 20, 30] }] }), 't.dcm').segments[0]!.mask, 0)).toEqual(['#####', '..#..', '#...#']);
  });

  it('uses SpacingBetweenSlices for the step and leaves slices between frames empty', () => {
    const seg = makeSeg({ spacingBetweenSlices: 1, frames: [{ segment: 1, art: A, ipp: [10, 20, 30] }, { segment: 1, art: C, ipp: [10, 20, 33] }] });
    const r = importSeg(seg, 'gap.dcm');
    expect(r.grid.dims).toEqual([5, 3, 4]);
    expect(nonEmptySlices(r.segments[0]!.mask)).toEqual([0, 3]);
  });

  it('refuses irregular stacks and frames without a position', () => {
    const irregular = makeSeg({ frames: [{ segment: 1, art: A, ipp: [10, 20, 30] }, { segment: 1, art: A, ipp: [10, 20, 31.9] }, { segment: 1, art: A, ipp: [10, 20, 34] }] });
    expect(failure(() => importSeg(irregular, 'i.dcm'))).toMatchObject({ code: 'UNSUPPORTED_SEG', message: expect.stringMatching(/regular stack/) });
    const unplaced = makeSeg({ frames: [{ segment: 1, art: A, refs: [{ uid: '1.9.1' }] }] });
    expect(failure(() => importSeg(unplaced, 'u.dcm'))).toMatchObject({ code: 'UNSUPPORTED_SEG', message: expect.stringMatching(/no position/) });
  });
});

describe('SEGs that are refused, with the reason', () => {
  const frames: FrameSpec[] = [{ segment: 1, art: A, ipp: [10, 20, 30] }];
  it.each([
    ['fractional', { type: 'FRACTIONAL', bitsAllocated: 8 }, 'UNSUPPORTED_SEG', /FRACTIONAL/],
    ['label map', { sopClass: LABEL_MAP_SEG_SOP_CLASS_UID }, 'UNSUPPORTED_SEG', /label-map/],
    ['an MR image', { sopClass: '1.2.840.10008.5.1.4.1.1.4' }, 'UNSUPPORTED_SEG', /not a DICOM Segmentation/],
    ['binary with 8 bits', { bitsAllocated: 8 }, 'UNSUPPORTED_SEG', /1 bit/],
    ['no segments', { segments: [] }, 'UNSUPPORTED_SEG', /SegmentSequence/],
    ['unknown segment', { frames: [{ segment: 7, art: A, ipp: [10, 20, 30] as Vec3 }] }, 'UNSUPPORTED_SEG', /segment 7/],
    ['short pixel data', { frames: [...frames, ...frames, ...frames], dropBytes: 4 }, 'TRUNCATED', /incomplete/],
    ['compressed', { encapsulated: true, transferSyntaxUid: TS.rle }, 'UNSUPPORTED_SEG', /compressed/],
  ] as Array<[string, Partial<SegSpec>, string, RegExp]>)('%s', (_, spec, code, reason) => {
    const bytes = makeSeg({ frames, ...spec });
    expect(failure(() => importSeg(bytes, 'bad.dcm'))).toMatchObject({ code, message: expect.stringMatching(reason) });
  });

  it('names the file in the error', () => {
    const bytes = makeSeg({ frames, type: 'FRACTIONAL', bitsAllocated: 8 });
    try {
      importSeg(bytes, 'probabilities.dcm');
    } catch (e) {
      expect((e as HccError).toInfo()).toMatchObject({ code: 'UNSUPPORTED_SEG', fileName: 'probabilities.dcm' });
    }
  });
});

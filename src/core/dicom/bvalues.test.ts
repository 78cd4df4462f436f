import { describe, expect, it } from 'vitest';
import { readBValue } from './bvalues';
import { parseDataSet } from './dataset';
import { asciiBytes, el, makeDicom, TS } from './testing/make-dicom';
import type { DicomElements } from './testing/make-dicom';

/** A diffusion-looking image (EPI) plus the given elements. */
function bOf(elements: DicomElements, transferSyntaxUid: string = TS.explicitLE, scanning = 'EP') {
  const file = makeDicom({ '00080016': el.str('UI', '1.2.3'), '00180020': el.str('CS', scanning), ...elements }, { transferSyntaxUid });
  return readBValue(parseDataSet(file, 'b.dcm').dataSet);
}

const float32Bytes = (v: number): Uint8Array => {
  const out = new Uint8Array(4);
  new DataView(out.buffer).setFloat32(0, v, true);
  return out;
};

describe('standard DiffusionBValue (0018,9087)', () => {
  it('is read as FD', () => {
    expect(bOf({ '00189087': el.num('FD', 800) })).toEqual({ bValue: 800, source: '(0018,9087)' });
  });
  it('is read in implicit VR', () => {
    expect(bOf({ '00189087': el.num('FD', 50) }, TS.implicitLE)).toEqual({ bValue: 50, source: '(0018,9087)' });
  });
  it('wins over a vendor tag', () => {
    const b = bOf({ '00189087': el.num('FD', 400), '00190010': el.str('LO', 'SIEMENS MR HEADER'), '0019100C': el.str('IS', '1000') });
    expect(b).toEqual({ bValue: 400, source: '(0018,9087)' });
  });
});

describe('Siemens (0019,100C)', () => {
  const creator = { '00190010': el.str('LO', 'SIEMENS MR HEADER') };
  it('is read as IS under its creator (explicit and implicit VR)', () => {
    expect(bOf({ ...creator, '0019100C': el.str('IS', '1000') })).toEqual({ bValue: 1000, source: 'Siemens (0019,100C)' });
    expect(bOf({ ...creator, '0019100C': el.str('IS', '1000') }, TS.implicitLE)).toEqual({ bValue: 1000, source: 'Siemens (0019,100C)' });
  });
  it('is read from raw bytes when stored as UN', () => {
    expect(bOf({ ...creator, '0019100C': el.bytes('UN', asciiBytes('800')) })?.bValue).toBe(800);
  });
  it('is ignored without the right creator', () => {
    expect(bOf({ '0019100C': el.str('IS', '1000') })).toBeNull();
    expect(bOf({ '00190010': el.str('LO', 'GEMS_PARM_01'), '0019100C': el.str('IS', '1000') })).toBeNull();
  });
});

describe('GE (0043,1039)', () => {
  const creator = { '00430010': el.str('LO', 'GEMS_PARM_01') };
  it('takes the first value', () => {
    expect(bOf({ ...creator, '00431039': el.str('IS', '500', '8', '0', '0') })).toEqual({ bValue: 500, source: 'GE (0043,1039)' });
  });
  it('removes the 1e9 offset some software versions add', () => {
    expect(bOf({ ...creator, '00431039': el.str('IS', '1000000800', '8', '0', '0') })?.bValue).toBe(800);
    expect(bOf({ ...creator, '00431039': el.str('IS', '1000000000', '8', '0', '0') })?.bValue).toBe(0);
  });
  it('is read in implicit VR', () => {
    expect(bOf({ ...creator, '00431039': el.str('IS', '1000001000', '8', '0', '0') }, TS.implicitLE)?.bValue).toBe(1000);
  });
  it('is ignored on images that are not diffusion (GE reuses the tag)', () => {
    expect(bOf({ ...creator, '00431039': el.str('IS', '3', '8', '0', '0') }, TS.explicitLE, 'GR')).toBeNull();
  });
});

describe('Philips (2001,1003)', () => {
  const creator = { '20010010': el.str('LO', 'Philips Imaging DD 001') };
  it('is read as FL (explicit, implicit, UN)', () => {
    expect(bOf({ ...creator, '20011003': el.num('FL', 800) })).toEqual({ bValue: 800, source: 'Philips (2001,1003)' });
    expect(bOf({ ...creator, '20011003': el.num('FL', 800) }, TS.implicitLE)?.bValue).toBe(800);
    expect(bOf({ ...creator, '20011003': el.bytes('UN', float32Bytes(150)) })?.bValue).toBe(150);
  });
  it('b=0 counts on diffusion images only (Philips writes 0 on every MR image)', () => {
    expect(bOf({ ...creator, '20011003': el.num('FL', 0) })?.bValue).toBe(0);
    expect(bOf({ ...creator, '20011003': el.num('FL', 0) }, TS.explicitLE, 'SE')).toBeNull();
  });
});

describe('ImageComments as a last resort', () => {
  it.each([
    ['b=800', 800],
    ['b800', 800],
    ['DWI b 50 trace', 50],
    ['B=1000', 1000],
  ])('%s -> %d', (comment, expected) => {
    expect(bOf({ '00204000': el.str('LT', comment) }, TS.explicitLE, 'GR')).toEqual({ bValue: expected, source: 'ImageComments (0020,4000)' });
  });
  it.each(['abc800', 'b800x', 'contrast bolus', ''])('ignores %j', (comment) => {
    expect(bOf({ '00204000': el.str('LT', comment) }, TS.explicitLE, 'GR')).toBeNull();
  });
});

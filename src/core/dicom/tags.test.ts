import { describe, expect, it } from 'vitest';
import { parseDataSet } from './dataset';
import {
  DEFAULT_RESCALE_INTERCEPT,
  DEFAULT_RESCALE_SLOPE,
  PRIVATE_TAGS,
  TAGS,
  formatTag,
  getNumber,
  getNumbers,
  getRescale,
  getString,
  getStrings,
  getTimeSec,
  parseDateTimeSec,
  parseDecimalString,
  parseTimeSec,
  readNumberAs,
  resolvePrivateTag,
} from './tags';
import { el, makeDicom, TS } from './testing/make-dicom';
import type { DicomElements } from './testing/make-dicom';

const dataSetOf = (elements: DicomElements, transferSyntaxUid: string = TS.explicitLE) =>
  parseDataSet(makeDicom({ '00080016': el.str('UI', '1.2.3'), ...elements }, { transferSyntaxUid }), 'x.dcm').dataSet;

describe('tag table', () => {
  it('uses dicom-parser keys and unique tags', () => {
    const tags = Object.values(TAGS).map((d) => d.tag);
    expect(new Set(tags).size).toBe(tags.length);
    for (const tag of tags) expect(tag).toMatch(/^x[0-9a-f]{8}$/);
    expect(TAGS.PixelSpacing.tag).toBe('x00280030');
    expect(formatTag('x0019100c')).toBe('(0019,100C)');
  });
});

describe('TM / DT / DS parsing', () => {
  it('turns TM into seconds since midnight', () => {
    expect(parseTimeSec('123456.5')).toBeCloseTo(12 * 3600 + 34 * 60 + 56.5, 9);
    expect(parseTimeSec('0830')).toBe(8 * 3600 + 30 * 60);
    expect(parseTimeSec('08')).toBe(8 * 3600);
    expect(parseTimeSec('11:11:11.111')).toBeCloseTo(11 * 3600 + 11 * 60 + 11.111, 9); // ACR-NEMA style
    expect(parseTimeSec(' 000000 ')).toBe(0);
  });
  it('refuses malformed TM', () => {
    for (const bad of ['', 'abc', '2500', '1260', '12.5', '1234567']) expect(parseTimeSec(bad)).toBeNull();
  });
  it('takes the time of day of a DT, ignoring the UTC offset', () => {
    expect(parseDateTimeSec('20120310163520.32')).toBeCloseTo(16 * 3600 + 35 * 60 + 20.32, 9);
    expect(parseDateTimeSec('20120310163520.32+0100')).toBeCloseTo(16 * 3600 + 35 * 60 + 20.32, 9);
    expect(parseDateTimeSec('20120310')).toBeNull();
  });
  it('parses DS / IS text, null for empty or junk (never NaN)', () => {
    expect(parseDecimalString(' 1.5 ')).toBe(1.5);
    expect(parseDecimalString('-4096.0')).toBe(-4096);
    expect(parseDecimalString('1e-3')).toBe(0.001);
    expect(parseDecimalString('')).toBeNull();
    expect(parseDecimalString('n/a')).toBeNull();
  });
});

describe('typed getters', () => {
  const elements: DicomElements = {
    '00080008': el.str('CS', 'ORIGINAL', 'PRIMARY', 'M'),
    '00080032': el.str('TM', '101500'),
    '00200032': el.str('DS', '-10.5', '20', '3.25'),
    '00280010': el.num('US', 320),
    '00280011': el.num('US', 260),
    '00200013': el.num('IS', 42),
  };
  for (const [name, ts] of [['explicit LE', TS.explicitLE], ['implicit LE', TS.implicitLE], ['explicit BE', TS.explicitBE]] as const) {
    it(`reads strings, numbers and lists (${name})`, () => {
      const ds = dataSetOf(elements, ts);
      expect(getStrings(ds, TAGS.ImageType)).toEqual(['ORIGINAL', 'PRIMARY', 'M']);
      expect(getString(ds, TAGS.ImageType, 1)).toBe('PRIMARY');
      expect(getNumber(ds, TAGS.Rows)).toBe(320);
      expect(getNumber(ds, TAGS.Columns)).toBe(260);
      expect(getNumber(ds, TAGS.InstanceNumber)).toBe(42);
      expect(getNumbers(ds, TAGS.ImagePositionPatient)).toEqual([-10.5, 20, 3.25]);
      expect(getTimeSec(ds, TAGS.AcquisitionTime)).toBe(10 * 3600 + 15 * 60);
      expect(getString(ds, TAGS.SeriesDescription)).toBe('');
      expect(getNumber(ds, TAGS.EchoTime)).toBeNull();
      expect(getNumbers(ds, TAGS.PixelSpacing)).toBeNull();
    });
  }

  it('lets a real VR in the file win over the table VR (DiffusionBValue written as DS)', () => {
    const ds = dataSetOf({ '00189087': el.str('DS', '800') });
    expect(getNumber(ds, TAGS.DiffusionBValue)).toBe(800);
  });

  it('decodes by the table VR when the file says UN', () => {
    const ds = dataSetOf({ '00280010': el.bytes('UN', new Uint8Array([0x40, 0x01])) });
    expect(getNumber(ds, TAGS.Rows)).toBe(0x0140);
  });
});

describe('rescale defaults', () => {
  it('are slope 1 and intercept 0', () => {
    expect(DEFAULT_RESCALE_SLOPE).toBe(1);
    expect(DEFAULT_RESCALE_INTERCEPT).toBe(0);
  });
  it('apply when the attributes are absent', () => {
    expect(getRescale(dataSetOf({}))).toEqual({ slope: 1, intercept: 0 });
  });
  it('apply to each one that is empty, independently', () => {
    const ds = dataSetOf({ '00281053': el.str('DS'), '00281052': el.str('DS', '-1024') });
    expect(getRescale(ds)).toEqual({ slope: 1, intercept: -1024 });
  });
  it('read stored values', () => {
    const ds = dataSetOf({ '00281053': el.str('DS', '2.5'), '00281052': el.str('DS', '-4096') });
    expect(getRescale(ds)).toEqual({ slope: 2.5, intercept: -4096 });
  });
});

describe('private tags', () => {
  it('resolve through the block the creator reserved', () => {
    const ds = dataSetOf({
      '00190010': el.str('LO', 'OTHER VENDOR'),
      '0019100C': el.str('IS', '5'),
      '00190011': el.str('LO', 'SIEMENS MR HEADER'),
      '0019110C': el.str('IS', '1000'),
    });
    const tag = resolvePrivateTag(ds, PRIVATE_TAGS.SiemensBValue);
    expect(tag).toBe('x0019110c');
    expect(readNumberAs(ds, tag!, 'IS')).toBe(1000);
  });
  it('are not found without their creator', () => {
    const ds = dataSetOf({ '0019100C': el.str('IS', '1000') });
    expect(resolvePrivateTag(ds, PRIVATE_TAGS.SiemensBValue)).toBeNull();
  });
});

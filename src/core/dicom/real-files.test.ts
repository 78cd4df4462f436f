/**
 * Real scanner files shipped with pydicom and nibabel. Expected values were read with pydicom 2.3
 * (dcmread, pixel_array, RescaleSlope/Intercept), never with the code under test.
 */
import { existsSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { HccError } from '../errors';
import { ingestFiles } from './ingest';
import type { SeriesVolume } from './model';
import { parseInstance } from './parse';
import { readVolume } from './read-volume';

const PYDICOM = '/usr/lib/python3/dist-packages/pydicom/data/test_files';
const NIBABEL = '/usr/lib/python3/dist-packages/nibabel/nicom/tests/data';

function load(path: string): Uint8Array {
  const raw = new Uint8Array(readFileSync(path));
  return path.endsWith('.gz') ? new Uint8Array(gunzipSync(raw)) : raw;
}

function refusal(path: string): { code: string; message: string } {
  try {
    parseInstance(load(path), path.split('/').pop()!);
  } catch (error) {
    if (error instanceof HccError) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error(`${path} was not refused`);
}

/** The one volume of a single-file ingest, read back with its own bytes. */
function onlyVolume(path: string): { volume: SeriesVolume; bytes: Uint8Array } {
  const bytes = load(path);
  const tree = ingestFiles([{ name: 'f.dcm', bytes }]);
  expect(tree.errors).toEqual([]);
  const volumes = tree.patients.flatMap((p) => p.studies.flatMap((s) => s.series));
  expect(volumes).toHaveLength(1);
  return { volume: volumes[0]!, bytes };
}

const at = (data: Float32Array, columns: number, row: number, column: number): number => data[column + row * columns]!;

describe.skipIf(!existsSync(PYDICOM))(`pydicom test files (${PYDICOM}; skipped when pydicom's data is not installed)`, () => {
  const p = (name: string) => `${PYDICOM}/${name}`;

  describe.each([
    ['MR_small.dcm', '1.2.840.10008.1.2.1'],
    ['MR_small_implicit.dcm', '1.2.840.10008.1.2'],
    ['MR_small_bigendian.dcm', '1.2.840.10008.1.2.2'],
    ['MR_small_expb.dcm', '1.2.840.10008.1.2.2'],
    ['MR_small_padded.dcm', '1.2.840.10008.1.2.1'],
  ])('%s', (name, transferSyntaxUid) => {
    it('parses the header as pydicom does', () => {
      const h = parseInstance(load(p(name)), name);
      expect(h).toMatchObject({ transferSyntaxUid, rows: 64, columns: 64, modality: 'MR', manufacturer: 'TOSHIBA_MEC', patientId: '4MR1', echoTimeMs: 240, repetitionTimeMs: 4000, studyDate: '20040826' });
      expect(h.seriesInstanceUid).toBe('1.3.6.1.4.1.5962.1.3.4.1.20040826185059.5457');
      expect(h.frames[0]).toMatchObject({ imagePositionPatient: [-83.9063, -91.2, 6.6406], imageOrientationPatient: [1, 0, 0, 0, 1, 0], pixelSpacingMm: [0.3125, 0.3125], sliceThicknessMm: 0.8, rescaleSlope: 1, rescaleIntercept: 0 });
    });
    it('decodes the same pixel values as pydicom', () => {
      const { volume, bytes } = onlyVolume(p(name));
      const v = readVolume(volume, () => bytes);
      expect(v.dims).toEqual([64, 64, 1]);
      expect(v.spacingMm).toEqual([0.3125, 0.3125, 0.8]);
      expect(at(v.data, 64, 0, 0)).toBe(905);
      expect(at(v.data, 64, 10, 20)).toBe(316);
      expect(at(v.data, 64, 63, 63)).toBe(862);
      expect(v.data.reduce((a, b) => a + b, 0)).toBe(2125338);
      expect(Math.min(...v.data)).toBe(127);
      expect(Math.max(...v.data)).toBe(2145);
    });
  });

  it.each(['MR_small_RLE.dcm', 'MR_small_jpeg_ls_lossless.dcm', 'MR_small_jp2klossless.dcm'])(
    '%s: header parsed, pixels left to the browser decoder',
    (name) => {
      const h = parseInstance(load(p(name)), name);
      expect(h.rows).toBe(64);
      expect(h.frames[0]!.pixel).toEqual({ encapsulated: true });
      const { volume, bytes } = onlyVolume(p(name));
      expect(() => readVolume(volume, () => bytes)).toThrow(/decoded by the browser viewer/);
    },
  );

  it('CT_small.dcm: rescale intercept -1024 applied', () => {
    const { volume, bytes } = onlyVolume(p('CT_small.dcm'));
    expect(volume.frames[0]).toMatchObject({ rescaleSlope: 1, rescaleIntercept: -1024 });
    const v = readVolume(volume, () => bytes);
    expect(v.dims).toEqual([128, 128, 1]);
    expect(at(v.data, 128, 0, 0)).toBe(-849);
    expect(at(v.data, 128, 10, 20)).toBe(-839);
    expect(at(v.data, 128, 127, 127)).toBe(-115);
    expect(v.data.reduce((a, b) => a + b, 0)).toBe(-1950906);
  });

  it('MR_truncated.dcm -> TRUNCATED', () => expect(refusal(p('MR_truncated.dcm')).code).toBe('TRUNCATED'));
  it('test-SR.dcm -> NOT_AN_IMAGE (structured report)', () => {
    expect(refusal(p('test-SR.dcm'))).toMatchObject({ code: 'NOT_AN_IMAGE', message: expect.stringMatching(/structured report/) });
  });
  it('rtplan.dcm -> NOT_AN_IMAGE', () => expect(refusal(p('rtplan.dcm')).code).toBe('NOT_AN_IMAGE'));
  it('image_dfl.dcm (deflate) -> UNSUPPORTED_TRANSFER_SYNTAX', () => {
    expect(refusal(p('image_dfl.dcm'))).toMatchObject({ code: 'UNSUPPORTED_TRANSFER_SYNTAX', message: expect.stringMatching(/Deflated/) });
  });
  it('ExplVR_BigEndNoMeta.dcm / ExplVR_LitEndNoMeta.dcm: bare data sets read (an RT plan, so NOT_AN_IMAGE)', () => {
    for (const name of ['ExplVR_BigEndNoMeta.dcm', 'ExplVR_LitEndNoMeta.dcm']) {
      expect(refusal(p(name))).toMatchObject({ code: 'NOT_AN_IMAGE', message: expect.stringMatching(/radiotherapy/) });
    }
  });
  it('no_meta.dcm -> NOT_DICOM (it starts one byte early, with the last meta byte; pydicom reads only garbage from it too)', () => {
    expect(refusal(p('no_meta.dcm')).code).toBe('NOT_DICOM');
  });
});

describe.skipIf(!existsSync(NIBABEL))(`nibabel test files (${NIBABEL}; skipped when nibabel's data is not installed)`, () => {
  const n = (name: string) => `${NIBABEL}/${name}`;

  describe('philips_mprage.dcm.gz (Philips enhanced multi-frame MR)', () => {
    // Parsed inside the test: a skipped suite's body still runs at collection time.
    const header = () => parseInstance(load(n('philips_mprage.dcm.gz')), 'mprage.dcm');
    const iop = [-0.0022011068649, 0.99788552522659, -0.0649590045213, -0.0337935090065, -0.0649962872266, -0.9973131418228];

    it('has 176 frames of 256 x 256 with per-frame positions', () => {
      const h = header();
      expect(h).toMatchObject({ sopClassUid: '1.2.840.10008.5.1.4.1.1.4.1', rows: 256, columns: 256, numberOfFrames: 176, manufacturer: 'Philips Medical Systems' });
      expect(h.frames).toHaveLength(176);
      expect(h.frames[0]!.imagePositionPatient).toEqual([92.7090416119899, -125.12766968458, 136.495256863534]);
      expect(h.frames[1]!.imagePositionPatient).toEqual([91.7096061871852, -125.12766968458, 136.529122076928]);
      expect(h.frames[175]!.imagePositionPatient).toEqual([-82.190830214181, -125.12766968458, 142.421648465096]);
      expect(h.frames[0]!.imageOrientationPatient).toEqual(iop);
      expect(h.frames[0]).toMatchObject({ pixelSpacingMm: [1, 1], sliceThicknessMm: 1, rescaleSlope: 2.1079365079365, rescaleIntercept: 0, temporalPositionIdentifier: 1 });
      expect(h.frames[0]!.acquisitionTimeSec).toBeCloseTo(16 * 3600 + 35 * 60 + 20.32, 6);
    });

    it('forms one regular volume (numpy: normal . IPP ascending in stored order, median step 1.0000014 mm)', () => {
      const { volume, bytes } = onlyVolume(n('philips_mprage.dcm.gz'));
      expect(volume.frames.map((f) => f.frameIndex)).toEqual([...Array(176).keys()]);
      const g = volume.geometry!;
      expect(g.issues).toEqual([]);
      expect(g.dims).toEqual([256, 256, 176]);
      expect(g.spacingMm[0]).toBe(1);
      expect(g.spacingMm[1]).toBe(1);
      expect(g.spacingMm[2]).toBeCloseTo(1.0000014074100108, 6);
      expect(g.originLps).toEqual([92.7090416119899, -125.12766968458, 136.495256863534]);
      const normal = [-0.9994264424590458, -9.857732642323813e-11, 0.03386511725820823];
      g.direction.slice(6).forEach((c, i) => expect(c).toBeCloseTo(normal[i]!, 9));
      const v = readVolume(volume, () => bytes);
      expect(v.data.length).toBe(256 * 256 * 176);
      expect(Math.max(...v.data.subarray(0, 65536))).toBe(0); // pydicom: pixel_array.max() == 0 (the file's pixels are blanked)
    });
  });

  it.each(['siemens_dwi_0.dcm.gz', 'siemens_dwi_1000.dcm.gz', '0.dcm', '1.dcm', 'csa_slice_norm.dcm'])('%s (Siemens mosaic) -> UNSUPPORTED_IMAGE', (name) => {
    expect(refusal(n(name))).toMatchObject({ code: 'UNSUPPORTED_IMAGE', message: expect.stringMatching(/MOSAIC/) });
  });

  it('decimal_rescale.dcm: slope "2.0" and intercept "-4096.0", no UIDs but still loads', () => {
    const { volume, bytes } = onlyVolume(n('decimal_rescale.dcm'));
    expect(volume.header).toMatchObject({ rows: 96, columns: 128, bitsStored: 12, echoTimeMs: 2.5, repetitionTimeMs: 50 });
    expect(volume.frames[0]).toMatchObject({ rescaleSlope: 2, rescaleIntercept: -4096 });
    const v = readVolume(volume, () => bytes);
    expect(v.dims).toEqual([128, 96, 1]);
    expect(v.data.every((x) => x === -4096)).toBe(true); // pydicom: all stored values 0
  });

  it('slicethickness_empty_string.dcm: empty SliceThickness is null, ACR-NEMA time parsed, JPEG 2000 kept encapsulated', () => {
    const h = parseInstance(load(n('slicethickness_empty_string.dcm')), 's.dcm');
    expect(h).toMatchObject({ rows: 384, columns: 384, transferSyntaxUid: '1.2.840.10008.1.2.4.90' });
    expect(h.frames[0]).toMatchObject({ sliceThicknessMm: null, pixel: { encapsulated: true } });
    expect(h.frames[0]!.acquisitionTimeSec).toBeCloseTo(11 * 3600 + 11 * 60 + 11.111, 6);
  });
});

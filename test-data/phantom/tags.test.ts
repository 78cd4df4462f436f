import { beforeAll, describe, expect, it } from 'vitest';
import { ensurePhantom } from './cache';
import type { PhantomManifest } from './generate';
import type { PhantomTruth } from './truth';
import { readFiles, type ReadImage } from './testing/read-back';
import { readManifest } from './testing/load-time-point';

// Vendor-realistic naming and tags: what phase classification and ingest have to work with.
let dir: string;
let truth: PhantomTruth;
let manifest: PhantomManifest;
const series = new Map<string, ReadImage[]>();

beforeAll(async () => {
  ({ dir, truth } = await ensurePhantom({ seed: 42, size: [128, 128, 40] }));
  manifest = readManifest(dir);
  for (const tp of manifest.timePoints) for (const s of tp.series) series.set(`${tp.label}/${s.phase}`, readFiles(dir, s.files));
});

const first = (key: string): ReadImage => series.get(key)![0]!;
const str = (im: ReadImage, tag: string): string | undefined => im.ds.string(tag);
const seconds = (tm: string): number => Number(tm.slice(0, 2)) * 3600 + Number(tm.slice(2, 4)) * 60 + Number(tm.slice(4));

describe('baseline (Siemens style)', () => {
  it('names all four dynamic series t1_vibe_fs_tra_dyn, told apart by contrast tags and timing', () => {
    const phases = ['t1_pre', 'arterial', 'portal_venous', 'delayed'];
    const ims = phases.map((p) => first(`baseline/${p}`));
    expect(new Set(ims.map((im) => str(im, 'x0008103e')))).toEqual(new Set(['t1_vibe_fs_tra_dyn']));
    expect(str(ims[0]!, 'x00180010') ?? '').toBe('');
    expect(ims[0]!.ds.elements.x00180010).toBeDefined();
    const bolus = seconds(str(ims[1]!, 'x00181042')!);
    const delays = ims.slice(1).map((im) => seconds(str(im, 'x00080032')!) - bolus);
    expect(delays).toEqual([25, 70, 180]);
    expect(seconds(str(ims[0]!, 'x00080032')!)).toBeLessThan(bolus);
    for (const im of ims.slice(1)) expect(str(im, 'x00180010')).toBe('Dotarem');
  });

  it('DWI: b-values in (0018,9087) and Siemens (0019,100C) with its private creator; ADC map is DERIVED', () => {
    const dwi = series.get('baseline/dwi')!;
    expect(new Set(dwi.map((im) => im.ds.double('x00189087')))).toEqual(new Set([0, 50, 400, 800]));
    for (const im of dwi) {
      expect(str(im, 'x00190010')).toBe('SIEMENS MR HEADER');
      expect(Number(str(im, 'x0019100c'))).toBe(im.ds.double('x00189087'));
    }
    expect(str(first('baseline/dwi'), 'x0008103e')).toBe('ep2d_diff_b0_50_400_800_tra');
    const adc = first('baseline/adc');
    expect(str(adc, 'x0008103e')).toBe('ep2d_diff_b0_50_400_800_tra_ADC');
    expect(str(adc, 'x00080008')).toBe('DERIVED\\PRIMARY\\DIFFUSION\\ADC');
    expect(str(first('baseline/t2'), 'x0008103e')).toBe('t2_haste_tra');
    expect(first('baseline/t2').ds.floatString('x00180081')).toBeGreaterThan(60);
  });
});

describe('follow-up (GE style)', () => {
  it('names the phases in the descriptions and leaves the bolus start time out', () => {
    const names = ['t1_pre', 'arterial', 'portal_venous', 'delayed', 't2', 'dwi', 'adc'].map((p) => str(first(`follow-up/${p}`), 'x0008103e'));
    expect(names).toEqual(['Ax LAVA-Flex PRE', 'Ax LAVA-Flex ART', 'Ax LAVA-Flex PV', 'Ax LAVA-Flex 3 MIN', 'Ax T2 SSFSE', 'Ax DWI b0,50,400,800', 'ADC (10^-6 mm^2/s)']);
    expect(str(first('follow-up/arterial'), 'x00080070')).toBe('GE MEDICAL SYSTEMS');
    expect(first('follow-up/arterial').ds.elements.x00181042).toBeUndefined();
  });

  it('DWI b-values only in GE (0043,1039) with 1e9 added', () => {
    for (const im of series.get('follow-up/dwi')!) {
      expect(im.ds.elements.x00189087).toBeUndefined();
      expect(str(im, 'x00430010')).toBe('GEMS_PARM_01');
      const values = str(im, 'x00431039')!.split('\\').map(Number);
      expect(values.slice(1)).toEqual([8, 0, 0]);
      expect(values[0]! - 1e9).toBe(im.bValue);
    }
    expect(new Set(series.get('follow-up/dwi')!.map((im) => im.bValue))).toEqual(new Set([0, 50, 400, 800]));
  });

  it('stores the T2 series with RescaleSlope 0.25', () => {
    expect(first('follow-up/t2').slope).toBe(0.25);
    expect(first('baseline/t2').slope).toBe(1);
  });
});

describe('both time points', () => {
  it('differ in study, date and frame of reference; one patient', () => {
    const [b, f] = truth.timePoints;
    expect(b!.studyInstanceUid).not.toBe(f!.studyInstanceUid);
    expect(b!.frameOfReferenceUid).not.toBe(f!.frameOfReferenceUid);
    expect(b!.studyDate < f!.studyDate).toBe(true);
    const ids = new Set([...series.values()].flatMap((ims) => ims.map((im) => str(im, 'x00100020'))));
    expect(ids.size).toBe(1);
    for (const [key, ims] of series) {
      const tp = truth.timePoints.find((t) => key.startsWith(`${t.label}/`))!;
      for (const im of ims) {
        expect(str(im, 'x0020000d')).toBe(tp.studyInstanceUid);
        expect(str(im, 'x00200052')).toBe(tp.frameOfReferenceUid);
        expect(str(im, 'x00080016')).toBe('1.2.840.10008.5.1.4.1.1.4');
        expect(im.orientation).toEqual([1, 0, 0, 0, 1, 0]);
      }
    }
  });

  it('writes files out of order: InstanceNumber and file name do not follow slice position', () => {
    for (const [key, ims] of series) {
      const byPosition = [...ims].filter((im) => (im.bValue ?? 0) === 0).sort((a, b) => a.positionLps[2] - b.positionLps[2]);
      const numbers = byPosition.map((im) => im.instanceNumber);
      const ascending = numbers.every((n, i) => i === 0 || n > numbers[i - 1]!);
      const descending = numbers.every((n, i) => i === 0 || n < numbers[i - 1]!);
      expect(ascending || descending, key).toBe(false);
      const names = byPosition.map((im) => im.file);
      expect(names).not.toEqual([...names].sort());
    }
  });

  it('has unique SOP Instance UIDs and the expected image counts', () => {
    const uids = [...series.values()].flatMap((ims) => ims.map((im) => str(im, 'x00080018')));
    expect(new Set(uids).size).toBe(uids.length);
    for (const tp of truth.timePoints) {
      for (const s of tp.series) expect(series.get(`${tp.label}/${s.expectedPhase}`)!.length).toBe(s.images);
    }
    expect(truth.timePoints[0]!.series.find((s) => s.key === 'dwi')!.images).toBe(4 * truth.timePoints[0]!.grids.dwi.dims[2]);
  });
});

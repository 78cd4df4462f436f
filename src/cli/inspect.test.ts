// `hcc-response inspect` on the synthetic study, its broken variants and real scanner files.
// Expected phases and codes come from the generator's own records (truth.json, expected.json).
import { beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { ensurePhantom } from '../../test-data/phantom/cache';
import { runCli } from './main';

interface Captured {
  code: number;
  stdout: string;
  stderr: string;
}

async function cli(args: string[], cwd = process.cwd()): Promise<Captured> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), cwd });
  return { code, stdout, stderr };
}

type InspectJson = {
  summary: { filesRead: number; filesRejected: number; series: number; segmentations: number };
  segmentations: { fileName: string; studyInstanceUid: string; referencedSeriesInstanceUids: string[]; segmentLabels: string[] }[];
  patients: { patientId: string; timePoints: { label: string; studyInstanceUid: string; studyDate: string; series: InspectSeries[] }[] }[];
  errors: { fileName: string; code: string; message: string }[];
};
type InspectSeries = { seriesInstanceUid: string; seriesDescription: string; phase: string; confidence: number; reasons: string[]; slices: number; spacingMm: number[] | null; bValues: number[]; seriesBValues: number[]; bValueSource: string | null };

let dir = '';
let truth: { timePoints: { label: string; studyInstanceUid: string; studyDate: string; series: { seriesInstanceUid: string; expectedPhase: string; images: number; bValues: number[] | null }[] }[] };

beforeAll(async () => {
  ({ dir, truth } = (await ensurePhantom({ seed: 42, size: [64, 64, 20], variants: true })) as unknown as { dir: string; truth: typeof truth });
});

describe('inspect on the synthetic study', () => {
  it('classifies every series of both time points as the generator defined it', async () => {
    const r = await cli(['inspect', path.join(dir, 'baseline'), path.join(dir, 'follow-up'), '--json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as InspectJson;
    expect(j.errors).toEqual([]);
    // each time point's lesion SEG is recognised as a segmentation of its arterial series, not an error
    expect(j.segmentations.map((s) => [s.studyInstanceUid, s.referencedSeriesInstanceUids, s.segmentLabels])).toEqual(
      truth.timePoints.map((t) => [t.studyInstanceUid, [(t as unknown as { seriesByRole: { arterial: string } }).seriesByRole.arterial], ['Lesion 1', 'Lesion 2', 'Liver reference']]),
    );
    expect(j.patients).toHaveLength(1);
    const tps = j.patients[0]!.timePoints;
    expect(tps.map((t) => t.studyInstanceUid)).toEqual(truth.timePoints.map((t) => t.studyInstanceUid));
    expect(tps.map((t) => t.label)).toEqual(['Baseline', 'Follow-up 1']);
    for (const [i, tpTruth] of truth.timePoints.entries()) {
      const series = tps[i]!.series;
      for (const s of tpTruth.series) {
        const volumes = series.filter((v) => v.seriesInstanceUid === s.seriesInstanceUid);
        expect(volumes.length, s.seriesInstanceUid).toBeGreaterThan(0);
        for (const v of volumes) {
          expect(v.phase, `${tpTruth.label} ${v.seriesDescription}`).toBe(s.expectedPhase);
          expect(v.reasons.length).toBeGreaterThan(0);
        }
        if (s.bValues) {
          // one volume per b-value, each with all the slices of its b-value
          expect(volumes.map((v) => v.bValues[0]).sort((a, b) => a! - b!)).toEqual(s.bValues);
          expect(volumes.reduce((n, v) => n + v.slices, 0)).toBe(s.images);
        } else {
          expect(volumes).toHaveLength(1);
          expect(volumes[0]!.slices).toBe(s.images);
        }
      }
    }
  });

  it('reports the vendor tag each b-value came from (Siemens standard tag at baseline, GE private tag at follow-up)', async () => {
    const j = JSON.parse((await cli(['inspect', path.join(dir, 'baseline'), path.join(dir, 'follow-up'), '--json'])).stdout) as InspectJson;
    const dwi = (tp: number) => j.patients[0]!.timePoints[tp]!.series.filter((s) => s.phase === 'dwi');
    expect(dwi(0).every((s) => s.bValueSource === '(0018,9087)')).toBe(true);
    expect(dwi(1).every((s) => /GE/.test(s.bValueSource ?? ''))).toBe(true);
    expect(dwi(1)[0]!.seriesBValues).toEqual([0, 50, 400, 800]);
  });

  it('text output names patient, time points, phases with reasons and grids', async () => {
    const r = await cli(['inspect', path.join(dir, 'baseline')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Patient .* ID /);
    expect(r.stdout).toMatch(/Baseline {2}\d{4}-\d{2}-\d{2}/);
    expect(r.stdout).toMatch(/phase arterial \(\d+ %\)/);
    expect(r.stdout).toMatch(/\d+x\d+x\d+ @ [\d.]+x[\d.]+x[\d.]+ mm/);
    expect(r.stdout).toMatch(/b=0,50,400,800|b=800 s\/mm2/);
  });

  it('--phase overrides a classification', async () => {
    const j = JSON.parse((await cli(['inspect', path.join(dir, 'baseline'), '--json'])).stdout) as InspectJson;
    const delayed = j.patients[0]!.timePoints[0]!.series.find((s) => s.phase === 'delayed')!;
    const id = (delayed as unknown as { id: string }).id;
    const o = JSON.parse((await cli(['inspect', path.join(dir, 'baseline'), '--json', '--phase', `${id}=hepatobiliary`])).stdout) as InspectJson;
    const changed = o.patients[0]!.timePoints[0]!.series.find((s) => (s as unknown as { id: string }).id === id)!;
    expect(changed.phase).toBe('hepatobiliary');
    expect(changed.confidence).toBe(1);
  });
});

describe('inspect on broken input', () => {
  it('lists every bad file of a mixed folder with its code and still reports the good series', async () => {
    const mixed = path.join(dir, 'variants', 'mixed');
    const r = await cli(['inspect', mixed, '--json'], mixed);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as InspectJson;
    const expected = JSON.parse(readFileSync(path.join(dir, 'variants', 'broken', 'expected.json'), 'utf8')) as { files: { path: string; code: string }[] };
    const byFile = new Map(j.errors.map((e) => [e.fileName, e]));
    for (const f of expected.files) {
      const e = byFile.get(`broken_${path.basename(f.path)}`);
      expect(e?.code, f.path).toBe(f.code);
      expect(e!.message.length).toBeGreaterThan(10);
    }
    const phases = j.patients.flatMap((p) => p.timePoints.flatMap((t) => t.series.map((s) => s.phase)));
    expect(phases).toContain('arterial');
  });

  it('exits 1 with a clear message when nothing loads', async () => {
    const files = path.join(dir, 'variants', 'broken', 'files');
    const only = ['not-dicom.dcm', 'IM9999.dcm', 'no-pixel-data.dcm'].map((n) => path.join(files, n));
    const r = await cli(['inspect', ...only]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/nothing could be loaded: all 3 files were rejected/);
    expect(r.stdout).toMatch(/not-dicom\.dcm: NOT_DICOM/);
  });

  it('exits 1 for an empty folder and 2 for bad usage', async () => {
    const empty = mkdtempSync(path.join(tmpdir(), 'hcc-empty-'));
    expect((await cli(['inspect', empty])).code).toBe(1);
    expect((await cli(['inspect'])).code).toBe(2);
    expect((await cli(['inspect', dir, '--bogus'])).code).toBe(2);
    expect((await cli(['frobnicate'])).code).toBe(2);
    expect((await cli(['inspect', dir, '--phase', 'x=not-a-phase'])).code).toBe(2);
  });

  it('a missing path is reported as a file error', async () => {
    const r = await cli(['inspect', path.join(dir, 'baseline'), '/no/such/folder', '--json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as InspectJson;
    expect(j.errors).toContainEqual(expect.objectContaining({ code: 'READ_FAILED', fileName: '/no/such/folder' }));
  });
});

const pydicomFiles = '/usr/lib/python3/dist-packages/pydicom/data/test_files';
const nibabelFiles = '/usr/lib/python3/dist-packages/nibabel/nicom/tests/data';

describe.skipIf(!existsSync(pydicomFiles) || !existsSync(nibabelFiles))('inspect on real scanner files (Debian python3-pydicom, python3-nibabel)', () => {
  it('reads or clearly refuses every file; loads the MR series', async () => {
    const inputs = [
      ...['MR_small.dcm', 'MR_small_implicit.dcm', 'MR_small_bigendian.dcm', 'MR_small_RLE.dcm', 'MR_small_jpeg_ls_lossless.dcm', 'MR_truncated.dcm', 'test-SR.dcm', 'image_dfl.dcm'].map((f) => path.join(pydicomFiles, f)),
      ...['philips_mprage.dcm.gz', 'siemens_dwi_1000.dcm.gz', '0.dcm'].map((f) => path.join(nibabelFiles, f)),
    ];
    const r = await cli(['inspect', ...inputs, '--json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as InspectJson;
    const codeOf = (name: string) => j.errors.find((e) => e.fileName.endsWith(name))?.code;
    expect(codeOf('MR_truncated.dcm')).toBe('TRUNCATED');
    // a structured report is recognised and listed as such, not as an unreadable image
    expect(codeOf('test-SR.dcm')).toBeUndefined();
    expect((j as unknown as { otherObjects: { fileName: string; kind: string }[] }).otherObjects).toContainEqual(expect.objectContaining({ kind: 'structured-report' }));
    expect(codeOf('image_dfl.dcm')).toBe('UNSUPPORTED_TRANSFER_SYNTAX');
    expect(codeOf('siemens_dwi_1000.dcm.gz')).toBe('UNSUPPORTED_IMAGE');
    expect(j.errors.find((e) => e.fileName.endsWith('siemens_dwi_1000.dcm.gz'))!.message).toMatch(/mosaic/i);
    const series = j.patients.flatMap((p) => p.timePoints.flatMap((t) => t.series));
    // Philips enhanced multi-frame MPRAGE: one volume from one file, many frames
    const philips = series.find((s) => s.slices > 1 && s.seriesDescription !== '');
    expect(philips).toBeDefined();
    // every file is accounted for: loaded in a series or listed as an error
    expect(j.summary.filesRead).toBe(inputs.length);
  });
});

describe('the installed command', () => {
  it('`npx hcc-response --help` runs from the checkout', () => {
    const r = spawnSync('npx', ['hcc-response', '--help'], { encoding: 'utf8', cwd: path.resolve(__dirname, '../..') });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/usage: hcc-response/);
  });
});

// `hcc-response measure` on the synthetic study with the SEGs its generator writes: the numbers and
// categories of the ground truth (truth.json, computed from the phantom's definitions), valid DICOM
// outputs, and SEG / SR round trips.
import { beforeAll, describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { ensurePhantom } from '../../test-data/phantom/cache';
import { phantomRois } from '../../test-data/phantom/rois';
import { TIME_POINTS } from '../../test-data/phantom/definitions';
import type { PhantomTruth } from '../../test-data/phantom/truth';
import { parseMeasurements, importSr } from '../core/export';
import type { MeasurementsDocument } from '../core/measure/types';
import { importSeg } from '../core/roi/seg-import';
import { sparseToMask3D } from '../core/roi/sparse-mask';
import { loadInputs } from './load';
import { runCli } from './main';

async function cli(args: string[], cwd = process.cwd()) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), cwd });
  return { code, stdout, stderr };
}

let dir = '';
let truth: PhantomTruth;
let out = '';
let doc: MeasurementsDocument;
let run: Awaited<ReturnType<typeof cli>>;

beforeAll(async () => {
  ({ dir, truth } = await ensurePhantom({ seed: 42, size: [128, 128, 40], variants: true }));
  out = mkdtempSync(path.join(tmpdir(), 'hcc-measure-'));
  run = await cli(['measure', path.join(dir, 'baseline'), path.join(dir, 'follow-up'), '--out', out]);
  // parseMeasurements validates against the schema and throws on any problem
  doc = parseMeasurements(readFileSync(path.join(out, 'measurements.json'), 'utf8'));
});

const dciodvfy = spawnSync('sh', ['-c', 'command -v dciodvfy']).status === 0;

describe('measure on the generated study', () => {
  it('exits 0 and writes every output', () => {
    expect(run.code, run.stderr).toBe(0);
    for (const f of ['measurements.json', 'measurements.csv', 'response.csv', 'report.txt', 'sr.dcm', 'seg-00-baseline.dcm', 'seg-01-follow-up-1.dcm']) {
      expect(run.stdout).toContain(f);
    }
  });

  it('reproduces the ground truth within the compute tolerances', () => {
    expect(doc.timePoints.map((t) => t.studyInstanceUid)).toEqual(truth.timePoints.map((t) => t.studyInstanceUid));
    const tolMm = (truth.methods as { diameters: { toleranceMm: number } }).diameters.toleranceMm;
    for (const [i, tp] of truth.timePoints.entries()) {
      for (const [n, want] of tp.lesions.entries()) {
        const got = doc.timePoints[i]!.lesions[n]!;
        const where = `${tp.label} ${want.label}`;
        expect(got.label).toBe(want.label);
        expect(got.volumeMl, where).toBeCloseTo(want.volumeMl, 9); // exact to the voxel
        expect(got.enhancingVolumeMl, where).toBeCloseTo(want.enhancingVolumeMl, 9);
        expect(got.enhancingFraction, where).toBeCloseTo(want.enhancingFraction, 12);
        expect(Math.abs(got.adc!.meanMm2s - want.adc!.meanMm2s) / want.adc!.meanMm2s, where).toBeLessThan(0.01);
        expect(Math.abs(got.longestDiameterMm! - want.whole.analyticOnSlicesMm), where).toBeLessThanOrEqual(tolMm);
        expect(Math.abs(got.viableLongestDiameterMm! - want.viable.analyticOnSlicesMm), where).toBeLessThanOrEqual(tolMm);
        expect(got.t1RatioToLiver!, where).toBeCloseTo(want.t1RatioToLiver, 6);
        expect(got.t2RatioToLiver!, where).toBeCloseTo(want.t2RatioToLiver, 6);
        expect(got.t1HyperintenseFraction!, where).toBeCloseTo(want.t1HyperintenseFraction, 12);
      }
    }
  });

  it('gives the expected categories and the pseudo-progression flag on Lesion 1', () => {
    const r = doc.response[0]!;
    const want = truth.response[0]!.categories;
    for (const [id, category] of Object.entries(want)) expect(r.criteria[id as keyof typeof r.criteria].category, id).toBe(category);
    expect(doc.timePoints[1]!.lesions[0]!.flags.some((f) => f.startsWith('size-increase-with-loss-of-enhancement'))).toBe(true);
    expect(doc.timePoints[1]!.lesions[1]!.flags.some((f) => f.startsWith('size-increase-with-loss-of-enhancement'))).toBe(false);
    const report = readFileSync(path.join(out, 'report.txt'), 'utf8');
    expect(report).toMatch(/mRECIST PR/);
    expect(report).toMatch(/RECIST 1\.1 SD/);
    expect(report).toMatch(/possible necrotic swelling, not progression/);
  });

  it('the SR carries the same numbers (round trip)', () => {
    const sr = importSr(new Uint8Array(readFileSync(path.join(out, 'sr.dcm'))), 'sr.dcm');
    expect(sr.timePoints).toHaveLength(2);
    for (const [i, tp] of doc.timePoints.entries()) {
      for (const lesion of tp.lesions) {
        const back = sr.timePoints[i]!.lesions.find((l) => l.label === lesion.label)!;
        expect(back.template).toBe('1411');
        expect(back.volumeMl).toBe(lesion.volumeMl);
        expect(back.enhancingFraction).toBe(lesion.enhancingFraction);
        expect(back.longestDiameterMm).toBe(lesion.longestDiameterMm);
        expect(back.adcMeanMm2s).toBeCloseTo(lesion.adc!.meanMm2s, 15);
      }
    }
    expect(sr.responses[0]!.criteria.mrecist?.category).toBe('PR');
  });

  it('the SEG of each time point reads back voxel-identical tumour masks and the derived layers', () => {
    const loaded = loadInputs([path.join(dir, 'baseline'), path.join(dir, 'follow-up')], dir);
    const studies = loaded.tree.patients[0]!.studies;
    for (const [i, key] of TIME_POINTS.entries()) {
      const file = path.join(out, i === 0 ? 'seg-00-baseline.dcm' : 'seg-01-follow-up-1.dcm');
      const result = importSeg(new Uint8Array(readFileSync(file)), file, studies[i]!.series);
      const want = phantomRois(key, truth.timePoints[i]!);
      for (const lesion of want.lesions) {
        const seg = result.segments.find((s) => s.label === `Lesion ${lesion.lesionNumber}`)!;
        const { mask } = sparseToMask3D(seg.mask);
        expect(Buffer.from(mask.data).equals(Buffer.from(lesion.tumour!.data)), `${key} Lesion ${lesion.lesionNumber}`).toBe(true);
        const enhancing = result.segments.find((s) => s.label === `Lesion ${lesion.lesionNumber} enhancing`);
        const necrotic = result.segments.find((s) => s.label === `Lesion ${lesion.lesionNumber} necrotic`);
        const t = truth.timePoints[i]!.lesions[lesion.lesionNumber - 1]!;
        expect(enhancing?.voxelCount ?? 0).toBe(t.voxels.enhancing);
        expect(necrotic?.voxelCount ?? 0).toBe(t.voxels.necrotic);
        expect(enhancing?.algorithmType).toBe('SEMIAUTOMATIC');
      }
    }
  });

  it.skipIf(!dciodvfy)('dciodvfy reports no errors on the SR and SEGs', () => {
    for (const f of ['sr.dcm', 'seg-00-baseline.dcm', 'seg-01-follow-up-1.dcm']) {
      const r = spawnSync('dciodvfy', [path.join(out, f)], { encoding: 'utf8' });
      const errors = `${r.stdout}\n${r.stderr}`.split('\n').filter((l) => /^Error/.test(l));
      expect(errors, f).toEqual([]);
    }
  });
});

describe('measure: bad input gets a clear message', () => {
  it('no SEG among the inputs', async () => {
    const r = await cli(['measure', path.join(dir, 'follow-up', '0006_Ax_LAVA-Flex_ART'), '--out', mkdtempSync(path.join(tmpdir(), 'hcc-m-'))]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/no DICOM SEG among the inputs/);
  });

  it('a SEG that references nothing loaded is named, the other time point is still measured', async () => {
    const o = mkdtempSync(path.join(tmpdir(), 'hcc-m-'));
    const baselineSeg = path.join(dir, 'baseline', 'seg', 'SEG_lesions.dcm');
    const r = await cli(['measure', path.join(dir, 'follow-up'), baselineSeg, '--out', o]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/SEG_lesions\.dcm.*not among the images loaded/);
    const d = JSON.parse(readFileSync(path.join(o, 'measurements.json'), 'utf8')) as MeasurementsDocument;
    expect(d.timePoints).toHaveLength(1);
  });

  it('a missing phase is named with the figures it leaves unknown (null, not made up)', async () => {
    const copy = mkdtempSync(path.join(tmpdir(), 'hcc-m-'));
    cpSync(path.join(dir, 'follow-up'), copy, { recursive: true });
    const t2 = readFileSync(path.join(dir, 'manifest.json'), 'utf8');
    const t2Folder = (JSON.parse(t2) as { timePoints: { series: { folder: string; phase: string }[] }[] }).timePoints[1]!.series.find((s) => s.phase === 't2')!.folder;
    rmSync(path.join(copy, path.basename(t2Folder)), { recursive: true });
    const o = mkdtempSync(path.join(tmpdir(), 'hcc-m-'));
    const r = await cli(['measure', copy, '--out', o]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/no t2 series: T2 ratio not measured/);
    const d = JSON.parse(readFileSync(path.join(o, 'measurements.json'), 'utf8')) as MeasurementsDocument;
    expect(d.timePoints[0]!.lesions[0]!.t2RatioToLiver).toBeNull();
    expect(d.timePoints[0]!.series.t2).toBeNull();
  });

  it('usage errors exit 2', async () => {
    expect((await cli(['measure', dir])).code).toBe(2);
    expect((await cli(['measure', dir, '--out', out, '--enhancement', 'magic'])).code).toBe(2);
    expect((await cli(['measure', dir, '--out', out, '--threshold', 'x'])).code).toBe(2);
  });
});

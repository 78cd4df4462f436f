// The app's export against the CLI's on the synthetic study: the CLI measures full-size masks on this
// thread (no crop, no compute client), so its files are an independent reference for the app's path
// (SEG import into the lesion store, cropped measurements, enhancing masks mapped back from the crops).
import { beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runCli } from '../../cli/main';
import { exportContext, uidFactory, type StudyExport } from '../../core/export';
import { csvDiffs, jsonDiffs, segContent, srContent } from '../../core/export/testing/compare-exports';
import { resolveMeasureConfig } from '../../core/measure';
import { RoiStore } from '../lesions/roi-store';
import { importSegsIntoStore, roiModelForTree } from '../measure/import-segs';
import { createMeasurePipeline, type MeasurementState } from '../measure/pipeline';
import { countingClient, loadPhantomApp, type PhantomApp } from '../measure/testing/phantom-app';
import { buildAppExport } from './app-export';
import { exportReadiness } from './export-readiness';

let app: PhantomApp;
let state: MeasurementState;
let store: RoiStore;
let exported: StudyExport;
const cliFiles = new Map<string, Uint8Array>();
const context = { makeUid: uidFactory('2.25.1234'), contentDate: '20261127', contentTime: '120000', softwareVersion: '0.1.0' };

beforeAll(async () => {
  app = await loadPhantomApp([64, 64, 20]);
  store = new RoiStore(roiModelForTree(app.tree));
  expect(importSegsIntoStore(store, app.tree, app.segs.flat()).errors).toEqual([]);
  const pipeline = createMeasurePipeline({ tree: app.tree, read: app.read, store, config: resolveMeasureConfig(), client: countingClient().client });
  state = await pipeline.idle();
  pipeline.dispose();
  exported = buildAppExport({ tree: app.tree, model: store.model, state, config: resolveMeasureConfig(), context });

  const out = mkdtempSync(path.join(tmpdir(), 'hcc-app-export-'));
  try {
    let stderr = '';
    const code = await runCli(['measure', path.join(app.dir, 'baseline'), path.join(app.dir, 'follow-up'), '--out', out], {
      stdout: () => undefined,
      stderr: (s) => (stderr += s),
      cwd: process.cwd(),
    });
    expect(code, stderr).toBe(0);
    for (const name of readdirSync(out)) cliFiles.set(name, new Uint8Array(readFileSync(path.join(out, name))));
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});

/** Exact: the kernels compute in each slice's own coordinates, so the app's crops and the CLI's full grid give the same bits. */
const NUMBER_TOLERANCE = 0;
const file = (e: StudyExport, name: string) => e.files.find((f) => f.name === name);
const text = (bytes: Uint8Array | undefined): string => new TextDecoder().decode(bytes);

describe('app export vs the CLI on the synthetic study (64 x 64 x 20)', () => {
  it('writes the files the CLI writes, under the same names', () => {
    expect(exported.warnings).toEqual([]);
    expect(exported.files.map((f) => f.name).sort()).toEqual([...cliFiles.keys()].sort());
  });

  it('measurements.json and both CSVs equal the CLI\'s (numbers to 1e-12), the report text is identical', () => {
    // Numbers equal to the last bit, though the app measures on crops and the CLI on the full grid.
    const json = file(exported, 'measurements.json')!.data as string;
    expect(jsonDiffs(JSON.parse(json), JSON.parse(text(cliFiles.get('measurements.json'))), NUMBER_TOLERANCE)).toEqual([]);
    for (const name of ['measurements.csv', 'response.csv']) {
      expect(csvDiffs(file(exported, name)!.data as string, text(cliFiles.get(name)), NUMBER_TOLERANCE), name).toEqual([]);
    }
    expect(file(exported, 'report.txt')!.data).toBe(text(cliFiles.get('report.txt')));
    expect(exported.report).toBe(text(cliFiles.get('report.txt')));
  });

  it('every SEG is voxel-identical to the CLI\'s, layer by layer (tumour, enhancing, necrotic, liver reference)', () => {
    const studies = app.tree.patients[0]!.studies;
    const segNames = [...cliFiles.keys()].filter((n) => n.startsWith('seg-')).sort();
    expect(segNames).toEqual(['seg-00-baseline.dcm', 'seg-01-follow-up-1.dcm']);
    segNames.forEach((name, i) => {
      const mine = segContent(file(exported, name)!.data as Uint8Array, name, studies[i]!.series);
      const theirs = segContent(cliFiles.get(name)!, name, studies[i]!.series);
      expect(mine.map((s) => s.label)).toEqual(['Lesion 1', 'Lesion 1 enhancing', 'Lesion 1 necrotic', 'Lesion 2', 'Lesion 2 enhancing', 'Lesion 2 necrotic', 'Liver reference'].filter((l) => theirs.some((s) => s.label === l)));
      expect(mine).toEqual(theirs);
    });
    // The follow-up's Lesion 1 is mostly necrotic: the generator's enhancing voxel count, not the whole tumour.
    const followUp = segContent(file(exported, 'seg-01-follow-up-1.dcm')!.data as Uint8Array, 'seg-01', studies[1]!.series);
    const truthLesion1 = app.truth.timePoints[1]!.lesions[0]!.voxels;
    expect(followUp.find((s) => s.label === 'Lesion 1 enhancing')!.voxelCount).toBe(truthLesion1.enhancing);
    expect(followUp.find((s) => s.label === 'Lesion 1 necrotic')!.voxelCount).toBe(truthLesion1.total - truthLesion1.enhancing);
  });

  it('the SR carries the CLI\'s numbers and categories', () => {
    const mine = srContent(file(exported, 'sr.dcm')!.data as Uint8Array, 'app sr');
    const theirs = srContent(cliFiles.get('sr.dcm')!, 'cli sr');
    expect(jsonDiffs(mine, theirs, NUMBER_TOLERANCE)).toEqual([]);
    // Not vacuous: four lesion groups with volumes, and a category per criterion at the follow-up.
    const sr = theirs as { timePoints: { lesions: { volumeMl: number | null }[] }[]; responses: { criteria: object }[] };
    expect(sr.timePoints.flatMap((t) => t.lesions.map((l) => l.volumeMl)).filter((v) => v !== null)).toHaveLength(4);
    expect(Object.keys(sr.responses[0]!.criteria)).toHaveLength(6);
  });
});

describe('the comparison itself', () => {
  it('finds any difference, down to the last bit (and a tolerance, when given, hides only that)', () => {
    expect(jsonDiffs({ d: [27.697021500515174] }, { d: [27.697021500515177] }, NUMBER_TOLERANCE)).toEqual(['$.d[0]: 27.697021500515174 vs 27.697021500515177']);
    expect(jsonDiffs({ d: [27.697021500515174] }, { d: [27.697021500515177] }, 1e-12)).toEqual([]);
    expect(jsonDiffs({ d: [27.697] }, { d: [27.698] }, NUMBER_TOLERANCE)).toEqual(['$.d[0]: 27.697 vs 27.698']);
    expect(jsonDiffs({ d: null }, { d: 0 }, NUMBER_TOLERANCE)).toHaveLength(1);
    expect(csvDiffs('a,b\r\n1,x', 'a,b\r\n1.0000000000000002,x', NUMBER_TOLERANCE)).toHaveLength(1);
    expect(csvDiffs('a,b\r\n1,x', 'a,b\r\n1,y', NUMBER_TOLERANCE)).toEqual(['row 1 cell 1: x vs y']);
  });
});

describe('export readiness', () => {
  it('ready only with a document, nothing in flight and no failed measurement; the reason otherwise', () => {
    expect(exportReadiness(state)).toEqual({ ready: true });
    expect(exportReadiness(null)).toMatchObject({ ready: false });
    expect(exportReadiness({ ...state, busy: ['x/Lesion 1', 'x/Lesion 2'] })).toEqual({ ready: false, reason: 'Measuring 2 lesions: export waits for the figures.' });
    expect(exportReadiness({ ...state, document: null })).toMatchObject({ ready: false, reason: expect.stringContaining('Nothing to export') });
    const failed = { ...state, errors: [{ code: 'COMPUTE_FAILED' as const, message: 'out of memory', key: 'x/Lesion 1', studyInstanceUid: 'x' }] };
    expect(exportReadiness(failed)).toEqual({ ready: false, reason: 'Not exported while a measurement failed: x/Lesion 1: out of memory.' });
    expect(() => buildAppExport({ tree: app.tree, model: store.model, state: failed, config: resolveMeasureConfig(), context })).toThrow(/measurement failed/);
  });

  it('a fresh UID root per export: 2.25 and digits from the random bytes, dates from the clock given', () => {
    const bytes = new Uint8Array(16).fill(0xff);
    const c = exportContext({ randomBytes: bytes, now: new Date(2026, 10, 27, 9, 5, 3), softwareVersion: '0.1.0' });
    // 2^128 - 1 = 340282366920938463463374607431768211455, cut to 38 digits.
    expect(c.makeUid('x').startsWith('2.25.34028236692093846346337460743176821145.')).toBe(true);
    expect([c.contentDate, c.contentTime]).toEqual(['20261127', '090503']);
    expect(() => exportContext({ randomBytes: new Uint8Array(8), now: new Date(), softwareVersion: '0.1.0' })).toThrow(/16 random bytes/);
  });
});

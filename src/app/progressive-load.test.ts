import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { StudyTree } from '../core/dicom/model';
import { createIngestClient } from '../compute/ingest-client';
import { ensurePhantom } from '../../test-data/phantom/cache';
import type { PhantomTruth } from '../../test-data/phantom/truth';
import { loadStudy } from './load-study';
import { ProgressiveLoad } from './progressive-load';
import type { FileSource } from './sources';

interface Manifest {
  timePoints: { studyInstanceUid: string; series: { folder: string; seriesInstanceUid: string; files: string[] }[] }[];
}

let dir: string;
let truth: PhantomTruth;
let manifest: Manifest;
beforeAll(async () => {
  ({ dir, truth } = await ensurePhantom({ seed: 42, size: [64, 64, 20], variants: true }));
  manifest = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as Manifest;
});

/** The phantom's files as the app gets them from a folder, in the manifest's (not reading) order; reads are logged. */
function sources(log: string[]): FileSource[] {
  return manifest.timePoints.flatMap((tp) =>
    tp.series.flatMap((s) =>
      s.files.map((name) => ({
        name,
        read: async () => {
          log.push(name);
          return new Uint8Array(readFileSync(path.join(dir, name)));
        },
        location: { kind: 'url' as const, url: name },
      })),
    ),
  );
}

const folderOfSeries = (uid: string) => manifest.timePoints.flatMap((tp) => tp.series).find((s) => s.seriesInstanceUid === uid)!.folder;

describe('progressive load of the phantom (inline parser)', () => {
  it('reads the first file of every folder, then the arterial folders first, and only ever shows complete series', async () => {
    const log: string[] = [];
    const trees: { tree: StudyTree; filesRead: number }[] = [];
    const loader: ProgressiveLoad = new ProgressiveLoad(sources(log), [createIngestClient({ worker: false })], {
      onProgress: () => undefined,
      onProvisional: (tree) => trees.push({ tree, filesRead: loader.progress.filesDone }),
    }, 0);
    const { tree } = await loader.run();
    const folders = manifest.timePoints.flatMap((tp) => tp.series.map((s) => s.folder));

    // 1. one file of each folder first (the time points and series in 14 reads)
    const probes = log.slice(0, folders.length).map((n) => path.dirname(n));
    expect(new Set(probes)).toEqual(new Set(folders));
    // 2. then folder by folder, the room's first viewports first: baseline arterial, follow-up arterial
    const rest = log.slice(folders.length).map((n) => path.dirname(n));
    const arterial = truth.timePoints.map((tp) => folderOfSeries(tp.seriesByRole.arterial));
    const arterialFiles = manifest.timePoints.map((tp, i) => tp.series.find((s) => s.folder === arterial[i])!.files.length - 1);
    expect(rest.slice(0, arterialFiles[0]!)).toEqual(new Array(arterialFiles[0]!).fill(arterial[0]));
    expect(rest.slice(arterialFiles[0]!, arterialFiles[0]! + arterialFiles[1]!)).toEqual(new Array(arterialFiles[1]!).fill(arterial[1]));
    // the delayed phase hangs in no viewport: its folders come last
    const delayed = truth.timePoints.map((tp) => folderOfSeries(tp.seriesByRole.delayed));
    expect(new Set(rest.slice(-2 * 19))).toEqual(new Set(delayed));

    // 3. provisional trees: both time points labelled from the first, complete series only, phases as final
    expect(trees.length).toBeGreaterThan(2);
    expect(trees[0]!.tree.patients[0]!.studies.every((s) => s.series.length === 0)).toBe(true);
    const finalPhase = new Map(tree.patients[0]!.studies.flatMap((s) => s.series.map((v) => [v.id, v.classification.phase] as const)));
    const filesOf = new Map(manifest.timePoints.flatMap((tp) => tp.series.map((s) => [s.seriesInstanceUid, s.files.length] as const)));
    for (const { tree: t, filesRead } of trees) {
      expect(filesRead).toBeLessThan(log.length);
      const studies = t.patients[0]!.studies;
      expect(studies.map((s) => [s.studyInstanceUid, s.label])).toEqual(manifest.timePoints.map((tp, i) => [tp.studyInstanceUid, i === 0 ? 'Baseline' : 'Follow-up 1']));
      const frames = new Map<string, number>();
      for (const v of studies.flatMap((s) => s.series)) {
        frames.set(v.seriesInstanceUid, (frames.get(v.seriesInstanceUid) ?? 0) + v.frames.length);
        expect(v.classification.phase, v.seriesDescription).toBe(finalPhase.get(v.id));
      }
      for (const [uid, n] of frames) expect(n, uid).toBe(filesOf.get(uid));
    }
    // the first series shown is the baseline arterial, after its folder and the probes only
    const first = trees.find((t) => t.tree.patients[0]!.studies.some((s) => s.series.length > 0))!;
    expect(first.tree.patients[0]!.studies.flatMap((s) => s.series.map((v) => v.seriesInstanceUid))).toEqual([truth.timePoints[0]!.seriesByRole.arterial]);
    expect(first.filesRead).toBe(folders.length + arterialFiles[0]!);

    // 4. the final tree is the one reading everything at once gives
    const floor = await loadStudy(sources([]), createIngestClient({ worker: false }), () => undefined);
    const summary = (t: StudyTree) => t.patients.flatMap((p) => p.studies.flatMap((s) => s.series.map((v) => [v.id, v.frames.length, v.classification.phase])));
    expect(summary(tree)).toEqual(summary(floor.tree));
    expect(loader.seriesReadings().every((r) => r.complete && r.read === filesOf.get(r.seriesInstanceUid) && r.total === r.read)).toBe(true);
  });
});

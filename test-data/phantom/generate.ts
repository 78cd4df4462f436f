import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Vec3 } from '../../src/core/types/volume';
import { TIME_POINTS, TIME_POINT_DEFS } from './definitions';
import { dwiGrid, t1Grid } from './grids';
import { buildTruth, type PhantomTruth } from './truth';
import { writeVariants, type VariantsManifest } from './variants';
import { writeTimePoint } from './write-series';
import { writeTimePointSeg } from './seg';

/** Writes the whole synthetic study (both time points, truth, manifest, optional variants). */

export const MANIFEST_SCHEMA = 'hcc-response/phantom-manifest@1';

export interface ManifestSeries {
  folder: string;
  seriesInstanceUid: string;
  description: string;
  phase: string;
  /** Paths relative to the output directory, sorted. */
  files: string[];
}

export interface PhantomManifest {
  schema: string;
  seed: number;
  size: Vec3;
  truth: string;
  /** `segs`: DICOM SEG of the time point's lesions and liver reference on its arterial series. */
  timePoints: Array<{ label: string; dir: string; studyInstanceUid: string; studyDate: string; series: ManifestSeries[]; segs: string[] }>;
  variants: VariantsManifest | null;
  notes: string[];
}

export interface GenerateOptions {
  seed: number;
  /** T1 grid matrix [NX, NY, NZ]. */
  size: Vec3;
  out: string;
  variants?: boolean;
  log?: (message: string) => void;
}

export interface GenerateResult {
  truth: PhantomTruth;
  manifest: PhantomManifest;
}

export const DEFAULT_SEED = 42;
export const DEFAULT_SIZE: Vec3 = [128, 128, 40];

export async function generatePhantom(options: GenerateOptions): Promise<GenerateResult> {
  const { seed, size, out } = options;
  if (!Number.isSafeInteger(seed) || seed < 0) throw new Error(`seed must be a non-negative integer, got ${seed}`);
  const log = options.log ?? (() => {});
  mkdirSync(out, { recursive: true });
  const t1 = t1Grid(size);
  const dwi = dwiGrid(size);
  const written = TIME_POINTS.map((tp) => {
    log(`writing ${tp}`);
    return writeTimePoint(out, seed, tp, t1, dwi);
  });
  log('computing ground truth');
  const truth = buildTruth(seed, size, t1, dwi, written);
  log('writing lesion SEGs');
  const segs = written.map((w, i) => writeTimePointSeg(out, seed, w, truth.timePoints[i]!));
  const notes: string[] = [];
  let variants: VariantsManifest | null = null;
  if (options.variants ?? true) {
    log('writing variants');
    variants = await writeVariants(out, written, t1, (note) => {
      notes.push(note);
      log(note);
    });
  }
  const manifest: PhantomManifest = {
    schema: MANIFEST_SCHEMA,
    seed,
    size,
    truth: 'truth.json',
    timePoints: written.map((w, i) => ({
      label: w.timePoint,
      dir: TIME_POINT_DEFS[w.timePoint].dir,
      studyInstanceUid: w.ctx.studyInstanceUid,
      studyDate: w.ctx.def.studyDate,
      series: w.series.map((s) => ({ folder: s.folder, seriesInstanceUid: s.seriesInstanceUid, description: s.spec.description, phase: s.spec.expectedPhase, files: s.files })),
      segs: [segs[i]!],
    })),
    variants,
    notes,
  };
  writeFileSync(path.join(out, 'truth.json'), `${JSON.stringify(truth, null, 2)}\n`);
  writeFileSync(path.join(out, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return { truth, manifest };
}

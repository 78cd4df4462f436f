import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { GridGeometry } from '../../src/core/types/volume';
import { writeBroken, type BrokenFile, type BrokenSeries } from './broken';
import { COMPRESSORS, compressFiles, toolAvailable } from './compress';
import { enhancedCopy } from './enhanced';
import type { WrittenSeries, WrittenTimePoint } from './write-series';

/** Robustness variants under <out>/variants: enhanced multi-frame, compressed, broken, mixed. */

export interface VariantSeries {
  name: string;
  seriesInstanceUid: string;
  description: string;
  phase: string;
  /** SeriesInstanceUID of the classic series it copies (same pixels). */
  sourceSeriesInstanceUid: string;
  transferSyntaxUid: string;
  /** Paths relative to the output directory, sorted. */
  files: string[];
  frames?: number;
}

export interface VariantsManifest {
  enhanced: VariantSeries[];
  compressed: VariantSeries[];
  /** Compressors whose tool was missing (nothing written for them). */
  skipped: Array<{ name: string; tool: string; reason: string }>;
  broken: { expected: string; files: string[] };
  mixed: { dir: string; files: string[] };
}

export interface BrokenExpectations {
  schema: string;
  files: BrokenFile[];
  series: BrokenSeries[];
  /** The mixed folder: good series that must load fully, next to the broken files. */
  mixed: {
    dir: string;
    goodSeries: Array<{ seriesInstanceUid: string; description: string; phase: string; files: number }>;
    brokenFiles: Array<{ file: string; code: string }>;
    geometrySeries: Array<{ seriesInstanceUid: string; issue: string; files: number }>;
  };
}

const rel = (out: string, p: string): string => path.relative(out, p).split(path.sep).join('/');

export async function writeVariants(out: string, written: WrittenTimePoint[], t1: GridGeometry, note: (message: string) => void): Promise<VariantsManifest> {
  const baseline = written.find((w) => w.timePoint === 'baseline')!;
  const bySeries = (key: string): WrittenSeries => baseline.series.find((s) => s.spec.key === key)!;
  const arterial = bySeries('arterial');
  const dwi = bySeries('dwi');
  const root = path.join(out, 'variants');

  // Enhanced multi-frame copies.
  const enhancedDir = path.join(root, 'enhanced');
  mkdirSync(enhancedDir, { recursive: true });
  const enhanced: VariantSeries[] = [arterial, dwi].map((source) => {
    const result = enhancedCopy(baseline.ctx, 'baseline', source.spec, source.grid);
    const file = path.join(enhancedDir, `${source.spec.key}-multiframe.dcm`);
    writeFileSync(file, result.bytes);
    return {
      name: `enhanced-${source.spec.key}`, seriesInstanceUid: result.seriesInstanceUid, description: source.spec.description, phase: source.spec.expectedPhase,
      sourceSeriesInstanceUid: source.seriesInstanceUid, transferSyntaxUid: '1.2.840.10008.1.2.1', files: [rel(out, file)], frames: result.frames,
    };
  });

  // Compressed copies of the baseline arterial series (lossless: same SOP instances, same pixels).
  const compressed: VariantSeries[] = [];
  const skipped: VariantsManifest['skipped'] = [];
  for (const compressor of COMPRESSORS) {
    if (!toolAvailable(compressor.tool)) {
      const reason = `${compressor.tool} not found: ${compressor.key} copy skipped (Debian: apt-get install ${compressor.tool === 'dcmcjpls' ? 'dcmtk' : 'libgdcm-tools'})`;
      skipped.push({ name: compressor.key, tool: compressor.tool, reason });
      note(reason);
      continue;
    }
    const folder = path.join(root, compressor.key, path.basename(arterial.folder));
    const jobs = arterial.files.map((f) => ({ input: path.join(out, f), output: path.join(folder, path.basename(f)) }));
    await compressFiles(compressor, jobs);
    compressed.push({
      name: compressor.key, seriesInstanceUid: arterial.seriesInstanceUid, description: arterial.spec.description, phase: arterial.spec.expectedPhase,
      sourceSeriesInstanceUid: arterial.seriesInstanceUid, transferSyntaxUid: compressor.transferSyntaxUid, files: jobs.map((j) => rel(out, j.output)).sort(),
    });
  }

  // Broken files and series.
  const brokenDir = path.join(root, 'broken');
  const broken = writeBroken(brokenDir, baseline.ctx, bySeries('t1_pre').spec, t1);

  // Mixed: good series and every broken file in one flat folder, as a user might drop them.
  const mixedDir = path.join(root, 'mixed');
  mkdirSync(mixedDir, { recursive: true });
  const mixedFiles: string[] = [];
  const copyInto = (from: string, name: string): string => {
    const to = path.join(mixedDir, name);
    copyFileSync(from, to);
    mixedFiles.push(rel(out, to));
    return name;
  };
  const goodSeries = ['t1_pre', 'arterial', 'adc'].map((key) => {
    const s = bySeries(key);
    for (const f of s.files) copyInto(path.join(out, f), `s${s.spec.seriesNumber}_${path.basename(f)}`);
    return { seriesInstanceUid: s.seriesInstanceUid, description: s.spec.description, phase: s.spec.expectedPhase, files: s.files.length };
  });
  const brokenFiles = broken.files.map((b) => ({ file: copyInto(path.join(brokenDir, b.path), `broken_${path.basename(b.path)}`), code: b.code }));
  const geometrySeries = broken.series.map((s) => {
    for (const f of s.files) copyInto(path.join(brokenDir, f), `${path.basename(s.path)}_${path.basename(f)}`);
    return { seriesInstanceUid: s.seriesInstanceUid, issue: s.issue, files: s.files.length };
  });

  const expectations: BrokenExpectations = {
    schema: 'hcc-response/phantom-broken@1',
    files: broken.files,
    series: broken.series,
    mixed: { dir: 'variants/mixed', goodSeries, brokenFiles, geometrySeries },
  };
  const expectedPath = path.join(brokenDir, 'expected.json');
  writeFileSync(expectedPath, `${JSON.stringify(expectations, null, 2)}\n`);
  const brokenAll = [...broken.files.map((f) => f.path), ...broken.series.flatMap((s) => s.files)].map((f) => rel(out, path.join(brokenDir, f))).sort();
  return {
    enhanced,
    compressed,
    skipped,
    broken: { expected: rel(out, expectedPath), files: brokenAll },
    mixed: { dir: 'variants/mixed', files: mixedFiles.sort() },
  };
}

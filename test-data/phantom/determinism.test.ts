import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generatePhantom, type GenerateResult } from './generate';
import { readImage } from './testing/read-back';

// Same seed and size -> byte-identical files (variants included); another seed -> other noise and UIDs.
const SIZE: [number, number, number] = [48, 48, 16];
const root = mkdtempSync(path.join(os.tmpdir(), 'hcc-phantom-determinism-'));
const dirs = { a: path.join(root, 'a'), b: path.join(root, 'b'), other: path.join(root, 'other') };
const results: Record<string, GenerateResult> = {};

function listFiles(dir: string, prefix = ''): string[] {
  return readdirSync(dir).sort().flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? listFiles(full, `${prefix}${name}/`) : [`${prefix}${name}`];
  });
}

beforeAll(async () => {
  results.a = await generatePhantom({ seed: 7, size: SIZE, out: dirs.a });
  results.b = await generatePhantom({ seed: 7, size: SIZE, out: dirs.b });
  results.other = await generatePhantom({ seed: 8, size: SIZE, out: dirs.other, variants: false });
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('phantom determinism', () => {
  it('writes byte-identical files for the same seed and size', () => {
    const files = listFiles(dirs.a);
    expect(files.length).toBeGreaterThan(200);
    expect(listFiles(dirs.b)).toEqual(files);
    const differing = files.filter((f) => !readFileSync(path.join(dirs.a, f)).equals(readFileSync(path.join(dirs.b, f))));
    expect(differing).toEqual([]);
  });

  it('lists every written file in manifest.json (and nothing else)', () => {
    const m = results.a!.manifest;
    const listed = [
      ...m.timePoints.flatMap((tp) => tp.series.flatMap((s) => s.files)),
      ...m.timePoints.flatMap((tp) => tp.segs),
      ...(m.variants ? [...m.variants.enhanced, ...m.variants.compressed].flatMap((s) => s.files) : []),
      ...(m.variants?.broken.files ?? []),
      m.variants?.broken.expected ?? '',
      ...(m.variants?.mixed.files ?? []),
      'truth.json',
      'manifest.json',
    ].filter((f) => f !== '').sort();
    expect(listed).toEqual(listFiles(dirs.a));
  });

  it('uses other noise and other UIDs for another seed, with the same anatomy', () => {
    const a = results.a!;
    const o = results.other!;
    expect(o.truth.timePoints[0]!.studyInstanceUid).not.toBe(a.truth.timePoints[0]!.studyInstanceUid);
    // Same geometry: same voxel counts.
    expect(o.truth.timePoints.map((tp) => tp.lesions.map((l) => l.voxels))).toEqual(a.truth.timePoints.map((tp) => tp.lesions.map((l) => l.voxels)));
    // Other noise: the same slice of the same series holds other values.
    const slice = (dir: string, m: GenerateResult): Uint16Array => {
      const series = m.manifest.timePoints[0]!.series.find((s) => s.phase === 'arterial')!;
      const images = series.files.map((f) => readImage(path.join(dir, f)));
      return images.sort((p, q) => p.positionLps[2] - q.positionLps[2])[SIZE[2] / 2]!.stored!;
    };
    const sa = slice(dirs.a, a);
    const so = slice(dirs.other, o);
    let differ = 0;
    for (let v = 0; v < sa.length; v++) if (sa[v] !== so[v]) differ++;
    expect(differ).toBeGreaterThan(sa.length / 4);
  });

  it('uses no wall-clock time: dates and times come from the definitions', () => {
    const im = readImage(path.join(dirs.a, results.a!.manifest.timePoints[1]!.series[0]!.files[0]!));
    expect(im.ds.string('x00080020')).toBe('20240418');
    expect(results.a!.truth.timePoints.map((tp) => tp.studyDate)).toEqual(['2024-01-15', '2024-04-18']);
  });
});

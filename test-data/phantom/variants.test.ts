import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import dicomParser, { type DataSet } from 'dicom-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensurePhantom } from './cache';
import type { PhantomManifest } from './generate';
import type { BrokenExpectations, VariantsManifest } from './variants';
import { readImage, readFiles } from './testing/read-back';
import { readManifest } from './testing/load-time-point';

let dir: string;
let manifest: PhantomManifest;
let variants: VariantsManifest;

beforeAll(async () => {
  ({ dir } = await ensurePhantom({ seed: 42, size: [128, 128, 40], variants: true }));
  manifest = readManifest(dir);
  variants = manifest.variants!;
});

const parse = (rel: string): DataSet => dicomParser.parseDicom(new Uint8Array(readFileSync(path.join(dir, rel))));
const baselineSeries = (phase: string) => manifest.timePoints[0]!.series.find((s) => s.phase === phase)!;
/** Classic slices of a baseline series keyed by "b|z" (z rounded to 1e-3 mm). */
function classicSlices(phase: string): Map<string, Uint16Array> {
  const map = new Map<string, Uint16Array>();
  for (const im of readFiles(dir, baselineSeries(phase).files)) map.set(`${im.bValue ?? ''}|${im.positionLps[2].toFixed(3)}`, im.stored!);
  return map;
}

describe('enhanced multi-frame copies', () => {
  it.each(['arterial', 'dwi'])('%s: one Enhanced MR file, geometry per frame, same pixels as the classic series', (phase) => {
    const entry = variants.enhanced.find((e) => e.phase === phase)!;
    const ds = parse(entry.files[0]!);
    expect(ds.string('x00080016')).toBe('1.2.840.10008.5.1.4.1.1.4.1');
    const frames = ds.intString('x00280008')!;
    expect(frames).toBe(entry.frames);
    const perFrame = ds.elements.x52009230!.items!;
    expect(perFrame.length).toBe(frames);
    const shared = ds.elements.x52009229!.items![0]!.dataSet!;
    expect(shared.elements.x00289110!.items![0]!.dataSet!.string('x00280030')).toBeDefined();
    const rows = ds.uint16('x00280010')!;
    const cols = ds.uint16('x00280011')!;
    const px = ds.elements.x7fe00010!;
    const classic = classicSlices(phase);
    const zs: number[] = [];
    perFrame.forEach((item, f) => {
      const frame = item.dataSet!;
      const ipp = frame.elements.x00209113!.items![0]!.dataSet!.string('x00200032')!.split('\\').map(Number);
      const diffusion = frame.elements.x00189117?.items?.[0]?.dataSet;
      const b = diffusion ? diffusion.double('x00189087') : undefined;
      if (phase === 'dwi') expect(b).toBeDefined();
      zs.push(ipp[2]!);
      const expected = classic.get(`${b ?? ''}|${ipp[2]!.toFixed(3)}`)!;
      const bytes = new DataView(ds.byteArray.buffer, ds.byteArray.byteOffset + px.dataOffset + f * rows * cols * 2, rows * cols * 2);
      let differ = 0;
      for (let v = 0; v < rows * cols; v++) if (bytes.getUint16(v * 2, true) !== expected[v]) differ++;
      expect(differ).toBe(0);
    });
    // Stored in descending slice position: readers must sort by PlanePositionSequence.
    expect(zs[0]!).toBeGreaterThan(zs[1]!);
  });
});

describe('compressed copies of the baseline arterial series', () => {
  it('exist for JPEG-LS and JPEG 2000 (tools installed here) or are recorded as skipped', () => {
    const names = [...variants.compressed.map((c) => c.name), ...variants.skipped.map((s) => s.name)].sort();
    expect(names).toEqual(['jpeg-ls', 'jpeg2000']);
    for (const c of variants.compressed) {
      expect(c.files.length).toBe(baselineSeries('arterial').files.length);
      const ds = parse(c.files[0]!);
      expect(ds.string('x00020010')).toBe(c.transferSyntaxUid);
      expect(ds.elements.x7fe00010!.encapsulatedPixelData).toBe(true);
    }
  });

  it.each([['jpeg-ls', 'dcmdjpls', []], ['jpeg2000', 'gdcmconv', ['--raw']]] as const)('%s decodes losslessly to the classic pixels', (name, tool, args) => {
    const c = variants.compressed.find((x) => x.name === name);
    if (!c || spawnSync(tool, ['--version']).error) return; // skipped variant or no decoder: nothing to check
    const tmp = mkdtempSync(path.join(os.tmpdir(), 'hcc-phantom-decode-'));
    try {
      const src = c.files[0]!;
      const out = path.join(tmp, 'decoded.dcm');
      expect(spawnSync(tool, [...args, path.join(dir, src), out]).status).toBe(0);
      const decoded = readImage(out);
      const original = readImage(path.join(dir, baselineSeries('arterial').folder, path.basename(src)));
      expect(decoded.ds.string('x00080018')).toBe(original.ds.string('x00080018'));
      expect(Buffer.from(decoded.stored!.buffer).equals(Buffer.from(original.stored!.buffer))).toBe(true);
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });
});

describe('broken files', () => {
  let expected: BrokenExpectations;
  beforeAll(() => {
    expected = JSON.parse(readFileSync(path.join(dir, variants.broken.expected), 'utf8')) as BrokenExpectations;
  });
  const brokenPath = (rel: string): string => path.join(dir, 'variants/broken', rel);

  it('records every broken file with its expected error code', () => {
    expect(expected.files.map((f) => f.code).sort()).toEqual(['NOT_DICOM', 'NOT_DICOM', 'NO_PIXEL_DATA', 'TRUNCATED', 'TRUNCATED']);
    expect(expected.series.map((s) => [s.code, s.issue])).toEqual([['GEOMETRY_MISMATCH', 'INCONSISTENT_SIZE'], ['GEOMETRY_MISMATCH', 'NON_PARALLEL_SLICES']]);
    for (const f of [...expected.files.map((x) => x.path), ...expected.series.flatMap((s) => s.files)]) expect(existsSync(brokenPath(f)), f).toBe(true);
  });

  it('each file really is broken the way its code says', () => {
    for (const f of expected.files) {
      const bytes = new Uint8Array(readFileSync(brokenPath(f.path)));
      const magic = new TextDecoder().decode(bytes.subarray(128, 132));
      if (f.code === 'NOT_DICOM') expect(magic, f.path).not.toBe('DICM');
      if (f.code === 'TRUNCATED') {
        expect(magic).toBe('DICM');
        let complete = true;
        try {
          const ds = dicomParser.parseDicom(bytes);
          const px = ds.elements.x7fe00010;
          complete = !!px && px.dataOffset + px.length <= bytes.length;
        } catch {
          complete = false;
        }
        expect(complete, f.path).toBe(false);
      }
      if (f.code === 'NO_PIXEL_DATA') {
        const ds = dicomParser.parseDicom(bytes);
        expect(ds.uint16('x00280010')).toBeGreaterThan(0);
        expect(ds.elements.x7fe00010).toBeUndefined();
      }
    }
  });

  it('geometry series: one slice with another matrix, one tilted slice', () => {
    const [size, tilt] = expected.series.map((s) => s.files.map((f) => readImage(brokenPath(f))));
    expect(new Set(size!.map((im) => `${im.rows}x${im.columns}`)).size).toBe(2);
    expect(new Set(tilt!.map((im) => im.orientation.join('\\'))).size).toBe(2);
    expect(new Set(size!.map((im) => im.ds.string('x0020000e'))).size).toBe(1);
  });

  it('mixed folder holds good series and every broken file', () => {
    const m = expected.mixed;
    const count = m.goodSeries.reduce((a, s) => a + s.files, 0) + m.brokenFiles.length + m.geometrySeries.reduce((a, s) => a + s.files, 0);
    expect(variants.mixed.files.length).toBe(count);
    for (const f of variants.mixed.files) expect(existsSync(path.join(dir, f))).toBe(true);
    expect(m.brokenFiles.map((b) => b.code).sort()).toEqual(expected.files.map((b) => b.code).sort());
  });
});

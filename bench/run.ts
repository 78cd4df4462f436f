// `npm run bench [-- --json] [--sizes 128x128x40,256x256x80] [--viewer-sizes 256x256x80,512x512x120]
// [--compute-sizes 256x256x100] [--only ingest|compute|viewer]`: benchmarks measured side by side in one run.
// ingest: reading every file of the synthetic study (the I/O floor) vs reading + parsing headers + grouping,
// and decoding one series into a Volume3D, per study size.
// compute: this engine vs Cornerstone's getStatistics and the memory floor, in one Chromium page (bench/compute.ts).
// viewer: in Chromium, files chosen -> first image / every phase on screen vs only reading + parsing them (bench/viewer-load.ts).
import { performance } from 'node:perf_hooks';
import { ensurePhantom } from '../test-data/phantom/cache';
import { collectPaths, readFileBytes } from '../src/cli/read-files';
import { parseInstance } from '../src/core/dicom/parse';
import { buildStudyTree } from '../src/core/dicom/group';
import { readVolume } from '../src/core/dicom/read-volume';
import type { InstanceHeader } from '../src/core/dicom/model';
import { benchViewerLoad } from './viewer-load';
import { benchCompute } from './compute';

const args = process.argv.slice(2);
const json = args.includes('--json');
const sizesArg = args[args.indexOf('--sizes') + 1];
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined;
const parseSizes = (list: string) => list.split(',').map((s) => s.split('x').map(Number) as [number, number, number]);
const sizes = parseSizes(args.includes('--sizes') && sizesArg ? sizesArg : '128x128x40,256x256x80');
const viewerSizesArg = args[args.indexOf('--viewer-sizes') + 1];
const viewerSizes = parseSizes(args.includes('--viewer-sizes') && viewerSizesArg ? viewerSizesArg : '256x256x80,512x512x120');

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** Headers of the files that are images; others (the phantom's SEG objects) are refused and skipped, as ingest does. */
function parseAll(files: readonly string[]): InstanceHeader[] {
  const headers: InstanceHeader[] = [];
  for (const f of files) {
    try {
      headers.push(parseInstance(readFileBytes(f), f));
    } catch {
      // counted by ingest as a rejected file; not part of this timing's subject
    }
  }
  return headers;
}

async function benchIngest(size: [number, number, number], repeats = 3) {
  const { dir } = await ensurePhantom({ seed: 42, size, variants: false });
  const files = collectPaths([`${dir}/baseline`, `${dir}/follow-up`], process.cwd()).files;
  const floor: number[] = [];
  const parse: number[] = [];
  let bytes = 0;
  let volumes = 0;
  for (let r = 0; r < repeats; r++) {
    // Alternate the two measurements so both see the same page-cache state.
    let t = performance.now();
    bytes = 0;
    for (const f of files) bytes += readFileBytes(f).byteLength;
    floor.push(performance.now() - t);
    t = performance.now();
    const headers = parseAll(files);
    const tree = buildStudyTree(headers, []);
    parse.push(performance.now() - t);
    volumes = tree.patients.flatMap((p) => p.studies.flatMap((s) => s.series)).length;
  }
  const tree = buildStudyTree(parseAll(files), []);
  const arterial = tree.patients[0]!.studies[0]!.series.find((v) => v.classification.phase === 'arterial')!;
  const cache = new Map<string, Uint8Array>();
  for (const fr of arterial.frames) cache.set(fr.fileName, readFileBytes(fr.fileName));
  const decode: number[] = [];
  for (let r = 0; r < repeats; r++) {
    const t = performance.now();
    readVolume(arterial, (name) => cache.get(name)!);
    decode.push(performance.now() - t);
  }
  const readFloorMs = median(floor);
  const parseMs = median(parse);
  return {
    size: size.join('x'),
    files: files.length,
    megabytes: +(bytes / 1e6).toFixed(1),
    volumes,
    readFloorMs: +readFloorMs.toFixed(1),
    readParseGroupMs: +parseMs.toFixed(1),
    parseRatioToReadFloor: +(parseMs / readFloorMs).toFixed(2),
    decodeArterialVolumeMs: +median(decode).toFixed(1),
  };
}

const results: { schema: string; node: string; ingest: unknown[]; compute?: unknown; viewer?: unknown } = { schema: 'hcc-response/bench@1', node: process.version, ingest: [] };
if (only === undefined || only === 'ingest') {
  for (const size of sizes) {
    const r = await benchIngest(size);
    results.ingest.push(r);
    if (!json) console.log(r);
  }
}
if (only === undefined || only === 'compute') {
  try {
    const computeSizesArg = args[args.indexOf('--compute-sizes') + 1];
    const computeSizes = args.includes('--compute-sizes') && computeSizesArg
      ? parseSizes(computeSizesArg).map((dims) => ({ dims, spacingMm: (dims[0] >= 512 ? [0.75, 0.75, 2] : [1.5, 1.5, 2.5]) as [number, number, number] }))
      : undefined;
    results.compute = await benchCompute({ log: json ? undefined : (line) => console.log(line), ...(computeSizes ? { sizes: computeSizes } : {}) });
  } catch (error) {
    // Still print the other results; the exit code says something failed.
    results.compute = { error: error instanceof Error ? error.message : String(error) };
    process.exitCode = 1;
  }
  if (!json) console.dir(results.compute, { depth: 6 });
}
if (only === undefined || only === 'viewer') {
  try {
    // progress lines go to stderr so `--json` keeps stdout to the one object
    results.viewer = await benchViewerLoad(viewerSizes, 3, (line) => console.error(line));
  } catch (error) {
    results.viewer = { error: error instanceof Error ? error.message : String(error) };
    process.exitCode = 1;
  }
  if (!json) console.dir(results.viewer, { depth: 4 });
}
if (json) console.log(JSON.stringify(results, null, 2));

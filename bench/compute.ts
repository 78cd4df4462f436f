// Compute benchmark (issue 5): in one Chromium page, the same volumes, the same run - this engine's full
// lesion measurement (enhancement split, volumes, diameters, stats on 3 series, T1 ratio and
// hyperintensity, ADC from a map on a coarser grid) through the compute client and its worker pool,
// against Cornerstone's utilities.segmentation.getStatistics on ONE series, and against bare loops
// reading the same bytes once (memory floors). Node side: bundle, serve, drive the page, collect JSON.
import http from 'node:http';
import { createReadStream, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import webpack from 'webpack';
import { chromium, type Browser } from 'playwright-core';
import { radiusForMl, type BenchRoi, type BenchSize } from './compute-data';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..');
const OUT = path.join(ROOT, 'test-data', '.cache', 'bench-compute');
const CHROMIUM = process.env.HCC_CHROMIUM ?? '/usr/lib/chromium/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--use-angle=swiftshader', '--enable-unsafe-swiftshader',
  // performance.memory without the 100 KB quantisation.
  '--enable-precise-memory-info',
  // gc() between runs: each engine starts clean, neither pays for the other's garbage.
  '--js-flags=--expose-gc',
];

export const TARGETS = { speedupVsCornerstoneAtLeast: 10, ratioToMemoryFloorAtMost: 3, longestMainThreadTaskMsBelow: 50 } as const;

export const DEFAULT_SIZES: BenchSize[] = [
  { dims: [256, 256, 100], spacingMm: [1.5, 1.5, 2.5] },
  { dims: [512, 512, 120], spacingMm: [0.75, 0.75, 2] },
];
export const ROIS: BenchRoi[] = [
  { name: 'lesion', radiusMm: radiusForMl(30) },
  { name: 'large', radiusMm: radiusForMl(1000) },
];

function buildPage(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  writeFileSync(
    path.join(OUT, 'index.html'),
    '<!doctype html><html><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>loading</title></head><body><script src="/main.js"></script></body></html>\n',
  );
  const compiler = webpack({
    mode: 'production',
    context: ROOT,
    entry: { main: './bench/compute-page.ts' },
    output: { path: OUT, filename: '[name].js', chunkFilename: '[name].[contenthash:8].js', publicPath: '/', clean: false },
    devtool: false,
    resolve: { extensions: ['.ts', '.js'], fallback: { fs: false, path: false, url: false } },
    module: { rules: [{ test: /\.ts$/, loader: 'esbuild-loader', options: { target: 'es2022' } }] },
    // Not minified: faster to build, same code paths.
    optimization: { minimize: false },
    performance: { hints: false },
    infrastructureLogging: { level: 'error' },
    stats: 'errors-only',
  });
  return new Promise((resolve, reject) =>
    compiler.run((error, stats) => {
      compiler.close(() => undefined);
      if (error) reject(error);
      else if (stats?.hasErrors()) reject(new Error(stats.toString('errors-only')));
      else resolve();
    }),
  );
}

const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.wasm': 'application/wasm' };

function serve(dir: string): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
    const file = path.join(dir, path.normalize(pathname === '/' ? '/index.html' : pathname));
    try {
      if (!file.startsWith(dir) || !statSync(file).isFile()) throw new Error('not found');
    } catch {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/**
 * Peak resident memory of the renderer process (main thread and its workers), via /proc's high-water
 * mark. The page's renderer is the one holding the volumes: the largest renderer when first asked.
 */
class RendererMemory {
  private pid: number | null = null;

  constructor(private readonly candidates: number[]) {}

  static async find(browser: Browser): Promise<RendererMemory> {
    try {
      const session = await browser.newBrowserCDPSession();
      const info = (await session.send('SystemInfo.getProcessInfo' as never)) as unknown as { processInfo: { type: string; id: number }[] };
      return new RendererMemory(info.processInfo.filter((p) => p.type === 'renderer').map((p) => p.id));
    } catch {
      return new RendererMemory([]);
    }
  }

  private static field(pid: number, name: string): number | null {
    try {
      const m = new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      return m ? Number(m[1]) / 1024 : null;
    } catch {
      return null;
    }
  }

  /** Resets the high-water mark to the current RSS; returns that RSS (MB), null when /proc is not usable. */
  reset(): number | null {
    if (this.pid === null) {
      const sized = this.candidates.map((pid) => [pid, RendererMemory.field(pid, 'VmRSS') ?? -1] as const).sort((a, b) => b[1] - a[1]);
      if (!sized[0] || sized[0][1] < 0) return null;
      this.pid = sized[0][0];
    }
    try {
      writeFileSync(`/proc/${this.pid}/clear_refs`, '5');
    } catch {
      return null;
    }
    return RendererMemory.field(this.pid, 'VmRSS');
  }

  peakMb(): number | null {
    return this.pid === null ? null : RendererMemory.field(this.pid, 'VmHWM');
  }
}

type Page = Awaited<ReturnType<Browser['newPage']>>;
type HccBench = {
  init(): { hardwareConcurrency: number; poolSize: number; userAgent: string; preciseMemory: boolean };
  prepare(size: BenchSize, roi: BenchRoi): Promise<{ roiVoxels: number; roiVolumeMl: number; arterialSameArray: boolean }>;
  warmUp(): Promise<{ oursFirstMs: number; cornerstoneFirstMs: number; agreement: Record<string, number | null> }>;
  runOurs(repeats: number): Promise<RunResult>;
  runCornerstone(repeats: number): Promise<RunResult>;
  runOursScanningMasks(repeats: number): Promise<RunResult>;
  runOursOneWorker(repeats: number): Promise<RunResult>;
  breakdown(repeats: number): { cropMs: number; computeMs: number };
  workerBreakdown(repeats: number): Promise<{ drawingGridMs: number; seriesMs: number; wholeMs: number }>;
  timeline(repeats: number): Promise<{ untilPostedMs: number; workersMs: number; afterMs: number; totalMs: number }>;
  runFloor(repeats: number): { fullMs: number; roiMs: number; fullBytes: number; roiBytes: number };
  dispose(): void;
};
interface RunResult { medianMs: number; timesMs: number[]; longTasksMs: number[]; maxGapMs: number; peakHeapMb: number | null }

const maxOf = (xs: (number | null)[]): number | null => xs.reduce<number | null>((a, b) => (b === null ? a : a === null ? b : Math.max(a, b)), null);
const round = (v: number | null, digits = 2): number | null => (v === null || !Number.isFinite(v) ? null : +v.toFixed(digits));

async function measure<T>(memory: RendererMemory, run: () => Promise<T>): Promise<{ value: T; rssBeforeMb: number | null; rssPeakMb: number | null }> {
  const rssBeforeMb = memory.reset();
  const value = await run();
  return { value, rssBeforeMb, rssPeakMb: memory.peakMb() };
}

async function benchRoi(page: Page, memory: RendererMemory, size: BenchSize, roi: BenchRoi, rounds: number) {
  const call = <K extends 'runOurs' | 'runCornerstone' | 'runFloor' | 'runOursScanningMasks' | 'runOursOneWorker' | 'breakdown' | 'workerBreakdown' | 'timeline'>(method: K, arg: number): Promise<Awaited<ReturnType<HccBench[K]>>> =>
    page.evaluate(([m, a]) => (window as unknown as { hccBench: Record<string, (n: number) => unknown> }).hccBench[m]!(a), [method, arg] as const) as Promise<Awaited<ReturnType<HccBench[K]>>>;
  const prepared = await page.evaluate(([s, r]) => (window as unknown as { hccBench: HccBench }).hccBench.prepare(s, r), [size, roi] as const);
  const warm = await page.evaluate(() => (window as unknown as { hccBench: HccBench }).hccBench.warmUp());
  // Memory: each engine alone, its own phase.
  const oursMemory = await measure(memory, () => call('runOurs', 3));
  const csMemory = await measure(memory, () => call('runCornerstone', 1));
  // Time: interleaved rounds, so both engines see the same machine load (other processes share its cores).
  const ours: RunResult[] = [];
  const cs: RunResult[] = [];
  const one: RunResult[] = [];
  for (let r = 0; r < rounds; r++) {
    ours.push(await call('runOurs', 3));
    cs.push(await call('runCornerstone', 1));
    one.push(await call('runOursOneWorker', 3));
  }
  const merged = (runs: RunResult[]): RunResult => {
    const timesMs = runs.flatMap((x) => x.timesMs);
    return {
      medianMs: [...timesMs].sort((a, b) => a - b)[Math.floor(timesMs.length / 2)]!,
      timesMs,
      longTasksMs: runs.flatMap((x) => x.longTasksMs),
      maxGapMs: Math.max(...runs.map((x) => x.maxGapMs)),
      peakHeapMb: Math.max(...runs.map((x) => x.peakHeapMb ?? 0)) || null,
    };
  };
  // Main-thread figures over every run of the engine (memory phase included); times from the interleaved rounds.
  const o = merged([...ours, oursMemory.value]);
  const c = merged([...cs, csMemory.value]);
  const timeOurs = merged(ours);
  const timeCs = merged(cs);
  const timeOne = merged(one);
  const floor = await call('runFloor', 2 * rounds + 1);
  const scanning = await call('runOursScanningMasks', rounds);
  const breakdown = await call('breakdown', rounds);
  const inWorker = await call('workerBreakdown', 5 * rounds);
  const timeline = await call('timeline', 3 * rounds);
  // Long-task entries miss work done inside the driver's own evaluate task; the timer gap does not (it adds up to ~4 ms of timer clamping).
  const longest = (r: RunResult): number => Math.max(r.maxGapMs, ...r.longTasksMs);
  return {
    roi: roi.name,
    roiVolumeMl: round(prepared.roiVolumeMl, 1),
    roiVoxels: prepared.roiVoxels,
    oursMs: round(timeOurs.medianMs),
    cornerstoneGetStatisticsMs: round(timeCs.medianMs),
    memoryFloorMs: round(floor.fullMs),
    roiReadFloorMs: round(floor.roiMs),
    speedupVsCornerstone: round(timeCs.medianMs / timeOurs.medianMs, 1),
    ratioToMemoryFloor: round(timeOurs.medianMs / floor.fullMs),
    ratioToRoiReadFloor: round(timeOurs.medianMs / floor.roiMs, 1),
    longestMainThreadTaskMs: round(longest(o), 1),
    longTasksOver50Ms: o.longTasksMs.length,
    cornerstoneLongestMainThreadTaskMs: round(longest(c), 1),
    oneWorker: {
      oursMs: round(timeOne.medianMs),
      speedupVsCornerstone: round(timeCs.medianMs / timeOne.medianMs, 1),
      longestMainThreadTaskMs: round(longest(timeOne), 1),
    },
    withoutKnownBoxes: { oursMs: round(scanning.medianMs), longestMainThreadTaskMs: round(longest(scanning), 1) },
    breakdownMs: {
      cropOnMainThread: round(breakdown.cropMs),
      computeOnCrop: round(breakdown.computeMs),
      inWorker: { drawingGridHalf: round(inWorker.drawingGridMs), seriesHalf: round(inWorker.seriesMs), wholeLesion: round(inWorker.wholeMs) },
      timeline: {
        untilLastPost: round(timeline.untilPostedMs),
        lastPostToLastAnswer: round(timeline.workersMs),
        answerToResult: round(timeline.afterMs),
        total: round(timeline.totalMs),
      },
    },
    peakMemoryMb: {
      oursRendererRss: round(oursMemory.rssPeakMb, 0),
      oursRendererRssAboveStart: oursMemory.rssPeakMb !== null && oursMemory.rssBeforeMb !== null ? round(oursMemory.rssPeakMb - oursMemory.rssBeforeMb, 0) : null,
      cornerstoneRendererRss: round(csMemory.rssPeakMb, 0),
      cornerstoneRendererRssAboveStart: csMemory.rssPeakMb !== null && csMemory.rssBeforeMb !== null ? round(csMemory.rssPeakMb - csMemory.rssBeforeMb, 0) : null,
      oursMainThreadJsHeap: round(o.peakHeapMb, 0),
      cornerstoneMainThreadJsHeap: round(c.peakHeapMb, 0),
    },
    bytesRead: { memoryFloor: floor.fullBytes, roiReadFloor: floor.roiBytes },
    firstCallMs: { ours: round(warm.oursFirstMs), cornerstone: round(warm.cornerstoneFirstMs) },
    runsMs: { ours: timeOurs.timesMs.map((t) => round(t)), cornerstone: timeCs.timesMs.map((t) => round(t)) },
    agreement: warm.agreement,
    arterialReadThroughCornerstoneSlices: prepared.arterialSameArray,
  };
}

export interface ComputeBenchOptions {
  sizes?: BenchSize[];
  log?: (line: string) => void;
}

export async function benchCompute(options: ComputeBenchOptions = {}) {
  const log = options.log ?? (() => undefined);
  const sizes = options.sizes ?? DEFAULT_SIZES;
  const started = Date.now();
  log('compute: bundling the bench page');
  await buildPage();
  const server = await serve(OUT);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
  try {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const { port } = server.address() as { port: number };
    await page.goto(`http://127.0.0.1:${port}/`);
    await page.waitForFunction(() => document.title.endsWith('ready'), undefined, { timeout: 60_000 });
    const env = await page.evaluate(() => (window as unknown as { hccBench: HccBench }).hccBench.init());
    const memory = await RendererMemory.find(browser);
    const perSize = [];
    for (const size of sizes) {
      const big = size.dims[0] * size.dims[1] * size.dims[2] > 10_000_000;
      const rois: Awaited<ReturnType<typeof benchRoi>>[] = [];
      for (const roi of ROIS) {
        log(`compute: ${size.dims.join('x')} ${roi.name} ROI`);
        rois.push(await benchRoi(page, memory, size, roi, big ? 4 : 6));
      }
      await page.evaluate(() => (window as unknown as { hccBench: HccBench }).hccBench.dispose());
      const worst = <K extends 'speedupVsCornerstone' | 'ratioToMemoryFloor' | 'longestMainThreadTaskMs'>(key: K, pick: (a: number, b: number) => number): number | null =>
        rois.map((r) => r[key]).reduce<number | null>((a, b) => (a === null ? b : b === null ? a : pick(a, b)), null);
      perSize.push({
        size: size.dims.join('x'),
        spacingMm: size.spacingMm,
        // Worst case over the two ROIs (lesion ~30 mL, large ~1 L); details per ROI below.
        speedupVsCornerstone: worst('speedupVsCornerstone', Math.min),
        ratioToMemoryFloor: worst('ratioToMemoryFloor', Math.max),
        longestMainThreadTaskMs: worst('longestMainThreadTaskMs', Math.max),
        peakMemoryMb: {
          // Renderer (page + workers) high-water mark above the resident data, during each engine's runs; and the renderer's peak.
          oursAboveStart: maxOf(rois.map((r) => r.peakMemoryMb.oursRendererRssAboveStart)),
          cornerstoneAboveStart: maxOf(rois.map((r) => r.peakMemoryMb.cornerstoneRendererRssAboveStart)),
          rendererPeak: maxOf(rois.flatMap((r) => [r.peakMemoryMb.oursRendererRss, r.peakMemoryMb.cornerstoneRendererRss])),
        },
        rois,
      });
    }
    const all = perSize.flatMap((s) => s.rois);
    return {
      environment: { ...env, chromium: CHROMIUM },
      targets: TARGETS,
      meets: {
        speedupVsCornerstone: all.every((r) => (r.speedupVsCornerstone ?? 0) >= TARGETS.speedupVsCornerstoneAtLeast),
        ratioToMemoryFloor: all.every((r) => (r.ratioToMemoryFloor ?? Infinity) <= TARGETS.ratioToMemoryFloorAtMost),
        longestMainThreadTaskMs: all.every((r) => (r.longestMainThreadTaskMs ?? Infinity) < TARGETS.longestMainThreadTaskMsBelow),
      },
      definitions: {
        timing: 'medians over interleaved rounds (3 of ours, then 1 getStatistics, then 3 of ours with one worker), so all see the same load',
        ours: 'client.measureLesion end to end on the page, default pool (environment.poolSize workers): crop + copy of the ROI regions (main thread, yielding), transfer, the two halves of the lesion in two workers side by side (split, volumes, diameters, stats on pre/arterial/portal venous, T1 ratio + hyperintensity, ADC map on a half-resolution grid), result back; median',
        cornerstone: 'utilities.segmentation.getStatistics({ mode: collective }) on the arterial series only, compute worker kept alive (steady state)',
        memoryFloor: 'one summing loop over every array handed to our engine, whole (3 T1 volumes, ADC map, tumour and reference masks), main thread; median',
        roiReadFloor: 'one summing loop over only the cropped regions our engine reads',
        longestMainThreadTaskMs: 'during our runs, the longer of: the longest long-task entry (>= 50 ms) and the largest gap between 0 ms timers on the main thread (an upper bound: includes ~4 ms timer clamping)',
        oneWorker: 'the same engine with a pool of one worker: the whole lesion in one worker instead of its two halves side by side (interleaved in the same rounds)',
        boxes: 'the tumour and reference bounding boxes are passed, as the viewer knows them (labelmap bounds / ROI model planes); withoutKnownBoxes: the client scans the masks on the main thread first',
        breakdownMs: 'crop alone on the main thread, and the orchestration alone on that crop (run on the page thread, same engine as the worker); inWorker: each half and the whole lesion computed in a worker on that crop, without messaging; timeline: one measurement end to end on a client whose workers note posts and answers (medians, after 20 warm-up runs): main thread until the last post, workers until the last answer, then the join',
        peakMemoryMb: 'renderer process (page + workers) resident high-water mark during the runs (/proc VmHWM reset per phase); JS heap of the main thread from performance.memory',
      },
      pageErrors: errors,
      sizes: perSize,
      elapsedSec: Math.round((Date.now() - started) / 1000),
    };
  } finally {
    await browser.close();
    server.close();
  }
}

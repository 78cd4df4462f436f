// Browser part of `npm run bench`: time from choosing the files to the first image and to every
// phase on screen, against the floor of only reading and parsing the same files in the same page.
// Drives Debian's Chromium (as the e2e tests do) through Playwright; the two measurements alternate
// on freshly loaded pages, so both see the same disk cache and an idle viewer.
import { chromium, type Browser, type Page } from '@playwright/test';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, linkSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { ensurePhantom } from '../test-data/phantom/cache';

export interface ViewerLoadResult {
  size: string;
  files: number;
  megabytes: number;
  /** Medians over the repeats, ms from the files' arrival in the page (the input's change event). */
  firstImageMs: number;
  allPhasesMs: number;
  /** Reading every file and parsing its header in the ingest worker, then grouping: no viewer. */
  parseFloorMs: number;
  allPhasesRatioToFloor: number;
  firstImageRatioToFloor: number;
  /** Which viewport drew first (the arterial column is loaded first). */
  firstImageViewport: string | null;
  /** Reading every series a measurement needs (both time points) through the viewer (voxelManager): median ms. */
  voxelReadMs: number;
  voxelReadMegavoxels: number;
  /** Longest main-thread task while reading them (target: under 50 ms), the worst over the repeats. */
  voxelReadLongestTaskMs: number;
  repeats: number;
}

const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--use-angle=swiftshader', '--enable-unsafe-swiftshader',
];

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function studyFiles(dir: string): { files: string[]; bytes: number } {
  const files: string[] = [];
  let bytes = 0;
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = path.join(d, name);
      const st = statSync(p);
      if (st.isDirectory()) walk(p);
      else if (name.endsWith('.dcm')) {
        files.push(p);
        bytes += st.size;
      }
    }
  };
  walk(path.join(dir, 'baseline'));
  walk(path.join(dir, 'follow-up'));
  return { files, bytes };
}

/**
 * The study's images alone, in their folders (hard links next to the phantom, made once): what the
 * viewer is given through Open folder, so it sees the series folders as a user's would.
 */
function studyFolder(dir: string, files: readonly string[]): string {
  const target = `${dir}-bench-folder`;
  if (existsSync(target)) return target;
  const tmp = `${target}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  for (const file of files) {
    const to = path.join(tmp, path.relative(dir, file));
    mkdirSync(path.dirname(to), { recursive: true });
    try {
      linkSync(file, to);
    } catch {
      copyFileSync(file, to);
    }
  }
  renameSync(tmp, target);
  return target;
}

async function startServer(port: number): Promise<ChildProcess> {
  const server = spawn(process.execPath, ['scripts/serve.mjs', `--port=${port}`, '--dist=dist'], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    server.stdout!.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('viewer on http')) resolve();
    });
    server.on('exit', (code) => reject(new Error(`static server exited with ${code}`)));
  });
  return server;
}

async function freshPage(browser: Browser, url: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  page.on('pageerror', (e) => console.error(`page error: ${e.message}`));
  await page.goto(url);
  // The viewer (Cornerstone) is initialised while a user would be choosing files.
  await page.waitForFunction(() => window.__hcc?.state === 'idle' && window.__hccProbe !== undefined && window.__hccBench !== undefined);
  return page;
}

async function measureFloor(browser: Browser, url: string, files: string[]): Promise<number> {
  const page = await freshPage(browser, url);
  await page.locator('#bench-floor-input').setInputFiles(files);
  const { ms } = await page.evaluate(() => window.__hccBench!.parseFloor());
  await page.close();
  return ms;
}

interface VoxelReadTiming {
  series: number;
  voxels: number;
  ms: number;
  longestTaskMs: number;
}

async function measureViewer(
  browser: Browser,
  url: string,
  folder: string,
): Promise<{ firstImageMs: number; allPhasesMs: number; firstImageViewport: string | null; voxelRead: VoxelReadTiming }> {
  const page = await freshPage(browser, url);
  // Open folder: the series folders are known to the viewer (progressive loading reads folder by folder).
  await page.locator('#folder-input').setInputFiles(folder);
  await page.waitForFunction(() => ['all-visible', 'all-loaded'].includes(window.__hcc?.viewer?.status ?? ''), null, { timeout: 600_000 });
  const { selectedAtMs, timing } = await page.evaluate(() => ({ selectedAtMs: window.__hcc!.selectedAtMs!, timing: window.__hcc!.viewer!.timing }));
  // What a measurement reads: every series of its roles through Cornerstone's decoded images, once the
  // stacks are loaded (as when a lesion is drawn), with the main thread watched.
  await page.waitForFunction(() => window.__hcc?.viewer?.status === 'all-loaded', null, { timeout: 600_000 });
  const voxelRead = await page.evaluate(() => window.__hccProbe!.timeVoxelReads());
  await page.close();
  return {
    firstImageMs: timing.firstImageAtMs! - selectedAtMs,
    allPhasesMs: timing.allVisibleAtMs! - selectedAtMs,
    firstImageViewport: timing.firstImageViewport,
    voxelRead,
  };
}

export async function benchViewerLoad(sizes: [number, number, number][], repeats = 3, log: (line: string) => void = () => undefined): Promise<ViewerLoadResult[]> {
  const build = spawnSync('npx', ['webpack', '--mode', 'production', '--no-stats'], { stdio: 'inherit' });
  if (build.status !== 0) throw new Error('webpack build failed');
  const port = 8300 + Math.floor(Math.random() * 500);
  const server = await startServer(port);
  const browser = await chromium.launch({ executablePath: process.env.HCC_CHROMIUM ?? '/usr/lib/chromium/chromium', args: CHROMIUM_ARGS });
  const url = `http://127.0.0.1:${port}/?demo=0&bench=1`;
  const results: ViewerLoadResult[] = [];
  try {
    for (const size of sizes) {
      const { dir } = await ensurePhantom({ seed: 42, size, variants: false });
      const { files, bytes } = studyFiles(dir);
      const folder = studyFolder(dir, files);
      await measureFloor(browser, url, files); // warm-up: disk cache, worker and code paths, not counted
      const floor: number[] = [];
      const first: number[] = [];
      const all: number[] = [];
      let firstImageViewport: string | null = null;
      const reads: VoxelReadTiming[] = [];
      for (let r = 0; r < repeats; r++) {
        floor.push(await measureFloor(browser, url, files));
        const v = await measureViewer(browser, url, folder);
        first.push(v.firstImageMs);
        all.push(v.allPhasesMs);
        firstImageViewport = v.firstImageViewport;
        reads.push(v.voxelRead);
        log(`viewer ${size.join('x')} run ${r + 1}/${repeats}: voxel read ${v.voxelRead.series} series, ${(v.voxelRead.voxels / 1e6).toFixed(1)} Mvoxels in ${v.voxelRead.ms.toFixed(0)} ms, longest main-thread task ${v.voxelRead.longestTaskMs.toFixed(1)} ms`);
        log(`viewer ${size.join('x')} run ${r + 1}/${repeats}: floor ${floor.at(-1)!.toFixed(0)} ms, first image ${v.firstImageMs.toFixed(0)} ms, all phases ${v.allPhasesMs.toFixed(0)} ms`);
      }
      const parseFloorMs = median(floor);
      results.push({
        size: size.join('x'),
        files: files.length,
        megabytes: +(bytes / 1e6).toFixed(1),
        firstImageMs: +median(first).toFixed(0),
        allPhasesMs: +median(all).toFixed(0),
        parseFloorMs: +parseFloorMs.toFixed(0),
        allPhasesRatioToFloor: +(median(all) / parseFloorMs).toFixed(2),
        firstImageRatioToFloor: +(median(first) / parseFloorMs).toFixed(2),
        firstImageViewport,
        voxelReadMs: +median(reads.map((x) => x.ms)).toFixed(0),
        voxelReadMegavoxels: +(reads[0]!.voxels / 1e6).toFixed(1),
        voxelReadLongestTaskMs: +Math.max(...reads.map((x) => x.longestTaskMs)).toFixed(1),
        repeats,
      });
    }
  } finally {
    await browser.close();
    server.kill();
  }
  return results;
}

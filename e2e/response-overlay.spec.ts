// Response views on the demo with its lesion SEGs (?seg=1): the viable/necrotic overlay on the
// arterial viewports, the computed subtraction column, the ADC colour map and its colour bar.
// Expected values come from the phantom's truth (spheres, tissue signals), not from the app.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { RESPONSE_COLOURS } from '../src/viewer/response-types';
import { collectConsoleErrors, expectedGrey, gridIndexOf, meanGrey, truth, viewerSnapshot, vp, waitForSettled, waitForViewerStatus, wheelTo, type Vec3 } from './viewer-helpers';

const t = truth();

async function openWithLesions(page: Page): Promise<void> {
  await page.goto('/?seg=1');
  await waitForViewerStatus(page, ['all-visible', 'all-loaded']);
  await page.waitForFunction(() => {
    const m = window.__hcc?.measurements;
    return !!m && m.document !== null && m.busy === 0;
  }, undefined, { timeout: 120_000 });
  await waitForSettled(page);
}

/** The image of a time point's T1 grid through a z position, and that slice's z. */
function sliceAt(timePoint: number, zMm: number): { index: number; zMm: number } {
  const g = t.timePoints[timePoint]!.grids.t1;
  const index = gridIndexOf(g, zMm);
  return { index, zMm: g.originLps[2] + index * g.spacingMm[2] };
}

interface OverlayPixels {
  viable: number;
  necrotic: number;
  uncoloured: number;
  meanAlpha: number;
}

/** Overlay canvas pixels in a disk (mm) around a patient point, each given the nearer of the two colours. */
async function overlayPixels(page: Page, key: string, centre: Vec3, radiusMm: number): Promise<OverlayPixels> {
  return page.evaluate(({ key, centre, radiusMm, viableRgb, necroticRgb }) => {
    const probe = window.__hccProbe!;
    const c = probe.clientPointOf(key, centre);
    const e = probe.clientPointOf(key, [centre[0] + radiusMm, centre[1], centre[2]]);
    const canvas = document.querySelector<HTMLCanvasElement>(`[data-viewport="${key}"] canvas.hcc-vp-response`);
    if (!c || !e || !canvas) return { viable: 0, necrotic: 0, uncoloured: -1, meanAlpha: 0 };
    const rect = canvas.getBoundingClientRect();
    const s = canvas.width / rect.width;
    const cx = (c[0] - rect.left) * s;
    const cy = (c[1] - rect.top) * s;
    const r = Math.hypot(e[0] - c[0], e[1] - c[1]) * s;
    const x0 = Math.floor(cx - r);
    const y0 = Math.floor(cy - r);
    const size = Math.ceil(2 * r) + 2;
    const data = canvas.getContext('2d')!.getImageData(x0, y0, size, size).data;
    const out = { viable: 0, necrotic: 0, uncoloured: 0, meanAlpha: 0 };
    const d2 = (i: number, rgb: number[]) => (data[i]! - rgb[0]!) ** 2 + (data[i + 1]! - rgb[1]!) ** 2 + (data[i + 2]! - rgb[2]!) ** 2;
    for (let y = 0; y < size; y++) {
      for (let x = 0; x < size; x++) {
        if ((x0 + x + 0.5 - cx) ** 2 + (y0 + y + 0.5 - cy) ** 2 > r * r) continue;
        const i = 4 * (y * size + x);
        if (data[i + 3] === 0) {
          out.uncoloured++;
          continue;
        }
        out.meanAlpha += data[i + 3]!;
        if (d2(i, viableRgb) < d2(i, necroticRgb)) out.viable++;
        else out.necrotic++;
      }
    }
    out.meanAlpha /= Math.max(1, out.viable + out.necrotic);
    return out;
  }, { key, centre, radiusMm, viableRgb: [...RESPONSE_COLOURS.viable.rgb], necroticRgb: [...RESPONSE_COLOURS.necrotic.rgb] });
}

/**
 * Fraction of a disk on the slice plane z (centre, radius) inside the lesion's viable sphere, from
 * the phantom's definition alone (0.2 mm lattice).
 */
function viableFractionOfDisk(lesion: (typeof t.timePoints)[number]['lesions'][number], centre: Vec3, radiusMm: number): number {
  const viable = lesion.viableSphere === 'whole' ? { centreLps: lesion.centreLps, radiusMm: lesion.radiusMm } : lesion.viableSphere;
  let inside = 0;
  let all = 0;
  for (let dy = -radiusMm; dy <= radiusMm; dy += 0.2) {
    for (let dx = -radiusMm; dx <= radiusMm; dx += 0.2) {
      if (dx * dx + dy * dy > radiusMm * radiusMm) continue;
      all++;
      const p = [centre[0] + dx, centre[1] + dy, centre[2]];
      if (p.reduce((n, v, i) => n + (v - viable.centreLps[i]!) ** 2, 0) <= viable.radiusMm ** 2) inside++;
    }
  }
  return inside / all;
}

test('the response overlay colours Lesion 1 viable at baseline and mostly necrotic at follow-up; follows delete and undo; opacity sets its alpha; off removes it', async ({ page }) => {
  const consoleErrors = collectConsoleErrors(page);
  await openWithLesions(page);
  await page.getByRole('button', { name: 'Overlay' }).click();
  await page.waitForFunction(() => window.__hcc?.response?.overlay === true && window.__hcc.response.lesionsDrawn >= 2);
  await expect(page.locator('[data-viewport="tp0-arterial"] .hcc-response-legend')).toContainText(RESPONSE_COLOURS.viable.label);

  const fractions: number[] = [];
  for (const row of [0, 1]) {
    const lesion = t.timePoints[row]!.lesions[0]!;
    const key = `tp${row}-arterial`;
    const slice = sliceAt(row, lesion.centreLps[2]);
    await wheelTo(page, key, slice.index);
    const centre: Vec3 = [lesion.centreLps[0], lesion.centreLps[1], slice.zMm];
    // Well inside the tumour's cross-section on this slice: every pixel there is tumour.
    const radius = 0.7 * Math.sqrt(lesion.radiusMm ** 2 - (slice.zMm - lesion.centreLps[2]) ** 2);
    await expect.poll(async () => (await overlayPixels(page, key, centre, radius)).uncoloured).toBe(0);
    const px = await overlayPixels(page, key, centre, radius);
    const measured = px.viable / (px.viable + px.necrotic);
    const expected = viableFractionOfDisk(lesion, centre, radius);
    // Voxel edges (3 mm voxels) move the boundary by up to half a voxel: 0.12 of the disk.
    expect(Math.abs(measured - expected), `${key}: viable fraction ${measured.toFixed(3)} vs ${expected.toFixed(3)}`).toBeLessThanOrEqual(0.12);
    fractions.push(measured);
  }
  expect(fractions[0]!).toBeGreaterThan(0.5); // viable dominant at baseline
  expect(fractions[1]!).toBeLessThan(0.5); // necrotic dominant at follow-up

  // Opacity is the fill's alpha (0..1 of 255).
  const lesion = t.timePoints[1]!.lesions[0]!;
  const slice = sliceAt(1, lesion.centreLps[2]);
  const centre: Vec3 = [lesion.centreLps[0], lesion.centreLps[1], slice.zMm];
  for (const percent of [100, 30]) {
    await page.locator('#overlay-opacity').fill(String(percent));
    await expect.poll(async () => Math.round((await overlayPixels(page, 'tp1-arterial', centre, 5)).meanAlpha)).toBeGreaterThanOrEqual(Math.floor(2.55 * percent) - 1);
    expect((await overlayPixels(page, 'tp1-arterial', centre, 5)).meanAlpha).toBeLessThanOrEqual(Math.ceil(2.55 * percent) + 1);
  }

  // The overlay follows the lesion model: deleting Lesion 1 removes its colours, undo brings them back
  // (once measured again).
  const coloured = async () => {
    const px = await overlayPixels(page, 'tp1-arterial', centre, 5);
    return px.viable + px.necrotic;
  };
  await page.getByRole('button', { name: 'Lesions', exact: true }).click();
  await page.getByRole('button', { name: 'Delete Lesion 1' }).click();
  await expect.poll(coloured).toBe(0);
  await page.getByTestId('undo').click();
  await expect.poll(coloured, { timeout: 60_000 }).toBeGreaterThan(0);

  // Off: no overlay colour left in the lesion, and its legend goes.
  await page.getByRole('button', { name: 'Overlay' }).click();
  await expect.poll(async () => {
    const px = await overlayPixels(page, 'tp1-arterial', centre, 10);
    return px.viable + px.necrotic;
  }).toBe(0);
  await expect(page.locator('[data-viewport="tp1-arterial"] .hcc-response-legend')).toBeHidden();
  expect(consoleErrors).toEqual([]);
});

test('the subtraction column: arterial minus pre, windowed like any series, following the scroll; a mismatched pre is refused in words', async ({ page }) => {
  const consoleErrors = collectConsoleErrors(page);
  await openWithLesions(page);
  expect((await viewerSnapshot(page)).viewports.some((v) => v.column === 'subtraction')).toBe(false);
  await page.getByRole('button', { name: 'Subtraction' }).click();
  await page.waitForFunction(() => ['tp0-subtraction', 'tp1-subtraction'].every((k) => (window.__hcc?.viewer?.viewports.find((v) => v.key === k)?.renderCount ?? 0) > 0));
  const tp0 = t.timePoints[0]!;
  const lesion = tp0.lesions[0]!;
  const slice = sliceAt(0, lesion.centreLps[2]);

  // Scrolling the arterial viewport moves the subtraction to the same image, and the other way round.
  await wheelTo(page, 'tp0-arterial', slice.index);
  await page.waitForFunction((k) => window.__hcc?.viewer?.viewports.find((v) => v.key === 'tp0-subtraction')?.displayedIndex === k, slice.index);
  let snap = await viewerSnapshot(page);
  expect(vp(snap, 'tp0-subtraction').positionLps).toEqual(vp(snap, 'tp0-arterial').positionLps);
  expect(vp(snap, 'tp0-subtraction').phase).toBe('subtraction');
  await expect(page.locator('[data-viewport="tp0-subtraction"] .hcc-ov.br')).toContainText(`Im ${slice.index + 1}/`);
  // The phantom's phases are registered: no motion warning (kernels/inplane-shift.test.ts finds shifts that are there).
  for (const key of ['tp0-subtraction', 'tp1-subtraction']) await expect(page.locator(`[data-viewport="${key}"] .hcc-ov.tr`)).not.toContainText('Motion');

  // The enhancing lesion is bright, at the grey its mean (arterial - pre) gets through the window.
  const subWindow = vp(snap, 'tp0-subtraction').window!;
  const lesionDiff = lesion.signal['arterial']!.mean - lesion.signal['t1_pre']!.mean;
  const liverDiff = tp0.liverReference.signal['arterial']!.mean - tp0.liverReference.signal['t1_pre']!.mean;
  const inLesion = await meanGrey(page, 'tp0-subtraction', [lesion.centreLps[0], lesion.centreLps[1], slice.zMm], 0.5 * lesion.radiusMm);
  expect(Math.abs(inLesion.mean - expectedGrey(lesionDiff, subWindow)), `lesion grey ${inLesion.mean}`).toBeLessThanOrEqual(12);
  const liverSlice = sliceAt(0, tp0.liverReference.centreLps[2]);
  await wheelTo(page, 'tp0-subtraction', liverSlice.index);
  await page.waitForFunction((k) => window.__hcc?.viewer?.viewports.find((v) => v.key === 'tp0-arterial')?.displayedIndex === k, liverSlice.index);
  const ref = tp0.liverReference;
  const inLiver = await meanGrey(page, 'tp0-subtraction', [ref.centreLps[0], ref.centreLps[1], liverSlice.zMm], 0.5 * ref.radiusMm);
  expect(Math.abs(inLiver.mean - expectedGrey(liverDiff, subWindow)), `liver grey ${inLiver.mean}`).toBeLessThanOrEqual(12);
  expect(inLesion.mean).toBeGreaterThan(inLiver.mean + 30);
  await expect(page.locator('[data-viewport="tp0-subtraction"] .hcc-ov.tr')).not.toContainText('Motion');

  // For the reader of the test results: the room with every response view on.
  await page.getByRole('button', { name: 'Overlay' }).click();
  await page.getByRole('button', { name: 'ADC colour' }).click();
  await wheelTo(page, 'tp0-arterial', slice.index);
  await expect(page.locator('[data-viewport="tp0-adc"] .hcc-adc-legend')).toBeVisible();
  await page.screenshot({ path: 'test-results/response-views.png' });

  // A "pre" on another grid (the DWI series picked into the T1 pre viewport): a message, no image.
  const dwi = (await viewerSnapshot(page)).viewports.find((v) => v.key === 'tp0-dwi')!.volumeId!;
  await page.locator('[data-viewport="tp0-t1_pre"] select.hcc-vp-series').selectOption(dwi);
  const message = page.locator('[data-viewport="tp0-subtraction"] .hcc-vp-empty');
  await expect(message).toBeVisible();
  await expect(message).toContainText('Subtraction not shown');
  snap = await viewerSnapshot(page);
  expect(vp(snap, 'tp0-subtraction').volumeId).toBeNull();

  // Off: the layout is the default one again.
  await page.getByRole('button', { name: 'Subtraction' }).click();
  await page.waitForFunction(() => !window.__hcc?.viewer?.viewports.some((v) => v.column === 'subtraction'));
  expect(consoleErrors).toEqual([]);
});

test('ADC colour: the ADC viewports turn to colour with a colour bar in x10^-3 mm^2/s that follows the window', async ({ page }) => {
  const consoleErrors = collectConsoleErrors(page);
  await openWithLesions(page);
  const chroma = () =>
    page.evaluate(() => {
      const canvas = document.querySelector<HTMLCanvasElement>('[data-viewport="tp0-adc"] .hcc-vp-element canvas')!;
      const w = canvas.width;
      const h = canvas.height;
      const data = canvas.getContext('2d')!.getImageData(Math.round(w * 0.3), Math.round(h * 0.3), Math.round(w * 0.4), Math.round(h * 0.4)).data;
      let bright = 0;
      let coloured = 0;
      for (let i = 0; i < data.length; i += 4) {
        const hi = Math.max(data[i]!, data[i + 1]!, data[i + 2]!);
        const lo = Math.min(data[i]!, data[i + 1]!, data[i + 2]!);
        if (hi < 20) continue; // background
        bright++;
        if (hi - lo > 40) coloured++;
      }
      return coloured / Math.max(1, bright);
    });
  expect(await chroma()).toBe(0);
  await page.getByRole('button', { name: 'ADC colour' }).click();
  await expect.poll(chroma).toBeGreaterThan(0.5);
  const legend = page.locator('[data-viewport="tp0-adc"] .hcc-adc-legend');
  await expect(legend).toBeVisible();
  await expect(legend).toContainText('×10⁻³ mm²/s');

  // Ticks lie in the window, converted from the phantom's storage unit (x1e-6 mm^2/s) to x1e-3.
  const ticksWithin = async () => {
    const win = vp(await viewerSnapshot(page), 'tp0-adc').window!;
    const labels = ((await legend.getAttribute('data-ticks')) ?? '').split(' ').filter(Boolean).map(Number);
    const lower = (win.windowCenter - win.windowWidth / 2) / 1000;
    const upper = (win.windowCenter + win.windowWidth / 2) / 1000;
    return { labels, ok: labels.length >= 3 && labels.every((v) => v >= lower - 0.01 && v <= upper + 0.01) };
  };
  await expect.poll(async () => (await ticksWithin()).ok).toBe(true);
  const before = (await ticksWithin()).labels;
  // Window/level with the left button (navigate tool): the bar follows.
  const box = (await page.locator('[data-viewport="tp0-adc"] .hcc-vp-element').boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 + 120, box.y + box.height / 2 + 60, { steps: 6 });
  await page.mouse.up();
  await expect.poll(async () => (await ticksWithin()).labels.join(' ')).not.toBe(before.join(' '));
  expect((await ticksWithin()).ok).toBe(true);

  // Off: grey again, no bar.
  await page.getByRole('button', { name: 'ADC colour' }).click();
  await expect.poll(chroma).toBe(0);
  await expect(legend).toBeHidden();
  expect(consoleErrors).toEqual([]);
});

test('the subtraction warns of motion: with T1 pre moved by two columns, every image says how far', async ({ page }) => {
  const consoleErrors = collectConsoleErrors(page);
  const demoDir = process.env.HCC_E2E_DEMO_DIR!;
  const manifest = JSON.parse(readFileSync(path.join(demoDir, 'manifest.json'), 'utf8')) as { timePoints: { series: { phase: string; files: string[] }[] }[] };
  const dynamic = manifest.timePoints[0]!.series.filter((s) => ['t1_pre', 'arterial', 'portal_venous', 'delayed'].includes(s.phase));
  const g = t.timePoints[0]!.grids.t1 as { dims: number[]; spacingMm: number[] };
  const [w, h] = [g.dims[0]!, g.dims[1]!];
  const copy = mkdtempSync(path.join(tmpdir(), 'hcc-motion-'));
  const files: string[] = [];
  for (const series of dynamic) {
    for (const file of series.files) {
      const bytes = readFileSync(path.join(demoDir, file));
      if (series.phase === 't1_pre') {
        // The phantom writes uncompressed 16-bit pixels last: (7FE0,0010) OW, then w*h*2 bytes. Shift every row right by 2.
        const n = w * h * 2;
        const at = bytes.length - n;
        expect([bytes.readUInt16LE(at - 12), bytes.readUInt16LE(at - 10), bytes.readUInt32LE(at - 4)]).toEqual([0x7fe0, 0x0010, n]);
        const pixels = new Uint16Array(bytes.buffer.slice(bytes.byteOffset + at, bytes.byteOffset + bytes.length));
        const moved = new Uint16Array(pixels.length);
        for (let y = 0; y < h; y++) for (let x = 2; x < w; x++) moved[y * w + x] = pixels[y * w + x - 2]!;
        Buffer.from(moved.buffer).copy(bytes, at);
      }
      const name = path.join(copy, file.replaceAll('/', '_'));
      writeFileSync(name, bytes);
      files.push(name);
    }
  }
  await page.goto('/?demo=0');
  await page.waitForFunction(() => window.__hcc?.state === 'idle');
  await page.locator('#file-input').setInputFiles(files);
  await waitForViewerStatus(page, ['all-loaded']);
  await page.getByRole('button', { name: 'Subtraction' }).click();
  const corner = page.locator('[data-viewport="tp0-subtraction"] .hcc-ov.tr');
  const mm = (2 * g.spacingMm[0]!).toFixed(1);
  await expect(corner).toContainText(`Motion? pre ${mm} mm off`);
  // Another image of the series says it too.
  const shown = vp(await viewerSnapshot(page), 'tp0-subtraction').displayedIndex;
  await wheelTo(page, 'tp0-subtraction', shown > 5 ? shown - 5 : shown + 5);
  await expect(corner).toContainText(`Motion? pre ${mm} mm off`);
  expect(consoleErrors).toEqual([]);
});

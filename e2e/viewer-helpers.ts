import { expect, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ViewerSnapshot, ViewportSnapshot } from '../src/viewer/snapshot';
import type { PhantomTruth } from '../test-data/phantom/truth';

export const demoDir = process.env.HCC_E2E_DEMO_DIR!;
export const truth = (): PhantomTruth => JSON.parse(readFileSync(path.join(demoDir, 'truth.json'), 'utf8')) as PhantomTruth;

export type Vec3 = [number, number, number];

export function collectConsoleErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}

export async function viewerSnapshot(page: Page): Promise<ViewerSnapshot> {
  return page.evaluate(() => window.__hcc!.viewer!);
}

export function vp(snapshot: ViewerSnapshot, key: string): ViewportSnapshot {
  const v = snapshot.viewports.find((x) => x.key === key);
  if (!v) throw new Error(`no viewport ${key}`);
  return v;
}

/** Waits (on the page's own state, no fixed sleep) until the viewer reached a load status. */
export async function waitForViewerStatus(page: Page, statuses: string[], timeout = 90_000): Promise<void> {
  await page.waitForFunction((s) => s.includes(window.__hcc?.viewer?.status ?? ''), statuses, { timeout });
}

/** Waits until every viewport shows the image it was asked for and has drawn it. */
export async function waitForSettled(page: Page): Promise<ViewerSnapshot> {
  // The viewer publishes its snapshot once per animation frame: two frames make sure the snapshot
  // read below was taken after whatever the test just did (a key, a wheel), not before it.
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  await page.waitForFunction(() => {
    const v = window.__hcc?.viewer;
    return !!v && v.viewports.every((p) => p.volumeId === null || (p.renderCount > 0 && p.displayedIndex === p.targetIndex));
  });
  return viewerSnapshot(page);
}

/** Waits until a viewport displays image `index`. */
export async function waitForIndex(page: Page, key: string, index: number): Promise<void> {
  await page.waitForFunction(
    ({ key, index }) => window.__hcc?.viewer?.viewports.find((p) => p.key === key)?.displayedIndex === index,
    { key, index },
  );
}

/**
 * Mean grey (0-255, red channel) of the rendered canvas in a disk around a patient point: what the
 * radiologist sees, not what the DOM says. The disk radius is given in mm and converted with the
 * viewport's own projection.
 */
export async function meanGrey(page: Page, key: string, centreLps: Vec3, radiusMm: number): Promise<{ mean: number; pixels: number }> {
  return page.evaluate(
    ({ key, centreLps, radiusMm }) => {
      const probe = window.__hccProbe!;
      const c = probe.clientPointOf(key, centreLps);
      const e = probe.clientPointOf(key, [centreLps[0] + radiusMm, centreLps[1], centreLps[2]]);
      const canvas = document.querySelector<HTMLCanvasElement>(`[data-viewport="${key}"] .hcc-vp-element canvas`);
      if (!c || !e || !canvas) throw new Error(`viewport ${key} shows no image`);
      const rect = canvas.getBoundingClientRect();
      const scale = canvas.width / rect.width;
      const cx = (c[0] - rect.left) * scale;
      const cy = (c[1] - rect.top) * scale;
      const r = Math.hypot(e[0] - c[0], e[1] - c[1]) * scale;
      const x0 = Math.floor(cx - r);
      const y0 = Math.floor(cy - r);
      const size = Math.ceil(2 * r) + 2;
      const data = canvas.getContext('2d')!.getImageData(x0, y0, size, size).data;
      let sum = 0;
      let pixels = 0;
      for (let y = 0; y < size; y++) {
        for (let x = 0; x < size; x++) {
          if ((x0 + x + 0.5 - cx) ** 2 + (y0 + y + 0.5 - cy) ** 2 > r * r) continue;
          sum += data[4 * (y * size + x)]!;
          pixels++;
        }
      }
      return { mean: sum / pixels, pixels };
    },
    { key, centreLps, radiusMm },
  );
}

/** Grey level a value gets through a linear window (DICOM C.11.2.1.2), 0-255. */
export function expectedGrey(value: number, window: { windowWidth: number; windowCenter: number }): number {
  const { windowWidth: w, windowCenter: c } = window;
  const y = (value - (c - 0.5)) / (w - 1) + 0.5;
  return 255 * Math.min(1, Math.max(0, y));
}

/** Index of the image of a regular grid (truth.json grid) nearest a position along z (axial grids). */
export function gridIndexOf(grid: { originLps: number[]; spacingMm: number[]; dims: number[] }, zMm: number): number {
  const k = Math.round((zMm - grid.originLps[2]!) / grid.spacingMm[2]!);
  return Math.max(0, Math.min(grid.dims[2]! - 1, k));
}

export function expectWithin(actual: number, expected: number, tolerance: number, what: string): void {
  expect(Math.abs(actual - expected), `${what}: ${actual.toFixed(2)} vs ${expected.toFixed(2)} (±${tolerance})`).toBeLessThanOrEqual(tolerance);
}

/** Scrolls a viewport with the mouse wheel until it shows `index` (each notch waits for the viewer). */
export async function wheelTo(page: Page, key: string, index: number): Promise<void> {
  const box = (await page.locator(`[data-viewport="${key}"] .hcc-vp-element`).boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  for (let guard = 0; guard < 100; guard++) {
    const current = vp(await viewerSnapshot(page), key).targetIndex;
    if (current === index) break;
    await page.mouse.wheel(0, current < index ? 100 : -100);
    await page.waitForFunction(
      ({ key, current }) => window.__hcc?.viewer?.viewports.find((p) => p.key === key)?.targetIndex !== current,
      { key, current },
    );
  }
  await waitForIndex(page, key, index);
}

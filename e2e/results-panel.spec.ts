// The demo with its lesion SEGs (?seg=1): every lesion is measured in the workers and the results panel
// shows the categories of the ground truth (truth.json, from the phantom's own definitions).
import { expect, test, type Page } from '@playwright/test';
import { collectConsoleErrors } from './viewer-helpers';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const demoDir = process.env.HCC_E2E_DEMO_DIR!;
const truth = JSON.parse(readFileSync(path.join(demoDir, 'truth.json'), 'utf8')) as {
  response: { categories: Record<string, string> }[];
  timePoints: {
    grids: { t1: { spacingMm: number[] } };
    lesions: { label: string; centreLps: number[]; voxels: { total: number }; volumeMl: number; enhancingFraction: number }[];
  }[];
};

function filesUnder(dir: string): string[] {
  const files: string[] = [];
  const walk = (d: string) => {
    for (const n of readdirSync(d)) {
      const p = path.join(d, n);
      if (statSync(p).isDirectory()) walk(p);
      else files.push(p);
    }
  };
  walk(dir);
  return files;
}


test('the demo with its SEG lesions: the results panel shows the ground-truth categories and the swelling flag', async ({ page }) => {
  const consoleErrors = collectConsoleErrors(page);
  // A fresh profile per test: no autosaved lesions replace the SEG's.
  await page.goto('/?seg=1');
  await page.waitForFunction(
    () => {
      const m = window.__hcc?.measurements;
      return m !== null && m !== undefined && m.document !== null && m.busy === 0;
    },
    undefined,
    { timeout: 120_000 },
  );
  const doc = await page.evaluate(() => window.__hcc!.measurements!.document!);
  // Volumes exact to the voxel (the SEG holds the phantom's label masks).
  for (const [i, tp] of truth.timePoints.entries()) {
    for (const [n, lesion] of tp.lesions.entries()) {
      expect(doc.timePoints[i]!.lesions[n]!.volumeMl).toBeCloseTo(lesion.volumeMl, 9);
      // The split reads pre and arterial voxels through Cornerstone's decoded images: exact as well.
      expect(doc.timePoints[i]!.lesions[n]!.enhancingFraction).toBeCloseTo(lesion.enhancingFraction, 9);
    }
  }
  const panel = page.locator('#results-panel');
  await expect(panel).toBeVisible();
  for (const [criterion, category] of Object.entries(truth.response[0]!.categories)) {
    const row = panel.locator(`tr[data-criterion="${criterion}"][data-time-point="1"][data-category]`);
    await expect(row, criterion).toHaveAttribute('data-category', category);
    await expect(row.locator('.hcc-badge'), criterion).toHaveText(category);
  }
  await expect(panel.locator('li.hcc-flag[data-flag="necroticSwelling"][data-lesion="Lesion 1"]')).toHaveCount(1);
  await expect(panel.locator('li.hcc-flag[data-flag="necroticSwelling"][data-lesion="Lesion 2"]')).toHaveCount(0);
  await expect(panel.locator('svg[data-plot="trend"]').first()).toBeVisible();
  // "Show" on Lesion 2 brings each time point's arterial to the lesion's own slice (its position differs per time point).
  await panel.locator('button[data-action="show-lesion"][data-lesion="Lesion 2"]').click();
  for (const [t, tp] of truth.timePoints.entries()) {
    const lesion = tp.lesions.find((l) => l.label === 'Lesion 2')!;
    const halfSliceMm = tp.grids.t1.spacingMm[2]! / 2;
    await page.waitForFunction(
      ({ key, z, tolerance }) => {
        const p = window.__hcc?.viewer?.viewports.find((v) => v.key === key);
        return !!p && p.displayedIndex === p.targetIndex && p.slicePositionMm !== null && Math.abs(p.slicePositionMm - z) <= tolerance;
      },
      // The largest slice of a sphere is within half a slice of its centre.
      { key: `tp${t}-arterial`, z: lesion.centreLps[2]!, tolerance: halfSliceMm + 1e-6 },
    );
  }
  await page.screenshot({ path: 'test-results/results-panel.png' });
  expect(consoleErrors).toEqual([]);
});

test('a folder holding images and a SEG: the SEG becomes the lesions (not a file error) and they are measured', async ({ page }) => {
  const consoleErrors = collectConsoleErrors(page);
  await page.goto('/?demo=0');
  await page.waitForFunction(() => window.__hcc?.state === 'idle');
  // The baseline folder as a user would pick it: its series and the SEG written beside them.
  const files = filesUnder(path.join(demoDir, 'baseline'));
  expect(files.some((f) => f.endsWith('SEG_lesions.dcm'))).toBe(true);
  await page.locator('#file-input').setInputFiles(files);
  await page.waitForFunction(() => {
    const m = window.__hcc?.measurements;
    return window.__hcc?.state === 'loaded' && m !== null && m !== undefined && m.document !== null && m.busy === 0;
  }, undefined, { timeout: 120_000 });
  const state = await page.evaluate(() => ({ errors: window.__hcc!.tree!.errors, doc: window.__hcc!.measurements!.document! }));
  expect(state.errors).toEqual([]);
  const want = truth.timePoints[0]!.lesions;
  expect(state.doc.timePoints[0]!.lesions.map((l) => l.label)).toEqual(want.map((l) => l.label));
  for (const [n, lesion] of want.entries()) expect(state.doc.timePoints[0]!.lesions[n]!.volumeMl).toBeCloseTo(lesion.volumeMl, 9);
  expect(consoleErrors).toEqual([]);
});

test('a compressed (JPEG-LS) arterial series is measured through Cornerstone\'s decoder: the figures are the uncompressed ones', async ({ page }) => {
  const consoleErrors = collectConsoleErrors(page);
  await page.goto('/?demo=0');
  await page.waitForFunction(() => window.__hcc?.state === 'idle');
  // The baseline with its arterial folder swapped for the lossless JPEG-LS copy (same SOP Instance UIDs, so the SEG still refers to it).
  const compressedDir = path.join(demoDir, 'variants', 'jpeg-ls');
  const [arterialFolder] = readdirSync(compressedDir);
  const files = [
    ...filesUnder(path.join(demoDir, 'baseline')).filter((f) => !f.includes(`${path.sep}${arterialFolder}${path.sep}`)),
    ...filesUnder(path.join(compressedDir, arterialFolder!)),
  ];
  await page.locator('#file-input').setInputFiles(files);
  await page.waitForFunction(() => {
    const m = window.__hcc?.measurements;
    return window.__hcc?.state === 'loaded' && m !== null && m !== undefined && m.document !== null && m.busy === 0;
  }, undefined, { timeout: 120_000 });
  const state = await page.evaluate(() => ({ tree: window.__hcc!.tree!, doc: window.__hcc!.measurements!.document! }));
  const arterial = state.tree.patients[0]!.studies[0]!.series.find((v) => v.frames.some((f) => f.pixel?.encapsulated));
  expect(arterial, 'the compressed series was loaded').toBeDefined();
  const want = truth.timePoints[0]!.lesions;
  for (const [n, lesion] of want.entries()) {
    expect(state.doc.timePoints[0]!.lesions[n]!.volumeMl).toBeCloseTo(lesion.volumeMl, 9);
    expect(state.doc.timePoints[0]!.lesions[n]!.enhancingFraction).toBeCloseTo(lesion.enhancingFraction, 9);
  }
  expect(consoleErrors).toEqual([]);
});

test('every series read through the viewer (Cornerstone) equals the core decoder on its files, rescale included', async ({ page }) => {
  const consoleErrors = collectConsoleErrors(page);
  await page.goto('/');
  await page.waitForFunction(() => window.__hcc?.viewer?.status === 'all-loaded', undefined, { timeout: 120_000 });
  const rows = await page.evaluate(() => window.__hccProbe!.compareVoxelReaders());
  // Both time points: T2, DWI b-values, ADC and the dynamic phases; the follow-up's T2 has RescaleSlope 0.25
  // with slices whose rescaled range is whole numbers (the case Cornerstone decodes into a Uint8Array).
  expect(rows.length).toBeGreaterThanOrEqual(14);
  for (const r of rows) {
    expect(r.error, r.series).toBeUndefined();
    expect(r.maxAbsDiff, r.series).toBe(0);
  }
  expect(consoleErrors).toEqual([]);
});

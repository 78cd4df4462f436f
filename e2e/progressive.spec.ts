// Progressive loading (issue #3): the first image is on screen while files are still being read, the
// provisional layout is labelled and only ever holds the right series, and the final tree updates
// the room in place. `?readDelayMs=` (test-only, see src/app/sources.ts withReadDelay) slows every
// read down so the order is observable on the small demo; the waits are on the page's own state.
import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { collectConsoleErrors, demoDir, truth, viewerSnapshot, vp } from './viewer-helpers';

const manifest = JSON.parse(readFileSync(path.join(demoDir, 'manifest.json'), 'utf8')) as {
  timePoints: { series: { seriesInstanceUid: string; files: string[] }[] }[];
};
const ROLE = { t1_pre: 'pre', arterial: 'arterial', portal_venous: 'portalVenous', t2: 't2', dwi: 'dwi', adc: 'adc' } as const;

test('the first image is drawn before the last file is read; the provisional room is labelled and updated in place', async ({ page }) => {
  const consoleErrors = collectConsoleErrors(page);
  const t = truth();
  await page.goto('/?readDelayMs=30');

  // The first image, while the room is provisional and files are still being read.
  await page.waitForFunction(() => (window.__hcc?.reading?.filesDoneAtFirstImage ?? null) !== null, null, { timeout: 90_000 });
  const early = await page.evaluate(() => ({ reading: window.__hcc!.reading!, viewer: window.__hcc!.viewer!, state: window.__hcc!.state }));
  expect(early.reading.filesDoneAtFirstImage!).toBeLessThan(early.reading.filesTotal);
  expect(early.state).toBe('loading');
  expect(early.viewer.provisional).toBe(true);
  expect(early.viewer.timing.firstImageViewport).toBe('tp0-arterial');
  // A provisional viewport holds the series the final tree puts there (the arterial one, read first), never another.
  for (const v of early.viewer.viewports.filter((p) => p.volumeId !== null)) {
    expect(v.seriesInstanceUid, v.key).toBe(t.timePoints[v.row]!.seriesByRole[ROLE[v.column as keyof typeof ROLE]]);
  }
  await expect(page.locator('[data-viewport="tp0-arterial"] .hcc-vp-provisional')).toHaveText('provisional');
  // Per-series progress while reading: the Series panel lists series with their headers read.
  await expect(page.locator('#study tr.reading.complete').first()).toBeAttached();

  // The user works in the first viewport before the end: image and zoom must survive the final tree.
  await page.locator('[data-viewport="tp0-arterial"] .hcc-vp-element').click();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('+');
  await page.waitForFunction(() => (window.__hcc?.viewer?.viewports.find((p) => p.key === 'tp0-arterial')?.zoom ?? 1) > 1.05);
  const before = vp(await viewerSnapshot(page), 'tp0-arterial');
  const filesAtGesture = await page.evaluate(() => window.__hcc!.reading!.filesDone);
  expect(filesAtGesture).toBeLessThan(early.reading.filesTotal);

  await page.waitForFunction(() => window.__hcc?.state === 'loaded' && ['all-visible', 'all-loaded'].includes(window.__hcc?.viewer?.status ?? ''), null, {
    timeout: 90_000,
  });
  const final = await viewerSnapshot(page);
  expect(final.provisional).toBe(false);
  await expect(page.locator('.hcc-vp-provisional')).toHaveCount(0);
  for (const v of final.viewports) expect(v.seriesInstanceUid, v.key).toBe(t.timePoints[v.row]!.seriesByRole[ROLE[v.column as keyof typeof ROLE]]);
  const after = vp(final, 'tp0-arterial');
  expect(after.targetIndex).toBe(before.targetIndex);
  // Still zoomed in (showing the series again would fit it anew, zoom 1); the exact factor follows the
  // room's size, which grows when the progress bar goes.
  expect(after.zoom!).toBeGreaterThan(1.05);
  // Not shown again: its render count only grew.
  expect(after.renderCount).toBeGreaterThanOrEqual(before.renderCount);

  // Every series' headers read, as many as its files.
  const reading = await page.evaluate(() => window.__hcc!.reading!);
  expect(reading.filesDone).toBe(reading.filesTotal);
  const files = new Map(manifest.timePoints.flatMap((tp) => tp.series.map((s) => [s.seriesInstanceUid, s.files.length] as const)));
  expect(reading.series.map((s) => [s.seriesInstanceUid, s.read, s.total, s.complete])).toEqual(
    reading.series.map((s) => [s.seriesInstanceUid, files.get(s.seriesInstanceUid), files.get(s.seriesInstanceUid), true]),
  );
  expect(reading.series).toHaveLength(files.size);
  // The final Series panel has the phases.
  await expect(page.locator('tr[data-phase="arterial"]')).toHaveCount(2);
  expect(consoleErrors).toEqual([]);
});

import { expect, test, type Page } from '@playwright/test';
import { collectConsoleErrors, waitForSettled, waitForViewerStatus } from './viewer-helpers';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const demoDir = process.env.HCC_E2E_DEMO_DIR!;


async function waitForState(page: Page, state: string): Promise<void> {
  await page.waitForFunction((s) => window.__hcc?.state === s, state, { timeout: 90_000 });
}

test('the demo study loads by default: both time points, every phase, no console errors', async ({ page }) => {
  const consoleErrors = collectConsoleErrors(page);
  await page.goto('/');
  await waitForState(page, 'loaded');
  const summary = await page.evaluate(() =>
    window.__hcc!.tree!.patients.map((p) => p.studies.map((s) => ({ label: s.label, uid: s.studyInstanceUid, phases: s.series.map((v) => v.classification.phase) }))),
  );
  expect(summary).toHaveLength(1);
  const studies = summary[0]!;
  expect(studies.map((s) => s.label)).toEqual(['Baseline', 'Follow-up 1']);
  for (const study of studies) {
    for (const phase of ['t1_pre', 'arterial', 'portal_venous', 'delayed', 't2', 'dwi', 'adc']) expect(study.phases).toContain(phase);
  }
  await expect(page.locator('h3[data-time-point]')).toHaveCount(2);
  await expect(page.locator('tr[data-phase="arterial"]')).toHaveCount(2);
  // Every image fits its viewport once loaded: the end of the load (progress bar gone) must not
  // resize the room and leave the images slightly zoomed.
  await waitForViewerStatus(page, ['all-loaded']);
  const settled = await waitForSettled(page);
  for (const v of settled.viewports.filter((p) => p.volumeId !== null)) expect(v.zoom!, v.key).toBeCloseTo(1, 3);
  expect(consoleErrors).toEqual([]);
});

test('a phase can be overridden by the user, and the hanging follows', async ({ page }) => {
  await page.goto('/');
  await waitForState(page, 'loaded');
  await page.locator('#panel-toggle').click();
  const select = page.locator('tr[data-phase="delayed"] select').first();
  const volumeId = await select.getAttribute('data-volume-id');
  await select.selectOption('hepatobiliary');
  const classification = await page.evaluate(
    (id) => window.__hcc!.tree!.patients[0]!.studies.flatMap((s) => s.series).find((v) => v.id === id)!.classification,
    volumeId,
  );
  expect(classification.phase).toBe('hepatobiliary');
  expect(classification.overridden).toBe(true);

  // Declared portal venous, the series takes the portal-venous viewport of its time point.
  await page.locator(`select[data-volume-id="${volumeId}"]`).selectOption('portal_venous');
  await page.waitForFunction(
    (id) => window.__hcc?.viewer?.viewports.some((p) => p.column === 'portal_venous' && p.volumeId === id && p.renderCount > 0),
    volumeId,
  );
  await expect(page.locator(`[data-viewport][data-volume-id="${volumeId}"] .hcc-ov.tl`)).toContainText('Portal venous (set by user)');
});

test('a folder with broken files: the good series load and every bad file is listed with its reason', async ({ page }) => {
  const consoleErrors = collectConsoleErrors(page);
  await page.goto('/?demo=0');
  await waitForState(page, 'idle');
  const mixed = path.join(demoDir, 'variants', 'mixed');
  const files = readdirSync(mixed).map((n) => path.join(mixed, n)).filter((p) => statSync(p).isFile());
  await page.locator('#file-input').setInputFiles(files);
  await waitForState(page, 'loaded');

  // Expected codes come from the generator's own record of what it broke and how.
  const expected = JSON.parse(readFileSync(path.join(demoDir, 'variants', 'broken', 'expected.json'), 'utf8')) as {
    files: { path: string; code: string }[];
  };
  const errors = await page.evaluate(() => window.__hcc!.tree!.errors);
  const byName = new Map(errors.map((e) => [e.fileName, e.code]));
  for (const f of expected.files) expect(byName.get(`broken_${path.basename(f.path)}`), f.path).toBe(f.code);
  await expect(page.locator('#errors tr.error-row')).toHaveCount(errors.length);
  for (const f of expected.files) await expect(page.locator('#errors')).toContainText(`broken_${path.basename(f.path)}`);

  const series = await page.evaluate(() => window.__hcc!.tree!.patients.flatMap((p) => p.studies.flatMap((s) => s.series)));
  expect(series.some((v) => v.classification.phase === 'arterial')).toBe(true);

  // The viewer shows the good series (the list of bad files stays).
  await page.waitForFunction(() => ['all-visible', 'all-loaded'].includes(window.__hcc?.viewer?.status ?? ''), null, { timeout: 90_000 });
  const shown = await page.evaluate(() => window.__hcc!.viewer!.viewports.filter((p) => p.volumeId !== null && p.renderCount > 0).map((p) => p.column));
  expect(shown).toContain('arterial');
  await expect(page.locator('#errors tr.error-row')).toHaveCount(errors.length);
  expect(consoleErrors).toEqual([]);
});

// Export from the app equals the CLI's output: the demo with its lesion SEGs (?seg=1) is measured in the
// workers, every Export button is clicked and its download saved; `hcc-response measure` runs on the same
// images and SEGs; the files are compared (JSON and CSV figures, report text, SEG voxels, SR figures) and
// the DICOM files checked with dciodvfy. Copy report: the clipboard, and the fallback when it is refused.
import { expect, test, type Page } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadStudyTree } from '../src/cli/load';
import { csvDiffs, jsonDiffs, segContent, srContent } from '../src/core/export/testing/compare-exports';
import { collectConsoleErrors, demoDir } from './viewer-helpers';

/** Exact: the app (crops, worker) and the CLI (full grid) must give the same bits (see src/app/export/app-export.test.ts). */
const NUMBER_TOLERANCE = 0;
const manifest = JSON.parse(readFileSync(path.join(demoDir, 'manifest.json'), 'utf8')) as { timePoints: { dir: string }[] };
const timePointDirs = manifest.timePoints.map((tp) => path.join(demoDir, tp.dir));

async function openMeasuredDemo(page: Page): Promise<void> {
  await page.goto('/?seg=1');
  await page.waitForFunction(() => {
    const m = window.__hcc?.measurements;
    return m !== null && m !== undefined && m.document !== null && m.busy === 0;
  }, undefined, { timeout: 120_000 });
  await expect(page.locator('#results-panel .hcc-export-actions')).toHaveAttribute('data-ready', 'true');
}

/** `hcc-response measure` on the demo's time point folders (images and the SEGs beside them). */
function runCli(out: string): Map<string, Buffer> {
  const run = spawnSync('node', ['bin/hcc-response.mjs', 'measure', ...timePointDirs, '--out', out], { encoding: 'utf8' });
  expect(run.status, run.stderr).toBe(0);
  return new Map(readdirSync(out).map((name) => [name, readFileSync(path.join(out, name))]));
}

const errorLines = (output: string): string[] => output.split('\n').filter((line) => /^\s*Error/.test(line));

test('every export equals the CLI\'s output; the DICOM files pass dciodvfy', async ({ page }) => {
  const consoleErrors = collectConsoleErrors(page);
  const tmp = mkdtempSync(path.join(tmpdir(), 'hcc-e2e-export-'));
  try {
    await openMeasuredDemo(page);
    const buttons = page.locator('#results-panel button[data-export="download"]');
    const names = await buttons.evaluateAll((els) => els.map((e) => (e as HTMLButtonElement).dataset['file']!));
    const appDir = path.join(tmp, 'app');
    for (const name of names) {
      const [download] = await Promise.all([page.waitForEvent('download'), page.locator(`#results-panel button[data-file="${name}"]`).click()]);
      expect(download.suggestedFilename()).toBe(name);
      await download.saveAs(path.join(appDir, name));
      await expect(page.locator('.hcc-export-message')).toHaveText(`${name} downloaded.`);
    }
    const app = new Map(readdirSync(appDir).map((name) => [name, readFileSync(path.join(appDir, name))]));
    const cli = runCli(path.join(tmp, 'cli'));
    expect([...app.keys()].sort()).toEqual([...cli.keys()].sort());
    expect([...cli.keys()].sort()).toEqual(['measurements.csv', 'measurements.json', 'report.txt', 'response.csv', 'seg-00-baseline.dcm', 'seg-01-follow-up-1.dcm', 'sr.dcm']);

    const text = (files: Map<string, Buffer>, name: string): string => files.get(name)!.toString('utf8');
    expect(jsonDiffs(JSON.parse(text(app, 'measurements.json')), JSON.parse(text(cli, 'measurements.json')), NUMBER_TOLERANCE)).toEqual([]);
    for (const name of ['measurements.csv', 'response.csv']) expect(csvDiffs(text(app, name), text(cli, name), NUMBER_TOLERANCE), name).toEqual([]);
    expect(text(app, 'report.txt')).toBe(text(cli, 'report.txt'));

    const studies = loadStudyTree(timePointDirs, demoDir).patients[0]!.studies;
    for (const [i, name] of ['seg-00-baseline.dcm', 'seg-01-follow-up-1.dcm'].entries()) {
      const mine = segContent(new Uint8Array(app.get(name)!), name, studies[i]!.series);
      expect(mine.length, name).toBeGreaterThanOrEqual(5);
      expect(mine, name).toEqual(segContent(new Uint8Array(cli.get(name)!), name, studies[i]!.series));
    }
    expect(jsonDiffs(srContent(new Uint8Array(app.get('sr.dcm')!), 'app sr'), srContent(new Uint8Array(cli.get('sr.dcm')!), 'cli sr'), NUMBER_TOLERANCE)).toEqual([]);

    for (const name of ['seg-00-baseline.dcm', 'seg-01-follow-up-1.dcm', 'sr.dcm']) {
      const check = spawnSync('dciodvfy', [path.join(appDir, name)], { encoding: 'utf8' });
      const output = `${check.stdout ?? ''}${check.stderr ?? ''}`;
      expect(output, name).toMatch(name === 'sr.dcm' ? /^Comprehensive3DSR$/m : /^Segmentation$/m);
      expect(errorLines(output), name).toEqual([]);
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  expect(consoleErrors).toEqual([]);
});

test.describe('Copy report', () => {
  test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

  test('puts the report text on the clipboard, with a confirmation', async ({ page }) => {
    const consoleErrors = collectConsoleErrors(page);
    await openMeasuredDemo(page);
    await page.locator('#results-panel button[data-export="copy-report"]').click();
    await expect(page.locator('.hcc-export-message')).toHaveAttribute('data-outcome', 'copied');
    await expect(page.locator('.hcc-export-message')).toHaveText('Report copied to the clipboard.');
    const clipboard = await page.evaluate(() => navigator.clipboard.readText());
    const tmp = mkdtempSync(path.join(tmpdir(), 'hcc-e2e-report-'));
    try {
      expect(clipboard).toBe(runCli(tmp).get('report.txt')!.toString('utf8'));
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
    expect(clipboard).toContain('Lesion 1');
    expect(consoleErrors).toEqual([]);
  });
});

test('a refused clipboard: the report is shown selected in a read-only text area', async ({ page }) => {
  await page.addInitScript(() => {
    navigator.clipboard.writeText = () => Promise.reject(new DOMException('Write permission denied.', 'NotAllowedError'));
  });
  await openMeasuredDemo(page);
  await page.locator('#results-panel button[data-export="copy-report"]').click();
  const message = page.locator('.hcc-export-message');
  await expect(message).toHaveAttribute('data-outcome', 'selected');
  const area = page.locator('textarea.hcc-export-fallback');
  await expect(area).toBeVisible();
  await expect(area).toHaveAttribute('readonly', '');
  const shown = await area.evaluate((t: HTMLTextAreaElement) => ({ value: t.value, selected: t.value.slice(t.selectionStart, t.selectionEnd), focused: document.activeElement === t }));
  expect(shown.value).toContain('Lesion 1');
  expect(shown.selected).toBe(shown.value);
  expect(shown.focused).toBe(true);
  await page.locator('#results-panel').screenshot({ path: 'test-results/export-fallback.png' });
});

test('nothing drawn: the export buttons are disabled and say why', async ({ page }) => {
  await page.goto('/');
  await page.waitForFunction(() => window.__hcc?.measurements !== null && window.__hcc?.measurements !== undefined && window.__hcc.state === 'loaded');
  const copy = page.locator('#results-panel button[data-export="copy-report"]');
  await expect(copy).toBeDisabled();
  await expect(copy).toHaveAttribute('title', /Nothing to export yet/);
  await expect(page.locator('#results-panel [data-export-reason]')).toHaveText(/Nothing to export yet: draw a lesion or import a DICOM SEG/);
});

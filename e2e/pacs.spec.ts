// Opening a patient's studies from a PACS (DICOMweb: QIDO-RS search, WADO-RS retrieval) in Debian's
// chromium, against a real Orthanc on loopback holding the demo study and its lesion segmentations:
// the same reading room and the same measurements as the demo opened from its files.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import type { MeasurementsDocument } from '../src/core/measure';
import { startOrthanc, uploadStudy, type RunningPacs } from '../scripts/orthanc';
import { collectConsoleErrors, viewerSnapshot, waitForViewerStatus } from './viewer-helpers';

const demoDir = process.env.HCC_E2E_DEMO_DIR!;
const orthancPort = Number(process.env.HCC_E2E_PORT ?? 8181) + 1;
const PATIENT = 'HCC-PHANTOM-42';
let pacs: RunningPacs;
let stored = 0;

test.beforeAll(async () => {
  pacs = await startOrthanc(orthancPort);
  stored = await uploadStudy(pacs, demoDir);
});
test.afterAll(async () => pacs?.stop());

async function measured(page: Page): Promise<MeasurementsDocument> {
  await waitForViewerStatus(page, ['all-loaded']);
  await page.waitForFunction(() => {
    const m = window.__hcc?.measurements;
    return !!m && m.document !== null && m.busy === 0 && m.document.timePoints.every((tp) => tp.lesions.length > 0);
  }, undefined, { timeout: 120_000 });
  return page.evaluate(() => window.__hcc!.measurements!.document!);
}

/** What must not depend on where the files came from: each lesion's figures and the response. */
const figures = (doc: MeasurementsDocument) => ({
  timePoints: doc.timePoints.map((tp) => ({ studyInstanceUid: tp.studyInstanceUid, studyDate: tp.studyDate, lesions: tp.lesions })),
  response: doc.response,
});

test('PACS: a patient\'s two studies found, opened and measured as from their files (lesions from the stored segmentations); results stored back', async ({ page }) => {
  const consoleErrors = collectConsoleErrors(page);
  expect(stored).toBeGreaterThan(600);
  await page.goto('/?demo=0');
  await page.getByRole('button', { name: 'PACS…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Open from PACS' });
  await expect(dialog).toBeVisible();
  // The default server is this page's own /dicom-web (the test server passes it on to Orthanc).
  await expect(dialog.getByLabel('DICOMweb server')).toHaveValue(/\/dicom-web$/);
  await dialog.getByLabel('Patient ID').fill(PATIENT);
  await dialog.getByRole('button', { name: 'Search' }).click();
  await expect(dialog.locator('.pacs-studies tbody tr')).toHaveCount(2);
  // Baseline first, each with its date; both picked.
  const dates = await dialog.locator('.pacs-studies tbody tr td:nth-child(2)').allTextContents();
  expect(dates).toEqual([...dates].sort());
  await dialog.getByRole('button', { name: 'Open 2 studies' }).click();
  await expect(dialog).toBeHidden();

  const fromPacs = await measured(page);
  const snap = await viewerSnapshot(page);
  const shown = snap.viewports.filter((v) => v.volumeId !== null).map((v) => v.key).sort();
  expect(shown).toEqual(expect.arrayContaining(['tp0-arterial', 'tp0-t1_pre', 'tp1-arterial', 'tp1-t1_pre', 'tp0-adc', 'tp1-adc']));

  // The results go back to the PACS beside the images (STOW-RS): a SEG per time point and the SR, the
  // very files the Export section downloads.
  const before = (await (await fetch(`${pacs.url}/instances`)).json()) as string[];
  const store = page.locator('#results-panel button[data-export="store"]');
  await expect(store).toBeEnabled();
  await store.click();
  await expect(page.locator('.hcc-export-message')).toHaveText(/^Stored on .*\/dicom-web: .*\.dcm, .*\.dcm, sr\.dcm\.$/);
  const after = (await (await fetch(`${pacs.url}/instances`)).json()) as string[];
  const added = after.filter((id) => !before.includes(id));
  const modalities = await Promise.all(added.map(async (id) => ((await (await fetch(`${pacs.url}/instances/${id}/simplified-tags`)).json()) as { Modality: string }).Modality));
  expect([...modalities].sort()).toEqual(['SEG', 'SEG', 'SR']);
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#results-panel button[data-file="sr.dcm"]').click()]);
  const downloaded = readFileSync(await download.path());
  const srId = added[modalities.indexOf('SR')]!;
  const storedSr = Buffer.from(await (await fetch(`${pacs.url}/instances/${srId}/file`)).arrayBuffer());
  expect(storedSr.equals(downloaded)).toBe(true);
  // The PACS as it was for the other tests.
  for (const id of added) expect((await fetch(`${pacs.url}/instances/${id}`, { method: 'DELETE' })).ok).toBe(true);

  // The same study from its files, with its lesions: the same figures to the last bit.
  await page.goto('/?seg=1');
  const fromFiles = await measured(page);
  expect(figures(fromPacs)).toEqual(figures(fromFiles));
  expect(consoleErrors).toEqual([]);
});

test('CLI: retrieve the patient from the PACS, then measure: the figures of measure on the files', () => {
  const tmp = mkdtempSync(path.join(tmpdir(), 'hcc-retrieve-'));
  try {
    const cli = (...args: string[]) => spawnSync('node', ['bin/hcc-response.mjs', ...args], { encoding: 'utf8' });
    const retrieved = cli('retrieve', '--dicomweb', `${pacs.url}/dicom-web`, '--patient', PATIENT, '--out', path.join(tmp, 'pacs'));
    expect(retrieved.status, retrieved.stderr).toBe(0);
    expect(retrieved.stdout).toContain(`retrieved ${stored} instances of 2 studies of patient ${PATIENT}`);
    const manifest = JSON.parse(readFileSync(path.join(demoDir, 'manifest.json'), 'utf8')) as { timePoints: { dir: string }[] };
    const fromFiles = cli('measure', ...manifest.timePoints.map((tp) => path.join(demoDir, tp.dir)), '--out', path.join(tmp, 'files-out'));
    const fromPacs = cli('measure', path.join(tmp, 'pacs'), '--out', path.join(tmp, 'pacs-out'));
    expect(fromFiles.status, fromFiles.stderr).toBe(0);
    expect(fromPacs.status, fromPacs.stderr).toBe(0);
    const doc = (dir: string) => JSON.parse(readFileSync(path.join(tmp, dir, 'measurements.json'), 'utf8')) as MeasurementsDocument;
    expect(figures(doc('pacs-out'))).toEqual(figures(doc('files-out')));
    expect(doc('pacs-out').timePoints.flatMap((tp) => tp.lesions).length).toBeGreaterThan(0);

    const unknown = cli('retrieve', '--dicomweb', `${pacs.url}/dicom-web`, '--patient', 'NOBODY-1', '--out', path.join(tmp, 'none'));
    expect([unknown.status, unknown.stderr.trim()]).toEqual([1, `hcc-response retrieve: no study of patient NOBODY-1 on ${pacs.url}/dicom-web`]);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});

test('PACS: an unknown patient and an unreachable server are said in words', async ({ page }) => {
  await page.goto('/?demo=0');
  await page.getByRole('button', { name: 'PACS…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Open from PACS' });
  await dialog.getByLabel('Patient ID').fill('NOBODY-1');
  await dialog.getByRole('button', { name: 'Search' }).click();
  await expect(dialog.locator('.pacs-status')).toContainText('No study of patient NOBODY-1');
  await expect(dialog.getByRole('button', { name: 'Open' })).toBeDisabled();

  await dialog.getByLabel('DICOMweb server').fill('http://127.0.0.1:9/dicom-web');
  await dialog.getByRole('button', { name: 'Search' }).click();
  await expect(dialog.locator('.pacs-status.error')).toContainText('no answer from http://127.0.0.1:9/dicom-web');
});

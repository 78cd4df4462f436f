import { expect, test, type Page } from '@playwright/test';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseInstance } from '../src/core/dicom/parse';
import type { ViewerSnapshot } from '../src/viewer/snapshot';
import { B_VALUES_S_PER_MM2, TISSUE_VALUES, tissueValue as phantomValue, type ImageKind } from '../test-data/phantom/definitions';
import {
  collectConsoleErrors, expectedGrey, expectWithin, gridIndexOf, meanGrey, truth, viewerSnapshot, vp,
  waitForIndex, waitForSettled, waitForViewerStatus, type Vec3,
  wheelTo,
} from './viewer-helpers';

/** Position along z of a file's (single) image, from our own header parser. */
const zOf = (file: string): number => parseInstance(new Uint8Array(readFileSync(file)), file).frames[0]!.imagePositionPatient![2];

const COLUMNS = ['t1_pre', 'arterial', 'portal_venous', 't2', 'dwi', 'adc'] as const;
const ROLE = { t1_pre: 'pre', arterial: 'arterial', portal_venous: 'portalVenous', t2: 't2', dwi: 'dwi', adc: 'adc' } as const;
/** Image kind of each column in the phantom's tissue table (DWI: S0, attenuated by b and ADC). */
const KIND = { t1_pre: 't1_pre', arterial: 'arterial', portal_venous: 'portal_venous', t2: 't2', dwi: 'dwi_s0', adc: 'adc' } as const;
/** Grey levels of the canvas may differ from the ideal window mapping by interpolation and ±1.5 % noise. */
const GREY_TOLERANCE = 12;

type Tissue = 'liver' | 'viable';

/** Noise-free value of a tissue in a column's image (the generator's own definitions). */
function tissueValue(column: (typeof COLUMNS)[number], tissue: Tissue, bValue: number | null): number {
  return phantomValue(KIND[column] as ImageKind, tissue, bValue ?? 0);
}


test('the reading room hangs both time points by phase and every viewport renders its phase (canvas pixels)', async ({ page }) => {
  const consoleErrors = collectConsoleErrors(page);
  const t = truth();
  // Keep the state as it was when the viewer first said every phase is visible.
  await page.addInitScript(() => {
    window.addEventListener('hcc:viewer', () => {
      const v = window.__hcc?.viewer;
      const w = window as unknown as { __allVisible?: unknown };
      if (v && !w.__allVisible && ['all-visible', 'all-loaded'].includes(v.status)) w.__allVisible = structuredClone(v);
    });
  });
  await page.goto('/');
  await waitForViewerStatus(page, ['all-loaded']);
  const snap = await waitForSettled(page);
  expect(snap.viewports).toHaveLength(2 * COLUMNS.length);
  const atAllVisible = await page.evaluate(() => (window as unknown as { __allVisible: typeof window.__hcc }).__allVisible as unknown as ViewerSnapshot);
  for (const v of atAllVisible.viewports) expect(v.renderCount, `${v.key} drawn when all phases were reported visible`).toBeGreaterThan(0);
  // The arterial column drew first, long before the last series finished loading.
  expect(snap.timing.firstImageViewport).toBe('tp0-arterial');
  expect(snap.timing.firstImageAtMs!).toBeLessThan(snap.timing.allVisibleAtMs!);
  expect(snap.timing.allVisibleAtMs!).toBeLessThan(snap.timing.allLoadedAtMs!);
  for (const [row, tp] of t.timePoints.entries()) {
    for (const column of COLUMNS) {
      const v = vp(snap, `tp${row}-${column}`);
      expect(v.seriesInstanceUid, v.key).toBe(tp.seriesByRole[ROLE[column]]);
      expect(v.renderCount, v.key).toBeGreaterThan(0);
      expect(v.progress!.loaded, v.key).toBe(v.imageCount);
    }
    expect(vp(snap, `tp${row}-dwi`).bValue).toBe(Math.max(...B_VALUES_S_PER_MM2));
  }
  // Overlays name time point, date, phase and b-value in every viewport.
  await expect(page.locator('[data-viewport="tp0-arterial"] .hcc-ov.tl')).toContainText('Baseline · 2024-01-15');
  await expect(page.locator('[data-viewport="tp1-dwi"] .hcc-ov.tl')).toContainText('Follow-up 1 · 2024-04-18');
  await expect(page.locator('[data-viewport="tp1-dwi"] .hcc-ov.tl')).toContainText('b = 800 s/mm²');
  await expect(page.locator('[data-viewport="tp0-arterial"] .hcc-ov.br')).toContainText(/Loc -?\d+\.\d mm/);
  await expect(page.locator('[data-viewport="tp0-arterial"] .hcc-ov.br')).toContainText(/Im \d+\/40/);
  await expect(page.locator('[data-viewport="tp0-arterial"] .hcc-ov.bl')).toContainText('W 900 L 450');

  // Scroll the baseline arterial viewport to Lesion 1 with keys (Home) and the wheel.
  const lesion = t.timePoints[0]!.lesions[0]!;
  const centre = lesion.centreLps as Vec3;
  const grids = t.timePoints[0]!.grids;
  await page.locator('[data-viewport="tp0-arterial"] .hcc-vp-element').click();
  await page.keyboard.press('Home');
  await waitForIndex(page, 'tp0-arterial', 0);
  await waitForIndex(page, 'tp0-dwi', 0);
  await wheelTo(page, 'tp0-arterial', gridIndexOf(grids.t1, centre[2]));
  const atLesion = await waitForSettled(page);

  // DWI and ADC followed through patient position: the image containing the lesion centre.
  const art = vp(atLesion, 'tp0-arterial');
  expectWithin(art.slicePositionMm!, centre[2], grids.t1.spacingMm[2]! / 2, 'arterial at the lesion');
  for (const key of ['tp0-dwi', 'tp0-adc']) {
    const v = vp(atLesion, key);
    expect(v.displayedIndex, key).toBe(gridIndexOf(grids.dwi, centre[2]));
    expectWithin(v.slicePositionMm!, centre[2], grids.dwi.spacingMm[2]! / 2, `${key} position`);
  }
  for (const key of ['tp0-t1_pre', 'tp0-portal_venous', 'tp0-t2']) expect(vp(atLesion, key).displayedIndex, key).toBe(art.displayedIndex);
  // The follow-up row is not linked yet (no anchors): it did not move.
  expect(vp(atLesion, 'tp1-arterial').displayedIndex).toBe(vp(snap, 'tp1-arterial').displayedIndex);

  // Each viewport shows its phase: grey levels inside the lesion and the liver match the phantom's
  // tissue values through each series' window (arterial-enhancing lesion, dark T1 pre, dark ADC...).
  const liver: Vec3 = [centre[0] - 30, centre[1], centre[2]];
  const measured: Record<string, number> = {};
  for (const column of COLUMNS) {
    const v = vp(atLesion, `tp0-${column}`);
    for (const [tissue, point] of [['viable', centre], ['liver', liver]] as const) {
      const { mean, pixels } = await meanGrey(page, v.key, point, 6);
      expect(pixels, `${v.key} ${tissue} disk`).toBeGreaterThan(20);
      expectWithin(mean, expectedGrey(tissueValue(column, tissue, v.bValue), v.window!), GREY_TOLERANCE, `${v.key} ${tissue}`);
      measured[`${column}:${tissue}`] = mean;
    }
  }
  expect(measured['arterial:viable']! - measured['t1_pre:viable']!, 'arterial enhancement of the lesion').toBeGreaterThan(80);
  expect(measured['arterial:liver']!, 'liver brighter on arterial than pre (same window)').toBeGreaterThan(measured['t1_pre:liver']! + 20);

  // DWI: the b=0 image of the same series is brighter than the high-b image shown by default.
  const b0 = atLesion.viewports.find((v) => v.key === 'tp0-dwi')!;
  const select = page.locator('[data-viewport="tp0-dwi"] select.hcc-vp-series');
  const b0Option = await select.locator('option', { hasText: 'b=0 ' }).getAttribute('value');
  await select.selectOption(b0Option!);
  await page.waitForFunction((id) => {
    const p = window.__hcc?.viewer?.viewports.find((x) => x.key === 'tp0-dwi');
    return p?.volumeId === id && p.displayedIndex === p.targetIndex && p.renderCount > 0;
  }, b0Option);
  const dwiB0 = vp(await viewerSnapshot(page), 'tp0-dwi');
  expect(dwiB0.bValue).toBe(0);
  expect(dwiB0.displayedIndex, 'a new series opens at the same position').toBe(b0.displayedIndex);
  const liverB0 = (await meanGrey(page, 'tp0-dwi', liver, 6)).mean;
  expectWithin(liverB0, expectedGrey(tissueValue('dwi', 'liver', 0), dwiB0.window!), GREY_TOLERANCE, 'DWI b=0 liver');
  expect(liverB0, 'DWI b=0 brighter than b=800').toBeGreaterThan(measured['dwi:liver']! + 60);
  expect(consoleErrors).toEqual([]);
});

test('an anchor clicked on the same lesion in both time points links their scrolling; screenshot of the room', async ({ page }) => {
  const consoleErrors = collectConsoleErrors(page);
  const t = truth();
  await page.goto('/');
  await waitForViewerStatus(page, ['all-loaded']);
  await waitForSettled(page);
  const [base, follow] = [t.timePoints[0]!, t.timePoints[1]!];
  const baseLesion = base.lesions[0]!.centreLps as Vec3;
  const followLesion = follow.lesions[0]!.centreLps as Vec3;

  // Baseline arterial to the lesion, then `t` moves to the follow-up arterial, scrolled there too.
  await page.locator('[data-viewport="tp0-arterial"] .hcc-vp-element').click();
  await wheelTo(page, 'tp0-arterial', gridIndexOf(base.grids.t1, baseLesion[2]));
  await page.keyboard.press('t');
  await page.waitForFunction(() => window.__hcc?.viewer?.viewports.find((p) => p.active)?.key === 'tp1-arterial');
  const followIndex = gridIndexOf(follow.grids.t1, followLesion[2]);
  const start = vp(await viewerSnapshot(page), 'tp1-arterial').targetIndex;
  for (let i = start; i !== followIndex; i += Math.sign(followIndex - start)) await page.keyboard.press(followIndex > start ? 'ArrowDown' : 'ArrowUp');
  await waitForIndex(page, 'tp1-arterial', followIndex);
  await waitForSettled(page);

  // Shift+click the lesion centre in each time point.
  for (const [key, point] of [['tp0-arterial', baseLesion], ['tp1-arterial', followLesion]] as const) {
    const at = await page.evaluate(({ key, point }) => window.__hccProbe!.clientPointOf(key, point), { key, point });
    await page.keyboard.down('Shift');
    await page.mouse.click(at![0], at![1]);
    await page.keyboard.up('Shift');
  }
  await page.waitForFunction(() => window.__hcc?.viewer?.anchors.length === 2);
  await expect(page.locator('.hcc-statusbar [data-anchors="2"]')).toContainText('linked');

  // Scroll the baseline: the follow-up row follows to the same place relative to the lesion.
  await page.keyboard.press('T');
  await page.waitForFunction(() => window.__hcc?.viewer?.viewports.find((p) => p.active)?.key === 'tp0-arterial');
  for (const steps of [3, -5]) {
    const from = vp(await viewerSnapshot(page), 'tp0-arterial').targetIndex;
    for (let i = 0; i < Math.abs(steps); i++) await page.keyboard.press(steps > 0 ? 'ArrowDown' : 'ArrowUp');
    await waitForIndex(page, 'tp0-arterial', from + steps);
    const snap = await waitForSettled(page);
    const relative = vp(snap, 'tp0-arterial').slicePositionMm! - baseLesion[2];
    for (const [key, grid] of [['tp1-arterial', follow.grids.t1], ['tp1-dwi', follow.grids.dwi], ['tp1-adc', follow.grids.dwi]] as const) {
      // anchors sit on the images clicked: allow half a T1 slice for each click plus half the target's slice
      const tolerance = base.grids.t1.spacingMm[2]! / 2 + follow.grids.t1.spacingMm[2]! / 2 + grid.spacingMm[2]! / 2;
      expectWithin(vp(snap, key).slicePositionMm! - followLesion[2], relative, tolerance, `${key} relative to the lesion`);
    }
  }
  // Back on the lesion: the reference point (crosshair) is drawn in every viewport of both rows.
  await wheelTo(page, 'tp0-arterial', gridIndexOf(base.grids.t1, baseLesion[2]));
  const lesionAt = await page.evaluate((p) => window.__hccProbe!.clientPointOf('tp0-arterial', p), baseLesion);
  await page.mouse.move(lesionAt![0], lesionAt![1]);
  await page.waitForFunction(() => {
    const v = window.__hcc?.viewer;
    return !!v && v.viewports.filter((p) => p.volumeId && p.marks?.referenceCanvas).length === v.viewports.length;
  });
  await page.screenshot({ path: fileURLToPath(new URL('../test-results/reading-room.png', import.meta.url)) });
  expect(consoleErrors).toEqual([]);
});

test('keys and mouse: window linked per sequence type, zoom linked everywhere, invert and series paging on one viewport, cheat-sheet', async ({ page }) => {
  const consoleErrors = collectConsoleErrors(page);
  await page.goto('/');
  await waitForViewerStatus(page, ['all-loaded']);
  const before = await waitForSettled(page);
  const element = page.locator('[data-viewport="tp0-arterial"] .hcc-vp-element');
  const box = (await element.boundingBox())!;

  // Left drag = window/level: the T1 phases of the baseline follow, T2 and the follow-up do not.
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 + 60, box.y + box.height / 2 + 30, { steps: 5 });
  await page.mouse.up();
  await page.waitForFunction(() => window.__hcc?.viewer?.viewports.find((p) => p.key === 'tp0-arterial')?.window?.windowWidth !== 900);
  let snap = await waitForSettled(page);
  const w = vp(snap, 'tp0-arterial').window!;
  for (const key of ['tp0-t1_pre', 'tp0-portal_venous']) {
    expectWithin(vp(snap, key).window!.windowWidth, w.windowWidth, 0.5, `${key} width`);
    expectWithin(vp(snap, key).window!.windowCenter, w.windowCenter, 0.5, `${key} level`);
  }
  for (const key of ['tp0-t2', 'tp1-arterial', 'tp0-dwi']) expect(vp(snap, key).window, key).toEqual(vp(before, key).window);

  // Presets: 7 = W 3200 on the linked T1 viewports; 1 = back to each header window.
  await page.keyboard.press('7');
  await page.waitForFunction(() => window.__hcc?.viewer?.viewports.find((p) => p.key === 'tp0-t1_pre')?.window?.windowWidth === 3200);
  await page.keyboard.press('1');
  await page.waitForFunction(() => window.__hcc?.viewer?.viewports.filter((p) => p.key.startsWith('tp0-') && p.window?.windowWidth === 900).length === 3);
  // 2 = auto window 2-98 % of the arterial series, ignoring the zero background.
  await page.keyboard.press('2');
  await page.waitForFunction(() => window.__hcc?.viewer?.viewports.find((p) => p.key === 'tp0-arterial')?.window?.windowWidth !== 900);
  snap = await viewerSnapshot(page);
  const auto = vp(snap, 'tp0-arterial').window!;
  const values = TISSUE_VALUES.arterial;
  expect(auto.windowCenter - auto.windowWidth / 2).toBeGreaterThanOrEqual(values.body * 0.97);
  expect(auto.windowCenter + auto.windowWidth / 2).toBeLessThanOrEqual(values.viable * 1.03);

  // Zoom (+ key, right drag) is linked in every viewport; `=` fits again.
  await page.keyboard.press('+');
  await page.waitForFunction(() => window.__hcc?.viewer?.viewports.every((p) => !p.volumeId || Math.abs(p.zoom! - 1.25) < 0.01));
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down({ button: 'right' });
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2 - 40, { steps: 4 });
  await page.mouse.up({ button: 'right' });
  snap = await viewerSnapshot(page);
  const zoom = vp(snap, 'tp0-arterial').zoom!;
  expect(Math.abs(zoom - 1.25)).toBeGreaterThan(0.05);
  for (const v of snap.viewports) expectWithin(v.zoom!, zoom, 0.01, `${v.key} zoom`);
  await page.keyboard.press('=');
  await page.waitForFunction(() => window.__hcc?.viewer?.viewports.every((p) => !p.volumeId || Math.abs(p.zoom! - 1) < 0.01));

  // Invert acts on the active viewport only; Space resets it.
  await page.keyboard.press('i');
  await page.waitForFunction(() => window.__hcc?.viewer?.viewports.find((p) => p.key === 'tp0-arterial')?.invert === true);
  expect((await viewerSnapshot(page)).viewports.filter((p) => p.invert).map((p) => p.key)).toEqual(['tp0-arterial']);
  await page.keyboard.press(' ');
  await page.waitForFunction(() => window.__hcc?.viewer?.viewports.find((p) => p.key === 'tp0-arterial')?.invert === false);

  // Right arrow activates the next viewport; PageDown shows its next series there.
  await page.keyboard.press('ArrowRight');
  await page.waitForFunction(() => window.__hcc?.viewer?.viewports.find((p) => p.active)?.key === 'tp0-portal_venous');
  const pvBefore = vp(await viewerSnapshot(page), 'tp0-portal_venous').volumeId;
  await page.keyboard.press('PageDown');
  await page.waitForFunction((id) => {
    const p = window.__hcc?.viewer?.viewports.find((x) => x.key === 'tp0-portal_venous');
    return !!p && p.volumeId !== id && p.renderCount > 0 && p.displayedIndex === p.targetIndex;
  }, pvBefore);

  // s switches slice sync off (the others stay) and on again (they catch up).
  await page.keyboard.press('ArrowLeft');
  await page.waitForFunction(() => window.__hcc?.viewer?.viewports.find((p) => p.active)?.key === 'tp0-arterial');
  await page.keyboard.press('s');
  await page.waitForFunction(() => window.__hcc?.viewer?.sliceSync === false);
  const t1Index = vp(await waitForSettled(page), 'tp0-t1_pre').displayedIndex;
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  // The published snapshot lags the keys by a frame: wait for the index itself, not for "settled"
  // (a stale snapshot from between the two keys is settled too).
  await waitForIndex(page, 'tp0-arterial', t1Index + 2);
  snap = await waitForSettled(page);
  expect(vp(snap, 'tp0-arterial').displayedIndex).toBe(t1Index + 2);
  expect(vp(snap, 'tp0-t1_pre').displayedIndex).toBe(t1Index);
  await page.keyboard.press('s');
  await page.waitForFunction((i) => window.__hcc?.viewer?.viewports.find((p) => p.key === 'tp0-t1_pre')?.displayedIndex === i, t1Index + 2);

  // ? shows every key; Esc closes it.
  await page.keyboard.press('?');
  const sheet = page.getByRole('dialog', { name: 'Keyboard and mouse' });
  await expect(sheet).toBeVisible();
  for (const text of ['Next image', 'Previous viewport (activate)', 'Next series in the viewport', 'Invert', 'Auto window', 'Same phase, next time point', 'Window / level (linked per sequence type)']) {
    await expect(sheet).toContainText(text);
  }
  await page.keyboard.press('Escape');
  await expect(sheet).toBeHidden();
  expect(consoleErrors).toEqual([]);
});

test('an enhanced multi-frame file shows its frames in patient order, not file order', async ({ page }) => {
  const consoleErrors = collectConsoleErrors(page);
  const t = truth();
  await page.goto('/?demo=0');
  await page.waitForFunction(() => window.__hcc?.state === 'idle');
  await page.locator('#file-input').setInputFiles([path.join(process.env.HCC_E2E_DEMO_DIR!, 'variants', 'enhanced', 'arterial-multiframe.dcm')]);
  await waitForViewerStatus(page, ['all-loaded']);
  await waitForSettled(page);
  // Lesion 2 sits low in the liver: if the frames were shown in file order (descending z), the
  // image at its position would show no lesion.
  const lesion2 = t.timePoints[0]!.lesions[1]!;
  const centre = lesion2.centreLps as Vec3;
  const key = 'tp0-arterial';
  await page.locator(`[data-viewport="${key}"] .hcc-vp-element`).click();
  await wheelTo(page, key, gridIndexOf(t.timePoints[0]!.grids.t1, centre[2]));
  const snap = await waitForSettled(page);
  const v = vp(snap, key);
  expectWithin(v.slicePositionMm!, centre[2], t.timePoints[0]!.grids.t1.spacingMm[2]! / 2, 'position');
  const viable = TISSUE_VALUES.arterial.viable;
  expectWithin((await meanGrey(page, key, centre, 5)).mean, expectedGrey(viable, v.window!), GREY_TOLERANCE, 'lesion 2 enhancing');
  expect(consoleErrors).toEqual([]);
});

test('disable() tears the plugin down completely', async ({ page }) => {
  const consoleErrors = collectConsoleErrors(page);
  await page.goto('/');
  await waitForViewerStatus(page, ['all-loaded']);
  const report = await page.evaluate(() => window.__hccProbe!.disableViewer());
  expect(report.leftovers).toEqual([]);
  await expect(page.locator('#viewer')).toBeEmpty();
  // Keys no longer reach a viewer that is gone.
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('?');
  expect(consoleErrors).toEqual([]);
});

test('o reformats a viewport (coronal volume view): right anatomy, synced through the reference point, and back', async ({ page }) => {
  const consoleErrors = collectConsoleErrors(page);
  const t = truth();
  const grids = t.timePoints[0]!.grids;
  const centre = t.timePoints[0]!.lesions[0]!.centreLps as Vec3;
  await page.goto('/');
  await waitForViewerStatus(page, ['all-loaded']);
  await waitForSettled(page);
  await wheelTo(page, 'tp0-arterial', gridIndexOf(grids.t1, centre[2]));
  // Point at the lesion (the reference point), then reformat the arterial viewport.
  const at = await page.evaluate((p) => window.__hccProbe!.clientPointOf('tp0-arterial', p), centre);
  await page.mouse.move(at![0], at![1]);
  await page.keyboard.press('o');
  await page.waitForFunction(() => {
    const p = window.__hcc?.viewer?.viewports.find((x) => x.key === 'tp0-arterial');
    return p?.orientation === 'coronal' && p.planeNormal !== null && Math.abs(p.planeNormal[1]) > 0.99;
  });
  let snap = await viewerSnapshot(page);
  let coronal = vp(snap, 'tp0-arterial');
  const yOf = (v: typeof coronal) => v.slicePositionMm! * v.planeNormal![1];
  expectWithin(yOf(coronal), centre[1], grids.t1.spacingMm[1]!, 'coronal plane through the lesion');
  await expect(page.locator('[data-viewport="tp0-arterial"] .hcc-ov.tl')).toContainText('Coronal reformat');
  // The reformatted pixels are the arterial anatomy of that plane: enhancing lesion, liver above, body below.
  const art = TISSUE_VALUES.arterial;
  for (const [what, point, value] of [
    ['lesion', centre, art.viable],
    ['left lobe of the liver', [25, centre[1], 25], art.liver],
    ['body under the left lobe', [25, centre[1], -25], art.body],
  ] as const) {
    expectWithin((await meanGrey(page, 'tp0-arterial', point as Vec3, 5)).mean, expectedGrey(value, coronal.window!), GREY_TOLERANCE, `coronal ${what}`);
  }

  // Pointing 20 mm further back on the axial portal-venous image and scrolling it moves the coronal plane there.
  const dwiIndex = vp(snap, 'tp0-dwi').displayedIndex;
  const back = await page.evaluate((p) => window.__hccProbe!.clientPointOf('tp0-portal_venous', p), [centre[0], centre[1] + 20, centre[2]] as Vec3);
  await page.mouse.move(back![0], back![1]);
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowUp');
  await page.waitForFunction((y) => {
    const p = window.__hcc?.viewer?.viewports.find((x) => x.key === 'tp0-arterial');
    return !!p && Math.abs(p.slicePositionMm! * p.planeNormal![1] - y) < 3;
  }, centre[1] + 20);
  snap = await waitForSettled(page);
  expect(vp(snap, 'tp0-dwi').displayedIndex, 'axial DWI stays on the same slice').toBe(dwiIndex);

  // Scrolling the coronal view itself (keys) moves the reference point, not the axial images.
  await page.keyboard.press('ArrowLeft');
  await page.waitForFunction(() => window.__hcc?.viewer?.viewports.find((p) => p.active)?.key === 'tp0-arterial');
  coronal = vp(await viewerSnapshot(page), 'tp0-arterial');
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowDown');
  await page.waitForFunction((index) => window.__hcc?.viewer?.viewports.find((p) => p.key === 'tp0-arterial')?.displayedIndex === index + 3, coronal.displayedIndex);
  snap = await viewerSnapshot(page);
  expectWithin(Math.abs(snap.reference!.pointLps[1] - yOf(coronal)), 3 * grids.t1.spacingMm[1]!, 0.5, 'reference point moved with the coronal plane');
  expect(vp(snap, 'tp0-dwi').displayedIndex).toBe(dwiIndex);

  // o again: sagittal; and once more: back to the acquired images, at the slice of the reference point.
  await page.keyboard.press('o');
  await page.waitForFunction(() => window.__hcc?.viewer?.viewports.find((p) => p.key === 'tp0-arterial')?.orientation === 'sagittal');
  await page.keyboard.press('o');
  await page.waitForFunction(() => {
    const p = window.__hcc?.viewer?.viewports.find((x) => x.key === 'tp0-arterial');
    return p?.orientation === 'acquired' && p.renderCount > 0 && p.displayedIndex === p.targetIndex;
  });
  expect(vp(await viewerSnapshot(page), 'tp0-arterial').displayedIndex).toBe(gridIndexOf(grids.t1, centre[2]));
  expect(consoleErrors).toEqual([]);
});

test('a file that parses but cannot be decoded is listed with its name; the rest of its series shows (JPEG-LS)', async ({ page }) => {
  const consoleErrors = collectConsoleErrors(page);
  const t = truth();
  const source = path.join(process.env.HCC_E2E_DEMO_DIR!, 'variants', 'jpeg-ls');
  const folder = path.join(source, readdirSync(source)[0]!);
  const copy = mkdtempSync(path.join(os.tmpdir(), 'hcc-jpegls-'));
  const names = readdirSync(folder).filter((n) => n.endsWith('.dcm')).sort();
  // Break the image the viewer opens the series at (the middle one along the slice normal): the
  // viewport must show a neighbour instead of staying black, and the load must still complete.
  const byPosition = [...names].sort((a, b) => zOf(path.join(folder, a)) - zOf(path.join(folder, b)));
  const broken = byPosition[Math.floor(names.length / 2)]!;
  for (const name of names) {
    const bytes = readFileSync(path.join(folder, name));
    if (name === broken) {
      // Keep the DICOM structure (the header parses) but wreck the JPEG-LS code stream after its SOI marker.
      const soi = bytes.indexOf(Buffer.from([0xff, 0xd8, 0xff]), bytes.indexOf(Buffer.from([0xe0, 0x7f, 0x10, 0x00])));
      bytes.fill(0x00, soi + 2, soi + 40);
    }
    writeFileSync(path.join(copy, name), bytes);
  }
  await page.goto('/?demo=0');
  await page.waitForFunction(() => window.__hcc?.state === 'idle');
  await page.locator('#file-input').setInputFiles(names.map((n) => path.join(copy, n)));
  await waitForViewerStatus(page, ['all-loaded']);
  const snap = await waitForSettled(page);
  const art = vp(snap, 'tp0-arterial');
  expect(art.progress).toEqual({ loaded: names.length - 1, failed: 1, total: names.length });
  expect(art.renderCount).toBeGreaterThan(0);
  expect(Math.abs(art.displayedIndex - Math.floor(names.length / 2))).toBe(1);
  await expect(page.locator('#errors tr.error-row')).toHaveCount(1);
  await expect(page.locator('#errors tr.error-row')).toContainText(broken);
  await expect(page.locator('#errors tr.error-row')).toContainText('could not be displayed');
  await expect(page.locator('#panel-toggle')).toContainText('1 error');
  // The compressed images that decode show the lesion as the uncompressed ones do (lossless).
  // (the lesion centre's own image is the broken one: look one image higher, still well inside the lesion)
  const grid = t.timePoints[0]!.grids.t1;
  const lesion = t.timePoints[0]!.lesions[0]!.centreLps as Vec3;
  const index = gridIndexOf(grid, lesion[2]) + 1;
  const centre: Vec3 = [lesion[0], lesion[1], grid.originLps[2]! + index * grid.spacingMm[2]!];
  await page.locator('[data-viewport="tp0-arterial"] .hcc-vp-element').click();
  await wheelTo(page, 'tp0-arterial', index);
  await waitForSettled(page);
  expectWithin((await meanGrey(page, 'tp0-arterial', centre, 6)).mean, expectedGrey(TISSUE_VALUES.arterial.viable, art.window!), GREY_TOLERANCE, 'lesion');
  // Only the decoder's own report of the broken file reaches the console (Cornerstone logs it).
  expect(consoleErrors.filter((e) => !/JPEG/.test(e))).toEqual([]);
});

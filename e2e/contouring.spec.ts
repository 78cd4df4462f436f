import { expect, test, type Page } from '@playwright/test';
import type { RoisPublished } from '../src/app/test-hooks';
import type { GridGeometry } from '../src/core/types/volume';
import { NOISE_AMPLITUDE, tissueValue } from '../test-data/phantom/definitions';
import { collectConsoleErrors, truth, viewerSnapshot, vp, waitForSettled, wheelTo, waitForViewerStatus, type Vec3 } from './viewer-helpers';

/** Vertices of each drawn contour (a regular polygon inscribed in the circle the test means). */
const VERTICES = 32;
/** The contours are drawn inside the phantom sphere's cross-section, at this fraction of its radius. */
const DRAW_FRACTION = 0.85;

const rois = (page: Page): Promise<RoisPublished> => page.evaluate(() => window.__hcc!.rois!);

/** Opens the demo and waits for every viewport and for the lesion model (restored or new). */
async function openDemo(page: Page): Promise<void> {
  await page.goto('/');
  await waitForViewerStatus(page, ['all-loaded']);
  await waitForSettled(page);
  await page.waitForFunction(() => window.__hcc?.rois?.restoring === false && window.__hcc.rois.storageKey !== null);
}

/**
 * Opens the lesion panel (closed at start) and waits until the viewports narrowed by it are
 * resized (each canvas's backing store matches its element), so patient -> screen mapping is final.
 */
async function openLesionPanel(page: Page): Promise<void> {
  if (await page.locator('#lesion-panel').isHidden()) await page.getByRole('button', { name: 'Lesions' }).click();
  await expect(page.locator('#lesion-panel')).toBeVisible();
  await page.waitForFunction(() =>
    [...document.querySelectorAll<HTMLElement>('.hcc-vp-element')].every((e) => {
      const c = e.querySelector('canvas');
      return !!c && c.width === Math.round(e.clientWidth * devicePixelRatio);
    }),
  );
  await waitForSettled(page);
}


/** Voxel centre (i, j, k) of an axis-aligned grid (the phantom's) in LPS. */
const centreOf = (g: GridGeometry, i: number, j: number, k: number): Vec3 => [
  g.originLps[0] + i * g.spacingMm[0], g.originLps[1] + j * g.spacingMm[1], g.originLps[2] + k * g.spacingMm[2],
];

/** Voxel centres of slice k within `radiusMm` of a point (in-plane): the test's own count. */
function discCount(g: GridGeometry, k: number, centre: Vec3, radiusMm: number): number {
  let n = 0;
  for (let j = 0; j < g.dims[1]; j++) {
    for (let i = 0; i < g.dims[0]; i++) {
      const p = centreOf(g, i, j, k);
      if (Math.hypot(p[0] - centre[0], p[1] - centre[1]) < radiusMm) n++;
    }
  }
  return n;
}

/** Draws a closed freehand contour with the mouse: down at the first vertex, through all, up (= closed). */
async function drawContour(page: Page, key: string, centre: Vec3, radiusMm: number): Promise<void> {
  const ring: Vec3[] = Array.from({ length: VERTICES }, (_, v) => {
    const a = (2 * Math.PI * v) / VERTICES;
    return [centre[0] + radiusMm * Math.cos(a), centre[1] + radiusMm * Math.sin(a), centre[2]];
  });
  const points = await page.evaluate(({ key, ring }) => ring.map((p) => window.__hccProbe!.clientPointOf(key, p)), { key, ring });
  if (points.some((p) => p === null)) throw new Error(`viewport ${key} does not show the contour's plane`);
  const xy = points as [number, number][];
  await page.mouse.move(...xy[0]!);
  await page.mouse.down();
  for (const p of [...xy.slice(1), xy[0]!]) await page.mouse.move(...p);
  await page.mouse.up();
}

/** Screen pixels per mm in a viewport (the rounding of mouse positions to whole pixels, in mm, is its inverse). */
async function pxPerMm(page: Page, key: string, at: Vec3): Promise<number> {
  const [a, b] = await page.evaluate(({ key, at }) => [window.__hccProbe!.clientPointOf(key, at), window.__hccProbe!.clientPointOf(key, [at[0] + 10, at[1], at[2]])], { key, at });
  return Math.hypot(b![0] - a![0], b![1] - a![1]) / 10;
}

/** Alpha of the lesion overlay canvas at a patient point (what the reader sees over the image). */
async function overlayAlpha(page: Page, key: string, point: Vec3): Promise<number> {
  return page.evaluate(({ key, point }) => {
    const c = window.__hccProbe!.clientPointOf(key, point);
    const canvas = document.querySelector<HTMLCanvasElement>(`[data-viewport="${key}"] canvas.hcc-vp-rois`);
    if (!c || !canvas) return -1;
    const rect = canvas.getBoundingClientRect();
    const s = canvas.width / rect.width;
    return canvas.getContext('2d')!.getImageData(Math.round((c[0] - rect.left) * s), Math.round((c[1] - rect.top) * s), 1, 1).data[3]!;
  }, { key, point });
}

const layerOf = (r: RoisPublished, timePointIndex: number, lesionNumber: number) =>
  r.layers.find((l) => l.timePointIndex === timePointIndex && l.lesionNumber === lesionNumber && l.layer === 'tumour');

test('contour Lesion 1 on three baseline slices, interpolate, reload, draw it at follow-up, undo/redo', async ({ page }) => {
  const consoleErrors = collectConsoleErrors(page);
  const t = truth();
  await openDemo(page);
  expect((await rois(page)).layers).toEqual([]);
  await openLesionPanel(page);

  // ---- baseline: three contours on the arterial image, two slices apart ----
  const g0 = t.timePoints[0]!.grids.t1;
  const lesion0 = t.timePoints[0]!.lesions[0]!;
  const kc = Math.round((lesion0.centreLps[2] - g0.originLps[2]) / g0.spacingMm[2]);
  const drawn = [kc - 2, kc, kc + 2];
  const radiusOn = (k: number) => Math.sqrt(lesion0.radiusMm ** 2 - (centreOf(g0, 0, 0, k)[2] - lesion0.centreLps[2]) ** 2);
  const key0 = 'tp0-arterial';
  await page.keyboard.press('f');
  await page.waitForFunction(() => window.__hcc?.rois?.editor.tool === 'contour');
  for (const [n, k] of drawn.entries()) {
    await wheelTo(page, key0, k);
    // The viewport's image k is the grid's slice k (the phantom's arterial series is on the T1 grid).
    expect(vp(await viewerSnapshot(page), key0).positionLps![2]).toBeCloseTo(centreOf(g0, 0, 0, k)[2], 3);
    await drawContour(page, key0, [lesion0.centreLps[0], lesion0.centreLps[1], centreOf(g0, 0, 0, k)[2]], DRAW_FRACTION * radiusOn(k));
    await page.waitForFunction((n) => (window.__hcc?.rois?.layers[0]?.slices.length ?? 0) === n, n + 1);
  }
  let r = await rois(page);
  expect(r.lesions).toEqual([{ lesionNumber: 1, target: true }]);
  expect(r.undoLabel).toBe('Contour Lesion 1');
  expect(layerOf(r, 0, 1)!.slices).toEqual(drawn);
  const drawnOnly = layerOf(r, 0, 1)!.voxels;

  // ---- interpolation (Shift+i) fills kc-1 and kc+1 ----
  await page.keyboard.press('Shift+I');
  await page.waitForFunction(() => window.__hcc?.rois?.undoLabel === 'Interpolate Lesion 1');
  r = await rois(page);
  const baseline = layerOf(r, 0, 1)!;
  expect(baseline.slices).toEqual([kc - 2, kc - 1, kc, kc + 1, kc + 2]);
  // Expected counts from the drawn polygons, independently, slice by slice: a drawn slice holds the
  // voxel centres between the disc inscribed in its polygon and the circumscribed one, widened by a
  // mouse pixel (positions are whole pixels). Between two concentric discs the signed-distance
  // interpolation gives the disc of the mean radius, within half a voxel (the discrete distance map).
  const slack = 1 / (await pxPerMm(page, key0, lesion0.centreLps));
  const centre = lesion0.centreLps;
  const inner = (k: number) => DRAW_FRACTION * radiusOn(k) * Math.cos(Math.PI / VERTICES) - slack;
  const outer = (k: number) => DRAW_FRACTION * radiusOn(k) + slack;
  const bounds = new Map<number, [number, number]>();
  for (const k of drawn) bounds.set(k, [discCount(g0, k, centre, inner(k)), discCount(g0, k, centre, outer(k))]);
  const halfVoxel = g0.spacingMm[0] / 2;
  for (const [k, a, b] of [[kc - 1, kc - 2, kc], [kc + 1, kc, kc + 2]] as const) {
    bounds.set(k, [discCount(g0, k, centre, (inner(a) + inner(b)) / 2 - halfVoxel), discCount(g0, k, centre, (outer(a) + outer(b)) / 2 + halfVoxel)]);
  }
  baseline.slices.forEach((k, n) => {
    const [lo, hi] = bounds.get(k)!;
    console.log(`slice ${k}${drawn.includes(k) ? ' (drawn)' : ' (interpolated)'}: ${baseline.sliceVoxels[n]} voxels, expected ${lo}..${hi}`);
    expect(baseline.sliceVoxels[n]).toBeGreaterThanOrEqual(lo);
    expect(baseline.sliceVoxels[n]).toBeLessThanOrEqual(hi);
  });
  const drawnBounds = drawn.map((k) => bounds.get(k)!);
  expect(drawnOnly).toBeGreaterThanOrEqual(drawnBounds.reduce((s, [lo]) => s + lo, 0));
  expect(drawnOnly).toBeLessThanOrEqual(drawnBounds.reduce((s, [, hi]) => s + hi, 0));
  console.log(`baseline Lesion 1: ${drawnOnly} voxels drawn, ${baseline.voxels} after interpolation (${baseline.volumeMl.toFixed(2)} mL); phantom sphere ${lesion0.voxels.total}`);
  // Drawn inside the sphere: fewer voxels than the phantom's whole lesion.
  expect(baseline.voxels).toBeLessThan(lesion0.voxels.total);

  // ---- the mask is drawn over every viewport of the baseline (mapped through patient coordinates), not at follow-up ----
  const onSlice: Vec3 = [centre[0], centre[1], centreOf(g0, 0, 0, kc + 2)[2]];
  await expect.poll(() => overlayAlpha(page, key0, onSlice)).toBeGreaterThan(0);
  await expect.poll(() => overlayAlpha(page, 'tp0-t1_pre', onSlice)).toBeGreaterThan(0);
  expect(await overlayAlpha(page, 'tp1-arterial', t.timePoints[1]!.lesions[0]!.centreLps)).toBe(0);

  // ---- a coronal reformat shows the cut through the mask: drawn from kc-2 to kc+2, not at kc+4 ----
  const atKc: Vec3 = [centre[0], centre[1], centreOf(g0, 0, 0, kc)[2]];
  const pointer = await page.evaluate(({ key, p }) => window.__hccProbe!.clientPointOf(key, p), { key: key0, p: atKc });
  await page.mouse.move(...pointer!);
  await page.keyboard.press('o');
  await page.waitForFunction((key) => {
    const v = window.__hcc?.viewer?.viewports.find((p) => p.key === key);
    return v?.orientation === 'coronal' && v.renderCount > 0;
  }, key0);
  await expect.poll(() => overlayAlpha(page, key0, atKc)).toBeGreaterThan(0);
  expect(await overlayAlpha(page, key0, [centre[0], centre[1], centreOf(g0, 0, 0, kc + 4)[2]])).toBe(0);
  // o twice more (sagittal, then acquired), each once the previous reformat is done.
  for (const orientation of ['sagittal', 'acquired']) {
    await page.keyboard.press('o');
    await page.waitForFunction(({ key, orientation }) => window.__hcc?.viewer?.viewports.find((p) => p.key === key)?.orientation === orientation, { key: key0, orientation });
  }

  // ---- reload: autosaved, restored with the same voxel count ----
  await page.waitForFunction(() => {
    const a = window.__hcc?.rois?.autosave;
    return a?.state === 'saved' && a.savedRevision === a.revision && a.revision > 0;
  });
  await page.reload();
  await openDemo(page);
  await openLesionPanel(page);
  r = await rois(page);
  expect(r.lesions).toEqual([{ lesionNumber: 1, target: true }]);
  expect(layerOf(r, 0, 1)).toMatchObject({ voxels: baseline.voxels, slices: baseline.slices, seriesId: baseline.seriesId });
  expect(r.storageError).toBeNull();

  // ---- follow-up: the same Lesion 1 ----
  const g1 = t.timePoints[1]!.grids.t1;
  const lesion1 = t.timePoints[1]!.lesions[0]!;
  const k1 = Math.round((lesion1.centreLps[2] - g1.originLps[2]) / g1.spacingMm[2]);
  const r1 = DRAW_FRACTION * Math.sqrt(lesion1.radiusMm ** 2 - (centreOf(g1, 0, 0, k1)[2] - lesion1.centreLps[2]) ** 2);
  const key1 = 'tp1-arterial';
  await page.keyboard.press('f');
  await wheelTo(page, key1, k1);
  await drawContour(page, key1, [lesion1.centreLps[0], lesion1.centreLps[1], centreOf(g1, 0, 0, k1)[2]], r1);
  await page.waitForFunction(() => window.__hcc?.rois?.layers.some((l) => l.timePointIndex === 1));
  r = await rois(page);
  expect(r.lesions.map((l) => l.lesionNumber)).toEqual([1]);
  const followUp = layerOf(r, 1, 1)!;
  expect(followUp.slices).toEqual([k1]);
  const slack1 = 1 / (await pxPerMm(page, key1, lesion1.centreLps));
  const fuLow = discCount(g1, k1, lesion1.centreLps, r1 * Math.cos(Math.PI / VERTICES) - slack1);
  const fuHigh = discCount(g1, k1, lesion1.centreLps, r1 + slack1);
  console.log(`follow-up Lesion 1: ${followUp.voxels} voxels, expected ${fuLow}..${fuHigh}`);
  expect(followUp.voxels).toBeGreaterThanOrEqual(fuLow);
  expect(followUp.voxels).toBeLessThanOrEqual(fuHigh);

  // ---- undo / redo (keys and the panel's buttons say what they undo) ----
  await expect(page.getByTestId('undo')).toHaveText('Undo: Contour Lesion 1');
  await page.keyboard.press('Control+z');
  await page.waitForFunction(() => !window.__hcc?.rois?.layers.some((l) => l.timePointIndex === 1));
  r = await rois(page);
  expect(r.redoLabel).toBe('Contour Lesion 1');
  expect(layerOf(r, 0, 1)!.voxels).toBe(baseline.voxels);
  await page.keyboard.press('Control+y');
  await page.waitForFunction(() => window.__hcc?.rois?.layers.some((l) => l.timePointIndex === 1));
  expect(layerOf(await rois(page), 1, 1)!.voxels).toBe(followUp.voxels);
  await page.getByTestId('undo').click();
  await page.waitForFunction(() => !window.__hcc?.rois?.layers.some((l) => l.timePointIndex === 1));
  await page.getByTestId('redo').click();
  await page.waitForFunction(() => window.__hcc?.rois?.layers.some((l) => l.timePointIndex === 1));
  expect(layerOf(await rois(page), 1, 1)!.voxels).toBe(followUp.voxels);
  expect(consoleErrors).toEqual([]);
});

/** A click (down and up at one point) at a patient point of a viewport. */
async function clickAt(page: Page, key: string, point: Vec3): Promise<void> {
  const xy = await page.evaluate(({ key, point }) => window.__hccProbe!.clientPointOf(key, point), { key, point });
  await page.mouse.move(...xy!);
  await page.mouse.down();
  await page.mouse.up();
}

test('brush, eraser and threshold brush on the arterial image of Lesion 2; rename, target, delete, findings in the panel', async ({ page }) => {
  const t = truth();
  const g = t.timePoints[0]!.grids.t1;
  const lesion = t.timePoints[0]!.lesions[1]!;
  const k = Math.round((lesion.centreLps[2] - g.originLps[2]) / g.spacingMm[2]);
  const centre: Vec3 = [lesion.centreLps[0], lesion.centreLps[1], centreOf(g, 0, 0, k)[2]];
  const key = 'tp0-arterial';
  await openDemo(page);
  await openLesionPanel(page);
  await wheelTo(page, key, k);
  const slack = 1 / (await pxPerMm(page, key, centre));
  const count = async () => (await rois(page)).layers.find((l) => l.layer === 'tumour')?.voxels ?? 0;

  // Brush: a 5 mm circle (the default) where clicked.
  await page.keyboard.press('g');
  await clickAt(page, key, centre);
  await page.waitForFunction(() => window.__hcc?.rois?.undoLabel === 'Brush Lesion 1');
  const brushed = await count();
  expect(brushed).toBeGreaterThanOrEqual(discCount(g, k, centre, 5 - slack));
  expect(brushed).toBeLessThanOrEqual(discCount(g, k, centre, 5 + slack));

  // Eraser, two sizes smaller ([ [ : 5 / 1.25² = 3.2 mm): removes a smaller disc from the middle.
  await page.keyboard.press('Shift+E');
  await page.keyboard.press('[');
  await page.keyboard.press('[');
  await page.waitForFunction(() => window.__hcc?.rois?.editor.brushRadiusMm === 3.2);
  await clickAt(page, key, centre);
  await page.waitForFunction(() => window.__hcc?.rois?.undoLabel === 'Erase Lesion 1');
  const erased = brushed - (await count());
  expect(erased).toBeGreaterThanOrEqual(discCount(g, k, centre, 3.2 - slack));
  expect(erased).toBeLessThanOrEqual(discCount(g, k, centre, 3.2 + slack));
  await page.keyboard.press('Control+z');
  await page.keyboard.press('Control+z');
  await page.waitForFunction(() => window.__hcc?.rois?.layers.length === 0 && window.__hcc.rois.lesions.length === 0);

  // Threshold brush larger than the lesion: the arterial value under the click ± 20 % holds the
  // viable tumour (750) and not the liver (520) around it, so exactly the lesion's cross-section is kept.
  const viable = tissueValue('arterial', 'viable');
  expect(tissueValue('arterial', 'liver') * (1 + NOISE_AMPLITUDE)).toBeLessThan(viable * (1 - NOISE_AMPLITUDE) * 0.8);
  await page.keyboard.press('Shift+G');
  await page.getByLabel('Brush radius (mm)').fill('25');
  await page.getByLabel('Brush radius (mm)').press('Enter');
  await page.waitForFunction(() => window.__hcc?.rois?.editor.brushRadiusMm === 25);
  await clickAt(page, key, centre);
  await page.waitForFunction(() => window.__hcc?.rois?.undoLabel === 'Threshold brush Lesion 1');
  const section = Math.sqrt(lesion.radiusMm ** 2 - (centre[2] - lesion.centreLps[2]) ** 2);
  const kept = await count();
  console.log(`threshold brush: ${kept} voxels; lesion cross-section ${discCount(g, k, lesion.centreLps, section)}`);
  expect(kept).toBeGreaterThanOrEqual(discCount(g, k, lesion.centreLps, section - 1));
  expect(kept).toBeLessThanOrEqual(discCount(g, k, lesion.centreLps, section + 1));
  // The 25 mm circle reaches far into the liver: without the range it would hold many more voxels.
  expect(kept).toBeLessThan(discCount(g, k, centre, 25) / 2);

  // The panel: rename (renumber), target / non-target, delete (undoable), findings per time point.
  const row = page.locator('[data-lesion="1"]');
  await row.getByRole('button', { name: 'Rename' }).click();
  await page.getByLabel('New number of Lesion 1').fill('3');
  await page.getByLabel('New number of Lesion 1').press('Enter');
  await page.waitForFunction(() => window.__hcc?.rois?.lesions[0]?.lesionNumber === 3);
  expect((await rois(page)).layers.map((l) => [l.lesionNumber, l.voxels])).toEqual([[3, kept]]);
  await page.locator('[data-lesion="3"]').getByTestId('target-toggle').click();
  await page.waitForFunction(() => window.__hcc?.rois?.lesions[0]?.target === false);
  await page.getByRole('button', { name: 'Delete Lesion 3' }).click();
  await page.waitForFunction(() => window.__hcc?.rois?.lesions.length === 0 && window.__hcc.rois.layers.length === 0);
  expect((await rois(page)).undoLabel).toBe('Delete Lesion 3');
  await page.keyboard.press('Control+z');
  await page.waitForFunction(() => window.__hcc?.rois?.layers[0]?.lesionNumber === 3);
  expect((await rois(page)).lesions).toEqual([{ lesionNumber: 3, target: false }]);
  await page.getByLabel(/Non-target lesions at Follow-up/).selectOption('unequivocalProgression');
  await page.locator('.roi-tp').nth(1).getByLabel('New lesion').check();
  await page.waitForFunction(() => window.__hcc?.rois?.timePoints[1]?.newLesion === true);
  expect((await rois(page)).timePoints.map((tp) => [tp.nonTargetStatus, tp.newLesion])).toEqual([[null, false], ['unequivocalProgression', true]]);
});

/** Draws a contour around the centre of whatever the baseline arterial viewport shows. */
async function drawSomething(page: Page): Promise<void> {
  await openLesionPanel(page);
  const v = vp(await viewerSnapshot(page), 'tp0-arterial');
  await page.keyboard.press('f');
  await drawContour(page, 'tp0-arterial', v.centreLps!, 15);
  await page.waitForFunction(() => (window.__hcc?.rois?.layers[0]?.voxels ?? 0) > 0);
}

test('a failing save (quota) is shown and the drawing is kept', async ({ page }) => {
  await page.addInitScript(() => {
    IDBObjectStore.prototype.put = function () {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
  });
  await openDemo(page);
  await drawSomething(page);
  const message = page.getByTestId('roi-message');
  await expect(message).toBeVisible();
  await expect(message).toContainText('Autosave failed: QuotaExceededError');
  await expect(page.getByTestId('roi-save')).toHaveText('NOT SAVED');
  const r = await rois(page);
  expect(r.autosave?.state).toBe('error');
  expect(r.layers[0]!.voxels).toBeGreaterThan(0);
});

test('IndexedDB unavailable is shown at once and drawing still works', async ({ page }) => {
  await page.addInitScript(() => {
    IDBFactory.prototype.open = function () {
      throw new DOMException('IndexedDB is disabled by policy', 'SecurityError');
    };
  });
  await openDemo(page);
  const message = page.getByTestId('roi-message');
  await expect(message).toBeVisible();
  await expect(message).toContainText('Autosave is unavailable');
  await drawSomething(page);
  await expect(message).toContainText(/Autosave failed|Autosave is unavailable/);
  expect((await rois(page)).layers[0]!.voxels).toBeGreaterThan(0);
});

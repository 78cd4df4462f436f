// Editable keys (UX.md §1: OHIF #308/#2870 — user keys that fail after a save or are lost on reload)
// and cine (c), in Debian's chromium on the demo.
import { expect, test, type Page } from '@playwright/test';
import { collectConsoleErrors, viewerSnapshot, vp, waitForSettled, waitForViewerStatus } from './viewer-helpers';

const ARTERIAL = 'tp0-arterial';

async function openRoom(page: Page): Promise<void> {
  await waitForViewerStatus(page, ['all-loaded']);
  await waitForSettled(page);
  await page.locator(`[data-viewport="${ARTERIAL}"] .hcc-vp-element`).click();
  await page.waitForFunction((key) => window.__hcc?.viewer?.viewports.find((p) => p.active)?.key === key, ARTERIAL);
}

async function arterialIndex(page: Page): Promise<number> {
  return vp(await waitForSettled(page), ARTERIAL).displayedIndex;
}

async function bind(page: Page, action: string, key: string): Promise<void> {
  await page.locator(`.hcc-prefs [data-key-action="${action}"]`).click();
  await expect(page.locator(`.hcc-prefs [data-key-action="${action}"]`)).toHaveText('Press a key…');
  await page.keyboard.press(key);
}

test('keys can be rebound in the preferences, conflicts are refused, and the keys survive a reload', async ({ page }) => {
  const consoleErrors = collectConsoleErrors(page);
  await page.goto('/');
  await openRoom(page);
  const start = await arterialIndex(page);

  await page.keyboard.press('?');
  await page.getByRole('button', { name: 'Edit keys…' }).click();
  const prefs = page.getByRole('dialog', { name: 'Keyboard preferences' });
  await expect(prefs).toBeVisible();
  await bind(page, 'nextImage', 'j');
  await expect(prefs.locator('[data-key-action="nextImage"]')).toHaveText('j');
  // i is Invert's: both rows are marked and Save waits.
  await bind(page, 'previousImage', 'i');
  await expect(prefs.locator('tr.conflict')).toHaveCount(2);
  await expect(prefs.locator('[data-action="save-keys"]')).toBeDisabled();
  await expect(prefs.locator('.hcc-prefs-message')).toContainText('one key for two actions');
  await bind(page, 'previousImage', 'k');
  await expect(prefs.locator('tr.conflict')).toHaveCount(0);
  await prefs.locator('[data-action="save-keys"]').click();
  await expect(prefs).toBeHidden();

  // The new keys act at once; the old one no longer does.
  await page.keyboard.press('j');
  await page.waitForFunction(({ key, i }) => window.__hcc?.viewer?.viewports.find((p) => p.key === key)?.displayedIndex === i, { key: ARTERIAL, i: start + 1 });
  await page.keyboard.press('ArrowDown');
  expect(await arterialIndex(page)).toBe(start + 1);
  await page.keyboard.press('k');
  await page.waitForFunction(({ key, i }) => window.__hcc?.viewer?.viewports.find((p) => p.key === key)?.displayedIndex === i, { key: ARTERIAL, i: start });

  // After a reload: still the user's keys, on the sheet as well.
  await page.reload();
  await openRoom(page);
  const again = await arterialIndex(page);
  await page.keyboard.press('j');
  await page.waitForFunction(({ key, i }) => window.__hcc?.viewer?.viewports.find((p) => p.key === key)?.displayedIndex === i, { key: ARTERIAL, i: again + 1 });
  await page.keyboard.press('?');
  const sheet = page.getByRole('dialog', { name: 'Keyboard and mouse' });
  await expect(sheet.locator('tr', { hasText: 'Next image' }).locator('kbd')).toHaveText('j');

  // Restore defaults: ArrowDown again, nothing left in storage.
  await sheet.getByRole('button', { name: 'Edit keys…' }).click();
  await prefs.locator('[data-action="restore-keys"]').click();
  await expect(prefs.locator('[data-key-action="nextImage"]')).toHaveText('↓');
  await prefs.locator('[data-action="save-keys"]').click();
  await page.keyboard.press('ArrowDown');
  await page.waitForFunction(({ key, i }) => window.__hcc?.viewer?.viewports.find((p) => p.key === key)?.displayedIndex === i, { key: ARTERIAL, i: again + 2 });
  expect(await page.evaluate(() => localStorage.getItem('hcc-response.keyBindings@1'))).toBeNull();
  expect(consoleErrors).toEqual([]);
});

test('c plays cine in the active viewport (the same time point follows), c again stops it', async ({ page }) => {
  const consoleErrors = collectConsoleErrors(page);
  await page.goto('/');
  await openRoom(page);
  const start = await arterialIndex(page);
  await page.keyboard.press('c');
  await page.waitForFunction((key) => window.__hcc?.viewer?.cine?.key === key, ARTERIAL);
  await expect(page.locator('[data-cine="playing"]')).toContainText('images/s');
  // Several images further on, and the pre-contrast phase (same grid) shows the same image.
  await page.waitForFunction(
    ({ key, start }) => {
      const p = window.__hcc?.viewer?.viewports.find((v) => v.key === key);
      return !!p && p.displayedIndex !== start && p.displayedIndex !== start + 1 && p.displayedIndex !== start + 2;
    },
    { key: ARTERIAL, start },
  );
  await page.keyboard.press('c');
  await page.waitForFunction(() => window.__hcc?.viewer?.cine === null);
  const stopped = await waitForSettled(page);
  expect(vp(stopped, 'tp0-t1_pre').displayedIndex).toBe(vp(stopped, ARTERIAL).displayedIndex);
  // Stopped means stopped: the next frames show the same image.
  expect(vp(await waitForSettled(page), ARTERIAL).displayedIndex).toBe(vp(stopped, ARTERIAL).displayedIndex);
  expect((await viewerSnapshot(page)).cine).toBeNull();
  await expect(page.locator('[data-cine="playing"]')).toHaveCount(0);
  expect(consoleErrors).toEqual([]);
});

test('n, d and a toggle the response views like their toolbar buttons (overlay, subtraction column, ADC colour); the sheet lists them', async ({ page }) => {
  const consoleErrors = collectConsoleErrors(page);
  await page.goto('/');
  await openRoom(page);
  const response = () => page.evaluate(() => window.__hcc?.response ?? null);

  await page.keyboard.press('n');
  await page.waitForFunction(() => window.__hcc?.response?.overlay === true);
  await expect(page.getByRole('button', { name: 'Overlay' })).toHaveAttribute('aria-pressed', 'true');

  await page.keyboard.press('d');
  await page.waitForFunction(() => ['tp0-subtraction', 'tp1-subtraction'].every((k) => (window.__hcc?.viewer?.viewports.find((v) => v.key === k)?.renderCount ?? 0) > 0));
  await expect(page.getByRole('button', { name: 'Subtraction' })).toHaveAttribute('aria-pressed', 'true');

  await page.keyboard.press('a');
  await expect(page.locator('[data-viewport="tp0-adc"] .hcc-adc-legend')).toBeVisible();
  expect(await response()).toMatchObject({ overlay: true, subtraction: true, adcColour: true });

  // Pressed again: off, the default layout back.
  for (const key of ['n', 'd', 'a']) await page.keyboard.press(key);
  await page.waitForFunction(() => !window.__hcc?.viewer?.viewports.some((v) => v.column === 'subtraction'));
  await expect(page.locator('[data-viewport="tp0-adc"] .hcc-adc-legend')).toBeHidden();
  expect(await response()).toMatchObject({ overlay: false, subtraction: false, adcColour: false });

  await page.keyboard.press('?');
  const sheet = page.getByRole('dialog', { name: 'Keyboard and mouse' });
  await expect(sheet).toContainText('Response views');
  await expect(sheet).toContainText('Viable / necrotic overlay on/off');
  expect(consoleErrors).toEqual([]);
});

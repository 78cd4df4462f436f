// The results panel rendered to HTML from the pipeline's real state on the synthetic study, read back
// through its data attributes: categories and flags as truth.json has them, numbers as worked by hand.
import { beforeAll, describe, expect, it } from 'vitest';
import { HccError } from '../../core/errors';
import { resolveMeasureConfig } from '../../core/measure';
import { RoiStore } from '../lesions/roi-store';
import { importSegsIntoStore, roiModelForTree } from '../measure/import-segs';
import { lesionKey } from '../measure/lesion-keys';
import { createMeasurePipeline, type MeasurementState } from '../measure/pipeline';
import { countingClient, loadPhantomApp, type PhantomApp } from '../measure/testing/phantom-app';
import type { VoxelReader } from '../measure/time-point-volumes';
import { renderResultsPanel } from './render-panel';

let app: PhantomApp;
let state: MeasurementState;

async function measure(read: VoxelReader): Promise<MeasurementState> {
  const store = new RoiStore(roiModelForTree(app.tree));
  importSegsIntoStore(store, app.tree, app.segs.flat());
  const pipeline = createMeasurePipeline({ tree: app.tree, read, store, config: resolveMeasureConfig(), client: countingClient().client });
  const done = await pipeline.idle();
  pipeline.dispose();
  return done;
}

beforeAll(async () => {
  app = await loadPhantomApp([64, 64, 20]);
  state = await measure(app.read);
});

/** The inner text of the first element matching an opening-tag pattern (the panel's cells hold no nested td). */
function cellText(html: string, attrs: string): string {
  const at = html.indexOf(attrs);
  expect(at, attrs).toBeGreaterThanOrEqual(0);
  const start = html.indexOf('>', at) + 1;
  return html.slice(start, html.indexOf('</td>', start)).replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();
}
const tag = (html: string, pattern: RegExp): string[] => [...html.matchAll(pattern)].map((m) => m[0]);

describe('results panel (HTML)', () => {
  it('criteria side by side: category per criterion as truth.json expects, badge with its text', () => {
    const html = renderResultsPanel(state);
    const truth = app.truth.response[0]!.categories;
    for (const [id, category] of Object.entries(truth)) {
      const row = tag(html, new RegExp(`<tr data-criterion="${id}" data-category="[A-Z]+" data-time-point="1"[^>]*>`, 'g'));
      expect(row, id).toHaveLength(1);
      expect(row[0]).toContain(`data-category="${category}"`);
    }
    expect(html).toContain('<span class="hcc-badge hcc-badge-PR" data-category="PR" title="partial response">PR</span>');
    // RECIST 1.1 SD against mRECIST PR: both rows marked as disagreeing; so are vRECIST SD / qEASL PR. WHO SD / EASL PR too.
    for (const id of ['recist11', 'mrecist', 'who', 'easl', 'vrecist', 'qeasl']) {
      expect(html).toMatch(new RegExp(`<tr data-criterion="${id}" data-category="[A-Z]+" data-time-point="1" class="hcc-disagree">`));
    }
    // RECIST 1.1 sum = the two targets' longest diameters of the lesion table, with its unit; % vs baseline from those sums.
    const doc = state.document!;
    const sumAt = (t: number): number => doc.timePoints[t]!.lesions.reduce((a, l) => a + l.longestDiameterMm!, 0);
    expect(html).toContain(`<td class="hcc-num">${Number(sumAt(1).toFixed(1))} <span class="hcc-unit">mm</span></td>`);
    const pct = ((sumAt(1) - sumAt(0)) / sumAt(0)) * 100;
    expect(html).toContain(`<td class="hcc-num" title="baseline sum ${sumAt(0).toFixed(2)} mm">+${Number(pct.toFixed(1))} %</td>`);
  });

  it('flags with their reason: necrotic swelling on Lesion 1, size vs enhancement disagreement', () => {
    const html = renderResultsPanel(state);
    expect(html).toMatch(/<li class="hcc-flag" data-flag="necroticSwelling" data-lesion="Lesion 1" data-time-point="1">[^]*?possible necrotic swelling, not progression/);
    expect(html).toMatch(/data-flag="sizeEnhancementDisagreement"[^>]*>[^]*?Size and enhancement criteria disagree \(RECIST 1\.1 SD vs mRECIST PR/);
    expect(html).toContain('class="hcc-method" data-method="relative-threshold"');
    expect(html).toContain('ADC: scanner ADC map (preferred: map)');
  });

  it('lesion table: values with change vs baseline worked by hand, ADC in 10^-3 mm²/s with 2 decimals', () => {
    const html = renderResultsPanel(state);
    const t = app.truth.timePoints;
    // Lesion 1 grows from 97 to 124 voxels (truth.json voxel counts): +27 / 97 = +27.8 %.
    const volume = cellText(html, 'data-lesion="Lesion 1" data-time-point="1" data-quantity="volumeMl"');
    expect(volume).toBe(`${Number(t[1]!.lesions[0]!.volumeMl.toFixed(1))} +27.8 %`);
    // Enhancing fraction 2 / 124 = 1.6 % -> '2' (whole percent, unit in the row header), no % change.
    expect(cellText(html, 'data-lesion="Lesion 1" data-time-point="1" data-quantity="enhancingFraction"')).toBe('2');
    const adc0 = t[0]!.lesions[1]!.adc!.meanMm2s;
    expect(cellText(html, 'data-lesion="Lesion 2" data-time-point="0" data-quantity="adcMeanMm2s"')).toBe((adc0 * 1e3).toFixed(2));
    expect(html).toContain('ADC mean <span class="hcc-unit">(×10⁻³ mm²/s)</span>');
    expect(html).toMatch(/<th scope="col" data-time-point="1"[^>]*>FU1<span class="hcc-date">\d{4}-\d\d-\d\d<\/span><\/th>/);
    expect(html).not.toContain('aria-busy');
  });

  it('busy lesions: their cells carry the busy mark, the others not', () => {
    const key = lesionKey(state.document!.timePoints[1]!.studyInstanceUid, 'Lesion 2');
    const html = renderResultsPanel({ ...state, busy: [key] });
    expect(tag(html, /<td [^>]*aria-busy="true"[^>]*>/g).every((c) => c.includes('data-lesion="Lesion 2" data-time-point="1"'))).toBe(true);
    // 8 figures + the notes row.
    expect(tag(html, /<td [^>]*aria-busy="true"[^>]*>/g)).toHaveLength(9);
    expect(html).toContain('Computing 1 lesion measurement…');
  });

  it('a follow-up whose images cannot be read: error named, figures "not measured" (never 0), categories NE', async () => {
    const followUp = new Set(app.tree.patients[0]!.studies[1]!.series.map((v) => v.id));
    const failing = await measure(async (v) => {
      if (followUp.has(v.id)) throw new HccError('UNSUPPORTED_TRANSFER_SYNTAX', `${v.seriesDescription}: compressed`);
      return app.read(v);
    });
    expect(failing.errors.map((e) => [e.key, e.code])).toEqual([
      [lesionKey(app.truth.timePoints[1]!.studyInstanceUid, 'Lesion 1'), 'UNSUPPORTED_TRANSFER_SYNTAX'],
      [lesionKey(app.truth.timePoints[1]!.studyInstanceUid, 'Lesion 2'), 'UNSUPPORTED_TRANSFER_SYNTAX'],
    ]);
    const html = renderResultsPanel(failing);
    expect(cellText(html, 'data-lesion="Lesion 1" data-time-point="1" data-quantity="volumeMl"')).toBe('not measured');
    expect(cellText(html, 'data-lesion="Lesion 1" data-time-point="1" data-quantity="adcMeanMm2s"')).toBe('not measured');
    expect(cellText(html, 'data-lesion="Lesion 1" data-time-point="1" data-quantity="flags"')).toBe('measurement-failed');
    for (const id of ['recist11', 'mrecist', 'qeasl']) expect(html).toContain(`<tr data-criterion="${id}" data-category="NE" data-time-point="1">`);
    expect(html).toContain('data-error="UNSUPPORTED_TRANSFER_SYNTAX"');
  });

  it('before anything is drawn: no table, a hint', () => {
    const html = renderResultsPanel({ document: null, response: [], adcHistograms: [], enhancingMasks: new Map(), busy: [], errors: [], skipped: [] });
    expect(html).not.toContain('<table');
    expect(html).toContain('import a DICOM SEG');
  });
});

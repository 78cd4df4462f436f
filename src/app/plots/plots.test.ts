// Plot numbers worked by hand: where PD starts (nadir-relative, RECIST's 5 mm rule), % change lines
// broken at unknown sums, ADC histograms regrouped onto shared bins.
import { describe, expect, it } from 'vitest';
import { assessResponse } from '../../core/criteria';
import { enhancing, lesion, tp } from '../../core/criteria/test-fixtures';
import { fractionCurve, renderAdcHistogramPlot, sharedEdges } from './adc-histogram-plot';
import { pathThrough, niceTicks } from './svg';
import { trendSeries } from './trend-plot';

describe('trend series', () => {
  // One 20 mm target: BL 20, FU1 16 (nadir), FU2 19.
  const response = assessResponse([tp([enhancing('Lesion 1', 20)]), tp([enhancing('Lesion 1', 16)]), tp([enhancing('Lesion 1', 19)])]);

  it('RECIST 1.1: PD from max(nadir x 1.2, nadir + 5 mm), as % vs baseline', () => {
    const s = trendSeries(3, response, 'recist11');
    // BL: max(24, 25) = 25 mm -> +25 %; FU1 (nadir 20 before it... its nadir is the baseline): +25 %;
    // FU2: nadir 16 -> max(19.2, 21) = 21 mm -> +5 %.
    expect(s.changePct).toEqual([0, -20, -5]);
    expect(s.pdFromPct[0]).toBeCloseTo(25, 9);
    expect(s.pdFromPct[2]).toBeCloseTo(5, 9);
  });

  it('mRECIST has no 5 mm rule: PD from nadir x 1.2', () => {
    const s = trendSeries(3, response, 'mrecist');
    expect(s.pdFromPct[0]).toBeCloseTo(20, 9);
    // 16 x 1.2 = 19.2 mm -> -4 % vs baseline 20.
    expect(s.pdFromPct[2]).toBeCloseTo(-4, 9);
  });

  it('an unknown sum is a gap in the line, never 0', () => {
    const r = assessResponse([tp([enhancing('Lesion 1', 20)]), tp([lesion('Lesion 1')]), tp([enhancing('Lesion 1', 10)])]);
    const s = trendSeries(3, r, 'recist11');
    expect(s.changePct).toEqual([0, null, -50]);
    expect(pathThrough(s.changePct.map((v, t) => (v === null ? null : [t, v])))).toBe('M0,0M2,-50');
  });
});

describe('ADC histograms', () => {
  it('kernel bins regrouped onto shared bins by their centre; fractions of the lesion\'s voxels', () => {
    // Baseline 1.0-2.0, follow-up 2.0-3.0 (x10^-3 mm²/s): shared edges 1, 1.5, 2, 2.5, 3 with 4 bins.
    const bl = { lesion: 'Lesion 1', timePoint: 0, timePointLabel: 'Baseline', edgesMm2s: [1e-3, 1.5e-3, 2e-3], counts: [3, 1] };
    const fu = { lesion: 'Lesion 1', timePoint: 1, timePointLabel: 'Follow-up 1', edgesMm2s: [2e-3, 2.25e-3, 2.5e-3, 3e-3], counts: [2, 2, 6] };
    const edges = sharedEdges([bl, fu], 4);
    expect(edges.map((e) => Number(e.toFixed(9)))).toEqual([1, 1.5, 2, 2.5, 3]);
    // Baseline bins (centres 1.25, 1.75) land in shared bins 0 and 1: 3/4 and 1/4.
    expect(fractionCurve(bl, edges).fraction).toEqual([0.75, 0.25, 0, 0]);
    // Follow-up centres 2.125, 2.375 -> bin 2; 2.75 -> bin 3: 4/10 and 6/10.
    const f = fractionCurve(fu, edges);
    expect(f.fraction).toEqual([0, 0, 0.4, 0.6]);
    expect(f.voxels).toBe(10);
  });

  it('one curve per time point of the chosen lesion; a lesion without ADC says so', () => {
    const entries = [
      { lesion: 'Lesion 1', timePoint: 1, timePointLabel: 'Follow-up 1', edgesMm2s: [2e-3, 3e-3], counts: [5] },
      { lesion: 'Lesion 1', timePoint: 0, timePointLabel: 'Baseline', edgesMm2s: [1e-3, 2e-3], counts: [5] },
      { lesion: 'Lesion 2', timePoint: 0, timePointLabel: 'Baseline', edgesMm2s: [1e-3, 2e-3], counts: [5] },
    ];
    const svg = renderAdcHistogramPlot('Lesion 1', entries);
    expect([...svg.matchAll(/<path class="hcc-hist hcc-tp-(\d)"/g)].map((m) => m[1])).toEqual(['0', '1']);
    expect(renderAdcHistogramPlot('Lesion 3', entries)).toContain('Lesion 3: no ADC measured');
  });

  it('nice ticks: round steps (1, 2, 5 x 10^n) inside the range, at most about `count`', () => {
    // 125 / 5 = 25 -> step 50.
    expect(niceTicks(-100, 25, 5)).toEqual([-100, -50, 0]);
    expect(niceTicks(-100, 25, 10)).toEqual([-100, -80, -60, -40, -20, 0, 20]);
    expect(niceTicks(0.9, 2.4, 5)).toEqual([1, 1.5, 2]);
  });
});

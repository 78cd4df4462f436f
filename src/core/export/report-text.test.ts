import { describe, expect, it } from 'vitest';
import { HccError } from '../errors';
import { adc, ml, signedPct } from './format';
import { reportText, timePointReport } from './report-text';
import { enhancementInWords, flagInWords } from './report-words';
import { sampleDocument } from './testing/fixtures';

describe('reportText', () => {
  const text = reportText(sampleDocument());
  const [baseline = '', followUp = '', method = ''] = text.trim().split('\n\n');

  it('one paragraph per time point, then the method line once', () => {
    expect(text.trim().split('\n\n')).toHaveLength(3);
    expect(baseline.startsWith('Baseline (2024-01-15): Lesion 1 (target): ')).toBe(true);
    expect(followUp.startsWith('FU1 (2024-04-02): ')).toBe(true);
    expect(method).toBe(
      'Method: enhancing voxels where (S_art - S_pre) / S_pre >= 0.5 (50 % relative enhancement); ADC read from the scanner ADC map; measured with hcc-response 0.1.0.',
    );
  });

  it('baseline lesions: viable and whole diameters, volume, enhancing fraction with its parts, ADC in 1e-3 mm²/s', () => {
    expect(baseline).toContain(
      'Lesion 1 (target): viable diameter 30 x 22 mm; whole lesion 40 x 30 mm; volume 20 mL; enhancing fraction 60 % (enhancing 12 mL, necrotic 8 mL); ADC mean 1.12 x 10^-3 mm²/s.',
    );
    expect(baseline).not.toContain('vs baseline');
  });

  it('follow-up lesions carry their change vs baseline (hand-worked: 30 -> 12 mm is -60 %, 20 -> 25 mL +25 %, ADC 1.12 -> 1.45 +29.5 %)', () => {
    expect(followUp).toContain('viable diameter 12 x 9 mm (-60 % vs baseline)');
    expect(followUp).toContain('whole lesion 42 x 33 mm (+5 % vs baseline)');
    expect(followUp).toContain('volume 25 mL (+25 % vs baseline)');
    expect(followUp).toContain('enhancing fraction 12 % (enhancing 3 mL, necrotic 22 mL; baseline 60 %)');
    expect(followUp).toContain('ADC mean 1.45 x 10^-3 mm²/s (+29.5 % vs baseline)');
    // Lesion 2: 4.25 -> 4 mL is -5.88 %.
    expect(followUp).toContain('volume 4 mL (-5.9 % vs baseline)');
  });

  it("unknown values read 'not measured', never 0", () => {
    expect(followUp).toContain('Lesion 2 (target): viable diameter not measured; whole lesion 19 x 17 mm');
    expect(followUp).toContain('ADC mean not measured.');
    expect(followUp).not.toMatch(/ADC mean 0\b/);
  });

  it('category per criterion with sum and change vs baseline and nadir; NE says why', () => {
    expect(followUp).toContain('Response vs Baseline: RECIST 1.1 SD (sum 61 mm, +1.67 % vs baseline, +1.67 % vs nadir)');
    expect(followUp).toContain('WHO SD (sum 1709 mm², +9.55 % vs baseline, +9.55 % vs nadir)');
    expect(followUp).toContain('mRECIST NE (sum not measured, not evaluable: Lesion 2: viable diameter not measured)');
    expect(followUp).toContain('qEASL PR (sum 3.8 mL, -75.32 % vs baseline, -75.32 % vs nadir)');
    expect(followUp).toContain('vRECIST SD (sum 29 mL, +19.59 % vs baseline, +19.59 % vs nadir)');
    expect(followUp).toContain('Mean ADC change vs baseline +29.5 %.');
  });

  it('flags in words, time point and lesion flags together', () => {
    expect(followUp).toContain('Flags: Size and enhancement criteria disagree (vRECIST SD vs qEASL PR). Lesion 1: size increase with loss of enhancement');
  });
});

describe('timePointReport', () => {
  it('ends with the method line so a pasted paragraph keeps its method; an unknown index is refused', () => {
    const doc = sampleDocument();
    const paragraph = timePointReport(doc, 1);
    expect(paragraph.split('\n')).toHaveLength(2);
    expect(paragraph.split('\n')[1]).toMatch(/^Method: /);
    expect(() => timePointReport(doc, 2)).toThrow(HccError);
  });

  it('with no baseline value there is no change, and a null volume is not measured', () => {
    const doc = sampleDocument();
    const lesion = doc.timePoints[1]?.lesions[0];
    const base = doc.timePoints[0]?.lesions[0];
    if (!lesion || !base) throw new Error('fixture');
    lesion.volumeMl = null;
    base.adc = null;
    const paragraph = timePointReport(doc, 1);
    expect(paragraph).toContain('volume not measured;');
    expect(paragraph).toContain('ADC mean 1.45 x 10^-3 mm²/s.');
  });
});

describe('words and rounding', () => {
  it('spells out flag codes and keeps sentences', () => {
    expect(flagInWords('necroticSwelling')).toBe('Size increase with loss of enhancement - possible necrotic swelling, not progression.');
    expect(flagInWords('someNewFlag')).toBe('Some new flag.');
    expect(flagInWords('Lesion 2: T1 hyperintense')).toBe('Lesion 2: T1 hyperintense.');
  });

  it('describes each enhancement method with its parameters', () => {
    expect(enhancementInWords({ kind: 'reference-mean-sd', sdMultiplier: 2, cutoff: 123.456 })).toBe(
      'enhancing voxels where S_art - S_pre >= mean + 2 SD of the liver reference (cut-off 123.46)',
    );
    expect(enhancementInWords({ kind: 'reference-mode-local-sd', sdMultiplier: 2 })).toContain('mode + 2 x median local SD of the liver reference (qEASL)');
    expect(enhancementInWords({ kind: 'future', alpha: 0.25 })).toBe('enhancement method alpha=0.25, kind=future');
  });

  it('rounds volumes to about 3 significant digits, ADC to 2 decimals, changes to 0.1 %', () => {
    expect([ml(0.854), ml(12.34), ml(123.4)]).toEqual(['0.85 mL', '12.3 mL', '123 mL']);
    expect(adc(0.001)).toBe('1.00 x 10^-3 mm²/s');
    expect([signedPct(29.46), signedPct(-60), signedPct(0.01)]).toEqual(['+29.5 %', '-60 %', '0 %']);
  });
});

describe('lesion flag codes of measurements.json in the report', () => {
  it('are spelled out with their lesion and reason; codes the response states as sentences are not repeated', () => {
    const doc = sampleDocument();
    const l1 = doc.timePoints[1]!.lesions[0]!;
    l1.flags = ['size-increase-with-loss-of-enhancement', 'no-t2-series: no T2 series at this time point'];
    const text = reportText(doc);
    expect(text).toContain('Lesion 1: No t2 series (no T2 series at this time point).');
    expect(text).not.toContain('size-increase-with-loss-of-enhancement');
    expect(text.match(/Lesion 1: size increase with loss of enhancement/gi) ?? []).toHaveLength(0);
  });

  it('the method line keeps scalar parameters and leaves nested records to the JSON', () => {
    const doc = sampleDocument();
    doc.method = { ...doc.method, excludeT1HyperintenseFromAdc: false, definitions: { volumes: 'voxel count x voxel volume' }, timePoints: [{ timePoint: 0 }] };
    const line = reportText(doc).trimEnd().split('\n').pop()!;
    expect(line).toContain('excludeT1HyperintenseFromAdc=false');
    expect(line).not.toContain('definitions');
    expect(line).not.toContain('timePoint');
  });
});

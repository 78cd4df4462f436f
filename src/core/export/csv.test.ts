import { describe, expect, it } from 'vitest';
import { csvField, MEASUREMENT_COLUMNS, measurementsCsv, responseCsv } from './csv';
import { sampleDocument } from './testing/fixtures';

/** Splits simple CSV (no quoted line breaks in these rows) into cells, undoing RFC 4180 quoting. */
function cells(line: string): string[] {
  const out: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i += 1) {
    const c = line[i];
    if (quoted && c === '"' && line[i + 1] === '"') {
      cell += '"';
      i += 1;
    } else if (c === '"') quoted = !quoted;
    else if (c === ',' && !quoted) {
      out.push(cell);
      cell = '';
    } else cell += c;
  }
  return [...out, cell];
}

function table(text: string): Array<Record<string, string>> {
  expect(text.endsWith('\r\n')).toBe(true);
  const [header = '', ...rows] = text.slice(0, -2).split('\r\n');
  const names = cells(header);
  return rows.map((row) => Object.fromEntries(cells(row).map((v, i) => [names[i] ?? `?${i}`, v])));
}

describe('measurementsCsv', () => {
  const doc = sampleDocument();
  const rows = table(measurementsCsv(doc));

  it('one row per lesion x time point, units in the column names', () => {
    expect(rows).toHaveLength(4);
    expect(measurementsCsv(doc).split('\r\n')[0]).toBe(MEASUREMENT_COLUMNS.join(','));
    expect(MEASUREMENT_COLUMNS).toContain('volume_ml');
    expect(MEASUREMENT_COLUMNS).toContain('adc_mean_mm2_s');
    expect(rows.map((r) => `${r['time_point_label']} ${r['lesion']}`)).toEqual(['Baseline Lesion 1', 'Baseline Lesion 2', 'FU1 Lesion 1', 'FU1 Lesion 2']);
  });

  it('full-precision numbers, empty cells for unknown values (never 0), changes vs baseline', () => {
    const [b1, , f1, f2] = rows;
    expect(b1?.['volume_ml']).toBe('20');
    expect(b1?.['enhancing_fraction']).toBe('0.6');
    expect(b1?.['adc_mean_mm2_s']).toBe('0.00112');
    expect(b1?.['volume_change_from_baseline_pct']).toBe('');
    expect(f1?.['volume_change_from_baseline_pct']).toBe('25');
    expect(f1?.['viable_longest_diameter_change_from_baseline_pct']).toBe('-60');
    expect(f2?.['adc_mean_mm2_s']).toBe('');
    expect(f2?.['adc_voxels']).toBe('');
    expect(f2?.['viable_longest_diameter_mm']).toBe('');
    expect(f2?.['target']).toBe('true');
  });

  it('quotes fields holding commas and quotes (RFC 4180)', () => {
    expect(rows[2]?.['flags']).toBe('Lesion 1: size increase with loss of enhancement - possible necrotic swelling, not progression.');
    expect(measurementsCsv(doc)).toContain('"Lesion 1: size increase with loss of enhancement - possible necrotic swelling, not progression."');
    expect(csvField('say "hi", twice')).toBe('"say ""hi"", twice"');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField(null)).toBe('');
  });
});

describe('responseCsv', () => {
  const rows = table(responseCsv(sampleDocument()));

  it('one row per follow-up x criterion; the sum sits in the column of its unit', () => {
    expect(rows.map((r) => `${r['criterion']} ${r['category']}`)).toEqual(['RECIST 1.1 SD', 'WHO SD', 'mRECIST NE', 'EASL NE', 'qEASL PR', 'vRECIST SD']);
    const [recist, who, mrecist, , qeasl] = rows;
    expect([recist?.['sum_mm'], recist?.['sum_mm2'], recist?.['sum_ml']]).toEqual(['61', '', '']);
    expect([who?.['sum_mm'], who?.['sum_mm2'], who?.['sum_ml']]).toEqual(['', '1709', '']);
    expect([qeasl?.['sum_ml'], qeasl?.['change_from_baseline_pct']]).toEqual(['3.8', '-75.32467532467534']);
    expect(mrecist?.['sum_mm']).toBe('');
    expect(mrecist?.['reasons']).toBe('Lesion 2: viable diameter not measured');
    expect(recist?.['time_point_label']).toBe('FU1');
  });
});

// The Export section's HTML (node, no DOM): a button per file the CLI writes, all disabled with the
// reason while the figures cannot be exported.
import { describe, expect, it } from 'vitest';
import type { MeasurementsDocument } from '../../core/measure';
import { exportActions, renderExportSection } from './export-view';

const doc = {
  timePoints: [
    { label: 'Baseline', studyDate: '2024-01-15' },
    { label: 'Follow-up 1', studyDate: '2024-04-18' },
  ],
} as unknown as MeasurementsDocument;

describe('export section', () => {
  it('offers Copy report, the text files, one SEG per time point (the CLI\'s names) and the SR', () => {
    expect(exportActions(doc).map((a) => a.fileName)).toEqual([
      null, 'report.txt', 'measurements.csv', 'response.csv', 'measurements.json', 'seg-00-baseline.dcm', 'seg-01-follow-up-1.dcm', 'sr.dcm',
    ]);
    const html = renderExportSection(doc, { ready: true });
    expect(html).toContain('data-ready="true"');
    expect(html).not.toContain('disabled');
    expect(html).toContain('data-file="seg-01-follow-up-1.dcm"');
    expect(html).toContain('>SEG Follow-up 1<');
    expect(html).not.toContain('hcc-export-reason');
  });

  it('while measuring: every button disabled, the reason as text and tooltip', () => {
    const reason = 'Measuring 2 lesions: export waits for the figures.';
    const html = renderExportSection(doc, { ready: false, reason });
    expect(html.match(/<button[^>]* disabled/g)).toHaveLength(8);
    expect(html.match(new RegExp(`title="${reason}"`, 'g'))).toHaveLength(8);
    expect(html).toContain(`<p class="hcc-export-reason" data-export-reason>${reason}</p>`);
  });

  it('before anything is measured: Copy report and the text files only, disabled', () => {
    const html = renderExportSection(null, { ready: false, reason: 'Nothing to export yet: draw a lesion or import a DICOM SEG.' });
    expect(exportActions(null).map((a) => a.fileName)).toEqual([null, 'report.txt', 'measurements.csv', 'response.csv', 'measurements.json', 'sr.dcm']);
    expect(html).toContain('Nothing to export yet');
  });
});

describe('Store on PACS', () => {
  it('is offered only for a study from a PACS, named with the server, after the files', () => {
    expect(exportActions(null).some((a) => a.label === 'Store on PACS')).toBe(false);
    const actions = exportActions(null, 'http://pacs/dicom-web');
    expect(actions[actions.length - 1]).toMatchObject({ label: 'Store on PACS', title: expect.stringContaining('http://pacs/dicom-web') });
    const html = renderExportSection(null, { ready: false, reason: 'nothing measured yet' }, 'http://pacs/dicom-web');
    expect(html).toContain('data-export="store"');
    expect(html).toContain('disabled');
  });
});

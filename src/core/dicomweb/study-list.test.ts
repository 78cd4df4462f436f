import { describe, expect, it } from 'vitest';
import { jsonNumber, jsonString, jsonStrings, personNameText, type DicomJsonDataset } from './dicom-json';
import { instanceName, instanceUids, seriesSummaries, studySummaries } from './study-list';

// QIDO-RS answers written out by hand, in the shapes PACS send: numbers as numbers or strings, person
// names as objects, optional attributes missing or with an empty Value.
const study = (uid: string, date: string | null, extra: DicomJsonDataset = {}): DicomJsonDataset => ({
  '0020000D': { vr: 'UI', Value: [uid] },
  ...(date ? { '00080020': { vr: 'DA', Value: [date] } } : {}),
  ...extra,
});

describe('DICOM JSON values', () => {
  const ds: DicomJsonDataset = {
    '00100010': { vr: 'PN', Value: [{ Alphabetic: 'Doe^Jane' }] },
    '00080061': { vr: 'CS', Value: ['MR', 'SEG'] },
    '00201206': { vr: 'IS', Value: ['12'] },
    '00200011': { vr: 'IS', Value: [7] },
    '00081030': { vr: 'LO' },
    '0008103E': { vr: 'LO', Value: [''] },
  };
  it('reads person names, multi-values, numbers as numbers or strings; absent or empty is null', () => {
    expect(jsonString(ds, '00100010')).toBe('Doe^Jane');
    expect(jsonStrings(ds, '00080061')).toEqual(['MR', 'SEG']);
    expect(jsonNumber(ds, '00201206')).toBe(12);
    expect(jsonNumber(ds, '00200011')).toBe(7);
    expect(jsonString(ds, '00081030')).toBeNull();
    expect(jsonString(ds, '0008103E')).toBeNull();
    expect(jsonString(ds, '00080020')).toBeNull();
    expect(jsonNumber(ds, '00081030')).toBeNull();
  });
});

describe('person names', () => {
  it('as PACS lists show them: family, then given and middle', () => {
    expect(personNameText('PHANTOM^HCC^SORAFENIB')).toBe('PHANTOM, HCC SORAFENIB');
    expect(personNameText('Doe^Jane')).toBe('Doe, Jane');
    expect(personNameText('Doe^Jane^^Dr^')).toBe('Doe, Dr Jane');
    expect(personNameText('Anonymous')).toBe('Anonymous');
    expect(personNameText('^Jane')).toBe('Jane');
  });
});

describe('study list', () => {
  it('studies oldest first (the baseline first), undated last among equals by UID; summary fields', () => {
    const list = studySummaries([
      study('1.2.3', '20240611', { '00081030': { vr: 'LO', Value: ['MRI liver FU'] }, '00201206': { vr: 'IS', Value: [9] } }),
      study('1.2.2', '20240102', { '00080061': { vr: 'CS', Value: ['MR'] }, '00100020': { vr: 'LO', Value: ['HCC-001'] } }),
    ]);
    expect(list.map((s) => s.studyInstanceUid)).toEqual(['1.2.2', '1.2.3']);
    expect(list[0]).toMatchObject({ studyDate: '20240102', modalities: ['MR'], patientId: 'HCC-001', description: null, seriesCount: null });
    expect(list[1]).toMatchObject({ description: 'MRI liver FU', seriesCount: 9 });
  });

  it('an answer without a Study Instance UID is refused in words', () => {
    expect(() => studySummaries([{ '00080020': { vr: 'DA', Value: ['20240102'] } }])).toThrow(/study without its UID \(0020000D\)/);
  });

  it('series by number, instances by instance number', () => {
    const series = seriesSummaries('1.2.2', [
      { '0020000E': { vr: 'UI', Value: ['1.2.2.9'] }, '00200011': { vr: 'IS', Value: [9] }, '00080060': { vr: 'CS', Value: ['SEG'] } },
      { '0020000E': { vr: 'UI', Value: ['1.2.2.3'] }, '00200011': { vr: 'IS', Value: ['3'] }, '0008103E': { vr: 'LO', Value: ['ax T1 arterial'] } },
    ]);
    expect(series.map((s) => [s.seriesNumber, s.modality])).toEqual([[3, null], [9, 'SEG']]);
    const sops = instanceUids([
      { '00080018': { vr: 'UI', Value: ['1.9.2'] }, '00200013': { vr: 'IS', Value: [2] } },
      { '00080018': { vr: 'UI', Value: ['1.9.1'] }, '00200013': { vr: 'IS', Value: [1] } },
      { '00080018': { vr: 'UI', Value: ['1.9.0'] } },
    ]);
    expect(sops).toEqual(['1.9.1', '1.9.2', '1.9.0']);
  });

  it('instance names: a folder per series, no path separators from descriptions', () => {
    const s = { studyInstanceUid: '1.2', studyDate: '20240102', description: 'MRI liver' };
    const se = { studyInstanceUid: '1.2', seriesInstanceUid: '1.2.3', modality: 'MR', seriesNumber: 3, description: 'T1/arterial: 20"s' };
    expect(instanceName(s, se, '1.2.3.4')).toBe('20240102 MRI liver/3 T1_arterial_ 20_s/1.2.3.4.dcm');
    expect(instanceName({ ...s, studyDate: null, description: null }, { ...se, seriesNumber: null, description: null }, '9')).toBe('undated 1.2/1.2.3/9.dcm');
  });
});

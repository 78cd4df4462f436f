// The PACS sources over a fake DICOMweb server (node has no XMLHttpRequest): what is listed, what is
// retrieved and when, and where the viewer finds the pixels afterwards.
import { describe, expect, it } from 'vitest';
import type { DicomJsonDataset } from '../../core/dicomweb';
import { locatorFor } from '../sources';
import { describeFailure, type DicomwebApi } from './dicomweb-api';
import { sourcesFromPacs } from './pacs-sources';

const ui = (tag: string, v: string | number): DicomJsonDataset => ({ [tag]: { vr: 'UI', Value: [v] } });

function fakePacs() {
  const retrieved: string[] = [];
  const api: DicomwebApi = {
    root: 'http://pacs/dicom-web',
    searchStudies: async () => [],
    searchSeries: async (study) => [
      { ...ui('0020000E', `${study}.2`), ...ui('00200011', 2), '0008103E': { vr: 'LO', Value: ['ax T1 arterial'] } },
      { ...ui('0020000E', `${study}.9`), ...ui('00200011', 9), '00080060': { vr: 'CS', Value: ['SEG'] } },
    ],
    searchInstances: async (_study, series) => [
      { ...ui('00080018', `${series}.2`), ...ui('00200013', 2) },
      { ...ui('00080018', `${series}.1`), ...ui('00200013', 1) },
    ],
    storeInstances: async () => undefined,
    retrieveInstance: async (_s, _se, sop) => {
      retrieved.push(sop);
      return Uint8Array.from(sop, (c) => c.charCodeAt(0));
    },
  };
  return { api, retrieved };
}

describe('sources from a PACS', () => {
  const study = { studyInstanceUid: '1.5', studyDate: '20240102', description: 'MRI liver', patientName: null, patientId: 'P1', modalities: ['MR'], seriesCount: 2, instanceCount: 4 };

  it('lists every instance of every series (segmentations too), a folder per series, without retrieving any', async () => {
    const { api, retrieved } = fakePacs();
    const sources = await sourcesFromPacs(api, [study]);
    expect(sources.map((s) => s.name)).toEqual([
      '20240102 MRI liver/2 ax T1 arterial/1.5.2.1.dcm',
      '20240102 MRI liver/2 ax T1 arterial/1.5.2.2.dcm',
      '20240102 MRI liver/9 1.5.9/1.5.9.1.dcm',
      '20240102 MRI liver/9 1.5.9/1.5.9.2.dcm',
    ]);
    expect(retrieved).toEqual([]);
  });

  it('reads retrieve the instance once; the viewer then finds its pixels in the retrieved file, not before', async () => {
    const { api, retrieved } = fakePacs();
    const sources = await sourcesFromPacs(api, [study]);
    const locate = locatorFor(sources);
    const first = sources[0]!;
    expect(locate(first.name)).toBeNull();
    const bytes = await first.read();
    expect(new TextDecoder().decode(bytes)).toBe('1.5.2.1');
    const where = locate(first.name);
    expect(where?.kind).toBe('blob');
    expect(new TextDecoder().decode(new Uint8Array(await (where as { kind: 'blob'; blob: Blob }).blob.arrayBuffer()))).toBe('1.5.2.1');
    expect(retrieved).toEqual(['1.5.2.1']);
  });

  it('failures name the server and what it answered', () => {
    expect(describeFailure('http://pacs/dicom-web', 'the study search', { status: 401 })).toBe('the study search failed: the PACS at http://pacs/dicom-web answered HTTP 401');
    expect(describeFailure('http://pacs/dicom-web', 'the study search', { status: 0 })).toMatch(/no answer from http:\/\/pacs\/dicom-web .*CORS/);
    expect(describeFailure('http://x/dicom-web', 'the study search', { status: 502, response: 'no DICOMweb server configured: start the server with --dicomweb' })).toBe(
      'the study search failed: the PACS at http://x/dicom-web answered HTTP 502: no DICOMweb server configured: start the server with --dicomweb',
    );
    expect(describeFailure('http://x/dicom-web', 'the study search', { status: 500, response: '<html><body>Internal</body></html>' })).toBe('the study search failed: the PACS at http://x/dicom-web answered HTTP 500');
  });
});

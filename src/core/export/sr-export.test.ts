import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { DataSet } from 'dicom-parser';
import { CRITERION_IDS } from '../criteria/types';
import { HccError } from '../errors';
import { buildSr, COMPREHENSIVE_3D_SR } from './sr-document';
import { importSr } from './sr-import';
import { BASELINE_STUDY, FOLLOW_UP_STUDY, exportContext, sampleDocument, seriesUid } from './testing/fixtures';
import { exportStudy } from './testing/study';
import { TAG, first, items, parse, str } from './testing/read';

const name = (item: DataSet): string | undefined => str(first(item, TAG.conceptName), 'x00080104');
const child = (item: DataSet, meaning: string): DataSet | undefined => items(item, TAG.contentSequence).find((c) => name(c) === meaning);

describe('buildSr', () => {
  const { doc, baselineSeg, followUpSeg, sr, followUpSource } = exportStudy();
  const ds = parse(sr.bytes);
  const groups = items(child(ds, 'Imaging Measurements') as DataSet, TAG.contentSequence);

  it('writes a Comprehensive 3D SR, TID 1500, in the follow-up study, declaring its private coding scheme', () => {
    expect(str(ds, TAG.sopClassUid)).toBe(COMPREHENSIVE_3D_SR);
    expect(str(ds, TAG.studyInstanceUid)).toBe(FOLLOW_UP_STUDY);
    expect(name(ds)).toBe('Imaging Measurement Report');
    expect(str(first(ds, 'x0040a504'), 'x0040db00')).toBe('1500');
    expect(str(first(ds, TAG.codingSchemeIdentification), TAG.codingSchemeDesignator)).toBe('99HCCRESP');
    expect(sr.lesionGroups).toBe(4);
    expect(sr.segmentReferencingGroups).toBe(4);
    expect(sr.responseGroups).toBe(1);
  });

  it('one TID 1411 group per lesion per time point, referencing its SEG segment and source series', () => {
    expect(groups.map((g) => str(first(g, 'x0040a504'), 'x0040db00'))).toEqual(['1411', '1411', '1411', '1411', '1501']);
    expect(groups.map((g) => str(child(g, 'Tracking Identifier') as DataSet, TAG.textValue))).toEqual(['Lesion 1', 'Lesion 2', 'Lesion 1', 'Lesion 2', 'Response FU1']);
    expect(groups.map((g) => str(child(g, 'Time Point') as DataSet, TAG.textValue))).toEqual(['Baseline', 'Baseline', 'FU1', 'FU1', 'FU1']);
    const ref = (g: DataSet) => first(child(g, 'Referenced Segment') as DataSet, TAG.referencedSopSequence);
    const [b1, b2, f1, f2] = groups as [DataSet, DataSet, DataSet, DataSet];
    expect(str(ref(b1), TAG.referencedSopInstanceUid)).toBe(baselineSeg.sopInstanceUid);
    expect(str(ref(f2), TAG.referencedSopInstanceUid)).toBe(followUpSeg.sopInstanceUid);
    // Baseline SEG: Lesion 1 = segment 1, Lesion 2 = segment 4 (after lesion 1's three layers). Follow-up: 1 and 4.
    expect([b1, b2, f1, f2].map((g) => ref(g).uint16(TAG.referencedSegmentNumber))).toEqual([1, 4, 1, 4]);
    expect(str(child(b1, 'Source series for segmentation') as DataSet, TAG.uid)).toBe(seriesUid(BASELINE_STUDY));
    // The same lesion keeps its tracking UID across time points.
    const uidOf = (g: DataSet) => str(child(g, 'Tracking Unique Identifier') as DataSet, TAG.uid);
    expect(uidOf(b1)).toBe(uidOf(f1));
    expect(uidOf(b1)).not.toBe(uidOf(b2));
  });

  it('writes measurements with UCUM units, converted from measurements.json by hand-checked factors', () => {
    const [b1, , , f2] = groups as [DataSet, DataSet, DataSet, DataSet];
    const value = (g: DataSet, meaning: string) => {
      const item = child(g, meaning);
      if (item === undefined) return undefined;
      const mv = first(item, TAG.measuredValue);
      return [str(mv, TAG.numericValue), str(first(mv, TAG.units), 'x00080100')];
    };
    expect(value(b1, 'Volume')).toEqual(['20', 'ml']);
    expect(value(b1, 'Enhancing (viable) tumour volume')).toEqual(['12', 'ml']);
    expect(value(b1, 'Enhancing fraction of tumour volume')).toEqual(['60', '%']); // 0.6 -> 60 %
    expect(value(b1, 'Long Axis')).toEqual(['40', 'mm']);
    expect(value(b1, 'Short Axis')).toEqual(['30', 'mm']);
    expect(value(b1, 'Long axis of enhancing (viable) tumour')).toEqual(['30', 'mm']);
    expect(value(b1, 'Apparent Diffusion Coefficient')).toEqual(['1120', 'um2/s']); // 1.12e-3 mm2/s = 1120 um2/s
    // Unknown values are left out, never written as 0.
    expect(value(f2, 'Apparent Diffusion Coefficient')).toBeUndefined();
    expect(value(f2, 'Long axis of enhancing (viable) tumour')).toBeUndefined();
  });

  it('codes the response category of every criterion with its method as a concept modifier', () => {
    const response = groups[4] as DataSet;
    const responses = items(response, TAG.contentSequence).filter((c) => name(c) === 'Current Response');
    expect(responses.map((c) => str(first(c, TAG.conceptCode), 'x00080100'))).toEqual(['SD', 'SD', 'NE', 'NE', 'PR', 'SD']);
    expect(responses.map((c) => str(first(first(c, TAG.contentSequence), TAG.conceptCode), 'x00080100'))).toEqual(['126081', '112029', 'MRECIST', 'EASL', 'QEASL', 'VRECIST']);
  });

  it('lists the SEGs as evidence: the follow-up SEG as current, the baseline SEG as other evidence', () => {
    expect(str(first(ds, TAG.currentEvidence), TAG.studyInstanceUid)).toBe(FOLLOW_UP_STUDY);
    expect(str(first(ds, TAG.currentEvidence, TAG.referencedSeries, TAG.referencedSopSequence), TAG.referencedSopInstanceUid)).toBe(followUpSeg.sopInstanceUid);
    expect(str(first(ds, TAG.otherEvidence), TAG.studyInstanceUid)).toBe(BASELINE_STUDY);
  });

  it('falls back to TID 1501 for a lesion whose time point has no SEG', () => {
    const only = buildSr({ document: doc, study: followUpSource.header, segs: [baselineSeg] }, exportContext());
    expect(only.segmentReferencingGroups).toBe(2);
    expect(importSr(only.bytes).timePoints.map((t) => t.lesions.map((l) => l.template))).toEqual([['1411', '1411'], ['1501', '1501']]);
  });

  it('refuses a response that points at a missing time point', () => {
    const bad = sampleDocument();
    const r = bad.response[0];
    if (r) r.timePoint = 5;
    expect(() => buildSr({ document: bad, study: followUpSource.header, segs: [] }, exportContext())).toThrow(HccError);
  });
});

describe('importSr round trip', () => {
  const { doc, baselineSeg, sr } = exportStudy();
  const back = importSr(sr.bytes);

  it('gives back the same numbers per lesion and time point, nulls as nulls', () => {
    expect(back.timePoints.map((t) => t.label)).toEqual(['Baseline', 'FU1']);
    expect(back.timePoints.map((t) => t.studyInstanceUid)).toEqual([BASELINE_STUDY, FOLLOW_UP_STUDY]);
    doc.timePoints.forEach((tp, i) => {
      tp.lesions.forEach((l, j) => {
        const r = back.timePoints[i]?.lesions[j];
        expect(r?.label).toBe(l.label);
        const pairs: Array<[number | null | undefined, number | null]> = [
          [r?.volumeMl, l.volumeMl], [r?.enhancingVolumeMl, l.enhancingVolumeMl], [r?.necroticVolumeMl, l.necroticVolumeMl],
          [r?.enhancingFraction, l.enhancingFraction], [r?.longestDiameterMm, l.longestDiameterMm],
          [r?.perpendicularDiameterMm, l.perpendicularDiameterMm], [r?.viableLongestDiameterMm, l.viableLongestDiameterMm],
          [r?.viablePerpendicularDiameterMm, l.viablePerpendicularDiameterMm], [r?.adcMeanMm2s, l.adc?.meanMm2s ?? null],
        ];
        for (const [got, want] of pairs) {
          if (want === null) expect(got).toBeNull();
          else expect(got).toBeCloseTo(want, 12);
        }
      });
    });
    expect(back.timePoints[0]?.lesions[1]?.segment).toEqual({ sopInstanceUid: baselineSeg.sopInstanceUid, segmentNumber: 4 });
    expect(back.method).toEqual(doc.method);
    expect(back.warnings).toEqual([]);
  });

  it('gives back category, sum and changes of every criterion', () => {
    const r = doc.response[0];
    expect(back.responses.map((x) => x.timePointLabel)).toEqual(['FU1']);
    for (const id of CRITERION_IDS) {
      const got = back.responses[0]?.criteria[id];
      const want = r?.criteria[id];
      expect(got?.category).toBe(want?.category);
      expect(got?.sum).toBe(want?.sum);
      expect(got?.changeFromBaselinePct).toBe(want?.changeFromBaselinePct);
      expect(got?.changeFromNadirPct).toBe(want?.changeFromNadirPct);
    }
    expect(back.responses[0]?.criteria.who?.sumUnit).toBe('mm2');
  });

  it('refuses a file that is not a TID 1500 report', () => {
    expect(() => importSr(baselineSeg.bytes)).toThrow(/TID 1500/);
  });
});

// ../shared/reference-data from the project root (src/core/export -> four levels up is the parent of the project).
const REFERENCE = fileURLToPath(new URL('../../../../shared/reference-data/', import.meta.url));
const haveReference = existsSync(`${REFERENCE}dcmqi/sr-example/sr.dcm`) && existsSync(`${REFERENCE}highdicom/sr_document_with_multiple_groups.dcm`);

describe.skipIf(!haveReference)(`importSr on SRs other tools wrote (${REFERENCE}; skipped when absent)`, () => {
  it('dcmqi: the TID 1411 volume of "primary tumor" is 33.5824 ml (README: 795 voxels x 3.537818^2 x 3.375 mm^3)', () => {
    const r = importSr(new Uint8Array(readFileSync(`${REFERENCE}dcmqi/sr-example/sr.dcm`)));
    const lesion = r.timePoints[0]?.lesions[0];
    expect(lesion?.label).toBe('primary tumor');
    expect(lesion?.volumeMl).toBeCloseTo(795 * 3.537818 ** 2 * 3.375 / 1000, 3);
    expect(lesion?.segment?.segmentNumber).toBe(1);
  });

  it('highdicom: the Vertebra0001 TID 1411 volume of 200 mm3 reads as 0.2 mL', () => {
    const r = importSr(new Uint8Array(readFileSync(`${REFERENCE}highdicom/sr_document_with_multiple_groups.dcm`)));
    const vertebra = r.timePoints.flatMap((t) => t.lesions).find((l) => l.label === 'Vertebra0001');
    expect(vertebra?.template).toBe('1411');
    expect(vertebra?.volumeMl).toBeCloseTo(0.2, 12);
  });
});

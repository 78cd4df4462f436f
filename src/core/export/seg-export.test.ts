import { describe, expect, it } from 'vitest';
import type { DataSet } from 'dicom-parser';
import { ingestFiles } from '../dicom/ingest';
import { makeDicom } from '../dicom/testing/make-dicom';
import { enhancedMrElements } from '../dicom/testing/mr-slice';
import { HccError } from '../errors';
import type { Mask3D, Vec3 } from '../types/volume';
import { uidFactory } from './context';
import { buildSeg, SEGMENTATION_STORAGE, type SegExportInput } from './seg-export';
import {
  BASELINE_STUDY, COLUMNS, ROWS, SLICES, baselineRois, exportContext, makeSourceStudy, maskOf, seriesUid, sliceUid,
} from './testing/fixtures';
import { TAG, codeValue, first, items, parse, str } from './testing/read';

const source = makeSourceStudy(BASELINE_STUDY, '20240115').series;
/** Lesion 2 has no drawn enhancing part: the caller passes the automatic one. */
const derived = new Map([[2, maskOf([[1, 3, 2]])]]);
const input = (): SegExportInput => ({ source, rois: baselineRois(), derivedEnhancing: derived, enhancementAlgorithmName: 'relative enhancement >= 0.5' });

function frameInfo(ds: DataSet) {
  return items(ds, TAG.perFrameGroups).map((f) => ({
    segment: first(f, TAG.segmentIdentification).uint16(TAG.referencedSegmentNumber),
    sourceUid: str(first(f, TAG.derivationImage, TAG.sourceImage), TAG.referencedSopInstanceUid),
    z: first(f, TAG.planePosition).floatString(TAG.imagePositionPatient, 2),
    dimension: [first(f, TAG.frameContent).uint32(TAG.dimensionIndexValues, 0), first(f, TAG.frameContent).uint32(TAG.dimensionIndexValues, 1)],
  }));
}

/** Unpacks frame f's bits (LSB first, frames back to back) into the slice of a mask. Independent of the writer. */
function unpack(ds: DataSet, bytes: Uint8Array): Map<number, Uint8Array> {
  const pixel = ds.elements[TAG.pixelData];
  if (pixel === undefined) throw new Error('no pixel data');
  const frameSize = ROWS * COLUMNS;
  const masks = new Map<number, Uint8Array>();
  frameInfo(ds).forEach((frame, f) => {
    const k = Math.round(((frame.z ?? NaN) - 10) / 2.5);
    const mask = masks.get(frame.segment ?? 0) ?? new Uint8Array(frameSize * SLICES);
    for (let p = 0; p < frameSize; p += 1) {
      const bit = f * frameSize + p;
      if (((bytes[pixel.dataOffset + (bit >> 3)] ?? 0) >> (bit & 7)) & 1) mask[k * frameSize + p] = 1;
    }
    masks.set(frame.segment ?? 0, mask);
  });
  return masks;
}

const voxelsOf = (data: Uint8Array): Vec3[] => {
  const out: Vec3[] = [];
  data.forEach((v, idx) => {
    if (v) out.push([idx % COLUMNS, Math.floor(idx / COLUMNS) % ROWS, Math.floor(idx / (COLUMNS * ROWS))]);
  });
  return out;
};

describe('buildSeg', () => {
  const result = buildSeg(input(), exportContext());
  const ds = parse(result.bytes);

  it('writes a binary Segmentation on the source series with one segment per non-empty layer, labelled as DESIGN.md says', () => {
    expect(str(ds, TAG.sopClassUid)).toBe(SEGMENTATION_STORAGE);
    expect(str(ds, 'x00620001')).toBe('BINARY');
    expect(ds.uint16(TAG.bitsAllocated)).toBe(1);
    expect(str(ds, TAG.frameOfReferenceUid)).toBe(source.frameOfReferenceUid);
    const segments = items(ds, TAG.segmentSequence);
    expect(segments.map((s) => str(s, TAG.segmentLabel))).toEqual([
      'Lesion 1', 'Lesion 1 enhancing', 'Lesion 1 necrotic', 'Lesion 2', 'Lesion 2 enhancing', 'Lesion 2 necrotic', 'Liver reference',
    ]);
    expect(segments.map((s) => s.uint16(TAG.segmentNumber))).toEqual([1, 2, 3, 4, 5, 6, 7]);
    // Lesion 1's enhancing part was drawn (MANUAL); lesion 2's came from the automatic split.
    expect(segments.map((s) => str(s, TAG.segmentAlgorithmType))).toEqual(['MANUAL', 'MANUAL', 'SEMIAUTOMATIC', 'MANUAL', 'SEMIAUTOMATIC', 'SEMIAUTOMATIC', 'MANUAL']);
    expect(str(segments[4] as DataSet, TAG.segmentAlgorithmName)).toContain('relative enhancement >= 0.5');
    expect(segments.map((s) => codeValue(s, TAG.typeSequence))).toEqual(['108369006', 'C113842', '6574001', '108369006', 'C113842', '6574001', '10200004']);
    expect(segments.map((s) => codeValue(s, TAG.categorySequence))).toEqual([...Array(6).fill('49755003'), '123037004']);
    expect(result.segments.map((s) => [s.segmentNumber, s.label, s.frames])).toEqual([
      [1, 'Lesion 1', 2], [2, 'Lesion 1 enhancing', 2], [3, 'Lesion 1 necrotic', 2], [4, 'Lesion 2', 1],
      [5, 'Lesion 2 enhancing', 1], [6, 'Lesion 2 necrotic', 1], [7, 'Liver reference', 1],
    ]);
  });

  it('holds only non-empty frames, each tied to its source slice, position and segment', () => {
    // Hand count: lesion 1 tumour/enhancing/necrotic on slices 0 and 1; lesion 2 three layers on slice 2; liver on slice 2.
    expect(Number(str(ds, TAG.numberOfFrames))).toBe(10);
    const frames = frameInfo(ds);
    expect(frames.map((f) => f.segment)).toEqual([1, 1, 2, 2, 3, 3, 4, 5, 6, 7]);
    const slices = [0, 1, 0, 1, 0, 1, 2, 2, 2, 2];
    expect(frames.map((f) => f.sourceUid)).toEqual(slices.map((k) => sliceUid(BASELINE_STUDY, k)));
    expect(frames.map((f) => f.z)).toEqual(slices.map((k) => 10 + 2.5 * k));
    // Dimension indices: (segment number, rank of the slice among slices 0, 1, 2).
    expect(frames.map((f) => f.dimension)).toEqual(frames.map((f, i) => [f.segment, (slices[i] ?? 0) + 1]));
    expect(str(first(ds, TAG.perFrameGroups, TAG.derivationImage, TAG.sourceImage), TAG.referencedSopClassUid)).toBe(source.sopClassUid);
  });

  it('shares orientation and pixel measures (spacing as [row, column], thickness, slice step)', () => {
    const shared = first(ds, TAG.sharedGroups);
    expect([0, 1, 2, 3, 4, 5].map((i) => first(shared, TAG.planeOrientation).floatString(TAG.imageOrientationPatient, i))).toEqual([1, 0, 0, 0, 1, 0]);
    const measures = first(shared, TAG.pixelMeasures);
    expect([measures.floatString(TAG.pixelSpacing, 0), measures.floatString(TAG.pixelSpacing, 1)]).toEqual([0.8, 0.7]);
    expect(measures.floatString(TAG.sliceThickness)).toBe(3);
    expect(measures.floatString(TAG.spacingBetweenSlices)).toBe(2.5);
  });

  it('references every source image in ReferencedSeriesSequence', () => {
    const series = first(ds, TAG.referencedSeries);
    expect(str(series, TAG.seriesInstanceUid)).toBe(seriesUid(BASELINE_STUDY));
    expect(items(series, TAG.referencedInstance).map((i) => str(i, TAG.referencedSopInstanceUid)).sort()).toEqual([0, 1, 2].map((k) => sliceUid(BASELINE_STUDY, k)));
  });

  it('packs bits LSB first, frames back to back (20-pixel frames straddle bytes)', () => {
    const pixel = ds.elements[TAG.pixelData];
    // 10 frames x 20 bits = 200 bits = 25 bytes, padded to 26.
    expect(pixel?.length).toBe(26);
    const bytes = result.bytes.subarray(pixel?.dataOffset ?? 0, (pixel?.dataOffset ?? 0) + 9);
    // Frame 0 (lesion 1, slice 0): pixels 1 and 7 -> byte 0 = 0b1000_0010. Frame 1 (slice 1): pixels 6, 7, 8 ->
    // bits 26-28 -> byte 3 = 0b0001_1100. Frame 2 (enhancing, slice 0): pixel 7 -> bit 47 -> byte 5 = 0x80.
    // Frame 3 (enhancing, slice 1): pixel 6 -> bit 66 -> byte 8 = 0x04.
    expect([...bytes]).toEqual([0x82, 0, 0, 0x1c, 0, 0x80, 0, 0, 0x04]);
  });

  it('round trip: unpacked frames give back every drawn voxel, and necrotic = tumour minus enhancing', () => {
    const masks = unpack(ds, result.bytes);
    const rois = baselineRois();
    const l1 = rois.lesions[0];
    const l2 = rois.lesions[1];
    const expected: Array<[number, Mask3D | null | undefined]> = [
      [1, l1?.tumour], [2, l1?.enhancing], [4, l2?.tumour], [5, derived.get(2)], [7, rois.liverReference],
    ];
    for (const [segment, mask] of expected) expect(voxelsOf(masks.get(segment) ?? new Uint8Array())).toEqual(voxelsOf(mask?.data ?? new Uint8Array()));
    expect(voxelsOf(masks.get(3) ?? new Uint8Array())).toEqual([[1, 0, 0], [2, 1, 1], [3, 1, 1]]);
    expect(voxelsOf(masks.get(6) ?? new Uint8Array())).toEqual([[0, 3, 2]]);
  });

  it('is deterministic: same input and UID root give the same bytes; another root gives other UIDs', () => {
    expect(buildSeg(input(), exportContext()).bytes).toEqual(result.bytes);
    const other = buildSeg(input(), { ...exportContext(), makeUid: uidFactory('1.2.826.0.1.3680043.10.998') });
    expect(other.sopInstanceUid).not.toBe(result.sopInstanceUid);
    expect(other.sopInstanceUid.startsWith('1.2.826.0.1.3680043.10.998.')).toBe(true);
    const trackingUids = items(ds, TAG.segmentSequence).map((s) => str(s, TAG.trackingUid));
    expect(new Set(trackingUids).size).toBe(7);
  });

  it('writes ASCII without a character set, and declares UTF-8 (ISO_IR 192) only when a value needs it', () => {
    expect(ds.elements['x00080005']).toBeUndefined();
    const named = { ...source, header: { ...source.header, patientName: 'Müller^Jürgen' } };
    const out = buildSeg({ ...input(), source: named }, exportContext());
    const parsed = parse(out.bytes);
    expect(str(parsed, 'x00080005')).toBe('ISO_IR 192');
    const element = parsed.elements['x00100010'];
    const raw = out.bytes.subarray(element?.dataOffset ?? 0, (element?.dataOffset ?? 0) + (element?.length ?? 0));
    expect(new TextDecoder('utf-8').decode(raw).trim()).toBe('Müller^Jürgen');
  });

  it('on a multi-frame (Enhanced MR) source, each frame names the source instance and its frame number', () => {
    const bytes = makeDicom(enhancedMrElements({
      sopInstanceUid: '1.2.826.0.1.1.55', seriesInstanceUid: '1.2.826.0.1.1.7', rows: ROWS, columns: COLUMNS,
      shared: { iop: [1, 0, 0, 0, 1, 0], pixelSpacing: [0.8, 0.7] }, frames: [0, 1, 2].map((k) => ({ ipp: [-20, -30, 10 + 2.5 * k] })),
    }));
    const series = ingestFiles([{ name: 'enhanced.dcm', bytes }]).patients[0]?.studies[0]?.series[0];
    if (series === undefined) throw new Error('fixture did not ingest');
    const rois = { ...baselineRois(), studyInstanceUid: series.header.studyInstanceUid, seriesInstanceUid: series.seriesInstanceUid, lesions: [], liverReference: maskOf([[1, 1, 1], [1, 1, 2]]) };
    const out = parse(buildSeg({ source: series, rois }, exportContext()).bytes);
    const sources = items(out, TAG.perFrameGroups).map((f) => first(f, TAG.derivationImage, TAG.sourceImage));
    expect(sources.map((s) => [str(s, TAG.referencedSopInstanceUid), str(s, 'x00081160')])).toEqual([['1.2.826.0.1.1.55', '2'], ['1.2.826.0.1.1.55', '3']]);
    expect(items(first(out, TAG.referencedSeries), TAG.referencedInstance)).toHaveLength(1);
  });

  it('leaves out empty layers and numbers the rest 1..n', () => {
    const rois = baselineRois();
    const l1 = rois.lesions[0];
    if (l1 === undefined || l1.tumour === null) throw new Error('fixture');
    l1.enhancing = l1.tumour; // fully enhancing: the necrotic layer is empty
    const out = buildSeg({ source, rois }, exportContext());
    expect(out.omittedEmpty).toEqual(['Lesion 1 necrotic']);
    expect(out.segments.map((s) => `${s.segmentNumber} ${s.label}`)).toEqual(['1 Lesion 1', '2 Lesion 1 enhancing', '3 Lesion 2', '4 Liver reference']);
  });

  it('refuses masks off the source grid, ROIs of another series or study, nothing drawn, and bad dates', () => {
    const code = (f: () => unknown): string | undefined => {
      try {
        f();
      } catch (error) {
        return error instanceof HccError ? error.code : 'other';
      }
      return undefined;
    };
    const shifted = baselineRois();
    shifted.liverReference = { ...maskOf([[0, 0, 0]]), originLps: [-20, -30, 11] };
    expect(code(() => buildSeg({ source, rois: shifted }, exportContext()))).toBe('GEOMETRY_MISMATCH');
    expect(code(() => buildSeg({ source, rois: { ...baselineRois(), seriesInstanceUid: '1.2.3' } }, exportContext()))).toBe('INVALID_INPUT');
    expect(code(() => buildSeg({ source, rois: { ...baselineRois(), lesions: [], liverReference: maskOf([]) } }, exportContext()))).toBe('INVALID_INPUT');
    expect(code(() => buildSeg(input(), { ...exportContext(), contentDate: '2024-04-02' }))).toBe('INVALID_INPUT');
  });
});

import { describe, expect, it } from 'vitest';
import { HccError } from '../errors';
import { brushPatch } from './brush';
import { paintLayer } from './layer-edit';
import { addLesion, createRoiModel, setNewLesion, setNonTargetStatus, updateTimePoint } from './lesion-model';
import type { RoiModel } from './model';
import { base64Decode, base64Encode, decodeMaskRle, encodeMaskRle, runLengths } from './rle';
import { deserializeRoiModel, serializeRoiModel } from './serialize';
import { sparseVoxelCount } from './sparse-mask';
import { parseRoiStorageKey, roiPatientKeyPrefix, roiStorageKey } from './storage-key';
import { grid, voxelSet } from './test-fixtures';

describe('run-length text', () => {
  it('base64 matches the RFC 4648 test vectors', () => {
    const ascii = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));
    expect(['', 'f', 'fo', 'foo', 'foob', 'fooba', 'foobar'].map((s) => base64Encode(ascii(s)))).toEqual(['', 'Zg==', 'Zm8=', 'Zm9v', 'Zm9vYg==', 'Zm9vYmE=', 'Zm9vYmFy']);
    expect(Array.from(base64Decode('Zm9vYmE='))).toEqual(Array.from(ascii('fooba')));
    expect(Array.from(base64Decode(base64Encode(Uint8Array.from([0, 255, 128, 7]))))).toEqual([0, 255, 128, 7]);
  });

  it('runs alternate zeros and ones, starting with zeros', () => {
    expect(runLengths(Uint8Array.from([0, 0, 1, 1, 1, 0]))).toEqual([2, 3, 1]);
    expect(runLengths(Uint8Array.from([1, 1, 0]))).toEqual([0, 2, 1]);
    // Runs 0, 300 as varints: 0x00, 300 = 0b10_0101100 -> 0xAC 0x02.
    expect(Array.from(base64Decode(encodeMaskRle(new Uint8Array(300).fill(1))))).toEqual([0x00, 0xac, 0x02]);
  });

  it('round-trips exactly, long runs included, and refuses damaged text', () => {
    const data = Uint8Array.from({ length: 5000 }, (_, x) => (x % 997 < 400 || x === 4999 ? 1 : 0));
    expect(decodeMaskRle(encodeMaskRle(data), 5000)).toEqual(data);
    expect(() => decodeMaskRle(encodeMaskRle(data), 4999)).toThrow(HccError);
    expect(() => decodeMaskRle(encodeMaskRle(data), 5001)).toThrow(/cover/);
    expect(() => decodeMaskRle('!!!', 3)).toThrow(/base64/);
    expect(() => decodeMaskRle(base64Encode(Uint8Array.from([0x80])), 3)).toThrow(/middle/);
  });
});

function sampleModel(): RoiModel {
  const art = grid([64, 48, 20], [0.7421875, 0.7421875, 3], [-120.5, -88.25, 15.125], [0.9998, 0.0175, 0.0087, -0.0175, 0.9998, 0, -0.0087, -0.0002, 0.99996]);
  const pv = grid([32, 32, 10], [1.5, 1.5, 5]);
  let m = createRoiModel('PAT^1 / x|y', ['1.2.3', '1.2.4']);
  m = addLesion(m).model;
  m = addLesion(m, { target: false, organ: 'liver segment 8' }).model;
  m = paintLayer(m, { studyInstanceUid: '1.2.3', layer: 'tumour', lesionNumber: 1 }, brushPatch({ grid: art, shape: 'sphere', centreIjk: [30, 20, 9.6], radiusMm: 9 }), '1.2.9');
  m = paintLayer(m, { studyInstanceUid: '1.2.3', layer: 'enhancing', lesionNumber: 1 }, brushPatch({ grid: art, shape: 'sphere', centreIjk: [33, 20, 9], radiusMm: 5 }), '1.2.9');
  m = paintLayer(m, { studyInstanceUid: '1.2.4', layer: 'tumour', lesionNumber: 2 }, brushPatch({ grid: pv, shape: 'circle', centreIjk: [5, 5, 3], radiusMm: 4 }), '1.2.10#t=3');
  m = paintLayer(m, { studyInstanceUid: '1.2.4', layer: 'liverReference' }, brushPatch({ grid: pv, shape: 'sphere', centreIjk: [20, 20, 5], radiusMm: 7 }), '1.2.10');
  m = updateTimePoint(m, '1.2.4', (tp) => ({ ...tp, otherSegments: [{ label: 'Portal vein', layer: tp.liverReference! }] }));
  m = setNonTargetStatus(m, '1.2.4', 'present');
  return setNewLesion(m, '1.2.4', true);
}

describe('model records for autosave', () => {
  it('round-trip exactly through JSON (every voxel, grid number, flag and label)', () => {
    const model = sampleModel();
    const record = serializeRoiModel(model);
    const back = deserializeRoiModel(JSON.parse(JSON.stringify(record)));
    expect(serializeRoiModel(back)).toEqual(record);
    expect(back.lesions).toEqual(model.lesions);
    model.timePoints.forEach((tp, t) => {
      const btp = back.timePoints[t]!;
      expect([btp.studyInstanceUid, btp.nonTargetStatus, btp.newLesion]).toEqual([tp.studyInstanceUid, tp.nonTargetStatus, tp.newLesion]);
      const layers = (x: typeof tp) => [x.liverReference, ...x.otherSegments.map((s) => s.layer), ...x.lesions.flatMap((l) => [l.tumour, l.enhancing])];
      layers(tp).forEach((layer, n) => {
        const other = layers(btp)[n]!;
        if (layer === null) return expect(other).toBeNull();
        expect(other.seriesId).toBe(layer.seriesId);
        expect(other.mask.grid).toEqual(layer.mask.grid);
        expect(voxelSet(other.mask)).toEqual(voxelSet(layer.mask));
      });
    });
    expect(sparseVoxelCount(back.timePoints[0]!.lesions[0]!.tumour!.mask)).toBeGreaterThan(100);
  });

  it('is compact: bytes grow with the ROI outline, not the grid', () => {
    const record = JSON.stringify(serializeRoiModel(sampleModel()));
    const voxels = 64 * 48 * 20 + 32 * 32 * 10;
    expect(record.length).toBeLessThan(voxels / 10);
  });

  it('refuses other or damaged records with INVALID_INPUT and a reason', () => {
    const record = serializeRoiModel(sampleModel());
    expect(() => deserializeRoiModel({ schema: 'other@1' })).toThrow(/schema/);
    const broken = JSON.parse(JSON.stringify(record));
    broken.timePoints[0].lesions[0].tumour.planes[0].width = 9999;
    expect(() => deserializeRoiModel(broken)).toThrow(/outside its grid/);
    const badRle = JSON.parse(JSON.stringify(record));
    badRle.timePoints[1].liverReference.planes[0].rle = 'AAAA';
    expect(() => deserializeRoiModel(badRle)).toThrow(/cover/);
  });
});

describe('storage key', () => {
  it('patient + sorted study UIDs, parseable, with a per-patient prefix', () => {
    const key = roiStorageKey('PAT^1 / x|y', ['1.2.4', '1.2.3', '1.2.4']);
    expect(key).toBe(roiStorageKey('PAT^1 / x|y', ['1.2.3', '1.2.4']));
    expect(key.startsWith(roiPatientKeyPrefix('PAT^1 / x|y'))).toBe(true);
    expect(parseRoiStorageKey(key)).toEqual({ patientId: 'PAT^1 / x|y', studyInstanceUids: ['1.2.3', '1.2.4'] });
    expect(roiStorageKey('A', ['1.2.3'])).not.toBe(roiStorageKey('B', ['1.2.3']));
    expect(parseRoiStorageKey('something else')).toBeNull();
    expect(() => roiStorageKey('A', [])).toThrow(HccError);
  });
});

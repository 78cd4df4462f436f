import { describe, expect, it } from 'vitest';
import type { RoiModel } from '../../core/roi/model';
import { sparseFromMask3D } from '../../core/roi/sparse-mask';
import type { GridGeometry, Mask3D } from '../../core/types/volume';
import { lesionKeyOf } from '../measure/lesion-keys';
import { classCounts } from './classify';
import { ResponseOverlaySource } from './overlay-source';

const GRID: GridGeometry = { dims: [6, 1, 1], spacingMm: [1, 1, 1], originLps: [0, 0, 0], direction: [1, 0, 0, 0, 1, 0, 0, 0, 1] };
const mask = (bits: number[]): Mask3D => ({ ...GRID, data: Uint8Array.from(bits) });
const modelWith = (tumourBits: number[]): RoiModel => ({
  patientId: 'P',
  lesions: [{ lesionNumber: 1, target: true, organ: 'liver' }],
  timePoints: [
    { studyInstanceUid: 'S', lesions: [{ lesionNumber: 1, tumour: { seriesId: 'A', mask: sparseFromMask3D(mask(tumourBits)) }, enhancing: null }], liverReference: null, nonTargetStatus: null, newLesion: false, otherSegments: [] },
  ],
});
const KEY = lesionKeyOf('S', 1);

describe('ResponseOverlaySource', () => {
  it('splits each measured lesion; one without a known split is not drawn', () => {
    const source = new ResponseOverlaySource();
    const model = modelWith([1, 1, 1, 1, 0, 0]);
    expect(source.labelmaps(model, new Map(), []).get('S')).toEqual([]);
    const maps = source.labelmaps(model, new Map([[KEY, mask([0, 1, 1, 0, 0, 0])]]), []).get('S')!;
    expect(maps.map(classCounts)).toEqual([{ viable: 2, necrotic: 2 }]);
  });

  it('while a lesion is measured again it keeps the split its figures come from, then follows the new one', () => {
    const source = new ResponseOverlaySource();
    const enhancing = mask([0, 1, 1, 0, 0, 0]);
    source.labelmaps(modelWith([1, 1, 1, 1, 0, 0]), new Map([[KEY, enhancing]]), []);
    // The tumour grew by an edit; the pipeline is busy with it and still holds the old enhancing mask.
    const edited = modelWith([1, 1, 1, 1, 1, 1]);
    expect(source.labelmaps(edited, new Map([[KEY, enhancing]]), [KEY]).get('S')!.map(classCounts)).toEqual([{ viable: 2, necrotic: 2 }]);
    // Measured: the new split.
    const after = source.labelmaps(edited, new Map([[KEY, mask([0, 1, 1, 0, 1, 0])]]), []).get('S')!;
    expect(after.map(classCounts)).toEqual([{ viable: 3, necrotic: 3 }]);
  });
});

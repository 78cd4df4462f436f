import { beforeAll, describe, expect, it } from 'vitest';
import type { StudyTree } from '../core/dicom/model';
import type { Vec3 } from '../core/types/volume';
import type { PhantomTruth } from '../../test-data/phantom/truth';
import { hangStudies } from './hanging';
import { sliceStackOf } from './slice-geometry';
import { SliceSync, type SyncViewport } from './slice-sync';
import { phantomTree } from './testing/phantom-tree';

let tree: StudyTree;
let truth: PhantomTruth;

/** Viewports of the phantom's hanging, each at its middle image; setIndex only records. */
function viewports(): SyncViewport[] {
  return hangStudies(tree.patients[0]!.studies).flatMap((row) =>
    row.cells.map((cell) => {
      const volume = row.study.series.find((v) => v.id === cell.volumeId)!;
      const stack = sliceStackOf(volume);
      const vp: SyncViewport = {
        key: cell.key,
        row: cell.row,
        stack,
        targetIndex: Math.floor(volume.frames.length / 2),
        setIndex(i) {
          vp.targetIndex = i;
        },
      };
      return vp;
    }),
  );
}
const at = (vps: SyncViewport[], key: string) => vps.find((v) => v.key === key)!;
const positionOf = (vp: SyncViewport) => vp.stack!.offsetsMm[vp.targetIndex]!;

beforeAll(async () => {
  ({ tree, truth } = await phantomTree());
});

describe('slice sync through patient coordinates', () => {
  it('moves every viewport of the time point to the image nearest the same position; other time points stay', () => {
    const vps = viewports();
    const sync = new SliceSync(() => vps);
    const art = at(vps, 'tp0-arterial');
    const before = vps.filter((v) => v.row === 1).map((v) => v.targetIndex);
    for (let i = 0; i < art.stack!.offsetsMm.length; i++) {
      art.setIndex(i);
      sync.follow(art, i);
      for (const vp of vps.filter((v) => v.row === 0)) {
        const step = vp.stack!.sliceSpacingMm;
        const inRange = positionOf(art) >= vp.stack!.offsetsMm[0]! - step / 2 && positionOf(art) <= vp.stack!.offsetsMm.at(-1)! + step / 2;
        if (inRange) expect(Math.abs(positionOf(vp) - positionOf(art)), `${vp.key} at image ${i}`).toBeLessThanOrEqual(step / 2 + 1e-9);
      }
    }
    expect(vps.filter((v) => v.row === 1).map((v) => v.targetIndex)).toEqual(before);
  });

  it('keeps the in-plane point the user looked at when scrolling', () => {
    const vps = viewports();
    const sync = new SliceSync(() => vps);
    const art = at(vps, 'tp0-arterial');
    sync.pointAt(0, [-70, 10, positionOf(art)]);
    sync.follow(art, 3);
    expect(sync.reference!.pointLps[0]).toBe(-70);
    expect(sync.reference!.pointLps[1]).toBe(10);
    expect(sync.reference!.pointLps[2]).toBeCloseTo(art.stack!.offsetsMm[3]!, 9);
  });

  it('links time points through the anchors: the lesion centre at baseline brings the follow-up to its lesion', () => {
    const vps = viewports();
    const sync = new SliceSync(() => vps);
    const [base, follow] = [truth.timePoints[0]!.lesions[0]!.centreLps, truth.timePoints[1]!.lesions[0]!.centreLps] as Vec3[];
    sync.setAnchor(0, base!);
    sync.setAnchor(1, follow!);
    const art = at(vps, 'tp0-arterial');
    const index = art.stack!.offsetsMm.findIndex((z) => Math.abs(z! - base![2]) <= art.stack!.sliceSpacingMm / 2);
    art.setIndex(index);
    const moved = sync.follow(art, index);
    expect(moved.some((k) => k.startsWith('tp1-'))).toBe(true);
    for (const key of ['tp1-arterial', 'tp1-dwi', 'tp1-adc']) {
      const vp = at(vps, key);
      const expected = follow![2] + (positionOf(art) - base![2]);
      expect(Math.abs(positionOf(vp) - expected), key).toBeLessThanOrEqual(vp.stack!.sliceSpacingMm / 2 + 1e-9);
    }
    sync.clearAnchors();
    expect(sync.pointInRow({ row: 0, pointLps: base! }, 1)).toBeNull();
  });

  it('moveRowTo moves one time point to its own point, even with anchors set, and leaves the other alone', () => {
    const vps = viewports();
    const sync = new SliceSync(() => vps);
    const [base, follow] = [truth.timePoints[0]!.lesions[1]!.centreLps, truth.timePoints[1]!.lesions[1]!.centreLps] as Vec3[];
    sync.setAnchor(0, truth.timePoints[0]!.lesions[0]!.centreLps as Vec3);
    sync.setAnchor(1, truth.timePoints[1]!.lesions[0]!.centreLps as Vec3);
    const row0Before = vps.filter((v) => v.row === 0).map((v) => v.targetIndex);
    const moved = sync.moveRowTo(1, follow!);
    expect(moved.length).toBeGreaterThan(0);
    expect(moved.every((k) => k.startsWith('tp1-'))).toBe(true);
    expect(vps.filter((v) => v.row === 0).map((v) => v.targetIndex)).toEqual(row0Before);
    for (const vp of vps.filter((v) => v.row === 1 && v.stack)) {
      expect(Math.abs(positionOf(vp) - follow![2]), vp.key).toBeLessThanOrEqual(vp.stack!.sliceSpacingMm / 2 + 1e-9);
    }
    sync.moveRowTo(0, base!);
    for (const vp of vps.filter((v) => v.row === 0 && v.stack)) {
      expect(Math.abs(positionOf(vp) - base![2]), vp.key).toBeLessThanOrEqual(vp.stack!.sliceSpacingMm / 2 + 1e-9);
    }
  });

  it('does nothing to the others when switched off', () => {
    const vps = viewports();
    const sync = new SliceSync(() => vps);
    sync.enabled = false;
    const art = at(vps, 'tp0-arterial');
    const before = vps.map((v) => v.targetIndex);
    art.setIndex(0);
    expect(sync.follow(art, 0)).toEqual([]);
    expect(vps.filter((v) => v !== art).map((v) => v.targetIndex)).toEqual(before.filter((_, i) => vps[i] !== art));
  });

  it('moves a reformatted viewport to the point itself, and follows one scrolled through its planes', () => {
    const vps = viewports();
    const sync = new SliceSync(() => vps);
    const coronal = at(vps, 'tp0-arterial');
    const visited: Vec3[] = [];
    coronal.moveTo = (p) => (visited.push(p), true);
    const pv = at(vps, 'tp0-portal_venous');
    sync.pointAt(0, [-70, 30, positionOf(pv)]);
    pv.setIndex(pv.targetIndex + 2);
    sync.follow(pv, pv.targetIndex);
    expect(visited.at(-1)![1]).toBe(30);
    expect(visited.at(-1)![2]).toBeCloseTo(positionOf(pv), 9);
    // scrolling the coronal plane to y = -5 moves the reference point there; axial images stay (same z)
    const before = vps.map((v) => v.targetIndex);
    sync.followPlane(coronal, [0, 1, 0], [0, -5, 0]);
    expect(sync.reference!.pointLps).toEqual([-70, -5, positionOf(pv)]);
    expect(vps.map((v) => v.targetIndex)).toEqual(before);
  });
});

import { describe, expect, it } from 'vitest';
import { grid, maskWith, volumeOf } from '../kernels/test-fixtures';
import type { Volume3D } from '../types/volume';
import { resolveMeasureConfig } from './config';
import { cropLesionInput, cropLesionSteps, cropToBox, type SlicedVolume } from './crop';
import { boxOnGrid } from './grid-box';

// 4 x 3 x 2 grid of 1 x 2 x 3 mm voxels at (10, 20, 30); value = 100 k + 10 j + i.
const G = grid([4, 3, 2], [1, 2, 3], [10, 20, 30]);
const values = (): Int16Array => Int16Array.from({ length: 24 }, (_, v) => 100 * Math.floor(v / 12) + 10 * Math.floor((v % 12) / 4) + (v % 4));

describe('cropToBox', () => {
  it('copies the box of a view that sits inside a larger buffer, keeps the type, moves the origin', () => {
    const backing = new Int16Array(30);
    const view = backing.subarray(6, 30);
    view.set(values());
    const c = cropToBox(volumeOf(G, view), { min: [1, 1, 0], max: [2, 2, 1] }, [{ min: [1, 1, 0], max: [2, 2, 1] }]);
    expect(c.data).toBeInstanceOf(Int16Array);
    expect(Array.from(c.data)).toEqual([11, 12, 21, 22, 111, 112, 121, 122]);
    expect(c.dims).toEqual([2, 2, 2]);
    // Voxel (1, 1, 0) of G: 10 + 1 * 1, 20 + 1 * 2, 30.
    expect(c.originLps).toEqual([11, 22, 30]);
    expect(c.data.buffer).not.toBe(backing.buffer);
    expect(c.data.byteOffset).toBe(0);
    expect(c.data.buffer.byteLength).toBe(8 * 2);
  });

  it('fills only the given regions (zero between them); a slice-by-slice source gives the same', () => {
    const full = volumeOf(G, values());
    const outer = { min: [0, 0, 0] as [number, number, number], max: [3, 2, 0] as [number, number, number] };
    const fill = [{ min: [0, 0, 0] as [number, number, number], max: [0, 0, 0] as [number, number, number] }, { min: [3, 2, 0] as [number, number, number], max: [3, 2, 0] as [number, number, number] }];
    const a = cropToBox(full, outer, fill);
    expect(Array.from(a.data)).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 23]);
    const sliced: SlicedVolume = { ...grid(G.dims, G.spacingMm, G.originLps), slice: (k) => full.data.subarray(k * 12, (k + 1) * 12) };
    expect(Array.from(cropToBox(sliced, outer, fill).data)).toEqual(Array.from(a.data));
  });
});

describe('cropToBox on slices of different array types (as Cornerstone decodes a series)', () => {
  it('keeps every value: a Uint8 slice next to a Uint16 slice gives a Float32 crop, not a wrapped Uint8 one', () => {
    const g = grid([2, 1, 3], [1, 1, 1]);
    const slices = [Uint8Array.from([7, 200]), Uint16Array.from([300, 65535]), Int16Array.from([-5, 9])];
    const sliced: SlicedVolume = { ...g, slice: (k) => slices[k]! };
    const all = { min: [0, 0, 0] as [number, number, number], max: [1, 0, 2] as [number, number, number] };
    const c = cropToBox(sliced, all, [all]);
    expect(c.data).toBeInstanceOf(Float32Array);
    expect(Array.from(c.data)).toEqual([7, 200, 300, 65535, -5, 9]);
    // One type throughout: that type is kept.
    const same: SlicedVolume = { ...g, slice: (k) => Uint16Array.from([k, 1000 + k]) };
    expect(cropToBox(same, all, [all]).data).toBeInstanceOf(Uint16Array);
    const wide: SlicedVolume = { ...g, slice: (k) => (k === 0 ? Uint32Array.from([2 ** 31, 1]) : Uint8Array.from([1, 2])) };
    expect(Array.from(cropToBox(wide, all, [all]).data)).toEqual([2 ** 31, 1, 1, 2, 1, 2]);
  });
});

describe('boxOnGrid', () => {
  it('voxel faces of the source box, in the target grid: 1 mm voxels 2..3 cover 2 mm voxels 0..1 of a grid at x = 1.5', () => {
    const source = grid([8, 1, 1]);
    const target = grid([4, 1, 1], [2, 1, 1], [1.5, 0, 0]);
    // Source faces x = 1.5 .. 3.5 -> target index (x - 1.5) / 2 = 0 .. 1.
    expect(boxOnGrid({ min: [2, 0, 0], max: [3, 0, 0] }, source, target, 0)).toEqual({ min: [0, 0, 0], max: [1, 0, 0] });
    expect(boxOnGrid({ min: [2, 0, 0], max: [3, 0, 0] }, source, target, 1)!.max[0]).toBe(2);
    // Far outside: null.
    expect(boxOnGrid({ min: [0, 0, 0], max: [0, 0, 0] }, source, grid([2, 1, 1], [1, 1, 1], [100, 0, 0]), 1)).toBeNull();
  });
});

describe('cropLesionInput', () => {
  it('crops every volume and mask to the ROI plus margin; buffers are new; the boxes follow the crop', () => {
    const A = grid([20, 20, 4]);
    const image = (): Volume3D => volumeOf(A, new Float32Array(1600).fill(1));
    const tumour = maskWith(A, [[5, 5, 1], [6, 5, 1]]);
    const reference = maskWith(A, [[15, 15, 2]]);
    const pre = image();
    const { input, transfer } = cropLesionInput({
      label: 'Lesion 1', target: true,
      volumes: { pre, arterial: image(), portalVenous: image(), delayed: null, t2: null, dwi: [], adcMap: null },
      tumour, enhancing: null, liverReference: reference, config: resolveMeasureConfig(),
    });
    // Drawing grid: tumour 5..6 x 5 x 1 and reference 15 x 15 x 2, each widened by 1 -> outer 4..16 x 4..16 x 0..3.
    expect(input.tumour!.dims).toEqual([13, 13, 4]);
    expect(input.tumour!.originLps).toEqual([4, 4, 0]);
    expect(input.boxes).toEqual({ tumour: { min: [1, 1, 1], max: [2, 1, 1] }, liverReference: { min: [11, 11, 2], max: [11, 11, 2] } });
    expect(input.volumes.pre!.dims).toEqual([13, 13, 4]);
    // The portal venous series needs only the tumour region: its reference corner stays zero.
    expect(input.volumes.portalVenous!.data[11 + 11 * 13 + 2 * 169]).toBe(0);
    expect(input.volumes.pre!.data[11 + 11 * 13 + 2 * 169]).toBe(1);
    expect(transfer).toHaveLength(5);
    expect(transfer).not.toContain(pre.data.buffer);
    expect(pre.data.byteLength).toBe(6400);
  });

  it('cuts the masks first, then the caller\'s first roles in order, reporting what is cut so far after each piece', () => {
    const A = grid([20, 20, 4]);
    const image = (): Volume3D => volumeOf(A, new Float32Array(1600).fill(1));
    const steps = cropLesionSteps(
      {
        label: 'Lesion 1', target: true,
        volumes: { pre: image(), arterial: image(), portalVenous: image(), delayed: null, t2: null, dwi: [], adcMap: image() },
        tumour: maskWith(A, [[5, 5, 1]]), enhancing: null, liverReference: maskWith(A, [[15, 15, 2]]), config: resolveMeasureConfig(),
      },
      1,
      {
        firstRoles: ['arterial', 'pre'],
        onCut: (soFar, cut) => {
          seen.push({ cut: [...cut], volumes: Object.entries(soFar.input.volumes).filter(([, v]) => v && !Array.isArray(v)).map(([k]) => k), buffers: soFar.transfer.length });
          partialArterial ??= soFar.input.volumes.arterial ?? undefined;
        },
      },
    );
    const seen: { cut: string[]; volumes: string[]; buffers: number }[] = [];
    let partialArterial: Volume3D | undefined;
    let step = steps.next();
    while (!step.done) step = steps.next();
    expect(seen.map((x) => x.cut)).toEqual([[], ['arterial'], ['arterial', 'pre'], ['arterial', 'pre', 'portalVenous'], ['arterial', 'pre', 'portalVenous', 'adcMap']]);
    // Masks (tumour, reference) before any series; then one buffer more per series.
    expect(seen.map((x) => x.buffers)).toEqual([2, 3, 4, 5, 6]);
    expect(seen[1]!.volumes).toEqual(['arterial']);
    // What was handed out mid-way is the final crop's own array (a caller taking it must copy what it shares).
    expect(step.value.input.volumes.arterial).toBe(partialArterial);
  });
});

// The browser pipeline on node ({ worker: false } compute client) on the synthetic study: SEGs from the
// manifest into a RoiStore, voxels through an async reader, categories against truth.json, and how
// many computations each kind of edit costs.
import { beforeAll, describe, expect, it } from 'vitest';
import { flagCode, RESPONSE_FLAG_CODES, resolveMeasureConfig, type MeasurementsDocument } from '../../core/measure';
import { getLayer, setLayer } from '../../core/roi/layer-edit';
import { setLesionTarget } from '../../core/roi/lesion-model';
import type { LayerMask, LayerRef } from '../../core/roi/model';
import { planeVoxelCount } from '../../core/roi/sparse-mask';
import { voxelVolumeMl, type Volume3D } from '../../core/types/volume';
import { RoiStore } from '../lesions/roi-store';
import { importSegsIntoStore, roiModelForTree } from './import-segs';
import { lesionKeyOf } from './lesion-keys';
import { createMeasurePipeline, type MeasurePipeline } from './pipeline';
import type { ComputeClient } from '../../compute/compute-client';
import { countingClient, loadPhantomApp, messagePortClient, type CountingClient, type PhantomApp } from './testing/phantom-app';

let app: PhantomApp;
beforeAll(async () => {
  app = await loadPhantomApp([64, 64, 20]);
});

function start(inner?: ComputeClient): { store: RoiStore; pipeline: MeasurePipeline; counting: CountingClient } {
  const store = new RoiStore(roiModelForTree(app.tree));
  const report = importSegsIntoStore(store, app.tree, app.segs.flat());
  expect(report.errors).toEqual([]);
  const counting = countingClient(inner);
  const pipeline = createMeasurePipeline({ tree: app.tree, read: app.read, store, config: resolveMeasureConfig(), client: counting.client });
  return { store, pipeline, counting };
}

const uid = (t: number): string => app.truth.timePoints[t]!.studyInstanceUid;
const lesion = (doc: MeasurementsDocument, t: number, label: string) => doc.timePoints[t]!.lesions.find((l) => l.label === label)!;

/** The tumour of a lesion without its largest plane (a hand-made edit), and the voxels removed. */
function withoutLargestPlane(layer: LayerMask): { layer: LayerMask; removed: number } {
  let best = -1;
  layer.mask.planes.forEach((p, k) => {
    if (best < 0 || planeVoxelCount(p) > planeVoxelCount(layer.mask.planes[best]!)) best = k;
  });
  const planes = layer.mask.planes.map((p, k) => (k === best ? null : p));
  return { layer: { seriesId: layer.seriesId, mask: { grid: layer.mask.grid, planes } }, removed: planeVoxelCount(layer.mask.planes[best]!) };
}

describe('measurement pipeline on the synthetic study (64 x 64 x 20)', () => {
  it('measures every lesion at every time point once; the categories are truth.json\'s', async () => {
    const { pipeline, counting } = start();
    const state = await pipeline.idle();
    expect(state.errors).toEqual([]);
    const doc = state.document!;
    expect(doc.timePoints.map((t) => t.studyInstanceUid)).toEqual([uid(0), uid(1)]);
    const truth = app.truth.response[0]!;
    for (const [id, category] of Object.entries(truth.categories)) expect(doc.response[0]!.criteria[id as keyof typeof truth.categories].category, id).toBe(category);
    // Lesion 1 swells while losing enhancement: flagged at follow-up.
    expect(lesion(doc, 1, 'Lesion 1').flags.map(flagCode)).toContain(RESPONSE_FLAG_CODES.necroticSwelling);
    // Volumes exact to the voxel, as the generator counted them.
    const voxelMl = voxelVolumeMl(app.truth.timePoints[0]!.grids.t1.spacingMm);
    for (const [t, tp] of app.truth.timePoints.entries()) {
      for (const l of tp.lesions) expect(Math.round(lesion(doc, t, l.label).volumeMl! / voxelMl)).toBe(l.voxels.total);
    }
    // 2 lesions x 2 time points, each once.
    expect([...counting.calls].sort()).toEqual(
      [lesionKeyOf(uid(0), 1), lesionKeyOf(uid(0), 2), lesionKeyOf(uid(1), 1), lesionKeyOf(uid(1), 2)].sort(),
    );
    // The detailed response carries the same categories, with units and structured flags.
    expect(state.response[0]!.criteria.recist11.unit).toBe('mm');
    expect(state.response[0]!.flagDetails.some((f) => f.code === 'necroticSwelling' && f.lesion === 'Lesion 1')).toBe(true);
    // One ADC histogram per lesion and time point, counting every ADC voxel.
    expect(state.adcHistograms).toHaveLength(4);
    for (const h of state.adcHistograms) {
      const n = h.counts.reduce((a, b) => a + b, 0);
      expect(n).toBe(lesion(doc, h.timePoint, h.lesion).adc!.voxels);
      expect(h.edgesMm2s).toHaveLength(h.counts.length + 1);
    }
    // The enhancing masks the overlay and the SEG export use: the generator's enhancing voxel counts.
    for (const [t, tp] of app.truth.timePoints.entries()) {
      for (const l of tp.lesions) {
        const mask = state.enhancingMasks.get(lesionKeyOf(uid(t), Number(l.label.replace('Lesion ', ''))));
        expect(mask, `${l.label} at ${t}`).toBeDefined();
        expect(mask!.data.reduce((a, b) => a + b, 0)).toBe(l.voxels.enhancing);
      }
    }
    pipeline.dispose();
  });

  it('voxels given as slices (the viewer\'s decoded images, no copy) give the very same document', async () => {
    const whole = start();
    const expected = (await whole.pipeline.idle()).document;
    whole.pipeline.dispose();
    const store = new RoiStore(roiModelForTree(app.tree));
    importSegsIntoStore(store, app.tree, app.segs.flat());
    const asSlices = async (v: Parameters<typeof app.read>[0]) => {
      const volume = (await app.read(v)) as Volume3D;
      const plane = volume.dims[0] * volume.dims[1];
      // The smallest array type that holds the slice's values, as Cornerstone's decoder picks it
      // (Uint8Array for a slice within 0..255, Uint16Array, Int16Array, else Float32Array).
      const slice = (k: number) => {
        const values = volume.data.slice(k * plane, (k + 1) * plane);
        let min = Infinity;
        let max = -Infinity;
        let integral = true;
        for (const v of values) {
          min = Math.min(min, v);
          max = Math.max(max, v);
          if (!Number.isInteger(v)) integral = false;
        }
        if (!integral) return values;
        if (min >= 0 && max <= 255) return Uint8Array.from(values);
        if (min >= 0 && max <= 65535) return Uint16Array.from(values);
        if (min >= -32768 && max <= 32767) return Int16Array.from(values);
        return values;
      };
      return { dims: volume.dims, spacingMm: volume.spacingMm, originLps: volume.originLps, direction: volume.direction, slice };
    };
    const sliced = createMeasurePipeline({ tree: app.tree, read: asSlices, store, config: resolveMeasureConfig(), client: countingClient().client });
    const state = await sliced.idle();
    expect(state.errors).toEqual([]);
    expect(state.document).toEqual(expected);
    sliced.dispose();
  });

  it('an edit of one lesion re-measures that lesion only; its volume drops by the voxels removed', async () => {
    const { store, pipeline, counting } = start();
    const before = (await pipeline.idle()).document!;
    counting.calls.length = 0;
    const ref: LayerRef = { studyInstanceUid: uid(1), layer: 'tumour', lesionNumber: 2 };
    const { layer, removed } = withoutLargestPlane(getLayer(store.model, ref)!);
    expect(removed).toBeGreaterThan(0);
    store.edit('Erase slice', (m) => setLayer(m, ref, layer));
    expect(pipeline.state.busy).toEqual([lesionKeyOf(uid(1), 2)]);
    const after = (await pipeline.idle()).document!;
    expect(counting.calls).toEqual([lesionKeyOf(uid(1), 2)]);
    const voxelMl = voxelVolumeMl(app.truth.timePoints[1]!.grids.t1.spacingMm);
    const truthVoxels = app.truth.timePoints[1]!.lesions[1]!.voxels.total;
    expect(lesion(after, 1, 'Lesion 2').volumeMl).toBeCloseTo((truthVoxels - removed) * voxelMl, 9);
    // The other lesions keep their figures (same objects' values).
    expect(lesion(after, 1, 'Lesion 1')).toEqual(lesion(before, 1, 'Lesion 1'));
    expect(lesion(after, 0, 'Lesion 2')).toEqual(lesion(before, 0, 'Lesion 2'));
    // Undo brings back the first figures, again by measuring that one lesion.
    counting.calls.length = 0;
    store.undo();
    const undone = (await pipeline.idle()).document!;
    expect(counting.calls).toEqual([lesionKeyOf(uid(1), 2)]);
    expect(lesion(undone, 1, 'Lesion 2').volumeMl).toBe(lesion(before, 1, 'Lesion 2').volumeMl);
    pipeline.dispose();
  });

  it('a changed liver reference re-measures the lesions of its time point; a target flag none', async () => {
    const { store, pipeline, counting } = start();
    await pipeline.idle();
    counting.calls.length = 0;
    const ref: LayerRef = { studyInstanceUid: uid(0), layer: 'liverReference' };
    const { layer } = withoutLargestPlane(getLayer(store.model, ref)!);
    store.edit('Erase liver reference slice', (m) => setLayer(m, ref, layer));
    await pipeline.idle();
    expect([...counting.calls].sort()).toEqual([lesionKeyOf(uid(0), 1), lesionKeyOf(uid(0), 2)].sort());

    counting.calls.length = 0;
    store.edit('Lesion 2 non-target', (m) => setLesionTarget(m, 2, false));
    const state = await pipeline.idle();
    expect(counting.calls).toEqual([]);
    expect(lesion(state.document!, 0, 'Lesion 2').target).toBe(false);
    // RECIST 1.1 now sums Lesion 1 only: its baseline sum is Lesion 1's longest diameter.
    expect(state.response[0]!.criteria.recist11.targets).toEqual(['Lesion 1']);
    expect(state.document!.response[0]!.criteria.recist11.sum).toBe(lesion(state.document!, 1, 'Lesion 1').longestDiameterMm);
    pipeline.dispose();
  });

  it('stale requests: a burst of edits computes once; an edit while computing cancels the running request', async () => {
    const { store, pipeline, counting } = start();
    await pipeline.idle();
    const ref: LayerRef = { studyInstanceUid: uid(1), layer: 'tumour', lesionNumber: 1 };
    const original = getLayer(store.model, ref)!;
    const first = withoutLargestPlane(original);
    const second = withoutLargestPlane(first.layer);
    const key = lesionKeyOf(uid(1), 1);

    // Two edits in one task: the first is superseded before it reaches the compute client.
    counting.calls.length = 0;
    store.edit('Erase 1', (m) => setLayer(m, ref, first.layer));
    store.edit('Erase 2', (m) => setLayer(m, ref, second.layer));
    let doc = (await pipeline.idle()).document!;
    expect(counting.calls).toEqual([key]);
    const voxelMl = voxelVolumeMl(app.truth.timePoints[1]!.grids.t1.spacingMm);
    const total = app.truth.timePoints[1]!.lesions[0]!.voxels.total;
    expect(lesion(doc, 1, 'Lesion 1').volumeMl).toBeCloseTo((total - first.removed - second.removed) * voxelMl, 9);

    // An edit once the request is with the compute client: the client rejects the older one as CANCELLED.
    counting.calls.length = 0;
    const called = counting.nextCall();
    store.edit('Restore', (m) => setLayer(m, ref, original));
    await called;
    store.edit('Erase 1 again', (m) => setLayer(m, ref, first.layer));
    doc = (await pipeline.idle()).document!;
    expect(counting.calls).toEqual([key, key]);
    await Promise.resolve();
    expect(counting.cancelled).toEqual([key]);
    expect(lesion(doc, 1, 'Lesion 1').volumeMl).toBeCloseTo((total - first.removed) * voxelMl, 9);
    pipeline.dispose();
  });
});

describe('measurement pipeline over the worker path (MessagePorts)', () => {
  it('same document as on this thread; results and histograms survive the structured clone', async () => {
    const inline = start();
    const expected = (await inline.pipeline.idle()).document!;
    inline.pipeline.dispose();
    const client = messagePortClient(2);
    const { pipeline } = start(client);
    const state = await pipeline.idle();
    expect(state.errors).toEqual([]);
    expect(state.document).toEqual(expected);
    expect(state.adcHistograms).toHaveLength(4);
    pipeline.dispose();
    client.terminate();
  });
});

describe('SEG import into the store', () => {
  it('a SEG that references nothing loaded is named; the others still import', async () => {
    const baselineOnly = await loadPhantomApp([64, 64, 20], [0]);
    const store = new RoiStore(roiModelForTree(baselineOnly.tree));
    const [baselineSeg, followUpSeg] = [baselineOnly.segs[0]![0]!, baselineOnly.segs[1]![0]!];
    const report = importSegsIntoStore(store, baselineOnly.tree, [followUpSeg, { name: 'junk.dcm', bytes: new Uint8Array([1, 2, 3]) }, baselineSeg]);
    expect(report.errors.map((e) => e.fileName)).toEqual([followUpSeg.name, 'junk.dcm']);
    expect(report.errors[0]!.message).toContain('not among the images loaded');
    expect(report.imported).toEqual([{ name: baselineSeg.name, studyInstanceUid: uid(0), lesionNumbers: [1, 2] }]);
    expect(store.model.timePoints.map((t) => t.studyInstanceUid)).toEqual([uid(0)]);
    expect(store.model.timePoints[0]!.liverReference).not.toBeNull();
    // One undoable step.
    expect(store.undoLabel).toBe(`Import ${baselineSeg.name}`);
  });
});

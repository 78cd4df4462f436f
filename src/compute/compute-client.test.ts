// The compute client on node: the inline path ({ worker: false }) and the worker path over real
// MessagePorts (structured clone and transfer as between threads), with the API exposed on the other end.
import { describe, expect, it } from 'vitest';
import { HccError } from '../core/errors';
import { grid, maskWith, volumeOf } from '../core/kernels/test-fixtures';
import { measureLesion, measureStudy, resolveMeasureConfig, type LesionMeasureInput, type MeasurementsDocument } from '../core/measure';
import { loadPhantomStudy } from '../core/measure/testing/phantom-study';
import type { Volume3D } from '../core/types/volume';
import { createComputeClient, defaultPoolSize, isCancelled, type ComputeEndpoint } from './compute-client';
import { channelComputeEndpoint } from './testing/channel-endpoint';

const G = grid([12, 12, 3]);
/** Float32 volume whose data is a view at a non-zero byteOffset of a larger buffer (as viewers hand them out). */
function viewVolume(fill: (i: number) => number): Volume3D<Float32Array> {
  const backing = new Float32Array(16 + 432);
  const view = backing.subarray(16);
  for (let v = 0; v < view.length; v++) view[v] = fill(v);
  return volumeOf(G, view);
}
function lesionInput(): LesionMeasureInput {
  const tumour = maskWith(G, [[3, 3, 1], [4, 3, 1], [3, 4, 1], [4, 4, 1]]);
  return {
    label: 'Lesion 1', target: true,
    volumes: {
      pre: viewVolume(() => 100),
      arterial: viewVolume((v) => (v % 2 === 0 ? 200 : 110)),
      portalVenous: viewVolume((v) => v),
      delayed: null, t2: null, dwi: [],
      adcMap: viewVolume((v) => 1000 + (v % 7)),
    },
    tumour,
    enhancing: null,
    liverReference: maskWith(G, [[9, 9, 0], [10, 9, 0], [9, 10, 0], [10, 10, 0], [9, 9, 2]]),
    config: resolveMeasureConfig(),
  };
}
const bytesOf = (a: ArrayBufferView): string => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64');

/** A worker stand-in: comlink over a MessageChannel, recording what was transferred. */
function channelEndpoints() {
  const transfers: ArrayBuffer[][] = [];
  let created = 0;
  let posted = 0;
  const firstPost: { resolve: () => void; promise: Promise<void> } = (() => {
    let resolve!: () => void;
    return { promise: new Promise<void>((r) => (resolve = r)), resolve: () => resolve() };
  })();
  const createEndpoint = (): ComputeEndpoint => {
    created++;
    return channelComputeEndpoint((_message, transfer) => {
      const buffers = transfer.filter((t): t is ArrayBuffer => t instanceof ArrayBuffer);
      if (buffers.length > 0) {
        transfers.push(buffers);
        posted++;
        firstPost.resolve();
      }
    });
  };
  return { createEndpoint, transfers, created: () => created, posted: () => posted, firstPost: firstPost.promise };
}

describe('compute client, inline ({ worker: false })', () => {
  it('same result as the orchestration itself; the caller\'s arrays untouched', async () => {
    const input = lesionInput();
    const before = bytesOf(input.volumes.arterial!.data);
    const client = createComputeClient({ worker: false });
    expect(client.worker).toBe(false);
    const result = await client.measureLesion(input);
    expect(result.measurement).toEqual(measureLesion(input).measurement);
    expect(result.measurement.enhancingFraction).toBe(0.5);
    expect(bytesOf(input.volumes.arterial!.data)).toBe(before);
    expect(input.volumes.arterial!.data.byteOffset).toBe(64);
  });

  it('a newer request for the same lesion cancels the older one (typed CANCELLED); other keys are independent', async () => {
    const client = createComputeClient({ worker: false });
    const older = client.measureLesion(lesionInput(), { key: 'L1' });
    const other = client.measureLesion(lesionInput(), { key: 'L2' });
    const newer = client.measureLesion(lesionInput(), { key: 'L1' });
    const error = await older.then(() => null, (e: unknown) => e);
    expect(isCancelled(error)).toBe(true);
    expect((error as HccError).code).toBe('CANCELLED');
    expect((await newer).measurement.label).toBe('Lesion 1');
    expect((await other).measurement.label).toBe('Lesion 1');
    const cancelled = client.measureLesion(lesionInput(), { key: 'L3' });
    client.cancel('L3');
    await expect(cancelled).rejects.toMatchObject({ code: 'CANCELLED' });
  });

  it('measureStudy on the phantom gives the document of the orchestration (crops inside)', async () => {
    const study = await loadPhantomStudy([64, 64, 20]);
    const config = resolveMeasureConfig();
    const generator = { name: 'hcc-response', version: 'test' };
    const viaClient = await createComputeClient({ worker: false }).measureStudy(study.timePoints, config, generator);
    expectClose(viaClient, measureStudy(study.timePoints, config, generator));
  });
});

describe('compute client over MessagePorts (the worker path)', () => {
  it('transfers exact copies: the copies are moved (detached here), the sources keep every byte', async () => {
    const ends = channelEndpoints();
    const client = createComputeClient({ createEndpoint: ends.createEndpoint, poolSize: 1 });
    expect(client.worker).toBe(true);
    const input = lesionInput();
    const sources = [input.volumes.pre!, input.volumes.arterial!, input.volumes.portalVenous!, input.volumes.adcMap!].map((v) => v.data);
    const before = sources.map(bytesOf);
    const result = await client.measureLesion(input);
    expect(result.measurement).toEqual(measureLesion(input).measurement);
    const moved = ends.transfers.flat();
    // 4 volumes + tumour + liver reference, each a new buffer, now owned by the other side.
    expect(moved).toHaveLength(6);
    for (const b of moved) expect(b.byteLength).toBe(0);
    for (const [n, s] of sources.entries()) {
      expect(moved).not.toContain(s.buffer);
      expect(s.buffer.byteLength).toBe(448 * 4);
      expect(bytesOf(s)).toBe(before[n]);
    }
    client.terminate();
  });

  it('a running request that is superseded: rejected at once, its result dropped, the newer one answered', async () => {
    const ends = channelEndpoints();
    const client = createComputeClient({ createEndpoint: ends.createEndpoint, poolSize: 1 });
    const older = client.measureLesion(lesionInput(), { key: 'L1' });
    const olderError = older.then(() => null, (e: unknown) => e);
    await ends.firstPost; // the older one is in the worker now
    const input = lesionInput();
    input.enhancing = maskWith(G, [[3, 3, 1]]);
    const newer = client.measureLesion(input, { key: 'L1' });
    expect(isCancelled(await olderError)).toBe(true);
    expect((await newer).measurement.enhancingFraction).toBe(0.25);
    expect(ends.posted()).toBe(2);
    client.terminate();
  });

  it('no more workers than the pool size; errors keep their code across the boundary', async () => {
    expect(defaultPoolSize()).toBeGreaterThanOrEqual(2);
    const ends = channelEndpoints();
    const client = createComputeClient({ createEndpoint: ends.createEndpoint, poolSize: 2 });
    await Promise.all([0, 1, 2, 3].map(() => client.measureLesion(lesionInput())));
    expect(ends.created()).toBe(2);
    const bad = lesionInput();
    // A liver reference on another grid than the tumour: a caller error with a stable code.
    bad.liverReference = maskWith(grid([5, 5, 5]), [[1, 1, 1]]);
    await expect(client.measureLesion(bad)).rejects.toMatchObject({ code: 'GEOMETRY_MISMATCH' });
    client.terminate();
    await expect(client.measureLesion(lesionInput())).rejects.toMatchObject({ code: 'CANCELLED' });
  });
});

describe('compute client with two workers: a lesion measured as two halves side by side', () => {
  it('the joined halves equal the whole measurement, each worker got its own buffers, the sources keep every byte', async () => {
    const ends = channelEndpoints();
    const client = createComputeClient({ createEndpoint: ends.createEndpoint, poolSize: 2, splitFromBoxVoxels: 1 });
    const input = lesionInput();
    input.enhancing = maskWith(G, [[3, 3, 1], [4, 4, 1]]);
    input.includeEnhancingMask = true;
    const sources = [input.volumes.pre!, input.volumes.arterial!, input.volumes.portalVenous!, input.volumes.adcMap!].map((v) => v.data);
    const before = sources.map(bytesOf);
    const result = await client.measureLesion(input);
    const whole = measureLesion(input);
    expect(result.measurement).toEqual(whole.measurement);
    expect(result.intensity).toEqual(whole.intensity);
    expect(result.method).toEqual(whole.method);
    expect(result.measurement.enhancingFraction).toBe(0.5);
    expect(result.enhancingMask!.data.reduce((n, v) => n + v, 0)).toBe(2);
    // One lesion, two posts (one per half), both workers started.
    expect(ends.posted()).toBe(2);
    expect(ends.created()).toBe(2);
    const [first, second] = ends.transfers;
    const moved = [...first!, ...second!];
    expect(new Set(moved).size).toBe(moved.length);
    // One crop: the drawing half takes the arterial, the enhancing layer and copies of pre, tumour, reference; the series half the rest.
    expect(moved).toHaveLength(10);
    for (const b of moved) expect(b.byteLength).toBe(0);
    for (const [n, s] of sources.entries()) expect(bytesOf(s)).toBe(before[n]);
    client.terminate();
  });

  it('a superseded request takes both halves with it; an error in one half rejects with its code', async () => {
    const ends = channelEndpoints();
    const client = createComputeClient({ createEndpoint: ends.createEndpoint, poolSize: 2, splitFromBoxVoxels: 1 });
    const busy = [client.measureLesion(lesionInput()), client.measureLesion(lesionInput())];
    await ends.firstPost;
    // Both workers are busy: the next request's halves wait in the queue, then are withdrawn.
    const older = client.measureLesion(lesionInput(), { key: 'L1' });
    const olderError = older.then(() => null, (e: unknown) => e);
    await new Promise((r) => setTimeout(r, 0));
    const newer = client.measureLesion(lesionInput(), { key: 'L1' });
    expect(isCancelled(await olderError)).toBe(true);
    await Promise.all(busy);
    expect((await newer).measurement.label).toBe('Lesion 1');
    // 2 busy lesions + the newer one, two halves each: the withdrawn halves never reached a worker.
    expect(ends.posted()).toBe(6);
    const bad = lesionInput();
    bad.enhancing = maskWith(grid([5, 5, 5]), [[1, 1, 1]]);
    await expect(client.measureLesion(bad)).rejects.toMatchObject({ code: 'GEOMETRY_MISMATCH' });
    client.terminate();
  });

  it('a lesion below the split size goes to one worker whole', async () => {
    const ends = channelEndpoints();
    const client = createComputeClient({ createEndpoint: ends.createEndpoint, poolSize: 2, splitFromBoxVoxels: 5 });
    // The tumour's box is 2 x 2 x 1 = 4 voxels.
    const input = lesionInput();
    expect((await client.measureLesion(input)).measurement).toEqual(measureLesion(input).measurement);
    expect(ends.posted()).toBe(1);
    client.terminate();
  });
});

/** Deep equality with numbers equal to 1e-9 relative (diameters are bisected in crop-relative coordinates). */
function expectClose(a: unknown, b: unknown, path = 'doc'): void {
  if (typeof a === 'number' && typeof b === 'number') {
    expect(Math.abs(a - b), path).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(b)));
    return;
  }
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') {
    expect(a, path).toEqual(b);
    return;
  }
  const ka = Object.keys(a).sort();
  expect(ka, path).toEqual(Object.keys(b).sort());
  for (const k of ka) expectClose((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`);
}
export type { MeasurementsDocument };

/**
 * Test helper (node): the synthetic study as the app sees it - the study tree, an asynchronous voxel
 * reader (readVolume on the files, standing in for Cornerstone's volumes), the manifest's SEG files -
 * and a compute client that counts the requests it gets and the ones it cancels.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ensurePhantom } from '../../../../test-data/phantom/cache';
import type { PhantomManifest } from '../../../../test-data/phantom/generate';
import type { PhantomTruth } from '../../../../test-data/phantom/truth';
import { loadStudyTree } from '../../../cli/load';
import { readFileBytes } from '../../../cli/read-files';
import type { StudyTree } from '../../../core/dicom/model';
import { readVolume } from '../../../core/dicom/read-volume';
import type { Vec3 } from '../../../core/types/volume';
import { createComputeClient, isCancelled, type ComputeClient } from '../../../compute/compute-client';
import { channelComputeEndpoint } from '../../../compute/testing/channel-endpoint';
import type { SegFile } from '../import-segs';
import type { VoxelReader } from '../time-point-volumes';

export interface PhantomApp {
  dir: string;
  truth: PhantomTruth;
  tree: StudyTree;
  read: VoxelReader;
  /** The manifest's SEGs, one array per time point (baseline first). */
  segs: SegFile[][];
}

export async function loadPhantomApp(size: Vec3, timePoints: readonly number[] = [0, 1]): Promise<PhantomApp> {
  const { dir, truth } = await ensurePhantom({ seed: 42, size, variants: true });
  const manifest = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as PhantomManifest;
  const tree = loadStudyTree(timePoints.map((i) => path.join(dir, manifest.timePoints[i]!.dir)), dir);
  if (tree.errors.length > 0) throw new Error(`phantom files rejected: ${JSON.stringify(tree.errors.slice(0, 3))}`);
  const read: VoxelReader = async (v) => readVolume(v, (name) => readFileBytes(path.resolve(dir, name)));
  const segs = manifest.timePoints.map((tp) => tp.segs.map((name) => ({ name, bytes: readFileBytes(path.join(dir, name)) })));
  return { dir, truth, tree, read, segs };
}

export interface CountingClient {
  client: ComputeClient;
  /** Key of every measureLesion request, in order. */
  calls: string[];
  /** Keys whose request was rejected as CANCELLED. */
  cancelled: string[];
  /** Resolves at the next request (after it was handed to the real client). */
  nextCall(): Promise<string>;
}

export function countingClient(inner: ComputeClient = createComputeClient({ worker: false })): CountingClient {
  const calls: string[] = [];
  const cancelled: string[] = [];
  let waiters: Array<(key: string) => void> = [];
  const client: ComputeClient = {
    worker: inner.worker,
    poolSize: inner.poolSize,
    measureLesion(input, options) {
      const key = options?.key ?? '(no key)';
      calls.push(key);
      const pending = inner.measureLesion(input, options);
      pending.catch((e: unknown) => (isCancelled(e) ? cancelled.push(key) : undefined));
      const w = waiters;
      waiters = [];
      for (const resolve of w) resolve(key);
      return pending;
    },
    measureStudy: (...args) => inner.measureStudy(...args),
    cancel: (key) => inner.cancel(key),
    terminate: () => inner.terminate(),
  };
  return { client, calls, cancelled, nextCall: () => new Promise((resolve) => waiters.push(resolve)) };
}

/**
 * A compute client on the worker path without workers: comlink over MessageChannels (structured clone
 * and transfer exactly as between threads), the compute API exposed on the other end.
 */
export function messagePortClient(poolSize = 2): ComputeClient {
  return createComputeClient({ createEndpoint: () => channelComputeEndpoint(), poolSize });
}

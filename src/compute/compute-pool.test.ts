// The pool's choice of executor: a job with an affinity goes to that executor when it is free (a worker
// that always runs the same half of a lesion keeps its code optimised for it), to any free one otherwise.
import { describe, expect, it } from 'vitest';
import type { LesionResult } from '../core/measure';
import type { Outcome } from './compute-api';
import { createPool, type Executor, type PoolJob } from './compute-pool';

function recordingPool(size: number) {
  const ran: Array<{ executor: number; job: string }> = [];
  let made = 0;
  const finish: Array<() => void> = [];
  const make = (): Executor => {
    const id = made++;
    const run = (job: string) =>
      new Promise<Outcome<LesionResult>>((resolve) => {
        ran.push({ executor: id, job });
        finish.push(() => resolve({ ok: true, result: null as unknown as LesionResult }));
      });
    return { measureLesion: () => run('whole'), measureLesionHalf: (_i, half) => run(half) as never, terminate: () => undefined };
  };
  const pool = createPool(make, size);
  const submit = (name: 'drawingGrid' | 'series', affinity?: number): Promise<unknown> =>
    new Promise((resolve, reject) => {
      const job: PoolJob<unknown> = { run: (e) => e.measureLesionHalf(null as never, name, []), cancelled: false, resolve, reject, ...(affinity !== undefined ? { affinity } : {}) };
      pool.submit(job);
    });
  const finishAll = async (): Promise<void> => {
    while (finish.length) finish.shift()!();
    await new Promise((r) => setTimeout(r, 0));
  };
  return { pool, ran, submit, finishAll };
}

describe('compute pool affinity', () => {
  it('each half goes to its own executor, lesion after lesion, whatever order they were freed in', async () => {
    const p = recordingPool(2);
    for (let lesion = 0; lesion < 3; lesion++) {
      // The series half first this time: without affinity it would take executor 0 (created first or freed last).
      const done = [p.submit('series', 1), p.submit('drawingGrid', 0)];
      await p.finishAll();
      await Promise.all(done);
    }
    expect(p.ran.filter((r) => r.job === 'drawingGrid').map((r) => r.executor)).toEqual([0, 0, 0]);
    expect(p.ran.filter((r) => r.job === 'series').map((r) => r.executor)).toEqual([1, 1, 1]);
  });

  it('a job whose executor is busy takes a free one rather than wait', async () => {
    const p = recordingPool(2);
    const first = p.submit('drawingGrid', 0);
    const second = p.submit('drawingGrid', 0);
    expect(p.ran.map((r) => r.executor).sort()).toEqual([0, 1]);
    await p.finishAll();
    await Promise.all([first, second]);
  });
});

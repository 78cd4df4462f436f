/**
 * How much `run` blocks this (main) thread: the longtask entries (>= 50 ms) the browser reports and
 * the largest gap between 0 ms timers (catches shorter tasks too), plus the peak JS heap where the
 * browser exposes it. Used by the benchmarks (compute page, voxel reads in the viewer).
 */
export async function watchMainThread<T>(run: () => Promise<T>): Promise<{ value: T; longTasksMs: number[]; maxGapMs: number; peakHeapMb: number | null }> {
  const longTasksMs: number[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) longTasksMs.push(e.duration);
  });
  observer.observe({ type: 'longtask', buffered: false });
  let maxGapMs = 0;
  let last = performance.now();
  let done = false;
  const memory = (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory;
  let peakHeap = memory?.usedJSHeapSize ?? 0;
  const beat = (): void => {
    if (done) return;
    const now = performance.now();
    maxGapMs = Math.max(maxGapMs, now - last);
    last = now;
    if (memory) peakHeap = Math.max(peakHeap, memory.usedJSHeapSize);
    setTimeout(beat, 0);
  };
  setTimeout(beat, 0);
  const value = await run();
  // The stretch since the last beat counts too (a run that never let a timer fire is one task).
  maxGapMs = Math.max(maxGapMs, performance.now() - last);
  done = true;
  // Long-task entries are delivered after the task: give the observer a turn.
  await new Promise((r) => setTimeout(r, 50));
  observer.disconnect();
  return { value, longTasksMs, maxGapMs, peakHeapMb: memory ? peakHeap / 2 ** 20 : null };
}


import type { IngestClient } from '../compute/ingest-client';
import { loadStudy } from './load-study';
import { sourcesFromFiles } from './sources';

declare global {
  interface Window {
    /** Only with ?bench=1: the parse floor of the viewer benchmark (bench/viewer-load.ts). */
    __hccBench?: { parseFloor(): Promise<{ ms: number; volumes: number }> };
  }
}

/**
 * The benchmark's floor, measured in the same page with the same code the viewer's load runs
 * before any image: read every file chosen in #bench-floor-input and parse its header in the
 * ingest worker, then group. The viewer's times are compared against it.
 */
export function installBenchHooks(clients: readonly IngestClient[]): void {
  const input = document.createElement('input');
  input.type = 'file';
  input.multiple = true;
  input.id = 'bench-floor-input';
  input.hidden = true;
  document.body.append(input);
  window.__hccBench = {
    async parseFloor() {
      const files = input.files;
      if (!files?.length) throw new Error('no files in #bench-floor-input');
      const start = performance.now();
      const { tree } = await loadStudy(sourcesFromFiles(files), clients, () => undefined);
      const ms = performance.now() - start;
      return { ms, volumes: tree.patients.flatMap((p) => p.studies.flatMap((s) => s.series)).length };
    },
  };
}

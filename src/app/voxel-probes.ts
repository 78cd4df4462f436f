import type { StudyTree } from '../core/dicom/model';
import type { HccViewer } from '../viewer';
import { watchMainThread } from './main-thread-watch';
import { sourceVoxelReader } from './measure/source-reader';
import { measuredSeries } from './measure/time-point-volumes';
import type { FileSource } from './sources';
import type { TestProbe } from './test-hooks';

/**
 * The probes on the viewer's voxel reads (window.__hccProbe): the e2e compares every series read
 * through the viewer with the core decoder on its files; the benchmark times the reads a
 * measurement makes and watches the main thread. `open` gives the study on screen and its files.
 */
export function voxelProbes(
  viewer: HccViewer,
  open: () => { tree: StudyTree; sources: readonly FileSource[] } | null,
): Pick<TestProbe, 'timeVoxelReads' | 'compareVoxelReaders'> {
  return {
    timeVoxelReads: async () => {
      const studies = open()?.tree.patients.flatMap((p) => p.studies) ?? [];
      const volumes = [...new Map(studies.flatMap((s) => measuredSeries(s)).map((v) => [v.id, v])).values()];
      const start = performance.now();
      const watched = await watchMainThread(async () => {
        let voxels = 0;
        for (const v of volumes) {
          const sliced = await viewer.sliceVoxels(v);
          voxels += sliced.dims[0] * sliced.dims[1] * sliced.dims[2];
        }
        return voxels;
      });
      return { series: volumes.length, voxels: watched.value, ms: performance.now() - start, longestTaskMs: Math.max(watched.maxGapMs, ...watched.longTasksMs) };
    },
    compareVoxelReaders: async () => {
      const out: Array<{ series: string; voxels: number; maxAbsDiff: number | null; error?: string }> = [];
      const study = open();
      if (!study) return out;
      const fromFiles = sourceVoxelReader(study.sources);
      for (const volume of study.tree.patients.flatMap((p) => p.studies.flatMap((s) => s.series))) {
        const series = `${volume.seriesNumber ?? ''} ${volume.seriesDescription}`.trim();
        try {
          // Both viewer paths: the whole copy and the slices the measurements read.
          const a = await viewer.readVoxels(volume);
          const sliced = await viewer.sliceVoxels(volume);
          const b = await fromFiles(volume).catch(() => null);
          const plane = a.dims[0] * a.dims[1];
          let max = 0;
          if (b) {
            for (let i = 0; i < a.data.length; i++) max = Math.max(max, Math.abs(a.data[i]! - b.data[i]!));
            for (let k = 0; k < a.dims[2]; k++) {
              const slice = sliced.slice(k);
              for (let p = 0; p < plane; p++) max = Math.max(max, Math.abs(slice[p]! - b.data[k * plane + p]!));
            }
          }
          out.push({ series, voxels: a.data.length, maxAbsDiff: b ? max : null });
        } catch (error) {
          out.push({ series, voxels: 0, maxAbsDiff: null, error: error instanceof Error ? error.message : String(error) });
        }
      }
      return out;
    },
  };
}

import { createComputeClient, type ComputeClient } from '../compute/compute-client';
import type { StudyTree } from '../core/dicom/model';
import type { HccErrorInfo } from '../core/errors';
import { resolveMeasureConfig } from '../core/measure';
import type { RoiStore } from './lesions/roi-store';
import { createMeasurePipeline, type MeasurePipeline } from './measure/pipeline';
import { importSegsIntoStore } from './measure/import-segs';
import { sourceVoxelReader } from './measure/source-reader';
import type { VoxelReader } from './measure/time-point-volumes';
import { mountResultsPanel, type ResultsActions, type ResultsPanel } from './results/mount';
import type { FileSource } from './sources';

export interface ResultsWiring {
  pipeline: MeasurePipeline;
  panel: ResultsPanel;
  /** Errors of SEG files that could not be used (named, with the reason). */
  segErrors: HccErrorInfo[];
  dispose(): void;
}

/**
 * Connects a loaded study to the measurement pipeline and the results panel: SEG files (the demo's,
 * or dropped ones) become lesions in the store, every lesion is measured in the worker pool from the
 * series' voxels (the viewer's decoded images), and the panel follows every edit.
 */
export function wireResults(options: {
  tree: StudyTree;
  sources: readonly FileSource[];
  segFiles: ReadonlyArray<{ name: string; bytes: Uint8Array }>;
  store: RoiStore;
  container: HTMLElement;
  client?: ComputeClient;
  /** Where voxels come from: the viewer's decoded images in the app; by default the files read again (uncompressed only). */
  read?: VoxelReader;
  actions?: ResultsActions;
}): ResultsWiring {
  const client = options.client ?? createComputeClient();
  const pipeline = createMeasurePipeline({
    tree: options.tree,
    read: options.read ?? sourceVoxelReader(options.sources),
    store: options.store,
    config: resolveMeasureConfig(),
    client,
  });
  const panel = mountResultsPanel(options.container, pipeline, options.actions);
  const report = options.segFiles.length > 0 ? importSegsIntoStore(options.store, options.tree, options.segFiles) : { errors: [] };
  return {
    pipeline,
    panel,
    segErrors: report.errors,
    dispose: () => {
      panel.destroy();
      pipeline.dispose();
      if (!options.client) client.terminate();
    },
  };
}

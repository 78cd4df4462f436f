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
import { mountExportPanel, type ExportPanelOptions } from './export/mount-export';
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
 * series' voxels (the viewer's decoded images), and the panel follows every edit; its Export section
 * writes the CLI's files.
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
  /** The PACS the study came from (its Export section can store the DICOM files there). */
  pacs?: ExportPanelOptions['pacs'];
}): ResultsWiring {
  const client = options.client ?? createComputeClient();
  const config = resolveMeasureConfig();
  const pipeline = createMeasurePipeline({
    tree: options.tree,
    read: options.read ?? sourceVoxelReader(options.sources),
    store: options.store,
    config,
    client,
  });
  // Export on top (as the actions in the header of OHIF's measurement panel, UX.md), the results below; each re-renders only itself.
  const doc = options.container.ownerDocument;
  const [exportBox, resultsBox] = [doc.createElement('div'), doc.createElement('div')];
  options.container.replaceChildren(exportBox, resultsBox);
  const exporter = mountExportPanel(exportBox, { source: pipeline, store: options.store, tree: options.tree, config, pacs: options.pacs ?? null });
  const panel = mountResultsPanel(resultsBox, pipeline, options.actions);
  const report = options.segFiles.length > 0 ? importSegsIntoStore(options.store, options.tree, options.segFiles) : { errors: [] };
  return {
    pipeline,
    panel,
    segErrors: report.errors,
    dispose: () => {
      exporter.destroy();
      panel.destroy();
      pipeline.dispose();
      options.container.replaceChildren();
      if (!options.client) client.terminate();
    },
  };
}

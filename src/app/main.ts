import css from './styles.css';
import type { HccErrorInfo } from '../core/errors';
import type { Phase, StudyTree } from '../core/dicom/model';
import { overridePhase } from '../core/dicom/ingest';
import { createIngestClient } from '../compute/ingest-client';
import type { HccViewer } from '../viewer';
import { installBenchHooks } from './bench-hooks';
import { Contouring } from './lesions/contouring';
import { lesionPoints } from './lesions/lesion-points';
import lesionCss from './lesions/lesion-panel.css';
import { ProgressiveLoad } from './progressive-load';
import { ProgressiveView } from './progressive-view';
import { locatorFor, segFilesFromManifest, sourcesFromDrop, sourcesFromFiles, sourcesFromManifest, withReadDelay, type FileSource } from './sources';
import { wireResults, type ResultsWiring } from './results-wiring';
import { voxelProbes } from './voxel-probes';
import type { VoxelReader } from './measure/time-point-volumes';
import { ResponseControls } from './response/response-controls';
import { PacsDialog } from './pacs/pacs-dialog';
import type { DicomwebApi } from './pacs/dicomweb-api';
import { renderErrors, renderReading, renderStudy } from './study-view';
import { publishProbe, publishState, type AppState } from './test-hooks';

const style = document.createElement('style');
style.textContent = `${css as unknown as string}\n${lesionCss as unknown as string}`;
document.head.append(style);

const $ = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;
const params = new URLSearchParams(location.search);
// Test-only: slows every file read down by this many ms (e2e of progressive loading); 0 unless given.
const readDelayMs = Math.max(0, Number(params.get('readDelayMs')) || 0);
const status = $('status');
const progress = $('progress');
const panel = $('side-panel');
const panelToggle = $<HTMLButtonElement>('panel-toggle');
// Header parsing is the floor of every load: one worker per core, at most two (the main thread and
// Cornerstone's decoder need the rest).
const clients = Array.from({ length: Math.max(1, Math.min(2, navigator.hardwareConcurrency || 1)) }, () => createIngestClient());
let tree: StudyTree | null = null;
/** Where the open study's files come from (the test probe reads them again). */
let openSources: readonly FileSource[] | null = null;
let displayErrors: HccErrorInfo[] = [];
const lesionPanel = $('lesion-panel');
const lesionsToggle = $<HTMLButtonElement>('lesions-toggle');
function setLesionPanel(open: boolean): void {
  lesionPanel.hidden = !open;
  lesionsToggle.setAttribute('aria-expanded', String(open));
}
// Closed at start, as OHIF's right panels; it opens by itself when a drawing tool is chosen or a
// storage error must be seen.
const contouring = new Contouring(lesionPanel, () => setLesionPanel(true));
lesionsToggle.addEventListener('click', () => setLesionPanel(Boolean(lesionPanel.hidden)));
// The toggle does not take the focus: the reading room's keys (f, g, ctrl+z...) work right after it.
lesionsToggle.addEventListener('mousedown', (e) => e.preventDefault());

const resultsPanel = $('results-panel');
const resultsToggle = $<HTMLButtonElement>('results-toggle');
function setResultsPanel(open: boolean): void {
  resultsPanel.hidden = !open;
  resultsToggle.setAttribute('aria-expanded', String(open));
}
resultsToggle.addEventListener('click', () => setResultsPanel(Boolean(resultsPanel.hidden)));
resultsToggle.addEventListener('mousedown', (e) => e.preventDefault());
let results: ResultsWiring | null = null;
const responseControls = new ResponseControls({
  overlay: $('overlay-toggle'),
  opacity: $('overlay-opacity'),
  subtraction: $('subtraction-toggle'),
  adcColour: $('adc-colour-toggle'),
});

// Cornerstone is large (seconds to evaluate): fetched and initialised while the user picks files,
// in its own chunk, so the page is usable at once and the first image does not wait for it.
const viewerReady: Promise<HccViewer> = import(/* webpackChunkName: "viewer" */ '../viewer').then((m) =>
  m.enable($('viewer'), {
    onChange: (snapshot) => {
      contouring.viewerChanged(snapshot);
      publishState({ viewer: snapshot });
      noteFirstImage(snapshot.timing.startedAtMs, snapshot.timing.firstImageAtMs);
    },
    onRoiGesture: (gesture) => contouring.gesture(gesture),
    onRoiCommand: (command) => contouring.command(command),
    onResponseCommand: (command) => responseControls.command(command),
    onRoiRefused: (reason) => contouring.refused(reason),
    onLoadErrors: (errors) => {
      displayErrors = errors;
      renderAllErrors();
      publishState({ displayErrors: errors });
    },
  }),
);
viewerReady.then(
  (viewer) => {
    contouring.attach(viewer);
    responseControls.attach(viewer);
    publishProbe({
      clientPointOf: (key, point) => {
        const at = viewer.canvasPointOf(key, point);
        const canvas = document.querySelector(`[data-viewport="${key}"] .hcc-vp-element canvas`);
        if (!at || !canvas) return null;
        const rect = canvas.getBoundingClientRect();
        return [rect.left + at[0], rect.top + at[1]];
      },
      disableViewer: () => viewer.disable(),
      ...voxelProbes(viewer, () => (tree && openSources ? { tree, sources: openSources } : null)),
    });
  },
  (error: unknown) => {
    status.textContent = `The image viewer could not start: ${error instanceof Error ? error.message : String(error)}`;
  },
);

/** The load in progress (or the last one), its start, and how many files were read at its first image. */
let reading: { loader: ProgressiveLoad; view: ProgressiveView; selectedAtMs: number; filesAtFirstImage: number | null } | null = null;
let progressScheduled = false;

function publishReading(): void {
  if (!reading) return;
  const { loader, filesAtFirstImage } = reading;
  publishState({ reading: { ...loader.progress, filesDoneAtFirstImage: filesAtFirstImage, series: loader.seriesReadings() } });
}

/** The reading room drew the first image of the load in progress: how far reading had got. */
function noteFirstImage(startedAtMs: number | null, firstImageAtMs: number | null): void {
  if (!reading || firstImageAtMs === null || startedAtMs !== reading.selectedAtMs || reading.filesAtFirstImage !== null) return;
  reading.filesAtFirstImage = reading.loader.progress.filesDone;
  publishReading();
}

/** Progress is reported per file (thousands a second): the bar and the series list are drawn at most once a frame. */
function showProgress(): void {
  if (progressScheduled) return;
  progressScheduled = true;
  requestAnimationFrame(() => {
    progressScheduled = false;
    if (!reading || tree) return; // the final tree is shown
    const q = reading.loader.progress;
    const series = reading.loader.seriesReadings();
    progress.hidden = false;
    (progress.querySelector('.bar') as HTMLElement).style.width = `${(100 * q.filesDone) / Math.max(1, q.filesTotal)}%`;
    (progress.querySelector('.text') as HTMLElement).textContent =
      `Reading headers: ${q.filesDone} / ${q.filesTotal} files, ${series.filter((s) => s.complete).length} of ${series.length} series complete` +
      (q.errors ? `, ${q.errors} not readable` : '');
    renderReading($('study'), series);
    publishReading();
  });
}

function setPanel(open: boolean): void {
  panel.hidden = !open;
  panelToggle.setAttribute('aria-expanded', String(open));
}
panelToggle.addEventListener('click', () => setPanel(Boolean(panel.hidden)));

function renderAllErrors(): void {
  const errors = [...(tree?.errors ?? []), ...displayErrors];
  renderErrors($('errors'), errors);
  panelToggle.textContent = errors.length ? `Series · ${errors.length} error${errors.length === 1 ? '' : 's'}` : 'Series';
  panelToggle.classList.toggle('has-errors', errors.length > 0);
}

function renderPanel(): void {
  if (!tree) return;
  renderStudy($('study'), tree, (volumeId: string, phase: Phase) => {
    if (!tree) return;
    tree = overridePhase(tree, volumeId, phase);
    renderPanel();
    publish('loaded');
    void viewerReady.then((viewer) => tree && viewer.update(tree));
  });
  renderAllErrors();
}

function publish(state: AppState): void {
  publishState({ state, tree });
}

async function load(
  sources: readonly FileSource[],
  what: string,
  selectedAtMs: number,
  segFiles: ReadonlyArray<{ name: string; bytes: Uint8Array }> = [],
  pacs: DicomwebApi | null = null,
): Promise<void> {
  reading?.view.cancel();
  tree = null;
  // The previous study's lesions are saved and closed: nothing drawn on the new images may go to them.
  // The lesion model and the results attach to the final tree only.
  void contouring.close();
  results?.dispose();
  results = null;
  publishState({ state: 'loading', tree: null, selectedAtMs, displayErrors: [], measurements: null, reading: null });
  displayErrors = [];
  status.textContent = `Reading ${what}...`;
  // Progressive: the reading room shows each series once its files are read (provisional layout),
  // then the final tree updates it in place.
  const view = new ProgressiveView(viewerReady, locatorFor(sources), selectedAtMs);
  const loader = new ProgressiveLoad(readDelayMs > 0 ? withReadDelay(sources, readDelayMs) : sources, clients, {
    onProgress: showProgress,
    onProvisional: (provisional) => {
      view.provisional(provisional);
      status.textContent = `Reading ${what}: provisional layout, phases may change until every file is read`;
    },
  });
  const current = { loader, view, selectedAtMs, filesAtFirstImage: null };
  reading = current;
  try {
    const loaded = await loader.run();
    if (reading !== current) return; // a newer load took over
    publishReading();
    openSources = sources;
    tree = loaded.tree;
    const allSegFiles = [...segFiles, ...loaded.segFiles];
    const volumes = tree.patients.flatMap((p) => p.studies.flatMap((s) => s.series)).length;
    status.textContent = volumes
      ? `${what}: ${volumes} series, ${tree.errors.length} file error${tree.errors.length === 1 ? '' : 's'}`
      : `${what}: nothing could be loaded (${tree.errors.length} file errors)`;
    renderPanel();
    // Errors are listed at once: the panel opens by itself when some files could not be read.
    setPanel(tree.errors.length > 0 || volumes === 0);
    publish('loaded');
    progress.hidden = true;
    // The saved lesions are restored while the images load; then the results follow the lesion model,
    // measured on the viewer's decoded images of this study (readable once the final tree is in the room).
    const viewer = await viewerReady;
    const shown = view.final(tree);
    const study = tree;
    const opened = contouring.open(study).then(() =>
      attachResults(study, sources, allSegFiles, pacs, {
        read: async (volume) => {
          await view.applied();
          return viewer.sliceVoxels(volume);
        },
        showLesion: (label) => {
          const store = contouring.roiStore;
          if (store) viewer.showPoints(lesionPoints(store.model, label));
        },
      }),
    );
    await shown;
    await opened;
  } catch (error) {
    if (reading !== current) return;
    status.textContent = `Could not load ${what}: ${error instanceof Error ? error.message : String(error)}`;
    publish('error');
  } finally {
    if (reading === current) progress.hidden = true;
  }
}

/**
 * Measurements and the results panel for the open study. SEG files given with the study (the demo's,
 * with ?seg=1) become its lesions unless lesions were restored from autosave (the reader's work wins).
 */
function attachResults(
  study: StudyTree,
  sources: readonly FileSource[],
  segFiles: ReadonlyArray<{ name: string; bytes: Uint8Array }>,
  pacs: DicomwebApi | null,
  viewerLinks: { read: VoxelReader; showLesion(label: string): void },
): void {
  results?.dispose();
  results = null;
  responseControls.follow(null);
  const store = contouring.roiStore;
  if (!store) return;
  const restored = store.model.lesions.length > 0;
  results = wireResults({
    tree: study, sources, segFiles: restored ? [] : segFiles, store, container: resultsPanel,
    read: viewerLinks.read, actions: { showLesion: viewerLinks.showLesion }, pacs,
  });
  if (results.segErrors.length > 0) {
    displayErrors = [...displayErrors, ...results.segErrors];
    renderAllErrors();
  }
  if (segFiles.length > 0) setResultsPanel(true);
  responseControls.follow({ pipeline: results.pipeline, store });
  results.pipeline.subscribe((state) =>
    publishState({ measurements: { document: state.document, busy: state.busy.length, errors: state.errors.length } }),
  );
}

async function loadDemo(): Promise<void> {
  const selectedAtMs = performance.now();
  try {
    const base = new URL('demo/', document.baseURI).href;
    const segs = params.get('seg') === '1' ? await segFilesFromManifest(base) : [];
    await load(await sourcesFromManifest(base), 'demo study', selectedAtMs, segs);
  } catch (error) {
    status.textContent = `Demo study unavailable: ${error instanceof Error ? error.message : String(error)}`;
    publish('error');
  }
}

for (const id of ['file-input', 'folder-input']) {
  const input = $<HTMLInputElement>(id);
  input.addEventListener('change', () => {
    const selectedAtMs = performance.now();
    if (input.files?.length) void load(sourcesFromFiles(input.files), `${input.files.length} files`, selectedAtMs);
  });
}
$('demo-button').addEventListener('click', () => void loadDemo());

// PACS: a patient's studies from a DICOMweb server, loaded like a folder (lazily, instance by instance).
const pacsDialog = new PacsDialog(document.body, params.get('dicomweb') ?? '', ({ sources, what, pacs }) => void load(sources, what, performance.now(), [], pacs));
$('pacs-button').addEventListener('click', () => pacsDialog.show());

const drop = $('drop-zone');
drop.addEventListener('dragover', (e) => {
  e.preventDefault();
  drop.classList.add('dragging');
});
drop.addEventListener('dragleave', () => drop.classList.remove('dragging'));
drop.addEventListener('drop', (e) => {
  e.preventDefault();
  drop.classList.remove('dragging');
  const selectedAtMs = performance.now();
  if (e.dataTransfer) void sourcesFromDrop(e.dataTransfer.items).then((s) => load(s, `${s.length} dropped files`, selectedAtMs));
});

if (params.get('bench') === '1') installBenchHooks(clients);
// The demo opens by default; ?demo=0 starts empty.
if (params.get('demo') !== '0') void loadDemo();
else publish('idle');

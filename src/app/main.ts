import css from './styles.css';
import type { Phase, StudyTree } from '../core/dicom/model';
import { overridePhase } from '../core/dicom/ingest';
import { createIngestClient } from '../compute/ingest-client';
import { loadStudy, type LoadProgress } from './load-study';
import { sourcesFromDrop, sourcesFromFiles, sourcesFromManifest, type FileSource } from './sources';
import { renderErrors, renderStudy } from './study-view';
import { publishState, type AppState } from './test-hooks';

const style = document.createElement('style');
style.textContent = css as unknown as string;
document.head.append(style);

const $ = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;
const status = $('status');
const progress = $('progress');
const client = createIngestClient();
let tree: StudyTree | null = null;

function showProgress(p: LoadProgress): void {
  progress.hidden = false;
  (progress.querySelector('.bar') as HTMLElement).style.width = `${(100 * p.filesDone) / Math.max(1, p.filesTotal)}%`;
  (progress.querySelector('.text') as HTMLElement).textContent =
    `${p.filesDone} / ${p.filesTotal} files${p.errors ? `, ${p.errors} not readable` : ''}`;
}

function render(): void {
  if (!tree) return;
  renderStudy($('study'), tree, (volumeId: string, phase: Phase) => {
    if (!tree) return;
    tree = overridePhase(tree, volumeId, phase);
    render();
  });
  renderErrors($('errors'), tree.errors);
  publish('loaded');
}

function publish(state: AppState): void {
  publishState({ state, tree });
}

async function load(sources: readonly FileSource[], what: string): Promise<void> {
  publish('loading');
  status.textContent = `Reading ${what}...`;
  try {
    tree = await loadStudy(sources, client, showProgress);
    const volumes = tree.patients.flatMap((p) => p.studies.flatMap((s) => s.series)).length;
    status.textContent = volumes
      ? `${what}: ${volumes} series, ${tree.errors.length} file error${tree.errors.length === 1 ? '' : 's'}`
      : `${what}: nothing could be loaded (${tree.errors.length} file errors)`;
    render();
  } catch (error) {
    status.textContent = `Could not load ${what}: ${error instanceof Error ? error.message : String(error)}`;
    publish('error');
  } finally {
    progress.hidden = true;
  }
}

async function loadDemo(): Promise<void> {
  try {
    await load(await sourcesFromManifest(new URL('demo/', document.baseURI).href), 'demo study');
  } catch (error) {
    status.textContent = `Demo study unavailable: ${error instanceof Error ? error.message : String(error)}`;
    publish('error');
  }
}

for (const id of ['file-input', 'folder-input']) {
  const input = $<HTMLInputElement>(id);
  input.addEventListener('change', () => {
    if (input.files?.length) void load(sourcesFromFiles(input.files), `${input.files.length} files`);
  });
}
$('demo-button').addEventListener('click', () => void loadDemo());

const drop = $('drop-zone');
drop.addEventListener('dragover', (e) => {
  e.preventDefault();
  drop.classList.add('dragging');
});
drop.addEventListener('dragleave', () => drop.classList.remove('dragging'));
drop.addEventListener('drop', (e) => {
  e.preventDefault();
  drop.classList.remove('dragging');
  if (e.dataTransfer) void sourcesFromDrop(e.dataTransfer.items).then((s) => load(s, `${s.length} dropped files`));
});

// The demo opens by default; ?demo=0 starts empty.
if (new URLSearchParams(location.search).get('demo') !== '0') void loadDemo();
else publish('idle');

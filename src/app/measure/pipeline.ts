/**
 * The browser's measurement pipeline (DOM-free): RoiStore + study tree + voxel reader -> every lesion
 * at every time point measured through the compute client -> measurements.json, kept current while
 * the reader edits. Only lesions whose masks (or the time point's liver reference) changed are
 * measured again; a newer request for a lesion supersedes the older (compute client key).
 */
import type { TimePointResponse } from '../../core/criteria';
import type { StudyNode, StudyTree } from '../../core/dicom/model';
import { toErrorInfo, type HccErrorInfo } from '../../core/errors';
import { lesionInputs, selectSeriesByRole, timePointInput, type LesionResult, type MeasureConfig, type MeasurementsDocument, type SeriesSelection } from '../../core/measure';
import type { LayerMask, RoiModel, TimePointModel } from '../../core/roi/model';
import type { Mask3D } from '../../core/types/volume';
import { sparseToMask3D } from '../../core/roi/sparse-mask';
import type { TimePointRois } from '../../core/roi/types';
import { isCancelled, type ComputeClient } from '../../compute/compute-client';
import type { RoiStore } from '../lesions/roi-store';
import { assemble, type AdcHistogramEntry, type AssembleTimePoint } from './assemble';
import { lesionKeyOf, sameSignature, signatureOf, type LesionSignature } from './lesion-keys';
import { readTimePointVolumes, type TimePointVolumes, type VoxelReader } from './time-point-volumes';

export interface PipelineError extends HccErrorInfo {
  /** Lesion key (`<study>/Lesion <n>`) or null for a time-point / study-level problem. */
  key: string | null;
  studyInstanceUid: string | null;
}

export interface MeasurementState {
  /** measurements.json of what is drawn; null until every drawn lesion has been measured once. */
  document: MeasurementsDocument | null;
  /** The response per follow-up in detail (units, nadirs, structured flags); same order as document.response. */
  response: TimePointResponse[];
  adcHistograms: AdcHistogramEntry[];
  /**
   * Enhancing (viable) voxels of every measured lesion by lesion key: the user's enhancing layer within
   * the tumour, else the automatic split. Each mask is on its own crop of the drawing grid (its origin
   * places it in patient space); necrotic = tumour minus enhancing. Absent when the split is unknown.
   */
  enhancingMasks: ReadonlyMap<string, Mask3D>;
  /** Keys of lesions being computed (their figures in `document` are the previous ones until done). */
  busy: string[];
  errors: PipelineError[];
  /** Time points of the model left out, with the reason (e.g. nothing drawn yet). */
  skipped: { studyInstanceUid: string; label: string; reason: string }[];
}

export type MeasurementListener = (state: MeasurementState) => void;

export interface MeasurePipelineOptions {
  tree: StudyTree;
  read: VoxelReader;
  store: RoiStore;
  config: MeasureConfig;
  client: ComputeClient;
  generator?: { name: string; version: string };
}

export interface MeasurePipeline {
  readonly state: MeasurementState;
  /** Calls the listener now and on every change; returns the unsubscribe function. */
  subscribe(listener: MeasurementListener): () => void;
  /** New method: every lesion is measured again. */
  setConfig(config: MeasureConfig): void;
  /** New study tree (e.g. a phase corrected by hand): voxels are read again, every lesion measured again. */
  setTree(tree: StudyTree): void;
  /** Resolves when nothing is in flight (tests, export). */
  idle(): Promise<MeasurementState>;
  dispose(): void;
}

interface Entry {
  studyInstanceUid: string;
  lesionNumber: number;
  signature: LesionSignature;
  generation: number;
  inFlight: boolean;
  outcome: { result: LesionResult } | { error: HccErrorInfo } | null;
}

interface StudyData {
  study: StudyNode;
  selection: SeriesSelection;
  volumes: Promise<TimePointVolumes> | null;
}

const GENERATOR = { name: 'hcc-response', version: '0.1.0' };

export function createMeasurePipeline(options: MeasurePipelineOptions): MeasurePipeline {
  const { store, client, read } = options;
  const generator = options.generator ?? GENERATOR;
  let tree = options.tree;
  let config = options.config;
  let configVersion = 0;
  let studies = new Map<string, StudyData>();
  const entries = new Map<string, Entry>();
  const listeners = new Set<MeasurementListener>();
  const idleWaiters: Array<(s: MeasurementState) => void> = [];
  let studyErrors: PipelineError[] = [];
  let disposed = false;
  let state: MeasurementState = { document: null, response: [], adcHistograms: [], enhancingMasks: new Map(), busy: [], errors: [], skipped: [] };

  const studyData = (uid: string): StudyData | null => {
    const known = studies.get(uid);
    if (known) return known;
    const study = tree.patients.flatMap((p) => p.studies).find((s) => s.studyInstanceUid === uid);
    if (study === undefined) return null;
    const data: StudyData = { study, selection: selectSeriesByRole(study), volumes: null };
    studies.set(uid, data);
    return data;
  };

  /** The model's time points that are measured: in study order, up to the last one with anything drawn. */
  const included = (model: RoiModel): { tp: TimePointModel; data: StudyData }[] => {
    const known: { tp: TimePointModel; data: StudyData }[] = [];
    studyErrors = [];
    for (const tp of model.timePoints) {
      const data = studyData(tp.studyInstanceUid);
      if (data) known.push({ tp, data });
      else {
        studyErrors.push({
          key: null, studyInstanceUid: tp.studyInstanceUid, code: 'INVALID_INPUT',
          message: `the lesions of study ${tp.studyInstanceUid} cannot be measured: that study is not loaded`,
        });
      }
    }
    known.sort((a, b) => a.data.study.timePointIndex - b.data.study.timePointIndex);
    const drawn = (tp: TimePointModel): boolean => tp.lesions.some((l) => l.tumour !== null || l.enhancing !== null);
    let last = -1;
    known.forEach((k, i) => (drawn(k.tp) ? (last = i) : undefined));
    return known.slice(0, last + 1);
  };

  const sync = (): void => {
    if (disposed) return;
    const model = store.model;
    const wanted = new Set<string>();
    for (const { tp, data } of included(model)) {
      for (const layers of tp.lesions) {
        if (layers.tumour === null && layers.enhancing === null) continue;
        const key = lesionKeyOf(tp.studyInstanceUid, layers.lesionNumber);
        wanted.add(key);
        const signature = signatureOf(tp, layers, configVersion);
        const entry = entries.get(key);
        if (entry && sameSignature(entry.signature, signature)) continue;
        const next: Entry = entry ?? { studyInstanceUid: tp.studyInstanceUid, lesionNumber: layers.lesionNumber, signature, generation: 0, inFlight: false, outcome: null };
        next.signature = signature;
        entries.set(key, next);
        void measure(key, next, tp, data);
      }
    }
    for (const [key, entry] of entries) {
      if (wanted.has(key)) continue;
      if (entry.inFlight) client.cancel(key);
      entries.delete(key);
    }
    publish();
  };

  const measure = async (key: string, entry: Entry, tp: TimePointModel, data: StudyData): Promise<void> => {
    const generation = ++entry.generation;
    entry.inFlight = true;
    const current = (): boolean => !disposed && entries.get(key) === entry && entry.generation === generation;
    try {
      data.volumes ??= readTimePointVolumes(data.study, read);
      const { volumes } = await data.volumes;
      if (!current()) return;
      const rois = roisOf(tp, entry.lesionNumber);
      const roi = rois.lesions[0]!;
      const input = {
        ...lesionInputs(timePointInput(data.study, data.selection, volumes, rois), config)[0]!,
        // The boxes are known from the sparse masks: the crop need not scan the full-size masks again.
        boxes: { tumour: roi.tumourBox ?? null, enhancing: roi.enhancingBox ?? null, liverReference: rois.liverReferenceBox ?? null },
        // The response overlay and the SEG export show the split the figures were computed from.
        includeEnhancingMask: true,
      };
      const result = await client.measureLesion(input, { key });
      if (!current()) return;
      entry.outcome = { result };
    } catch (error) {
      // Superseded: the newer request owns the entry now.
      if (isCancelled(error) || !current()) return;
      // A failed read is tried again at the next edit rather than remembered for ever.
      if (data.volumes !== null) data.volumes.catch(() => (data.volumes = null));
      entry.outcome = { error: toErrorInfo(error, undefined, 'COMPUTE_FAILED') };
    }
    entry.inFlight = false;
    publish();
  };

  const publish = (): void => {
    if (disposed) return;
    const model = store.model;
    const times = included(model);
    const busy = [...entries].filter(([, e]) => e.inFlight).map(([k]) => k);
    const errors: PipelineError[] = [
      ...studyErrors,
      ...[...entries].flatMap(([key, e]): PipelineError[] =>
        e.outcome && 'error' in e.outcome ? [{ ...e.outcome.error, key, studyInstanceUid: e.studyInstanceUid }] : [],
      ),
    ];
    const skipped = model.timePoints
      .filter((tp) => !times.some((t) => t.tp.studyInstanceUid === tp.studyInstanceUid) && studyData(tp.studyInstanceUid) !== null)
      .map((tp) => ({ studyInstanceUid: tp.studyInstanceUid, label: studyData(tp.studyInstanceUid)!.study.label, reason: 'no lesion drawn at this or any later time point' }));
    let { document, response, adcHistograms } = state;
    const parts: AssembleTimePoint[] = [];
    let complete = true;
    for (const { tp, data } of times) {
      const outcomes = new Map<number, NonNullable<Entry['outcome']>>();
      for (const layers of tp.lesions) {
        const e = entries.get(lesionKeyOf(tp.studyInstanceUid, layers.lesionNumber));
        if (!e) continue;
        if (e.outcome) outcomes.set(layers.lesionNumber, e.outcome);
        else complete = false;
      }
      parts.push({ study: data.study, selection: data.selection, model: tp, outcomes });
    }
    if (times.length === 0) ({ document, response, adcHistograms } = { document: null, response: [], adcHistograms: [] });
    else if (complete) {
      try {
        ({ document, response, adcHistograms } = assemble(parts, model.lesions, config, generator));
      } catch (error) {
        errors.push({ ...toErrorInfo(error, undefined, 'COMPUTE_FAILED'), key: null, studyInstanceUid: null });
      }
    }
    const enhancingMasks = new Map<string, Mask3D>();
    for (const [key, e] of entries) if (e.outcome && 'result' in e.outcome && e.outcome.result.enhancingMask) enhancingMasks.set(key, e.outcome.result.enhancingMask);
    state = { document, response, adcHistograms, enhancingMasks, busy, errors, skipped };
    for (const l of [...listeners]) l(state);
    if (busy.length === 0) for (const w of idleWaiters.splice(0)) w(state);
  };

  const unsubscribe = store.subscribe(() => sync());
  sync();

  return {
    get state() {
      return state;
    },
    subscribe(listener) {
      listeners.add(listener);
      listener(state);
      return () => listeners.delete(listener);
    },
    setConfig(next) {
      config = next;
      configVersion++;
      sync();
    },
    setTree(next) {
      tree = next;
      studies = new Map();
      configVersion++;
      sync();
    },
    idle() {
      return state.busy.length === 0 ? Promise.resolve(state) : new Promise((resolve) => idleWaiters.push(resolve));
    },
    dispose() {
      disposed = true;
      unsubscribe();
      for (const [key, e] of entries) if (e.inFlight) client.cancel(key);
      listeners.clear();
    },
  };
}

/**
 * The contract ROIs of one lesion (and the time point's liver reference), densified on demand: only
 * the lesion being measured is expanded to full-size masks, not every lesion of the time point.
 */
function roisOf(tp: TimePointModel, lesionNumber: number): TimePointRois {
  const layers = tp.lesions.find((l) => l.lesionNumber === lesionNumber)!;
  const tumour = layers.tumour ? sparseToMask3D(layers.tumour.mask) : null;
  const enhancing = layers.enhancing ? sparseToMask3D(layers.enhancing.mask) : null;
  const liver = tp.liverReference ? denseReference(tp.liverReference) : null;
  return {
    studyInstanceUid: tp.studyInstanceUid,
    seriesInstanceUid: (layers.tumour ?? layers.enhancing)!.seriesId.split('#')[0]!,
    // target/organ do not change any figure; assemble() takes them from the model's definitions.
    lesions: [{ lesionNumber, target: true, organ: 'liver', tumour: tumour?.mask ?? null, enhancing: enhancing?.mask ?? null, tumourBox: tumour?.box ?? null, enhancingBox: enhancing?.box ?? null }],
    liverReference: liver?.mask ?? null,
    liverReferenceBox: liver?.box ?? null,
    nonTargetStatus: tp.nonTargetStatus,
    newLesion: tp.newLesion,
  };
}

/** The liver reference is shared by every lesion of a time point: expanded once per version of it. */
const referenceCache = new WeakMap<LayerMask, ReturnType<typeof sparseToMask3D>>();
function denseReference(layer: LayerMask): ReturnType<typeof sparseToMask3D> {
  let dense = referenceCache.get(layer);
  if (!dense) {
    dense = sparseToMask3D(layer.mask);
    referenceCache.set(layer, dense);
  }
  return dense;
}

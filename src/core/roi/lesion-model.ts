/**
 * Pure, immutable updates of the lesion model: lesions (add / renumber / delete / target flag) and
 * the per-time-point findings. Every function returns a new model and leaves its input untouched;
 * unchanged parts are shared, which is what keeps the undo history small (history.ts).
 */
import { HccError } from '../errors';
import type { LesionDefinition, LesionLayers, NonTargetStatus, RoiModel, TimePointModel } from './model';

const NON_TARGET_STATUSES: readonly NonTargetStatus[] = ['present', 'absent', 'unequivocalProgression'];

export function emptyTimePoint(studyInstanceUid: string): TimePointModel {
  return { studyInstanceUid, lesions: [], liverReference: null, nonTargetStatus: null, newLesion: false, otherSegments: [] };
}

/** A model with no lesions, one empty time point per study (baseline first). */
export function createRoiModel(patientId: string, studyInstanceUids: readonly string[]): RoiModel {
  if (new Set(studyInstanceUids).size !== studyInstanceUids.length) throw new HccError('INVALID_INPUT', 'a study is listed twice');
  return { patientId, lesions: [], timePoints: studyInstanceUids.map(emptyTimePoint) };
}

/** Adds a time point at the end (a follow-up study loaded later). */
export function addTimePoint(model: RoiModel, studyInstanceUid: string): RoiModel {
  if (model.timePoints.some((tp) => tp.studyInstanceUid === studyInstanceUid)) {
    throw new HccError('INVALID_INPUT', `study ${studyInstanceUid} is already a time point`);
  }
  return { ...model, timePoints: [...model.timePoints, emptyTimePoint(studyInstanceUid)] };
}

export function findTimePoint(model: RoiModel, studyInstanceUid: string): TimePointModel {
  const tp = model.timePoints.find((t) => t.studyInstanceUid === studyInstanceUid);
  if (tp === undefined) throw new HccError('INVALID_INPUT', `study ${studyInstanceUid} is not a time point of this model`);
  return tp;
}

export function updateTimePoint(model: RoiModel, studyInstanceUid: string, update: (tp: TimePointModel) => TimePointModel): RoiModel {
  const current = findTimePoint(model, studyInstanceUid);
  const next = update(current);
  if (next === current) return model;
  return { ...model, timePoints: model.timePoints.map((tp) => (tp === current ? next : tp)) };
}

export function findLesion(model: RoiModel, lesionNumber: number): LesionDefinition | undefined {
  return model.lesions.find((l) => l.lesionNumber === lesionNumber);
}

function requireLesion(model: RoiModel, lesionNumber: number): LesionDefinition {
  const lesion = findLesion(model, lesionNumber);
  if (lesion === undefined) throw new HccError('INVALID_INPUT', `there is no Lesion ${lesionNumber}`);
  return lesion;
}

function checkNumber(n: number): void {
  if (!Number.isInteger(n) || n < 1) throw new HccError('INVALID_INPUT', `a lesion number is a positive integer, got ${n}`);
}

const byNumber = <T extends { lesionNumber: number }>(a: T, b: T): number => a.lesionNumber - b.lesionNumber;

export interface AddLesionOptions {
  /** Default: one more than the highest number in use (gaps left by deleted lesions are not filled). */
  lesionNumber?: number;
  /** Default true. */
  target?: boolean;
  /** Default 'liver'. */
  organ?: string;
}

/** Adds `Lesion <n>`; it exists at every time point (drawn or not). */
export function addLesion(model: RoiModel, options: AddLesionOptions = {}): { model: RoiModel; lesionNumber: number } {
  const lesionNumber = options.lesionNumber ?? model.lesions.reduce((m, l) => Math.max(m, l.lesionNumber), 0) + 1;
  checkNumber(lesionNumber);
  if (findLesion(model, lesionNumber) !== undefined) throw new HccError('INVALID_INPUT', `Lesion ${lesionNumber} already exists`);
  const lesion: LesionDefinition = { lesionNumber, target: options.target ?? true, organ: options.organ ?? 'liver' };
  return { model: { ...model, lesions: [...model.lesions, lesion].sort(byNumber) }, lesionNumber };
}

/** Renames `Lesion <from>` to `Lesion <to>` at every time point (refused when `to` is taken). */
export function renumberLesion(model: RoiModel, from: number, to: number): RoiModel {
  requireLesion(model, from);
  checkNumber(to);
  if (from === to) return model;
  if (findLesion(model, to) !== undefined) throw new HccError('INVALID_INPUT', `Lesion ${to} already exists: delete or renumber it first`);
  const rename = <T extends { lesionNumber: number }>(x: T): T => (x.lesionNumber === from ? { ...x, lesionNumber: to } : x);
  return {
    ...model,
    lesions: model.lesions.map(rename).sort(byNumber),
    timePoints: model.timePoints.map((tp) =>
      tp.lesions.some((l) => l.lesionNumber === from) ? { ...tp, lesions: tp.lesions.map(rename).sort(byNumber) } : tp,
    ),
  };
}

/** Deletes a lesion and its masks at every time point (undo restores it). */
export function deleteLesion(model: RoiModel, lesionNumber: number): RoiModel {
  requireLesion(model, lesionNumber);
  return {
    ...model,
    lesions: model.lesions.filter((l) => l.lesionNumber !== lesionNumber),
    timePoints: model.timePoints.map((tp) =>
      tp.lesions.some((l) => l.lesionNumber === lesionNumber) ? { ...tp, lesions: tp.lesions.filter((l) => l.lesionNumber !== lesionNumber) } : tp,
    ),
  };
}

export function setLesionTarget(model: RoiModel, lesionNumber: number, target: boolean): RoiModel {
  if (requireLesion(model, lesionNumber).target === target) return model;
  return { ...model, lesions: model.lesions.map((l) => (l.lesionNumber === lesionNumber ? { ...l, target } : l)) };
}

/** Non-target findings at one time point (null: not assessed). */
export function setNonTargetStatus(model: RoiModel, studyInstanceUid: string, status: NonTargetStatus | null): RoiModel {
  if (status !== null && !NON_TARGET_STATUSES.includes(status)) throw new HccError('INVALID_INPUT', `unknown non-target status "${String(status)}"`);
  return updateTimePoint(model, studyInstanceUid, (tp) => (tp.nonTargetStatus === status ? tp : { ...tp, nonTargetStatus: status }));
}

/** New lesion yes / no at one time point. */
export function setNewLesion(model: RoiModel, studyInstanceUid: string, newLesion: boolean): RoiModel {
  return updateTimePoint(model, studyInstanceUid, (tp) => (tp.newLesion === newLesion ? tp : { ...tp, newLesion }));
}

/** A lesion's masks at one time point (null when nothing is drawn there). */
export function lesionLayers(model: RoiModel, studyInstanceUid: string, lesionNumber: number): LesionLayers | null {
  return findTimePoint(model, studyInstanceUid).lesions.find((l) => l.lesionNumber === lesionNumber) ?? null;
}

import path from 'node:path';
import { toErrorInfo, type HccErrorInfo } from '../core/errors';
import type { InstanceHeader, Phase, StudyTree } from '../core/dicom/model';
import { parseInstance } from '../core/dicom/parse';
import { buildStudyTree } from '../core/dicom/group';
import { summarizeNonImage, type NonImageSummary } from '../core/dicom/object-summary';
import { collectPaths, readFileBytes } from './read-files';

/** A DICOM SEG found among the inputs, with its bytes (small) for import. */
export interface SegmentationFile extends NonImageSummary {
  path: string;
  bytes: Uint8Array;
}

export interface LoadedInputs {
  tree: StudyTree;
  segmentations: SegmentationFile[];
  /** Structured reports and other non-image objects that were recognised (not errors). */
  otherObjects: NonImageSummary[];
  filesRead: number;
}

/**
 * Parses every file under the given paths, one at a time (only headers are kept, so memory stays
 * flat for large studies), and groups them. Non-image objects (SEG, SR) are recognised and routed,
 * not listed as unreadable images. File names in errors are relative to cwd.
 */
export function loadInputs(inputs: readonly string[], cwd: string, phaseOverrides?: Record<string, Phase>): LoadedInputs {
  const { files, errors } = collectPaths(inputs, cwd);
  const headers: InstanceHeader[] = [];
  const allErrors: HccErrorInfo[] = errors.map((e) => ({ ...e, fileName: display(e.fileName ?? '', cwd) }));
  const segmentations: SegmentationFile[] = [];
  const otherObjects: NonImageSummary[] = [];
  for (const file of files) {
    const name = display(file, cwd);
    let bytes: Uint8Array;
    try {
      bytes = readFileBytes(file);
      headers.push(parseInstance(bytes, name));
      continue;
    } catch (error) {
      const info = toErrorInfo(error, name);
      const routed = info.code === 'NOT_AN_IMAGE' || info.code === 'UNSUPPORTED_IMAGE' ? routeNonImage(bytes!, name) : null;
      if (routed?.kind === 'segmentation') segmentations.push({ ...routed, path: file, bytes: bytes! });
      else if (routed?.kind === 'structured-report') otherObjects.push(routed);
      else allErrors.push(info);
    }
  }
  const tree = buildStudyTree(headers, allErrors, phaseOverrides ? { phaseOverrides } : undefined);
  return { tree, segmentations, otherObjects, filesRead: files.length + errors.length };
}

function routeNonImage(bytes: Uint8Array, name: string): NonImageSummary | null {
  try {
    return summarizeNonImage(bytes, name);
  } catch {
    return null;
  }
}

/** The study tree of the given paths (images only). */
export function loadStudyTree(inputs: readonly string[], cwd: string, phaseOverrides?: Record<string, Phase>): StudyTree {
  return loadInputs(inputs, cwd, phaseOverrides).tree;
}

function display(file: string, cwd: string): string {
  const rel = path.relative(cwd, file);
  return rel && !rel.startsWith('..') ? rel : file;
}

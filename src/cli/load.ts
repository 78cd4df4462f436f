import path from 'node:path';
import { toErrorInfo, type HccErrorInfo } from '../core/errors';
import type { InstanceHeader, Phase, StudyTree } from '../core/dicom/model';
import { parseInstance } from '../core/dicom/parse';
import { buildStudyTree } from '../core/dicom/group';
import { collectPaths, readFileBytes } from './read-files';

/**
 * Parses every file under the given paths, one at a time (only headers are kept, so memory stays
 * flat for large studies), and groups them. File names in errors are relative to cwd.
 */
export function loadStudyTree(inputs: readonly string[], cwd: string, phaseOverrides?: Record<string, Phase>): StudyTree {
  const { files, errors } = collectPaths(inputs, cwd);
  const headers: InstanceHeader[] = [];
  const allErrors: HccErrorInfo[] = errors.map((e) => ({ ...e, fileName: display(e.fileName ?? '', cwd) }));
  for (const file of files) {
    const name = display(file, cwd);
    try {
      headers.push(parseInstance(readFileBytes(file), name));
    } catch (error) {
      allErrors.push(toErrorInfo(error, name));
    }
  }
  return buildStudyTree(headers, allErrors, phaseOverrides ? { phaseOverrides } : undefined);
}

function display(file: string, cwd: string): string {
  const rel = path.relative(cwd, file);
  return rel && !rel.startsWith('..') ? rel : file;
}

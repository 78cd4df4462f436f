import { toErrorInfo } from '../errors';
import type { HccErrorInfo } from '../errors';
import { buildStudyTree } from './group';
import type { BuildTreeOptions } from './group';
import type { InstanceHeader, StudyTree } from './model';
import { parseInstance } from './parse';

export { overridePhase } from './tree';
export type IngestOptions = BuildTreeOptions;

/**
 * Files -> StudyTree. Every file that cannot be used is listed in `errors` with its code, name and reason;
 * the rest loads. Volumes are classified per study by the phase rules, then user overrides apply.
 */
export function ingestFiles(files: ReadonlyArray<{ name: string; bytes: Uint8Array }>, options: IngestOptions = {}): StudyTree {
  const errors: HccErrorInfo[] = [];
  const instances: InstanceHeader[] = [];
  for (const file of files) {
    try {
      instances.push(parseInstance(file.bytes, file.name));
    } catch (error) {
      errors.push(toErrorInfo(error, file.name));
    }
  }
  return buildStudyTree(instances, errors, options);
}

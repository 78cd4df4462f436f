/** Test helper: the phantom study ingested as the app does it, with its ground truth. */
import { loadStudyTree } from '../../cli/load';
import type { StudyTree } from '../../core/dicom/model';
import { ensurePhantom } from '../../../test-data/phantom/cache';
import type { PhantomTruth } from '../../../test-data/phantom/truth';

export async function phantomTree(size: [number, number, number] = [64, 64, 20]): Promise<{ tree: StudyTree; truth: PhantomTruth; dir: string }> {
  const { dir, truth } = await ensurePhantom({ seed: 42, size, variants: true });
  const tree = loadStudyTree([`${dir}/baseline`, `${dir}/follow-up`], dir);
  return { tree, truth, dir };
}

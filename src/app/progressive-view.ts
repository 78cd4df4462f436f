import type { StudyTree } from '../core/dicom/model';
import type { FileLocator, HccViewer } from '../viewer';

const studyUids = (tree: StudyTree): string[] => tree.patients[0]?.studies.map((s) => s.studyInstanceUid) ?? [];

/**
 * Hands the trees of one progressive load to the reading room in order: the first is shown, the
 * next ones (more series read, then the final tree) update it in place. Only when the time points
 * differ from those shown (a folder whose first file could not be read held another study) is the
 * room shown anew. A newer load cancels this one.
 */
export class ProgressiveView {
  private chain: Promise<unknown>;
  private shownStudies: string[] | null = null;
  private shown: Promise<void> = Promise.resolve();
  private cancelled = false;

  constructor(
    viewer: Promise<HccViewer>,
    private readonly locate: FileLocator,
    private readonly startedAtMs: number,
  ) {
    this.chain = viewer;
  }

  /** A provisional tree: errors here surface with the final tree. */
  provisional(tree: StudyTree): void {
    this.apply(tree, true).catch(() => undefined);
  }

  /** The final tree; resolves once every viewport shows its first image. */
  async final(tree: StudyTree): Promise<void> {
    await this.apply(tree, false);
    await this.shown;
  }

  /** Resolves once every tree handed over so far is in the room (its files are known to the viewer). */
  async applied(): Promise<void> {
    await this.chain;
  }

  cancel(): void {
    this.cancelled = true;
  }

  private apply(tree: StudyTree, provisional: boolean): Promise<unknown> {
    this.chain = this.chain.then((viewer) => {
      const v = viewer as HccViewer;
      if (this.cancelled) return v;
      const uids = studyUids(tree);
      if (this.shownStudies !== null && uids.length === this.shownStudies.length && uids.every((u, i) => u === this.shownStudies![i])) {
        v.update(tree, provisional);
      } else {
        this.shownStudies = uids;
        this.shown = v.show(tree, this.locate, this.startedAtMs, provisional);
        // a provisional show that fails is superseded by the next tree; the final one is awaited
        this.shown.catch(() => undefined);
      }
      return v;
    });
    return this.chain;
  }
}

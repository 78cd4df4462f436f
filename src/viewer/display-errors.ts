import type { HccErrorInfo } from '../core/errors';

/**
 * Files that parsed (their header is fine) but whose pixels Cornerstone could not decode: one entry
 * per file, named as the user named it, for the app's error panel beside the files that did not parse.
 */
export class DisplayErrors {
  private readonly byFile = new Map<string, HccErrorInfo>();

  /** Records a file once; returns true when it was new. */
  add(fileName: string, reason: string): boolean {
    if (this.byFile.has(fileName)) return false;
    this.byFile.set(fileName, { code: 'READ_FAILED', fileName, message: `parsed, but the image could not be displayed: ${reason}` });
    return true;
  }

  list(): HccErrorInfo[] {
    return [...this.byFile.values()];
  }

  clear(): void {
    this.byFile.clear();
  }
}

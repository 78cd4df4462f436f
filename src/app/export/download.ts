/** A file download from memory: a Blob URL on an <a download> (what browsers and Playwright expect). */
import type { ExportFile } from '../../core/export';

export function downloadFile(doc: Document, file: ExportFile): void {
  const blob = new Blob([file.data as BlobPart], { type: file.mediaType });
  const url = URL.createObjectURL(blob);
  const a = doc.createElement('a');
  a.href = url;
  a.download = file.name;
  a.hidden = true;
  doc.body.append(a);
  a.click();
  a.remove();
  // The click has started the download; the URL is released on the next turn.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

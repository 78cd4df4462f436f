/**
 * "Copy report": the report text to the clipboard. When the clipboard is refused (no permission, no
 * secure context), the text is shown in a read-only text area, selected, so Ctrl+C copies it.
 */
export type CopyOutcome = 'copied' | 'selected';

export async function copyReport(text: string, fallback: HTMLTextAreaElement): Promise<CopyOutcome> {
  try {
    if (!navigator.clipboard) throw new Error('no clipboard');
    await navigator.clipboard.writeText(text);
    fallback.hidden = true;
    return 'copied';
  } catch {
    fallback.value = text;
    fallback.hidden = false;
    fallback.focus();
    fallback.select();
    return 'selected';
  }
}

/**
 * HTML as strings: the panel renders to text (testable in node without a DOM) and is put into the page
 * with one innerHTML per update. Every value from data goes through `esc`.
 */

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export const esc = (text: string | number): string => String(text).replace(/[&<>"']/g, (c) => ESCAPES[c]!);

export type Attrs = Record<string, string | number | boolean | null | undefined>;

/** ` name="value"` pairs; false / null / undefined leave the attribute out, true writes it bare. */
export function attrs(a: Attrs): string {
  return Object.entries(a)
    .filter(([, v]) => v !== false && v !== null && v !== undefined)
    .map(([k, v]) => (v === true ? ` ${k}` : ` ${k}="${esc(v as string | number)}"`))
    .join('');
}

/** One element; `inner` is already HTML (escape text with esc). */
export const el = (tag: string, a: Attrs, inner = ''): string => `<${tag}${attrs(a)}>${inner}</${tag}>`;

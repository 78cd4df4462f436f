/**
 * Segment labels of DESIGN.md "ROI naming" -> their role in the lesion model. Matching ignores case
 * and repeated or surrounding spaces ("lesion  2 Enhancing" is Lesion 2's enhancing part), because
 * other tools retype labels; anything else is an 'other' segment and keeps its label.
 */
export type SegmentRole =
  | { kind: 'tumour'; lesionNumber: number }
  | { kind: 'enhancing'; lesionNumber: number }
  /** `Lesion <n> necrotic`: written by our SEG export as tumour minus enhancing; always derived. */
  | { kind: 'necrotic'; lesionNumber: number }
  | { kind: 'liverReference' }
  | { kind: 'other' };

const LESION = /^lesion (\d+)(?: (enhancing|necrotic))?$/;

export function segmentRole(label: string): SegmentRole {
  const text = label.trim().replace(/\s+/g, ' ').toLowerCase();
  if (text === 'liver reference') return { kind: 'liverReference' };
  const m = LESION.exec(text);
  if (m === null) return { kind: 'other' };
  const lesionNumber = Number(m[1]);
  if (!Number.isSafeInteger(lesionNumber) || lesionNumber < 1) return { kind: 'other' };
  if (m[2] === 'enhancing') return { kind: 'enhancing', lesionNumber };
  if (m[2] === 'necrotic') return { kind: 'necrotic', lesionNumber };
  return { kind: 'tumour', lesionNumber };
}

/** Typed access to a naturalized SR content tree (as dcmjs reads it): codes, values, children. */
import type { NaturalDataset } from './dicom-io';
import { sameConcept, type Code } from './codes';

export type Item = NaturalDataset;

export function seq(item: Item, keyword: string): Item[] {
  const value = item[keyword];
  if (Array.isArray(value)) return value.filter((v): v is Item => typeof v === 'object' && v !== null);
  return typeof value === 'object' && value !== null ? [value as Item] : [];
}

export function str(item: Item, keyword: string): string | null {
  const value = item[keyword];
  const first = Array.isArray(value) ? value[0] : value;
  if (typeof first === 'string') return first.trim();
  if (typeof first === 'number') return String(first);
  return null;
}

export function num(item: Item, keyword: string): number | null {
  const value = item[keyword];
  const first = Array.isArray(value) ? value[0] : value;
  const n = typeof first === 'number' ? first : typeof first === 'string' && first.trim() !== '' ? Number(first) : NaN;
  return Number.isFinite(n) ? n : null;
}

/** The first code of a code sequence, or null. */
export function codeOf(item: Item, keyword: string): Code | null {
  const c = seq(item, keyword)[0];
  if (c === undefined) return null;
  const value = str(c, 'CodeValue');
  const scheme = str(c, 'CodingSchemeDesignator');
  return value === null || scheme === null ? null : { value, scheme, meaning: str(c, 'CodeMeaning') ?? '' };
}

export const conceptName = (item: Item): Code | null => codeOf(item, 'ConceptNameCodeSequence');
export const children = (item: Item): Item[] => seq(item, 'ContentSequence');
export const is = (c: Code | null, target: Code): boolean => c !== null && sameConcept(c, target);

/** First child with this concept name. */
export function child(item: Item, name: Code): Item | undefined {
  return children(item).find((c) => is(conceptName(c), name));
}

export function templateId(item: Item): string | null {
  const t = seq(item, 'ContentTemplateSequence')[0];
  return t === undefined ? null : str(t, 'TemplateIdentifier');
}

/** A NUM item's value (exact FloatingPointValue when present, else NumericValue) and unit code. */
export function measured(item: Item): { value: number; unit: string } | null {
  const mv = seq(item, 'MeasuredValueSequence')[0];
  if (mv === undefined) return null;
  const value = num(mv, 'FloatingPointValue') ?? num(mv, 'NumericValue');
  const unit = codeOf(mv, 'MeasurementUnitsCodeSequence');
  return value === null || unit === null ? null : { value, unit: unit.value };
}

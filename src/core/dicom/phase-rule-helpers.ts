import type { SeriesVolume } from './model';
import { descriptionOf, protocolOf } from './phase-context';
import { findKeywords, quoteList, type KeywordGroup } from './phase-keywords';

export type NameField = 'SeriesDescription' | 'ProtocolName';

export function nameOf(v: SeriesVolume, field: NameField): string {
  return field === 'SeriesDescription' ? descriptionOf(v) : protocolOf(v);
}

/** "SeriesDescription 't1_vibe_fs_tra_art' contains 'art' (arterial keyword)", or null. */
export function keywordEvidence(v: SeriesVolume, field: NameField, group: KeywordGroup): string | null {
  const name = nameOf(v, field);
  const found = findKeywords(name, group);
  return found.length > 0 ? `${field} '${name}' contains ${quoteList(found)} (${group.meaning})` : null;
}

/** Builds an evaluate function for a keyword rule. */
export function byKeyword(field: NameField, group: KeywordGroup): (v: SeriesVolume) => string | null {
  return (v) => keywordEvidence(v, field, group);
}

/** ImageType values (upper case) that are among `wanted`. */
export function imageTypeHas(v: SeriesVolume, wanted: readonly string[]): string[] {
  const types = v.imageType.length > 0 ? v.imageType : v.header.imageType;
  return types.map((t) => t.trim().toUpperCase()).filter((t) => wanted.includes(t));
}

export function imageTypeText(v: SeriesVolume): string {
  const types = v.imageType.length > 0 ? v.imageType : v.header.imageType;
  return types.join('\\');
}

export function ordinal(n: number): string {
  const s = n % 100 >= 11 && n % 100 <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${s}`;
}

/**
 * Typed builders of SR content items as naturalized data sets (PS3.3 C.17.3): the few value types a
 * TID 1500 report needs. dcmjs writes them (dicom-io.ts); its own SR templates are not used because in
 * 0.52 they cannot build TID 1411 groups (REUSE.md section 9).
 */
import { codeItem, type Code } from './codes';
import { formatDs } from './context';
import type { NaturalDataset } from './dicom-io';

export type RelationshipType = 'CONTAINS' | 'HAS OBS CONTEXT' | 'HAS CONCEPT MOD' | 'HAS PROPERTIES' | 'INFERRED FROM';

export type ContentItem = NaturalDataset;

function item(relationship: RelationshipType, valueType: string, name: Code, children: readonly ContentItem[] = []): ContentItem {
  const out: ContentItem = { RelationshipType: relationship, ValueType: valueType, ConceptNameCodeSequence: [codeItem(name)] };
  if (children.length > 0) out['ContentSequence'] = [...children];
  return out;
}

/** CONTAINER; `templateId` records the DCMR template it follows (shown by dsrdump +Pt). */
export function containerItem(relationship: RelationshipType, name: Code, children: readonly ContentItem[], templateId?: string): ContentItem {
  const out = item(relationship, 'CONTAINER', name, children);
  out['ContinuityOfContent'] = 'SEPARATE';
  if (templateId !== undefined) out['ContentTemplateSequence'] = [{ MappingResource: 'DCMR', TemplateIdentifier: templateId }];
  return out;
}

export function textItem(relationship: RelationshipType, name: Code, text: string): ContentItem {
  return { ...item(relationship, 'TEXT', name), TextValue: text };
}

export function codeContentItem(relationship: RelationshipType, name: Code, value: Code, modifiers: readonly ContentItem[] = []): ContentItem {
  return { ...item(relationship, 'CODE', name, modifiers), ConceptCodeSequence: [codeItem(value)] };
}

export function uidRefItem(relationship: RelationshipType, name: Code, uid: string): ContentItem {
  return { ...item(relationship, 'UIDREF', name), UID: uid };
}

export function personNameItem(relationship: RelationshipType, name: Code, person: string): ContentItem {
  return { ...item(relationship, 'PNAME', name), PersonName: person };
}

/**
 * NUM with its value twice: NumericValue (DS, at most 16 characters) for every reader, and
 * FloatingPointValue (FD) with the exact double so a round trip loses nothing.
 */
export function numItem(relationship: RelationshipType, name: Code, value: number, unit: Code, modifiers: readonly ContentItem[] = []): ContentItem {
  return {
    ...item(relationship, 'NUM', name, modifiers),
    MeasuredValueSequence: [{ MeasurementUnitsCodeSequence: [codeItem(unit)], NumericValue: formatDs(value), FloatingPointValue: value }],
  };
}

/** IMAGE reference to segments of a SEG instance (TID 1411 "Referenced Segment"). */
export function segmentReferenceItem(relationship: RelationshipType, name: Code, sopClassUid: string, sopInstanceUid: string, segmentNumber: number): ContentItem {
  return {
    ...item(relationship, 'IMAGE', name),
    ReferencedSOPSequence: [{ ReferencedSOPClassUID: sopClassUid, ReferencedSOPInstanceUID: sopInstanceUid, ReferencedSegmentNumber: segmentNumber }],
  };
}

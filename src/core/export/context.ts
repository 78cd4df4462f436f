/**
 * What every DICOM export needs from its caller: UIDs and the content date/time. src/core may not
 * read the clock or a random source, so the caller supplies both; the same inputs give the same bytes.
 */
import { HccError } from '../errors';

/**
 * Returns the UID for a purpose key ('seg:<study>:instance', 'tracking:Lesion 1', ...). The same key
 * must give the same UID (the SEG and the SR share tracking UIDs), different keys different UIDs.
 */
export type MakeUid = (key: string) => string;

export interface DicomExportContext {
  makeUid: MakeUid;
  /** Content (and instance creation) date, YYYYMMDD. */
  contentDate: string;
  /** Content time, HHMMSS with optional fraction. */
  contentTime: string;
  /** Software version written into SoftwareVersions / the algorithm version (e.g. package version). */
  softwareVersion: string;
  /** Default 'hcc-response'. */
  manufacturer?: string;
  /** Person who made the content (SEG ContentCreatorName, SR Person Observer Name), DICOM PN 'Family^Given'. */
  operatorName?: string;
  /** Default: SEG 901, SR 902 (high numbers keep derived series after the acquired ones). */
  seriesNumber?: number;
  /** Default 1. */
  instanceNumber?: number;
}

export const DEFAULT_MANUFACTURER = 'hcc-response';
/** Fixed implementation class UID of this software (2.25 UUID form, generated once for the project). */
export const IMPLEMENTATION_CLASS_UID = '2.25.3180258979550995031515835720318097867';

const UID_PATTERN = /^(0|[1-9]\d*)(\.(0|[1-9]\d*))*$/;
const MAX_UID_LENGTH = 64;
/** Longest FNV-1a 64-bit suffix: 2^64 has 20 decimal digits. */
const MAX_SUFFIX_DIGITS = 20;

export function isValidUid(uid: string): boolean {
  return uid.length <= MAX_UID_LENGTH && UID_PATTERN.test(uid);
}

/** FNV-1a 64-bit over the UTF-8 bytes of `key`: order-independent, so two factories on one root agree. */
function fnv1a64(key: string): bigint {
  let hash = 0xcbf29ce484222325n;
  for (const byte of new TextEncoder().encode(key)) {
    hash ^= BigInt(byte);
    hash = (hash * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return hash;
}

/**
 * Deterministic UIDs under `root`: `<root>.<hash(key) + 1>`. The caller picks a root unique to the
 * export session (the app derives one from a UUID, `2.25.<uuid as integer>` style, tests a fixed one):
 * the same root and key always give the same UID.
 */
export function uidFactory(root: string): MakeUid {
  if (!UID_PATTERN.test(root) || root.length + 1 + MAX_SUFFIX_DIGITS > MAX_UID_LENGTH) {
    throw new HccError('INVALID_INPUT', `UID root must be a dotted numeric UID of at most ${MAX_UID_LENGTH - 1 - MAX_SUFFIX_DIGITS} characters, got '${root}'`);
  }
  return (key) => `${root}.${(fnv1a64(key) + 1n).toString()}`;
}

/** Checks the context once per export, so a bad date or UID fails loudly instead of writing an invalid file. */
export function checkContext(context: DicomExportContext): void {
  if (!/^\d{8}$/.test(context.contentDate)) {
    throw new HccError('INVALID_INPUT', `contentDate must be YYYYMMDD, got '${context.contentDate}'`);
  }
  if (!/^\d{6}(\.\d{1,6})?$/.test(context.contentTime)) {
    throw new HccError('INVALID_INPUT', `contentTime must be HHMMSS[.ffffff], got '${context.contentTime}'`);
  }
}

/** A UID from the context, checked (a bad makeUid would otherwise produce an invalid file silently). */
export function uid(context: DicomExportContext, key: string): string {
  const value = context.makeUid(key);
  if (!isValidUid(value)) throw new HccError('INVALID_INPUT', `makeUid('${key}') returned an invalid UID '${value}'`);
  return value;
}

/**
 * A number as a DICOM DS string (at most 16 characters): the shortest round-trip form when it fits,
 * otherwise as many significant digits as fit.
 */
export function formatDs(value: number): string {
  if (!Number.isFinite(value)) throw new HccError('INVALID_INPUT', `cannot write ${value} as a DICOM decimal`);
  const plain = String(value);
  if (plain.length <= 16) return plain;
  for (let digits = 15; digits >= 1; digits -= 1) {
    const text = Number(value.toPrecision(digits)).toString();
    if (text.length <= 16) return text;
    const exp = value.toExponential(digits - 1).replace('e+', 'e');
    if (exp.length <= 16) return exp;
  }
  throw new HccError('INVALID_INPUT', `cannot fit ${value} in a DICOM decimal`);
}

/** Random bytes behind a fresh UID root (at least 16: a UUID's worth). */
export const UID_ROOT_RANDOM_BYTES = 16;

/**
 * The DICOM context of one export: a fresh 2.25 UID root from the caller's random bytes (UUID-derived,
 * so no registered root is needed, PS3.5 B.2), the content date and time from the caller's clock
 * (local time, as a reader expects to see it).
 */
export function exportContext(p: { randomBytes: Uint8Array; now: Date; softwareVersion: string }): DicomExportContext {
  if (p.randomBytes.length < UID_ROOT_RANDOM_BYTES) throw new HccError('INVALID_INPUT', `a UID root needs ${UID_ROOT_RANDOM_BYTES} random bytes, got ${p.randomBytes.length}`);
  const hex = [...p.randomBytes.subarray(0, UID_ROOT_RANDOM_BYTES)].map((b) => b.toString(16).padStart(2, '0')).join('');
  const root = `2.25.${BigInt(`0x${hex}`).toString().slice(0, 38)}`;
  const { now } = p;
  const pad = (n: number, w = 2): string => String(n).padStart(w, '0');
  return {
    makeUid: uidFactory(root),
    contentDate: `${now.getFullYear()}${pad(now.getMonth() + 1)}${pad(now.getDate())}`,
    contentTime: `${pad(now.getHours())}${pad(now.getMinutes())}${pad(now.getSeconds())}`,
    softwareVersion: p.softwareVersion,
  };
}

import type { DataSet } from 'dicom-parser';
import { PRIVATE_TAGS, TAGS, formatTag, getItems, getNumber, getString, getStrings, readNumberAs, resolvePrivateTag } from './tags';
import type { PrivateTagDef } from './tags';

export interface BValueReading {
  /** s/mm^2 */
  bValue: number;
  /** Which tag it came from, e.g. "(0018,9087)", "Siemens (0019,100C)". */
  source: string;
}

/** GE adds 1e9 to the b-value in (0043,1039) on some software versions. */
const GE_B_OFFSET = 1e9;
/** Beyond any clinical b-value; larger readings are taken as garbage, not as a b-value. */
const MAX_PLAUSIBLE_B = 20000;

const plausible = (b: number | null): b is number => b !== null && b >= 0 && b <= MAX_PLAUSIBLE_B;

/** DiffusionBValue (0018,9087), FD, at the top level of a classic image or inside an MRDiffusionSequence item. */
function standardBValue(ds: DataSet): BValueReading | null {
  const b = getNumber(ds, TAGS.DiffusionBValue);
  return plausible(b) ? { bValue: b, source: formatTag(TAGS.DiffusionBValue.tag) } : null;
}

/**
 * Private b-value tags repeat on non-diffusion images of the same vendor (e.g. Philips writes 0 on every
 * MR image, GE's (0043,1039) holds other numbers outside DWI), so they count only on diffusion images.
 */
function looksLikeDiffusion(ds: DataSet): boolean {
  const scanning = getStrings(ds, TAGS.ScanningSequence);
  if (scanning.includes('EP')) return true;
  if (getStrings(ds, TAGS.ImageType).some((v) => v.toUpperCase().includes('DIFFUSION'))) return true;
  if (getString(ds, TAGS.DiffusionDirectionality) !== '') return true;
  return /ep_b\d|diff/i.test(getString(ds, TAGS.SequenceName));
}

function privateBValue(ds: DataSet, def: PrivateTagDef): BValueReading | null {
  const tag = resolvePrivateTag(ds, def);
  if (tag === null) return null;
  // Decoded by the vendor's VR from the raw bytes: implicit-VR files and UN elements carry no usable VR.
  let b = readNumberAs(ds, tag, def.vr, 0);
  if (b === null) return null;
  if (def === PRIVATE_TAGS.GeBValue && b >= GE_B_OFFSET) b -= GE_B_OFFSET;
  return plausible(b) ? { bValue: b, source: def.label } : null;
}

/** 'b=800', 'b 800', 'b800' (not 'b800x' or 'abc800'). */
const COMMENT_B = /(?:^|[^a-z0-9])b\s*=?\s*(\d{1,5}(?:\.\d+)?)(?![\d.a-z])/i;

function commentBValue(ds: DataSet): BValueReading | null {
  const match = COMMENT_B.exec(getString(ds, TAGS.ImageComments));
  const b = match?.[1] === undefined ? null : Number(match[1]);
  return plausible(b) ? { bValue: b, source: `ImageComments ${formatTag(TAGS.ImageComments.tag)}` } : null;
}

/** b-value of a classic (single-frame) image: standard tag, then Siemens, GE, Philips, then ImageComments. */
export function readBValue(ds: DataSet): BValueReading | null {
  const standard = standardBValue(ds);
  if (standard !== null) return standard;
  if (looksLikeDiffusion(ds)) {
    for (const def of [PRIVATE_TAGS.SiemensBValue, PRIVATE_TAGS.GeBValue, PRIVATE_TAGS.PhilipsBValue]) {
      const reading = privateBValue(ds, def);
      if (reading !== null) return reading;
    }
  }
  return commentBValue(ds);
}

/** b-value of one frame of an enhanced MR image: MRDiffusionSequence in its per-frame group, else the shared group. */
export function readFrameBValue(perFrame: DataSet | undefined, shared: DataSet | undefined): BValueReading | null {
  for (const group of [perFrame, shared]) {
    if (group === undefined) continue;
    const item = getItems(group, TAGS.MRDiffusionSequence)[0];
    if (item === undefined) continue;
    const reading = standardBValue(item);
    if (reading !== null) return { bValue: reading.bValue, source: `MRDiffusionSequence ${reading.source}` };
  }
  return null;
}

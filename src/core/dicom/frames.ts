import type { DataSet } from 'dicom-parser';
import type { Vec3 } from '../types/volume';
import type { FrameHeader, PixelLocation } from './model';
import { readBValue, readFrameBValue } from './bvalues';
import {
  TAGS,
  getFixedNumbers,
  getItems,
  getNumber,
  getRescale,
  getTimeSec,
} from './tags';
import type { TagDef } from './tags';

type Iop = [number, number, number, number, number, number];

/** Where the frames' pixels are: the pixel element and the byte size of one uncompressed frame. */
export interface PixelLayout {
  encapsulated: boolean;
  dataOffset: number;
  frameBytes: number;
}

function pixelLocation(layout: PixelLayout | null, frameIndex: number): PixelLocation | null {
  if (layout === null) return null;
  if (layout.encapsulated) return { encapsulated: true };
  return { encapsulated: false, offset: layout.dataOffset + frameIndex * layout.frameBytes, length: layout.frameBytes };
}

function geometryOf(ds: DataSet): {
  imagePositionPatient: Vec3 | null;
  imageOrientationPatient: Iop | null;
  pixelSpacingMm: [number, number] | null;
} {
  const ipp = getFixedNumbers(ds, TAGS.ImagePositionPatient, 3);
  const iop = getFixedNumbers(ds, TAGS.ImageOrientationPatient, 6);
  const ps = getFixedNumbers(ds, TAGS.PixelSpacing, 2);
  return {
    imagePositionPatient: ipp === null ? null : (ipp as Vec3),
    imageOrientationPatient: iop === null ? null : (iop as Iop),
    pixelSpacingMm: ps === null ? null : (ps as [number, number]),
  };
}

const positive = (v: number | null): number | null => (v !== null && v > 0 ? v : null);

/** Frames of a classic image: every frame shares the top-level attributes. */
export function classicFrames(ds: DataSet, fileName: string, sopInstanceUid: string, frameCount: number, layout: PixelLayout | null): FrameHeader[] {
  const geometry = geometryOf(ds);
  const b = readBValue(ds);
  const rescale = getRescale(ds);
  const acquisitionTimeSec = getTimeSec(ds, TAGS.AcquisitionTime) ?? getTimeSec(ds, TAGS.AcquisitionDateTime);
  const frames: FrameHeader[] = [];
  for (let f = 0; f < frameCount; f++) {
    frames.push({
      fileName,
      sopInstanceUid,
      frameIndex: f,
      instanceNumber: getNumber(ds, TAGS.InstanceNumber),
      ...geometry,
      sliceThicknessMm: positive(getNumber(ds, TAGS.SliceThickness)),
      bValue: b?.bValue ?? null,
      bValueSource: b?.source ?? null,
      temporalPositionIdentifier: getNumber(ds, TAGS.TemporalPositionIdentifier),
      acquisitionTimeSec,
      rescaleSlope: rescale.slope,
      rescaleIntercept: rescale.intercept,
      pixel: pixelLocation(layout, f),
    });
  }
  return frames;
}

/** First item of a functional-group macro, looked up in the frame's own group first, then in the shared group. */
function macro(perFrame: DataSet | undefined, shared: DataSet | undefined, def: TagDef): DataSet | undefined {
  return (perFrame && getItems(perFrame, def)[0]) ?? (shared && getItems(shared, def)[0]);
}

export function isEnhanced(ds: DataSet): boolean {
  return ds.elements[TAGS.PerFrameFunctionalGroupsSequence.tag] !== undefined || ds.elements[TAGS.SharedFunctionalGroupsSequence.tag] !== undefined;
}

/** Shared functional group, for attributes that enhanced images keep there rather than at the top level. */
export function sharedGroup(ds: DataSet): DataSet | undefined {
  return getItems(ds, TAGS.SharedFunctionalGroupsSequence)[0];
}

export function perFrameGroups(ds: DataSet): DataSet[] {
  return getItems(ds, TAGS.PerFrameFunctionalGroupsSequence);
}

/**
 * Frames of an enhanced multi-frame image (e.g. Enhanced MR): geometry, b-value, timing and rescale come
 * from each frame's PerFrameFunctionalGroupsSequence item or the SharedFunctionalGroupsSequence, falling
 * back to top-level attributes (some converters put them there).
 */
export function enhancedFrames(ds: DataSet, fileName: string, sopInstanceUid: string, frameCount: number, layout: PixelLayout | null): FrameHeader[] {
  const shared = sharedGroup(ds);
  const perFrame = perFrameGroups(ds);
  const top = geometryOf(ds);
  const topRescale = getRescale(ds);
  const topTime = getTimeSec(ds, TAGS.AcquisitionTime) ?? getTimeSec(ds, TAGS.AcquisitionDateTime);
  const frames: FrameHeader[] = [];
  for (let f = 0; f < frameCount; f++) {
    const own = perFrame[f];
    const position = macro(own, shared, TAGS.PlanePositionSequence);
    const orientation = macro(own, shared, TAGS.PlaneOrientationSequence);
    const measures = macro(own, shared, TAGS.PixelMeasuresSequence);
    const content = macro(own, shared, TAGS.FrameContentSequence);
    const transform = macro(own, shared, TAGS.PixelValueTransformationSequence);
    const b = readFrameBValue(own, shared);
    const rescale = transform === undefined ? topRescale : getRescale(transform);
    const ipp = position && getFixedNumbers(position, TAGS.ImagePositionPatient, 3);
    const iop = orientation && getFixedNumbers(orientation, TAGS.ImageOrientationPatient, 6);
    const ps = measures && getFixedNumbers(measures, TAGS.PixelSpacing, 2);
    const thickness = (measures && getNumber(measures, TAGS.SliceThickness)) ?? getNumber(ds, TAGS.SliceThickness);
    const frameTime = content && getTimeSec(content, TAGS.FrameAcquisitionDateTime);
    frames.push({
      fileName,
      sopInstanceUid,
      frameIndex: f,
      instanceNumber: getNumber(ds, TAGS.InstanceNumber),
      imagePositionPatient: ipp ? (ipp as Vec3) : top.imagePositionPatient,
      imageOrientationPatient: iop ? (iop as Iop) : top.imageOrientationPatient,
      pixelSpacingMm: ps ? (ps as [number, number]) : top.pixelSpacingMm,
      sliceThicknessMm: positive(thickness),
      bValue: b?.bValue ?? null,
      bValueSource: b?.source ?? null,
      temporalPositionIdentifier: (content && getNumber(content, TAGS.TemporalPositionIndex)) ?? getNumber(ds, TAGS.TemporalPositionIdentifier),
      acquisitionTimeSec: frameTime ?? topTime,
      rescaleSlope: rescale.slope,
      rescaleIntercept: rescale.intercept,
      pixel: pixelLocation(layout, f),
    });
  }
  return frames;
}

/** First value of a numeric attribute at the top level, else in the shared group's macro (enhanced images). */
export function topOrShared(ds: DataSet, def: TagDef, macroDef?: TagDef, inMacro: TagDef = def): number | null {
  const top = getNumber(ds, def);
  if (top !== null || macroDef === undefined) return top;
  const shared = sharedGroup(ds);
  const item = macro(perFrameGroups(ds)[0], shared, macroDef);
  return item === undefined ? null : getNumber(item, inMacro);
}

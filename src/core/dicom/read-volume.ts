import { HccError } from '../errors';
import type { Volume3D } from '../types/volume';
import { TS_EXPLICIT_BE } from './dataset';
import type { SeriesVolume } from './model';
import { volumeGrid } from './volume-grid';

export { GRID_BREAKING_ISSUES } from './volume-grid';

interface SampleReader {
  (view: DataView, byteOffset: number): number;
}

function sampleReader(bitsAllocated: number, bitsStored: number, signed: boolean, littleEndian: boolean): SampleReader {
  const read: SampleReader =
    bitsAllocated === 8
      ? (v, o) => v.getUint8(o)
      : bitsAllocated === 16
        ? (v, o) => v.getUint16(o, littleEndian)
        : (v, o) => v.getUint32(o, littleEndian);
  const stored = Math.min(bitsStored, bitsAllocated);
  // Bits above BitsStored may hold overlays or garbage; keep the stored bits and sign-extend from there.
  if (stored === 32) return signed ? (v, o) => read(v, o) | 0 : read;
  const mask = 2 ** stored - 1;
  const sign = 2 ** (stored - 1);
  return signed
    ? (v, o) => {
        const raw = read(v, o) & mask;
        return raw >= sign ? raw - 2 ** stored : raw;
      }
    : (v, o) => read(v, o) & mask;
}

/**
 * Decodes an uncompressed volume into real values (RescaleSlope/Intercept applied per frame), indexed
 * i + j*columns + k*columns*rows with k in the volume's sorted (slice-normal) order.
 * Throws HccError: GEOMETRY_MISMATCH (no consistent grid), UNSUPPORTED_TRANSFER_SYNTAX (compressed pixels),
 * NO_PIXEL_DATA, TRUNCATED.
 */
export function readVolume(volume: SeriesVolume, getBytes: (fileName: string) => Uint8Array): Volume3D<Float32Array> {
  const grid = volumeGrid(volume);
  const name = volume.seriesDescription || volume.id;
  const compressed = volume.frames.find((f) => f.pixel?.encapsulated === true);
  if (compressed !== undefined) {
    throw new HccError(
      'UNSUPPORTED_TRANSFER_SYNTAX',
      `series "${name}" has compressed pixels (transfer syntax ${volume.transferSyntaxUid}); compressed images are decoded by the browser viewer, not by the node reader`,
      compressed.fileName,
    );
  }
  const { header } = volume;
  const [columns, rows, slices] = grid.dims;
  const bytesPerSample = header.bitsAllocated / 8;
  const frameBytes = columns * rows * bytesPerSample;
  const read = sampleReader(header.bitsAllocated, header.bitsStored, header.pixelRepresentation === 1, volume.transferSyntaxUid !== TS_EXPLICIT_BE);
  const data = new Float32Array(columns * rows * slices);
  const files = new Map<string, DataView>();

  volume.frames.forEach((frame, k) => {
    const pixel = frame.pixel;
    if (pixel === null || pixel.offset === undefined || pixel.length === undefined) {
      throw new HccError('NO_PIXEL_DATA', 'no pixel data for this frame', frame.fileName);
    }
    if (pixel.length !== frameBytes) {
      throw new HccError('GEOMETRY_MISMATCH', `frame ${frame.frameIndex + 1} holds ${pixel.length} bytes, the grid needs ${frameBytes}`, frame.fileName);
    }
    let view = files.get(frame.fileName);
    if (view === undefined) {
      const bytes = getBytes(frame.fileName);
      view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      files.set(frame.fileName, view);
    }
    if (pixel.offset + pixel.length > view.byteLength) {
      throw new HccError('TRUNCATED', `pixel data of frame ${frame.frameIndex + 1} runs past the end of the file`, frame.fileName);
    }
    const slope = frame.rescaleSlope;
    const intercept = frame.rescaleIntercept;
    const base = k * columns * rows;
    for (let p = 0, o = pixel.offset; p < columns * rows; p++, o += bytesPerSample) {
      data[base + p] = read(view, o) * slope + intercept;
    }
  });

  return { ...grid, data };
}

import { toErrorInfo, type HccErrorInfo } from '../core/errors';
import { parseInstance } from '../core/dicom/parse';
import type { InstanceHeader } from '../core/dicom/model';

export type ParseResult = { ok: true; header: InstanceHeader } | { ok: false; error: HccErrorInfo };

/** The ingest operations a worker exposes; the same object runs inline when workers are off. */
export const ingestApi = {
  /** Parses one file's header (the buffer is transferred in and dropped after parsing). */
  parseFile(name: string, buffer: ArrayBuffer): ParseResult {
    try {
      return { ok: true, header: parseInstance(new Uint8Array(buffer), name) };
    } catch (error) {
      return { ok: false, error: toErrorInfo(error, name) };
    }
  },
};

export type IngestApi = typeof ingestApi;

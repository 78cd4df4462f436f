import * as Comlink from 'comlink';
import { ingestApi, type IngestApi, type ParseResult } from './ingest-api';

export interface IngestClient {
  /** Parses one file. The caller's buffer is not touched: an exact copy is transferred to the worker. */
  parseFile(name: string, bytes: Uint8Array): Promise<ParseResult>;
  terminate(): void;
}

/** A header-parsing client backed by one Web Worker, or inline on this thread with { worker: false }. */
export function createIngestClient(options: { worker: boolean } = { worker: true }): IngestClient {
  if (!options.worker || typeof Worker === 'undefined') {
    return {
      parseFile: async (name, bytes) => ingestApi.parseFile(name, exactCopy(bytes)),
      terminate: () => undefined,
    };
  }
  const worker = new Worker(new URL('../../workers/ingest.worker.ts', import.meta.url), { type: 'module' });
  const remote = Comlink.wrap<IngestApi>(worker);
  return {
    parseFile: (name, bytes) => {
      const copy = exactCopy(bytes);
      return remote.parseFile(name, Comlink.transfer(copy, [copy]));
    },
    terminate: () => {
      remote[Comlink.releaseProxy]();
      worker.terminate();
    },
  };
}

/** Copies exactly the view's bytes (a view may sit inside a larger buffer: mind byteOffset). */
export function exactCopy(bytes: Uint8Array): ArrayBuffer {
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

import * as Comlink from 'comlink';
import { computeApi } from '../compute-api';
import type { ComputeEndpoint } from '../compute-client';

/**
 * A worker stand-in for tests: the compute API exposed over a MessageChannel (structured clone and
 * transfer exactly as between threads). `onPost` sees every message and its transfer list first.
 */
export function channelComputeEndpoint(onPost?: (message: unknown, transfer: Transferable[]) => void): ComputeEndpoint {
  const { port1, port2 } = new MessageChannel();
  Comlink.expose(computeApi, port1 as unknown as Comlink.Endpoint);
  const port = port2 as unknown as ComputeEndpoint & { close(): void; start(): void };
  return {
    postMessage(message: unknown, transfer?: Transferable[]) {
      onPost?.(message, transfer ?? []);
      port.postMessage(message, transfer ?? []);
    },
    addEventListener: port.addEventListener.bind(port),
    removeEventListener: port.removeEventListener.bind(port),
    start: () => port.start(),
    close: () => {
      port.close();
      (port1 as unknown as { close(): void }).close();
    },
  };
}

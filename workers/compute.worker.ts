// Measures lesions off the main thread. Only src/core (through the typed API) is imported here.
import * as Comlink from 'comlink';
import { computeApi } from '../src/compute/compute-api';

Comlink.expose(computeApi);

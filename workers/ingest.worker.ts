// Parses DICOM headers off the main thread. Only src/core is imported here.
import * as Comlink from 'comlink';
import { ingestApi } from '../src/compute/ingest-api';

Comlink.expose(ingestApi);

/** The DICOM export context in the browser: a fresh 2.25 UID root from crypto.getRandomValues, the local clock. */
import { exportContext, UID_ROOT_RANDOM_BYTES, type DicomExportContext } from '../../core/export/context';

export function browserExportContext(softwareVersion: string): DicomExportContext {
  return exportContext({ randomBytes: crypto.getRandomValues(new Uint8Array(UID_ROOT_RANDOM_BYTES)), now: new Date(), softwareVersion });
}

/** Whether the figures can be exported now, and the reason in words when not (DOM-free, no DICOM writer). */
import type { MeasurementState } from '../measure/pipeline';

/** Whether the figures can be exported now; when not, the reason in words for the buttons. */
export type ExportReadiness = { ready: true } | { ready: false; reason: string };

export function exportReadiness(state: MeasurementState | null): ExportReadiness {
  if (state === null) return { ready: false, reason: 'Open a study first.' };
  const n = state.busy.length;
  if (n > 0) return { ready: false, reason: `Measuring ${n} lesion${n === 1 ? '' : 's'}: export waits for the figures.` };
  if (state.document === null) return { ready: false, reason: 'Nothing to export yet: draw a lesion or import a DICOM SEG.' };
  const first = state.errors[0];
  if (first !== undefined) {
    const more = state.errors.length > 1 ? ` (and ${state.errors.length - 1} more)` : '';
    return { ready: false, reason: `Not exported while a measurement failed: ${first.key ?? first.fileName ?? 'study'}: ${first.message}${more}.` };
  }
  return { ready: true };
}

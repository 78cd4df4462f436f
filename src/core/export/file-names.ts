/** Names of the export files (no DICOM writer here: the app's first screen imports it). */

/** `seg-NN-<label>.dcm`: NN is the time point's index among those measured. */
export function segFileName(index: number, label: string): string {
  return `seg-${String(index).padStart(2, '0')}-${slug(label)}.dcm`;
}

const slug = (label: string): string => label.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

/**
 * Typed errors with a stable code. They cross comlink and JSON as plain objects (HccErrorInfo),
 * so callers test `code`, never `instanceof`.
 */
export type HccErrorCode =
  | 'NOT_DICOM'
  | 'TRUNCATED'
  | 'NO_PIXEL_DATA'
  | 'NOT_AN_IMAGE'
  | 'UNSUPPORTED_TRANSFER_SYNTAX'
  | 'UNSUPPORTED_IMAGE'
  /** A DICOM SEG this reader cannot place as binary masks (fractional, label-map, compressed, ...). */
  | 'UNSUPPORTED_SEG'
  | 'DUPLICATE_INSTANCE'
  | 'MISSING_TAG'
  | 'GEOMETRY_MISMATCH'
  | 'MISSING_PHASE'
  | 'READ_FAILED'
  | 'INVALID_INPUT'
  /** A computation superseded by a newer request for the same thing (compute client). */
  | 'CANCELLED'
  /** A worker failed for a reason that is not the input's (crashed, terminated, internal error). */
  | 'COMPUTE_FAILED';

export interface HccErrorInfo {
  code: HccErrorCode;
  message: string;
  /** File (name or path as the user gave it) the error is about, when there is one. */
  fileName?: string;
}

export class HccError extends Error {
  readonly code: HccErrorCode;
  readonly fileName: string | undefined;

  constructor(code: HccErrorCode, message: string, fileName?: string) {
    super(fileName ? `${fileName}: ${message}` : message);
    this.name = 'HccError';
    this.code = code;
    this.fileName = fileName;
  }

  toInfo(): HccErrorInfo {
    const reason = this.fileName && this.message.startsWith(`${this.fileName}: `)
      ? this.message.slice(this.fileName.length + 2)
      : this.message;
    return this.fileName === undefined
      ? { code: this.code, message: reason }
      : { code: this.code, message: reason, fileName: this.fileName };
  }
}

/** Turns anything thrown into an HccErrorInfo, keeping the code when it has one. */
export function toErrorInfo(error: unknown, fileName?: string, fallback: HccErrorCode = 'READ_FAILED'): HccErrorInfo {
  if (error instanceof HccError) {
    const info = error.toInfo();
    return fileName !== undefined && info.fileName === undefined ? { ...info, fileName } : info;
  }
  const message = error instanceof Error ? error.message : String(error);
  return fileName === undefined ? { code: fallback, message } : { code: fallback, message, fileName };
}

/**
 * Where the bytes of a file are: a local File/Blob (picker, dropped folder) or a URL (demo, server).
 * The viewer never holds file bytes itself: Cornerstone reads them when an image is needed.
 */
export type FileLocation = { kind: 'blob'; blob: Blob } | { kind: 'url'; url: string };
export type FileLocator = (fileName: string) => FileLocation | null;

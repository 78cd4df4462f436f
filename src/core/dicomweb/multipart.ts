/**
 * The parts of a multipart/related body (RFC 2387), as WADO-RS answers a retrieve: each part a DICOM
 * file after its own headers. Pure bytes in, bytes out (the CLI fetches; browsers use dicomweb-client).
 */
import { HccError } from '../errors';

/** The boundary of a multipart Content-Type (quoted or not); null when there is none. */
export function multipartBoundary(contentType: string): string | null {
  const m = /(?:^|;)\s*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  return m ? (m[1] ?? m[2] ?? null) : null;
}

function indexOf(haystack: Uint8Array, needle: Uint8Array, from: number): number {
  const first = needle[0]!;
  for (let i = haystack.indexOf(first, from); i >= 0 && i <= haystack.length - needle.length; i = haystack.indexOf(first, i + 1)) {
    let k = 1;
    while (k < needle.length && haystack[i + k] === needle[k]) k++;
    if (k === needle.length) return i;
  }
  return -1;
}

/** The bodies of the parts, in order (views into `body`). */
export function multipartParts(body: Uint8Array, contentType: string): Uint8Array[] {
  const boundary = multipartBoundary(contentType);
  if (!boundary) throw new HccError('INVALID_INPUT', `not a multipart answer (Content-Type: ${contentType || 'none'})`);
  const encoder = new TextEncoder();
  const delimiter = encoder.encode(`--${boundary}`);
  const headerEnd = encoder.encode('\r\n\r\n');
  const parts: Uint8Array[] = [];
  let at = indexOf(body, delimiter, 0);
  while (at >= 0) {
    const afterDelimiter = at + delimiter.length;
    // "--" right after a delimiter closes the body.
    if (body[afterDelimiter] === 0x2d && body[afterDelimiter + 1] === 0x2d) break;
    const headersEnd = indexOf(body, headerEnd, afterDelimiter);
    if (headersEnd < 0) throw new HccError('INVALID_INPUT', 'a multipart part has no end of headers');
    const start = headersEnd + headerEnd.length;
    const next = indexOf(body, delimiter, start);
    if (next < 0) throw new HccError('INVALID_INPUT', 'the multipart answer ends without its closing boundary');
    // The CRLF before the next delimiter belongs to the delimiter.
    const end = next >= 2 && body[next - 2] === 0x0d && body[next - 1] === 0x0a ? next - 2 : next;
    parts.push(body.subarray(start, end));
    at = next;
  }
  return parts;
}

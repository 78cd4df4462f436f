import { describe, expect, it } from 'vitest';
import { multipartBoundary, multipartParts } from './multipart';

const enc = new TextEncoder();
const bytes = (...chunks: (string | Uint8Array)[]): Uint8Array => {
  const arrays = chunks.map((c) => (typeof c === 'string' ? enc.encode(c) : c));
  const out = new Uint8Array(arrays.reduce((n, a) => n + a.length, 0));
  let o = 0;
  for (const a of arrays) (out.set(a, o), (o += a.length));
  return out;
};

describe('multipart/related (WADO-RS answers)', () => {
  it('boundaries quoted or not, among other parameters', () => {
    expect(multipartBoundary('multipart/related; type="application/dicom"; boundary=abc123')).toBe('abc123');
    expect(multipartBoundary('multipart/related; boundary="x y"; type=application/dicom')).toBe('x y');
    expect(multipartBoundary('application/dicom')).toBeNull();
  });

  it('parts after their headers, binary content with CRLF and dashes inside kept whole', () => {
    const dicom1 = Uint8Array.from([0x44, 0x49, 0x43, 0x4d, 0x0d, 0x0a, 0x2d, 0x2d, 0x00, 0xff]);
    const dicom2 = Uint8Array.from([1, 2, 3]);
    const body = bytes(
      '--B\r\nContent-Type: application/dicom\r\n\r\n', dicom1,
      '\r\n--B\r\nContent-Type: application/dicom\r\nContent-Length: 3\r\n\r\n', dicom2,
      '\r\n--B--\r\n',
    );
    const parts = multipartParts(body, 'multipart/related; type="application/dicom"; boundary=B');
    expect(parts.map((p) => [...p])).toEqual([[...dicom1], [...dicom2]]);
  });

  it('a body cut short or not multipart is refused in words', () => {
    expect(() => multipartParts(bytes('--B\r\nContent-Type: x\r\n\r\nabc'), 'multipart/related; boundary=B')).toThrow(/closing boundary/);
    expect(() => multipartParts(bytes('DICM'), 'application/dicom')).toThrow(/not a multipart answer/);
  });
});

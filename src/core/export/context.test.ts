import { describe, expect, it } from 'vitest';
import { HccError } from '../errors';
import { formatDs, isValidUid, uidFactory } from './context';

describe('uidFactory', () => {
  const make = uidFactory('1.2.826.0.1.3680043.10.999');

  it('gives valid UIDs under the root, the same for the same key, different for different keys', () => {
    const a = make('seg:1.2.3:instance');
    expect(a.startsWith('1.2.826.0.1.3680043.10.999.')).toBe(true);
    expect(isValidUid(a)).toBe(true);
    expect(make('seg:1.2.3:instance')).toBe(a);
    expect(uidFactory('1.2.826.0.1.3680043.10.999')('seg:1.2.3:instance')).toBe(a);
    const many = new Set(Array.from({ length: 1000 }, (_, i) => make(`tracking:Lesion ${i}`)));
    expect(many.size).toBe(1000);
  });

  it('matches FNV-1a 64 (reference vector: "a" -> 0xaf63dc4c8601ec8c) plus one', () => {
    expect(uidFactory('1.2')('a')).toBe(`1.2.${0xaf63dc4c8601ec8cn + 1n}`);
  });

  it('refuses roots that are not UIDs or leave no room for the 20-digit suffix', () => {
    expect(() => uidFactory('1.02.3')).toThrow(HccError);
    expect(() => uidFactory('abc')).toThrow(HccError);
    expect(() => uidFactory(`1.${'2'.repeat(50)}`)).toThrow(HccError);
  });
});

describe('formatDs', () => {
  it('keeps short numbers as they are and fits long ones in 16 characters', () => {
    expect(formatDs(0.7)).toBe('0.7');
    expect(formatDs(-125.5)).toBe('-125.5');
    expect(formatDs(1 / 3)).toBe('0.33333333333333');
    expect(formatDs(1 / 3).length).toBeLessThanOrEqual(16);
    expect(formatDs(-1.2345678901234567e-7).length).toBeLessThanOrEqual(16);
    expect(Number(formatDs(-1.2345678901234567e-7))).toBeCloseTo(-1.2345678901234567e-7, 15);
    expect(() => formatDs(Number.NaN)).toThrow(HccError);
  });
});

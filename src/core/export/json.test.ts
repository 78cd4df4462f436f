import { describe, expect, it } from 'vitest';
import { HccError } from '../errors';
import { serializeMeasurements } from './json';
import { parseMeasurements, validateMeasurements } from './json-validate';
import { sampleDocument } from './testing/fixtures';

describe('serializeMeasurements', () => {
  const doc = sampleDocument();
  const text = serializeMeasurements(doc);
  const parsed = JSON.parse(text) as Record<string, unknown>;

  it('keeps the DESIGN.md key order at every level', () => {
    expect(Object.keys(parsed)).toEqual(['schema', 'generator', 'method', 'timePoints', 'response']);
    const tp = (parsed['timePoints'] as Array<Record<string, unknown>>)[0] ?? {};
    expect(Object.keys(tp)).toEqual(['studyInstanceUid', 'studyDate', 'label', 'series', 'lesions']);
    expect(Object.keys(tp['series'] as object)).toEqual(['pre', 'arterial', 'portalVenous', 'delayed', 't2', 'dwi', 'adc']);
    const lesion = (tp['lesions'] as Array<Record<string, unknown>>)[0] ?? {};
    expect(Object.keys(lesion)).toEqual([
      'label', 'target', 'volumeMl', 'enhancingVolumeMl', 'necroticVolumeMl', 'enhancingFraction', 'longestDiameterMm',
      'perpendicularDiameterMm', 'viableLongestDiameterMm', 'viablePerpendicularDiameterMm', 'adc', 't1RatioToLiver',
      't2RatioToLiver', 't1HyperintenseFraction', 'flags',
    ]);
    expect(Object.keys(lesion['adc'] as object)).toEqual(['meanMm2s', 'medianMm2s', 'sdMm2s', 'p10Mm2s', 'p25Mm2s', 'p75Mm2s', 'p90Mm2s', 'voxels']);
    const response = (parsed['response'] as Array<Record<string, unknown>>)[0] ?? {};
    expect(Object.keys(response)).toEqual(['timePoint', 'vsBaseline', 'vsNadir', 'criteria', 'adcChangePct', 'flags']);
    expect(Object.keys(response['criteria'] as object)).toEqual(['recist11', 'who', 'mrecist', 'easl', 'qeasl', 'vrecist']);
    expect(Object.keys((response['criteria'] as Record<string, object>)['who'] ?? {})).toEqual(['category', 'sum', 'changeFromBaselinePct', 'changeFromNadirPct', 'reasons']);
  });

  it('keeps nulls, round-trips the document and is stable byte for byte', () => {
    expect(text).toContain('"adc": null');
    expect(text).toContain('"portalVenous": null');
    expect(JSON.parse(text)).toEqual(doc);
    expect(serializeMeasurements(sampleDocument())).toBe(text);
    expect(text.endsWith('}\n')).toBe(true);
  });

  it('writes nothing outside the schema and sorts free-form method keys', () => {
    const extra = sampleDocument() as unknown as Record<string, unknown>;
    extra['debug'] = true;
    extra['method'] = { zeta: 1, adcSource: 'fit', enhancement: { threshold: 0.4, kind: 'relative-threshold' }, alpha: 'x' };
    const out = JSON.parse(serializeMeasurements(extra as never)) as Record<string, Record<string, unknown>>;
    expect('debug' in out).toBe(false);
    expect(Object.keys(out['method'] ?? {})).toEqual(['enhancement', 'adcSource', 'alpha', 'zeta']);
    expect(Object.keys(out['method']?.['enhancement'] as object)).toEqual(['kind', 'threshold']);
  });

  it('refuses NaN and Infinity instead of silently writing null', () => {
    const bad = sampleDocument();
    const lesion = bad.timePoints[0]?.lesions[0];
    if (lesion) lesion.volumeMl = Number.NaN;
    expect(() => serializeMeasurements(bad)).toThrow(/timePoints\[0\]\.lesions\[0\]\.volumeMl/);
  });
});

describe('validateMeasurements', () => {
  const valid = (): Record<string, unknown> => JSON.parse(serializeMeasurements(sampleDocument())) as Record<string, unknown>;
  const lesion0 = (doc: Record<string, unknown>): Record<string, unknown> =>
    ((doc['timePoints'] as Array<Record<string, unknown>>)[0]?.['lesions'] as Array<Record<string, unknown>>)[0] ?? {};

  it('accepts a serialised document, with or without a nadir time point', () => {
    expect(validateMeasurements(valid())).toEqual({ valid: true, errors: [] });
    const doc = valid();
    const response = (doc['response'] as Array<Record<string, unknown>>)[0] ?? {};
    response['vsNadir'] = null;
    expect(validateMeasurements(doc)).toEqual({ valid: true, errors: [] });
    response['vsBaseline'] = null;
    expect(validateMeasurements(doc).errors).toEqual(['$.response[0].vsBaseline: expected number, got null']);
  });

  it('reports a missing key, even where null is allowed', () => {
    const doc = valid();
    delete lesion0(doc)['volumeMl'];
    expect(validateMeasurements(doc).errors).toEqual(['$.timePoints[0].lesions[0].volumeMl: missing (unknown values are null, never absent)']);
  });

  it('reports wrong types, null where not allowed, bad enums, dates and out-of-range indices', () => {
    const doc = valid();
    lesion0(doc)['volumeMl'] = '20';
    lesion0(doc)['target'] = null;
    lesion0(doc)['enhancingFraction'] = 60;
    const tp = (doc['timePoints'] as Array<Record<string, unknown>>)[0] ?? {};
    tp['studyDate'] = '20240115';
    const response = (doc['response'] as Array<Record<string, unknown>>)[0] ?? {};
    response['timePoint'] = 7;
    ((response['criteria'] as Record<string, Record<string, unknown>>)['easl'] ?? {})['category'] = 'XX';
    (doc['method'] as Record<string, unknown>)['adcSource'] = 'guess';
    expect(validateMeasurements(doc).errors).toEqual([
      "$.method.adcSource: expected one of map, fit, null, got 'guess'",
      '$.timePoints[0].studyDate: expected YYYY-MM-DD, got \'20240115\'',
      '$.timePoints[0].lesions[0].target: expected boolean, got null',
      "$.timePoints[0].lesions[0].volumeMl: expected number or null, got '20'",
      '$.timePoints[0].lesions[0].enhancingFraction: a fraction must be within 0..1, got 60',
      '$.response[0].timePoint: expected an integer in 0..1, got 7',
      "$.response[0].criteria.easl.category: expected one of CR, PR, SD, PD, NE, got 'XX'",
    ]);
  });

  it('checks the schema id and the shape of the whole', () => {
    expect(validateMeasurements([]).errors).toEqual(['$: expected an object, got an array']);
    const doc = valid();
    doc['schema'] = 'other@2';
    delete doc['response'];
    expect(validateMeasurements(doc).errors).toEqual(["$.schema: expected 'hcc-response/measurements@1', got 'other@2'", '$.response: missing']);
  });

  it('parseMeasurements returns the document or throws INVALID_INPUT naming the problems', () => {
    expect(parseMeasurements(serializeMeasurements(sampleDocument()))).toEqual(sampleDocument());
    try {
      parseMeasurements('{"schema": "hcc-response/measurements@1"}');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(HccError);
      expect((error as HccError).code).toBe('INVALID_INPUT');
      expect((error as HccError).message).toContain('$.generator: missing');
    }
    expect(() => parseMeasurements('{not json')).toThrow(/not JSON/);
  });
});

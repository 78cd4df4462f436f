/**
 * Checks a parsed measurements.json against hcc-response/measurements@1 (DESIGN.md): every key present,
 * the right type, null only where the schema allows it. Used by the tests and by import.
 */
import { CRITERION_IDS } from '../criteria/types';
import { HccError } from '../errors';
import { MEASUREMENTS_SCHEMA, type MeasurementsDocument } from '../measure/types';

export interface ValidationResult {
  valid: boolean;
  /** One line per problem: '<path>: <what is wrong>'. */
  errors: string[];
}

type Obj = Record<string, unknown>;
const CATEGORIES = ['CR', 'PR', 'SD', 'PD', 'NE'];
const SERIES_KEYS = ['pre', 'arterial', 'portalVenous', 'delayed', 't2', 'dwi', 'adc'];
const LESION_NUMBERS = [
  'volumeMl', 'enhancingVolumeMl', 'necroticVolumeMl', 'enhancingFraction', 'longestDiameterMm', 'perpendicularDiameterMm',
  'viableLongestDiameterMm', 'viablePerpendicularDiameterMm', 't1RatioToLiver', 't2RatioToLiver', 't1HyperintenseFraction',
];
const FRACTIONS = ['enhancingFraction', 't1HyperintenseFraction'];
const ADC_NUMBERS = ['meanMm2s', 'medianMm2s', 'sdMm2s', 'p10Mm2s', 'p25Mm2s', 'p75Mm2s', 'p90Mm2s', 'voxels'];

class Checker {
  readonly errors: string[] = [];
  fail(path: string, message: string): void {
    this.errors.push(`${path}: ${message}`);
  }
  /** The object at `path`, or null (with an error) when it is not one. */
  object(value: unknown, path: string): Obj | null {
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Obj;
    this.fail(path, value === undefined ? 'missing' : `expected an object, got ${describe(value)}`);
    return null;
  }
  array(value: unknown, path: string): unknown[] | null {
    if (Array.isArray(value)) return value;
    this.fail(path, value === undefined ? 'missing' : `expected an array, got ${describe(value)}`);
    return null;
  }
  /** Present and of the type; `nullable` allows null (never a missing key). */
  field(o: Obj, key: string, path: string, type: 'string' | 'number' | 'boolean', nullable = false): unknown {
    const p = `${path}.${key}`;
    if (!(key in o) || o[key] === undefined) this.fail(p, nullable ? 'missing (unknown values are null, never absent)' : 'missing');
    else if (o[key] === null) {
      if (!nullable) this.fail(p, `expected ${type}, got null`);
    } else if (typeof o[key] !== type || (type === 'number' && !Number.isFinite(o[key]))) {
      this.fail(p, `expected ${type}${nullable ? ' or null' : ''}, got ${describe(o[key])}`);
    } else return o[key];
    return null;
  }
  integer(o: Obj, key: string, path: string, min: number, max: number, nullable = false): void {
    const v = this.field(o, key, path, 'number', nullable);
    if (typeof v === 'number' && (!Number.isInteger(v) || v < min || v > max)) this.fail(`${path}.${key}`, `expected an integer in ${min}..${max}, got ${v}`);
  }
  strings(o: Obj, key: string, path: string): void {
    const list = this.array(o[key], `${path}.${key}`);
    list?.forEach((s, i) => {
      if (typeof s !== 'string') this.fail(`${path}.${key}[${i}]`, `expected a string, got ${describe(s)}`);
    });
  }
  oneOf(o: Obj, key: string, path: string, allowed: ReadonlyArray<string | null>): void {
    if (!(key in o)) this.fail(`${path}.${key}`, 'missing');
    else if (!allowed.includes(o[key] as string | null)) this.fail(`${path}.${key}`, `expected one of ${allowed.map(String).join(', ')}, got ${describe(o[key])}`);
  }
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'string' ? `'${value}'` : typeof value === 'number' ? String(value) : typeof value;
}

function checkLesion(c: Checker, value: unknown, path: string): void {
  const l = c.object(value, path);
  if (l === null) return;
  c.field(l, 'label', path, 'string');
  c.field(l, 'target', path, 'boolean');
  for (const key of LESION_NUMBERS) {
    const v = c.field(l, key, path, 'number', true);
    if (FRACTIONS.includes(key) && typeof v === 'number' && (v < 0 || v > 1)) c.fail(`${path}.${key}`, `a fraction must be within 0..1, got ${v}`);
  }
  if (!('adc' in l)) c.fail(`${path}.adc`, 'missing (unknown values are null, never absent)');
  else if (l['adc'] !== null) {
    const adc = c.object(l['adc'], `${path}.adc`);
    if (adc !== null) for (const key of ADC_NUMBERS) c.field(adc, key, `${path}.adc`, 'number');
  }
  c.strings(l, 'flags', path);
}

function checkTimePoint(c: Checker, value: unknown, path: string): void {
  const tp = c.object(value, path);
  if (tp === null) return;
  c.field(tp, 'studyInstanceUid', path, 'string');
  const date = c.field(tp, 'studyDate', path, 'string');
  if (typeof date === 'string' && !/^\d{4}-\d{2}-\d{2}$/.test(date)) c.fail(`${path}.studyDate`, `expected YYYY-MM-DD, got '${date}'`);
  c.field(tp, 'label', path, 'string');
  const series = c.object(tp['series'], `${path}.series`);
  if (series !== null) for (const key of SERIES_KEYS) c.field(series, key, `${path}.series`, 'string', true);
  c.array(tp['lesions'], `${path}.lesions`)?.forEach((l, i) => checkLesion(c, l, `${path}.lesions[${i}]`));
}

function checkResponse(c: Checker, value: unknown, path: string, timePoints: number): void {
  const r = c.object(value, path);
  if (r === null) return;
  const last = Math.max(0, timePoints - 1);
  c.integer(r, 'timePoint', path, 0, last);
  c.integer(r, 'vsBaseline', path, 0, last);
  // The RECIST 1.1 nadir time point; null when no complete sum exists to take it from.
  c.integer(r, 'vsNadir', path, 0, last, true);
  const criteria = c.object(r['criteria'], `${path}.criteria`);
  if (criteria !== null) {
    for (const id of CRITERION_IDS) {
      const p = `${path}.criteria.${id}`;
      const cr = c.object(criteria[id], p);
      if (cr === null) continue;
      c.oneOf(cr, 'category', p, CATEGORIES);
      for (const key of ['sum', 'changeFromBaselinePct', 'changeFromNadirPct']) c.field(cr, key, p, 'number', true);
      c.strings(cr, 'reasons', p);
    }
  }
  c.field(r, 'adcChangePct', path, 'number', true);
  c.strings(r, 'flags', path);
}

export function validateMeasurements(value: unknown): ValidationResult {
  const c = new Checker();
  const doc = c.object(value, '$');
  if (doc !== null) {
    if (doc['schema'] !== MEASUREMENTS_SCHEMA) c.fail('$.schema', `expected '${MEASUREMENTS_SCHEMA}', got ${describe(doc['schema'])}`);
    const generator = c.object(doc['generator'], '$.generator');
    if (generator !== null) {
      c.field(generator, 'name', '$.generator', 'string');
      c.field(generator, 'version', '$.generator', 'string');
    }
    const method = c.object(doc['method'], '$.method');
    if (method !== null) {
      c.object(method['enhancement'], '$.method.enhancement');
      c.oneOf(method, 'adcSource', '$.method', ['map', 'fit', null]);
    }
    const timePoints = c.array(doc['timePoints'], '$.timePoints');
    timePoints?.forEach((tp, i) => checkTimePoint(c, tp, `$.timePoints[${i}]`));
    c.array(doc['response'], '$.response')?.forEach((r, i) => checkResponse(c, r, `$.response[${i}]`, timePoints?.length ?? 0));
  }
  return { valid: c.errors.length === 0, errors: c.errors };
}

/** Parses measurements.json text; throws HccError INVALID_INPUT naming the first problems. */
export function parseMeasurements(text: string, fileName = 'measurements.json'): MeasurementsDocument {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new HccError('INVALID_INPUT', `not JSON: ${error instanceof Error ? error.message : String(error)}`, fileName);
  }
  const result = validateMeasurements(value);
  if (!result.valid) {
    const shown = result.errors.slice(0, 5).join('; ');
    const more = result.errors.length > 5 ? ` (and ${result.errors.length - 5} more)` : '';
    throw new HccError('INVALID_INPUT', `not a valid ${MEASUREMENTS_SCHEMA} document: ${shown}${more}`, fileName);
  }
  return value as MeasurementsDocument;
}

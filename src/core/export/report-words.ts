/** Words for the report: the method line and flags (codes spelled out, sentences kept as written). */
import type { MeasurementMethod } from '../measure/types';
import { formatNumber } from '../criteria/percent-change';

const FLAG_WORDS: Record<string, string> = {
  necroticSwelling: 'size increase with loss of enhancement - possible necrotic swelling, not progression',
  sizeEnhancementDisagreement: 'size and enhancement criteria disagree',
  adcHaemorrhage: 'ADC possibly confounded by haemorrhage - interpret DWI with T1WI',
  adcRise: 'ADC risen more than 25 % from baseline',
};

/** A flag as words: known codes spelled out, other bare codes split at capitals, sentences as they are. */
export function flagInWords(flag: string): string {
  const text = flag.trim();
  // measurements.json lesion flags: 'kebab-case-code' or 'kebab-case-code: reason'
  const kebab = /^([a-z0-9]+(?:-[a-z0-9]+)+)(?::\s*(.*))?$/.exec(text);
  if (kebab !== null) {
    const words = kebab[1]!.replace(/-/g, ' ');
    const reason = kebab[2]?.trim();
    return `${words.charAt(0).toUpperCase()}${words.slice(1)}${reason ? ` (${reason.replace(/[.]$/, '')})` : ''}.`;
  }
  if (!/^[A-Za-z][A-Za-z0-9]*$/.test(text)) return /[.!?]$/.test(text) ? text : `${text}.`;
  const words = FLAG_WORDS[text] ?? text.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return `${words.charAt(0).toUpperCase()}${words.slice(1)}.`;
}

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

function describeValue(v: unknown): string {
  if (typeof v === 'number') return formatNumber(v, 6);
  if (typeof v === 'string') return v;
  return JSON.stringify(v);
}

/** The enhancement method in words, from the kinds the kernels record; anything else as key=value. */
export function enhancementInWords(enhancement: Record<string, unknown>): string {
  const kind = enhancement['kind'];
  const threshold = num(enhancement['threshold']);
  const sd = num(enhancement['sdMultiplier']);
  const cutoff = num(enhancement['cutoff']);
  const cutoffText = cutoff === null ? '' : ` (cut-off ${formatNumber(cutoff, 2)})`;
  if (enhancement['source'] === 'user-drawn') return 'enhancing part drawn by the reader';
  if (kind === 'relative-threshold' && threshold !== null) {
    return `enhancing voxels where (S_art - S_pre) / S_pre >= ${formatNumber(threshold, 3)} (${formatNumber(threshold * 100, 1)} % relative enhancement)`;
  }
  if (kind === 'reference-mean-sd' && sd !== null) {
    return `enhancing voxels where S_art - S_pre >= mean + ${formatNumber(sd, 2)} SD of the liver reference${cutoffText}`;
  }
  if (kind === 'reference-mode-local-sd' && sd !== null) {
    return `enhancing voxels where S_art - S_pre >= mode + ${formatNumber(sd, 2)} x median local SD of the liver reference (qEASL)${cutoffText}`;
  }
  const entries = Object.keys(enhancement).sort().map((k) => `${k}=${describeValue(enhancement[k])}`);
  return entries.length === 0 ? 'enhancement method not recorded' : `enhancement method ${entries.join(', ')}`;
}

export function adcSourceInWords(source: MeasurementMethod['adcSource']): string {
  if (source === 'map') return 'ADC read from the scanner ADC map';
  if (source === 'fit') return 'ADC by mono-exponential fit over the b-values';
  return 'ADC not measured';
}

/** 'Method: ...; ADC ...; <generator>.' with any further method parameters as key=value. */
export function methodLine(method: MeasurementMethod, generator: { name: string; version: string }): string {
  const { enhancement, adcSource, ...rest } = method;
  // Scalar parameters only: nested records (definitions, per-lesion method records) belong in the
  // JSON and the SR, not in a sentence pasted into a report.
  const extra = Object.keys(rest)
    .sort()
    .filter((k) => ['number', 'string', 'boolean'].includes(typeof rest[k]))
    .map((k) => `${k}=${describeValue(rest[k])}`);
  const parts = [enhancementInWords(enhancement), adcSourceInWords(adcSource), ...(extra.length > 0 ? [`other parameters: ${extra.join(', ')}`] : [])];
  return `Method: ${parts.join('; ')}; measured with ${generator.name} ${generator.version}.`;
}

/**
 * Report text: one concise paragraph per time point for the radiologist to paste into the report -
 * lesions (viable diameter, volume, enhancing fraction, ADC and their change vs baseline), the category
 * per criterion with its sum and change vs baseline / nadir, flags in words, and the method line.
 */
import { CRITERIA } from '../criteria/assess';
import { formatPct, percentChange } from '../criteria/percent-change';
import { CRITERION_IDS } from '../criteria/types';
import { HccError } from '../errors';
import type { LesionMeasurement, MeasurementsDocument, TimePointResponseSummary } from '../measure/types';
import { adc, fractionPct, ml, mm, NOT_MEASURED, orNotMeasured, signedPct, sum } from './format';
import { flagInWords, methodLine } from './report-words';
import { RESPONSE_FLAG_CODES, flagCode } from '../measure/flags';

/** ' (+25 % vs baseline)' when both values exist and the baseline is not 0; '' otherwise. */
function change(current: number | null, baseline: number | null | undefined): string {
  if (current === null || baseline === null || baseline === undefined) return '';
  const pct = percentChange(baseline, current);
  return pct === null ? '' : ` (${signedPct(pct)} vs baseline)`;
}

function pair(long: number | null, short: number | null): string {
  if (long === null) return NOT_MEASURED;
  return short === null ? mm(long) : `${mm(long).replace(' mm', '')} x ${mm(short)}`;
}

function lesionSentence(l: LesionMeasurement, base: LesionMeasurement | undefined): string {
  const viable = `viable diameter ${pair(l.viableLongestDiameterMm, l.viablePerpendicularDiameterMm)}${change(l.viableLongestDiameterMm, base?.viableLongestDiameterMm)}`;
  const whole = `whole lesion ${pair(l.longestDiameterMm, l.perpendicularDiameterMm)}${change(l.longestDiameterMm, base?.longestDiameterMm)}`;
  const volume = `volume ${orNotMeasured(l.volumeMl, ml)}${change(l.volumeMl, base?.volumeMl)}`;
  const parts = [l.enhancingVolumeMl === null ? null : `enhancing ${ml(l.enhancingVolumeMl)}`, l.necroticVolumeMl === null ? null : `necrotic ${ml(l.necroticVolumeMl)}`]
    .filter((p): p is string => p !== null);
  const baseFraction = base !== undefined && base.enhancingFraction !== null && l.enhancingFraction !== null ? `baseline ${fractionPct(base.enhancingFraction)}` : '';
  const details = [parts.join(', '), baseFraction].filter((d) => d !== '').join('; ');
  const fraction = `enhancing fraction ${orNotMeasured(l.enhancingFraction, fractionPct)}${details === '' ? '' : ` (${details})`}`;
  const adcMean = l.adc?.meanMm2s ?? null;
  const adcText = `ADC mean ${orNotMeasured(adcMean, adc)}${change(adcMean, base?.adc?.meanMm2s ?? null)}`;
  return `${l.label} (${l.target ? 'target' : 'non-target'}): ${[viable, whole, volume, fraction, adcText].join('; ')}.`;
}

function responseSentence(doc: MeasurementsDocument, r: TimePointResponseSummary): string {
  const baseline = doc.timePoints[r.vsBaseline]?.label ?? `time point ${r.vsBaseline}`;
  const items = CRITERION_IDS.map((id) => {
    const c = r.criteria[id];
    const spec = CRITERIA[id];
    const details = [
      `sum ${orNotMeasured(c.sum, (v) => sum(v, spec.unit))}`,
      ...(c.changeFromBaselinePct === null ? [] : [`${formatPct(c.changeFromBaselinePct)} vs baseline`]),
      ...(c.changeFromNadirPct === null ? [] : [`${formatPct(c.changeFromNadirPct)} vs nadir`]),
      ...(c.category === 'NE' && c.reasons.length > 0 ? [`not evaluable: ${c.reasons[0]}`] : []),
    ];
    return `${spec.name} ${c.category} (${details.join(', ')})`;
  });
  const adcChange = r.adcChangePct === null ? '' : ` Mean ADC change vs baseline ${signedPct(r.adcChangePct)}.`;
  return `Response vs ${baseline}: ${items.join('; ')}.${adcChange}`;
}

/** Lesion flag codes the response flags already state as sentences (with their numbers). */
const STATED_BY_RESPONSE = new Set(Object.values(RESPONSE_FLAG_CODES));

function flagsSentence(doc: MeasurementsDocument, index: number, r: TimePointResponseSummary | undefined): string {
  const lesionFlags = (doc.timePoints[index]?.lesions ?? []).flatMap((l) =>
    l.flags.filter((f) => !STATED_BY_RESPONSE.has(flagCode(f))).map((f) => (f.startsWith(`${l.label}:`) ? flagInWords(f) : `${l.label}: ${flagInWords(f)}`)),
  );
  const all = [...new Set([...(r?.flags ?? []).map(flagInWords), ...lesionFlags])];
  return all.length === 0 ? '' : ` Flags: ${all.join(' ')}`;
}

function paragraph(doc: MeasurementsDocument, index: number): string {
  const tp = doc.timePoints[index];
  if (tp === undefined) throw new HccError('INVALID_INPUT', `no time point ${index} (the document has ${doc.timePoints.length})`);
  const baseline = doc.timePoints[0];
  const baseOf = (label: string) => (index === 0 ? undefined : baseline?.lesions.find((l) => l.label === label));
  const lesions = tp.lesions.length === 0 ? 'No lesion measured.' : tp.lesions.map((l) => lesionSentence(l, baseOf(l.label))).join(' ');
  const response = doc.response.find((r) => r.timePoint === index);
  const responseText = response === undefined ? '' : ` ${responseSentence(doc, response)}`;
  return `${tp.label} (${tp.studyDate}): ${lesions}${responseText}${flagsSentence(doc, index, response)}`;
}

/** The paragraph of one time point, ending with the method line (so a pasted paragraph carries its method). */
export function timePointReport(doc: MeasurementsDocument, index: number): string {
  return `${paragraph(doc, index)}\n${methodLine(doc.method, doc.generator)}`;
}

/** Every time point's paragraph, separated by blank lines, then the method line once. */
export function reportText(doc: MeasurementsDocument): string {
  const paragraphs = doc.timePoints.map((_, i) => paragraph(doc, i));
  return `${[...paragraphs, methodLine(doc.method, doc.generator)].join('\n\n')}\n`;
}

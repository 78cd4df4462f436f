/** How every number was obtained: the enhancement method with its parameters and the ADC source, from document.method. */
import type { MeasurementMethod } from '../../core/measure/types';
import { esc } from './html';

export function enhancementText(e: Record<string, unknown>): string {
  const k = e['sdMultiplier'];
  switch (e['kind']) {
    case 'relative-threshold':
      return `relative enhancement (S_art − S_pre) / S_pre ≥ ${String(e['threshold'])}`;
    case 'reference-mean-sd':
      return `subtraction S_art − S_pre ≥ liver-reference mean + ${String(k)} SD`;
    case 'reference-mode-local-sd':
      return `subtraction S_art − S_pre ≥ liver-reference mode + ${String(k)} × median local SD (qEASL)`;
    default:
      return `method ${JSON.stringify(e)}`;
  }
}

export function adcText(m: MeasurementMethod): string {
  const preference = String(m['adcSourcePreference'] ?? m.adcSource ?? 'map');
  const used = m.adcSource === 'map' ? 'scanner ADC map' : m.adcSource === 'fit' ? `mono-exponential fit over b ≥ ${String(m['adcFitMinBValueSmm2'])} s/mm²` : 'mixed or none (see each lesion)';
  const excluded = m['excludeT1HyperintenseFromAdc'] === true ? '; T1-hyperintense voxels excluded' : '';
  return `${used} (preferred: ${preference})${excluded}`;
}

export function renderMethodLine(m: MeasurementMethod): string {
  const userDrawn = m.enhancement['userDrawnOverrides'] === true ? '; a user-drawn enhancing part overrides it' : '';
  return (
    `<p class="hcc-method" data-method="${esc(String(m.enhancement['kind']))}">` +
    `<strong>Method.</strong> Enhancing voxels: ${esc(enhancementText(m.enhancement))}${esc(userDrawn)}. ` +
    `ADC: ${esc(adcText(m))}. Masks mapped between series through patient coordinates. ` +
    `Sizes from the masks (longest in-plane chord, greatest perpendicular).</p>`
  );
}

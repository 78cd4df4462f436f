/**
 * The cautions CLINICAL.md asks to surface, per follow-up, each with its reason (core's sentence):
 * necrotic swelling, size vs enhancement disagreement, haemorrhage-confounded ADC, ADC rise.
 */
import type { ResponseFlagCode, TimePointResponse } from '../../core/criteria';
import { timePointCode } from './format';
import { el, esc } from './html';

export const FLAG_TITLES: Record<ResponseFlagCode, string> = {
  necroticSwelling: 'Possible necrotic swelling, not progression',
  sizeEnhancementDisagreement: 'Size and enhancement criteria disagree',
  adcHaemorrhage: 'ADC possibly confounded by haemorrhage',
  adcRise: 'ADC rise from baseline',
};

export function renderFlags(r: TimePointResponse): string {
  if (r.flagDetails.length === 0) {
    return el('p', { class: 'hcc-muted', 'data-time-point': r.timePoint }, `${timePointCode(r.timePoint)}: no flags.`);
  }
  const items = r.flagDetails.map((f) =>
    el(
      'li',
      { class: 'hcc-flag', 'data-flag': f.code, 'data-lesion': f.lesion, 'data-time-point': r.timePoint },
      `<strong>${esc(FLAG_TITLES[f.code])}</strong>${f.lesion ? ` <span class="hcc-muted">(${esc(f.lesion)})</span>` : ''}: ${esc(f.message)}`,
    ),
  );
  return el('ul', { class: 'hcc-flags', 'aria-label': `Flags at ${timePointCode(r.timePoint)}` }, items.join(''));
}

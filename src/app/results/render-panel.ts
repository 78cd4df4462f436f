/**
 * The whole results panel as HTML, from the pipeline's state (pure: node tests read the string).
 * Sections: status, method line, criteria per follow-up with flags, lesion table, plots.
 */
import type { MeasurementState } from '../measure/pipeline';
import { renderAdcHistogramPlot } from '../plots/adc-histogram-plot';
import { renderTrendPlots } from '../plots/trend-plot';
import { renderCriteriaTable } from './criteria-table';
import { renderFlags } from './flags-list';
import { timePointCode } from './format';
import { el, esc } from './html';
import { lesionLabels, renderLesionTable } from './lesion-table';
import { renderMethodLine } from './method-line';

export interface PanelView {
  /** Lesion whose ADC histograms are shown (default: the first). */
  histogramLesion?: string | null;
}

function renderStatus(state: MeasurementState): string {
  const parts: string[] = [];
  if (state.busy.length > 0) parts.push(el('span', { class: 'hcc-busy', role: 'status', 'data-busy': state.busy.length }, `Computing ${state.busy.length} lesion measurement${state.busy.length === 1 ? '' : 's'}…`));
  for (const s of state.skipped) parts.push(el('span', { class: 'hcc-muted' }, `${esc(s.label)}: ${esc(s.reason)}.`));
  const errors = state.errors.map((e) =>
    el('li', { 'data-error': e.code, 'data-key': e.key }, `${esc(e.key ?? e.fileName ?? 'study')}: ${esc(e.message)} (${esc(e.code)})`),
  );
  return el('div', { class: 'hcc-status', 'aria-live': 'polite' }, parts.join(' ') + (errors.length ? el('ul', { class: 'hcc-errors', role: 'alert' }, errors.join('')) : ''));
}

export function renderResultsPanel(state: MeasurementState, view: PanelView = {}): string {
  const status = renderStatus(state);
  const doc = state.document;
  if (doc === null) {
    const empty = state.busy.length > 0 ? '' : el('p', { class: 'hcc-muted' }, 'No lesion measured yet: draw a lesion, or import a DICOM SEG (segments "Lesion <n>", "Liver reference").');
    return el('section', { class: 'hcc-results', 'aria-label': 'Response results' }, el('h2', {}, 'Results') + status + empty);
  }
  const followUps = state.response
    .map((r) =>
      el('div', { class: 'hcc-followup', 'data-time-point': r.timePoint }, el('h3', {}, `Response at ${timePointCode(r.timePoint)} (${esc(doc.timePoints[r.timePoint]!.studyDate)})`) + renderCriteriaTable(doc, r) + renderFlags(r)),
    )
    .join('');
  const criteria = followUps || el('p', { class: 'hcc-muted' }, 'One time point only: the response needs a follow-up.');
  const labels = lesionLabels(doc);
  const chosen = view.histogramLesion && labels.includes(view.histogramLesion) ? view.histogramLesion : (labels[0] ?? null);
  const picker = el(
    'label',
    { class: 'hcc-picker' },
    'Lesion ' + el('select', { 'data-action': 'histogram-lesion' }, labels.map((l) => el('option', { value: l, selected: l === chosen }, esc(l))).join('')),
  );
  const plots =
    el('h3', {}, 'Sum over time per criterion') +
    el('div', { class: 'hcc-plots' }, state.response.length ? renderTrendPlots(doc, state.response) : '') +
    el('h3', {}, 'ADC histogram per time point') +
    picker +
    (chosen ? renderAdcHistogramPlot(chosen, state.adcHistograms) : '');
  return el(
    'section',
    { class: 'hcc-results', 'aria-label': 'Response results' },
    el('h2', {}, 'Results') + status + renderMethodLine(doc.method) + criteria + el('h3', {}, 'Lesions') + renderLesionTable(doc, new Set(state.busy)) + plots,
  );
}

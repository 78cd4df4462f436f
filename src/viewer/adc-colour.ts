import { utilities, type StackViewport } from '@cornerstonejs/core';
import { detectAdcUnit } from '../core/kernels/adc-map';
import { adcLegendTicks, ADC_LEGEND_UNIT } from './adc-legend-ticks';
import { el } from './dom';
import { realValues } from './subtraction-math';
import type { ViewportCell } from './viewport-cell';

/** Colour LUT of the ADC map (x from the window's lower to upper end): blue low (restricted) to red high. */
export const ADC_COLORMAP = {
  name: 'hcc-adc',
  RGBPoints: [0, 0, 0, 0.5, 0.125, 0, 0, 1, 0.375, 0, 1, 1, 0.625, 1, 1, 0, 0.875, 1, 0, 0, 1, 0.5, 0, 0],
};
/** The plain grey ramp the viewports start with (what turning the colour off goes back to). */
const GREY_COLORMAP = { name: 'hcc-grey', RGBPoints: [0, 0, 0, 0, 1, 1, 1, 1] };

let registered = false;
function registerColormaps(): void {
  if (registered) return;
  registered = true;
  for (const map of [ADC_COLORMAP, GREY_COLORMAP]) utilities.colormap.registerColormap({ Name: map.name, name: map.name, ColorSpace: 'RGB', RGBPoints: map.RGBPoints });
}

/**
 * The ADC colour map: ADC viewports (acquired images) in a colour LUT, with a colour bar whose ticks
 * are in 10^-3 mm^2/s, from the current window and the series' storage unit as the measurement
 * detects it (core/kernels/adc-map.ts). The bar is redrawn on every render, so it follows W/L.
 */
export class AdcColour {
  private enabled = false;
  private readonly legends = new Map<string, HTMLElement>();
  /** Detected mm^2/s per stored unit, by volume id (null: not recognised). */
  private readonly scales = new Map<string, number | null>();

  get isEnabled(): boolean {
    return this.enabled;
  }

  setEnabled(enabled: boolean, cells: readonly ViewportCell[]): void {
    this.enabled = enabled;
    for (const cell of cells) this.apply(cell);
  }

  /** Sets the viewport's LUT to what the toggle asks (idempotent) and redraws its colour bar. */
  apply(cell: ViewportCell): void {
    const isAdc = cell.volume?.classification.phase === 'adc' && cell.orientation === 'acquired' && cell.renderCount > 0;
    const colour = this.enabled && isAdc;
    if (cell.volume && cell.orientation === 'acquired' && cell.renderCount > 0) {
      const viewport = cell.viewport as StackViewport;
      const current = viewport.getProperties().colormap?.name;
      const wanted = colour ? ADC_COLORMAP.name : GREY_COLORMAP.name;
      // Grey viewports that never had the LUT are left alone.
      if ((colour || current === ADC_COLORMAP.name) && current !== wanted) {
        registerColormaps();
        viewport.setProperties({ colormap: { name: wanted } });
      }
    }
    this.drawLegend(cell, colour);
  }

  private drawLegend(cell: ViewportCell, shown: boolean): void {
    let legend = this.legends.get(cell.key);
    if (!shown) {
      if (legend) legend.hidden = true;
      return;
    }
    if (!legend || !legend.isConnected) {
      legend = el('div', { class: 'hcc-adc-legend', 'aria-label': 'ADC colour scale' });
      cell.dom.marks.after(legend);
      this.legends.set(cell.key, legend);
    }
    legend.hidden = false;
    const range = cell.voiRange;
    const scale = this.scaleOf(cell);
    const ticks = range && scale !== null ? adcLegendTicks(range, scale) : [];
    const key = `${ticks.map((t) => `${t.label}@${t.fraction.toFixed(4)}`).join(' ')}|${scale}`;
    if (legend.dataset['key'] === key) return;
    legend.dataset['key'] = key;
    legend.dataset['ticks'] = ticks.map((t) => t.label).join(' ');
    const stops = [];
    for (let i = 0; i < ADC_COLORMAP.RGBPoints.length; i += 4) {
      const [x, r, g, b] = ADC_COLORMAP.RGBPoints.slice(i, i + 4) as [number, number, number, number];
      stops.push(`rgb(${Math.round(r * 255)},${Math.round(g * 255)},${Math.round(b * 255)}) ${(x * 100).toFixed(1)}%`);
    }
    const bar = el('div', { class: 'bar', style: `background: linear-gradient(to top, ${stops.join(', ')})` });
    for (const t of ticks) bar.append(el('span', { class: 'tick', style: `bottom: ${(t.fraction * 100).toFixed(2)}%` }, t.label));
    const caption = scale === null ? 'ADC unit not recognised' : `ADC ${ADC_LEGEND_UNIT}`;
    legend.replaceChildren(el('div', { class: 'caption' }, caption), bar);
  }

  /** The series' storage unit, detected once from the image on screen (values after rescale). */
  private scaleOf(cell: ViewportCell): number | null {
    const id = cell.volume?.id;
    if (!id) return null;
    if (this.scales.has(id)) return this.scales.get(id)!;
    const image = (cell.viewport as StackViewport).getCornerstoneImage();
    if (!image) return null;
    let scale: number | null = null;
    try {
      const data = realValues(image.getPixelData(), { slope: image.slope ?? 1, intercept: image.intercept ?? 0, alreadyScaled: image.preScale?.scaled === true });
      const adcMap = { dims: [image.width, image.height, 1] as [number, number, number], spacingMm: [1, 1, 1] as [number, number, number], originLps: [0, 0, 0] as [number, number, number], direction: [1, 0, 0, 0, 1, 0, 0, 0, 1] as [number, number, number, number, number, number, number, number, number], data };
      scale = detectAdcUnit({ adcMap }).scaleToMm2s;
    } catch {
      scale = null; // no positive value, or a median no convention explains: no numbers on the bar
    }
    this.scales.set(id, scale);
    return scale;
  }
}

import type { HccViewer, ResponseCommand } from '../../viewer';
import type { RoiStore } from '../lesions/roi-store';
import type { MeasurePipeline } from '../measure/pipeline';
import { publishState, type ResponsePublished } from '../test-hooks';
import { ResponseOverlaySource } from './overlay-source';

export interface ResponseControlsDom {
  overlay: HTMLButtonElement;
  opacity: HTMLInputElement;
  subtraction: HTMLButtonElement;
  adcColour: HTMLButtonElement;
}

/**
 * The toolbar's response views (overlay on/off and opacity, subtraction column, ADC colour map):
 * their state, and the overlay's data kept current from the lesion model and the measurements (every
 * edit and every re-measure redraws it).
 */
export class ResponseControls {
  private viewer: HccViewer | null = null;
  private source = new ResponseOverlaySource();
  private feed: { pipeline: MeasurePipeline; store: RoiStore; unsubscribe: () => void } | null = null;
  private state: Omit<ResponsePublished, 'lesionsDrawn'> = { overlay: false, opacity: 0.5, subtraction: false, adcColour: false };
  private lesionsDrawn = 0;

  constructor(private readonly dom: ResponseControlsDom) {
    const toggle = (button: HTMLButtonElement, key: 'overlay' | 'subtraction' | 'adcColour') => {
      button.addEventListener('click', () => this.set({ [key]: !this.state[key] }));
      // The reading room keeps the keyboard focus (its keys work right after a click).
      button.addEventListener('mousedown', (e) => e.preventDefault());
    };
    toggle(dom.overlay, 'overlay');
    toggle(dom.subtraction, 'subtraction');
    toggle(dom.adcColour, 'adcColour');
    dom.opacity.addEventListener('input', () => this.set({ opacity: Number(dom.opacity.value) / 100 }));
    this.render();
  }

  attach(viewer: HccViewer): void {
    this.viewer = viewer;
    this.apply();
  }

  /** The open study's lesion model and measurements (null when none). */
  follow(feed: { pipeline: MeasurePipeline; store: RoiStore } | null): void {
    this.feed?.unsubscribe();
    this.feed = null;
    this.source = new ResponseOverlaySource();
    if (feed) {
      const offPipeline = feed.pipeline.subscribe(() => this.pushOverlay());
      const offStore = feed.store.subscribe(() => this.pushOverlay());
      this.feed = { ...feed, unsubscribe: () => (offPipeline(), offStore()) };
    }
    this.pushOverlay();
  }

  /** A response-view key: toggles the view like its toolbar button. */
  command(command: ResponseCommand): boolean {
    const key = ({ toggleResponseOverlay: 'overlay', toggleSubtraction: 'subtraction', toggleAdcColour: 'adcColour' } as const)[command];
    this.set({ [key]: !this.state[key] });
    return true;
  }

  set(patch: Partial<ResponseControls['state']>): void {
    const before = this.state;
    this.state = { ...this.state, ...patch };
    this.render();
    if (before.subtraction !== this.state.subtraction) this.viewer?.setSubtraction(this.state.subtraction);
    if (before.adcColour !== this.state.adcColour) this.viewer?.setAdcColour(this.state.adcColour);
    if (before.overlay !== this.state.overlay || before.opacity !== this.state.opacity) this.pushOverlay();
    else this.publish();
  }

  private apply(): void {
    this.viewer?.setSubtraction(this.state.subtraction);
    this.viewer?.setAdcColour(this.state.adcColour);
    this.pushOverlay();
  }

  private pushOverlay(): void {
    const feed = this.feed;
    const byStudy = feed ? this.source.labelmaps(feed.store.model, feed.pipeline.state.enhancingMasks, feed.pipeline.state.busy) : new Map();
    this.lesionsDrawn = [...byStudy.values()].reduce((n, maps) => n + maps.length, 0);
    this.viewer?.setResponseOverlay({ byStudy, visible: this.state.overlay, opacity: this.state.opacity });
    this.publish();
  }

  private publish(): void {
    publishState({ response: { ...this.state, lesionsDrawn: this.lesionsDrawn } });
  }

  private render(): void {
    const { overlay, opacity, subtraction, adcColour } = this.dom;
    overlay.setAttribute('aria-pressed', String(this.state.overlay));
    subtraction.setAttribute('aria-pressed', String(this.state.subtraction));
    adcColour.setAttribute('aria-pressed', String(this.state.adcColour));
    opacity.value = String(Math.round(this.state.opacity * 100));
    opacity.disabled = !this.state.overlay;
  }
}

import { AdcColour } from './adc-colour';
import { ResponseOverlay } from './response-overlay';
import type { ResponseOverlayState } from './response-types';
import { SubtractionColumn, type SubtractionHost } from './subtraction-column';
import type { ViewportCell } from './viewport-cell';

export interface ResponseViewsHost extends SubtractionHost {
  /** Every viewport, the subtraction's included. */
  allCells(): readonly ViewportCell[];
  studyOf(cell: ViewportCell): string | null;
}

/**
 * The reading room's response views in one place: the viable/necrotic overlay, the ADC colour
 * map and the subtraction column. The room forwards renders and the host's calls here.
 */
export class ResponseViews {
  private readonly subtraction: SubtractionColumn;
  private readonly overlay = new ResponseOverlay();
  private readonly adc = new AdcColour();

  constructor(private readonly host: ResponseViewsHost) {
    this.subtraction = new SubtractionColumn(host);
  }

  /** The derived viewports (the subtraction column), after the hanging's. */
  get cells(): ViewportCell[] {
    return this.subtraction.cells;
  }

  owns(cell: ViewportCell): boolean {
    return this.subtraction.owns(cell);
  }

  /** A viewport drew: its LUT, colour bar and overlay follow (idempotent). */
  rendered(cell: ViewportCell): void {
    this.adc.apply(cell);
    this.overlay.draw(cell, this.host.studyOf(cell));
  }

  setOverlay(state: ResponseOverlayState): void {
    this.overlay.set(state);
    for (const cell of this.host.allCells()) this.overlay.draw(cell, this.host.studyOf(cell));
  }

  setAdcColour(enabled: boolean): void {
    this.adc.setEnabled(enabled, this.host.allCells());
  }

  setSubtraction(enabled: boolean): Promise<void> {
    return this.subtraction.setEnabled(enabled);
  }

  /** The subtraction follows the series the room shows now (a new study, new phases, a pick). */
  sync(): Promise<void> {
    return this.subtraction.sync();
  }

  clear(): void {
    this.subtraction.clear();
  }
}

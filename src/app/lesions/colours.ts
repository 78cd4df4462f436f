import type { Rgb } from '../../viewer/roi-types';

/**
 * Lesion colours, by lesion number (the same lesion has the same colour at every time point).
 * Saturated hues that stay apart from each other, from the greys of MR and from the liver
 * reference's turquoise; the panel shows the number beside the colour, never colour alone.
 */
const PALETTE: readonly Rgb[] = [
  [255, 99, 71], [255, 196, 0], [186, 104, 255], [80, 200, 120], [255, 105, 180], [66, 165, 245], [255, 152, 0], [205, 220, 57],
];

export function lesionColour(lesionNumber: number): Rgb {
  return PALETTE[(((lesionNumber - 1) % PALETTE.length) + PALETTE.length) % PALETTE.length]!;
}

export const LIVER_REFERENCE_COLOUR: Rgb = [64, 224, 208];

export const cssColour = ([r, g, b]: Rgb): string => `rgb(${r}, ${g}, ${b})`;

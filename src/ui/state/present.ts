/**
 * Presentation mode (`?present=1`): the page's type grows with the root font size; canvases, which do not follow
 * CSS, read this store for their fonts and line widths.
 */
import { writable } from 'svelte/store';

export const presentation = writable(false);

/** Font size in CSS pixels for canvas text of a given base size. */
export function canvasFont(base: number, present: boolean): number {
  return present ? Math.round(base * 1.35) : base;
}

/**
 * Places the labels of vertical marker lines so that none overlaps another or leaves the plot: each label goes to
 * the right of its line (to the left where the right would leave the plot), in the first of a few rows where it
 * fits. A label that fits nowhere is not drawn (lane −1): the chart lists every marker in its legend anyway.
 */

export interface LabelRequest {
  /** The line's position, in pixels. */
  x: number;
  /** The label's width, in pixels. */
  width: number;
}

export interface PlacedLabel {
  /** Where the text starts (its left end), in pixels. */
  left: number;
  /** The row, from the top (0, 1, …), or −1 when it is not drawn. */
  lane: number;
}

/** Labels inside [left, right], at most `lanes` rows, at least `gap` pixels apart within a row. */
export function layoutLabels(requests: readonly LabelRequest[], left: number, right: number, lanes: number, gap = 6, offset = 3): PlacedLabel[] {
  /** What each row holds so far: [left, right] of every label in it. */
  const rows: [number, number][][] = Array.from({ length: lanes }, () => []);
  const free = (lane: number, start: number, end: number) => rows[lane].every(([a, b]) => end + gap <= a || start >= b + gap);
  const placed: PlacedLabel[] = requests.map(() => ({ left: NaN, lane: -1 }));
  const order = requests.map((_, i) => i).sort((a, b) => requests[a].x - requests[b].x);
  for (const i of order) {
    const { x, width } = requests[i];
    if (!(width <= right - left)) continue;
    const clamp = (start: number) => Math.min(right - width, Math.max(left, start));
    // Right of the line, else left of it, where the label fits whole; failing both, pushed inside the plot.
    const fits = (start: number) => start >= left && start + width <= right;
    const candidates = [x + offset, x - offset - width].filter(fits);
    candidates.push(clamp(x + offset), clamp(x - offset - width));
    found: for (let lane = 0; lane < lanes; lane++) {
      for (const start of candidates) {
        if (free(lane, start, start + width)) {
          placed[i] = { left: start, lane };
          rows[lane].push([start, start + width]);
          break found;
        }
      }
    }
  }
  return placed;
}

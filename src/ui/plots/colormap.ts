/** A perceptually ordered colour scale (viridis, 9 stops) for heatmaps: display only. */
const STOPS = [
  [68, 1, 84],
  [72, 40, 120],
  [62, 74, 137],
  [49, 104, 142],
  [38, 130, 142],
  [31, 158, 137],
  [53, 183, 121],
  [110, 206, 88],
  [253, 231, 37],
];

export function viridis(t: number): string {
  if (!Number.isFinite(t)) return '#d0d0d0';
  const x = Math.min(1, Math.max(0, t)) * (STOPS.length - 1);
  const i = Math.min(STOPS.length - 2, Math.floor(x));
  const f = x - i;
  const c = STOPS[i].map((v, k) => Math.round(v + f * (STOPS[i + 1][k] - v)));
  return `rgb(${c[0]}, ${c[1]}, ${c[2]})`;
}

export const OBSERVABLE_RANGES: Record<string, [number, number]> = {
  eps_g: [0, 0.5],
  eps_t: [0, 0.5],
  R: [0, 1],
  q: [0, 1],
};

/** The 5+1 phases of a spectrum, one categorical colour each (colour-blind-safe Okabe–Ito hues), display only. */
export const PHASE_COLORS: Record<string, string> = {
  'random-like': '#56b4e9',
  'bleeding-out': '#009e73',
  'bulk+spikes': '#e69f00',
  'bulk-decay': '#f0e442',
  'heavy-tailed': '#d55e00',
  'rank-collapse': '#cc79a7',
};
export const NO_PHASE_COLOR = '#d0d0d0';

export function phaseColor(phase: string | null | undefined): string {
  return (phase && PHASE_COLORS[phase]) || NO_PHASE_COLOR;
}

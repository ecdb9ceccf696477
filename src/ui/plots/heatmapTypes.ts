/** A simulated cell drawn over the theory heatmap. */
export interface HeatCell {
  alpha: number;
  tau: number;
  value: number;
  key: string;
}

/** The Ising phase lines at one temperature (null where a line does not exist). */
export interface PhaseLinePoint {
  tau: number;
  alpha_c: number | null;
  alpha_spinodal: number | null;
  alpha_zero_entropy: number | null;
}

/** A whole grid cell painted in one colour (categorical maps), with an optional inner square (e.g. a prediction). */
export interface HeatTile {
  alpha: number;
  tau: number;
  key: string;
  fill: string;
  inner?: string;
}

/** A line over the map through (α, τ) points (e.g. a BBP boundary); one point is drawn across its cell's height. */
export interface BoundaryLine {
  label: string;
  color: string;
  dash: number[];
  points: { tau: number; alpha: number }[];
}

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

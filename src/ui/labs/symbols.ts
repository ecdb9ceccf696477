/** How the phase lab's observables are written for people (the identifiers stay in URLs and exports). */
export const OBSERVABLE_SYMBOLS: Record<string, string> = {
  eps_g: 'ε_g',
  eps_t: 'ε_t',
  R: 'R',
  q: 'q',
};

export const OBSERVABLE_NAMES: Record<string, string> = {
  eps_g: 'generalisation error ε_g',
  eps_t: 'training error ε_t',
  R: 'teacher–student overlap R',
  q: 'student–student overlap q',
};

export const symbolOf = (key: string): string => OBSERVABLE_SYMBOLS[key] ?? key;

import { drive, type DriveOptions } from '../vsdl/drive.js';
import { throwIfAborted, type AbortSignalLike } from '../vsdl/abort.js';
import { canonical, overlap } from './energy.js';
import { drawInstance } from './couplings.js';
import { bestOf, enumerateProgram, type GroundState } from './enumerate.js';
import { estimateLandscape } from './estimate.js';
import { summarizeMinima, type MinimaSummary } from './minima.js';
import { resolveLandscape, type LandscapeMethod, type LandscapeOptions, type ResolvedLandscape } from './params.js';
import { quenchProgram, type LocalMinimum } from './quench.js';
import { temperingSearch, type TemperingSearchResult } from './tempering.js';

/**
 * A landscape run: for each instance, the ground state (exact by enumeration, or the best that tempering or the
 * quenches find), then Q zero-temperature quenches from random starts and what they say about the minima.
 * Results stream out instance by instance (onInstance) and minimum by minimum (onMinimum), progress is a
 * fraction of the estimated work, and the signal cancels between blocks of work.
 *
 * Enumeration runs on this thread unless the caller passes `enumerate`: a shell with threads splits the plan's
 * chunks over them (planEnumeration, scanChunk, bestOf) and returns the same ground state.
 */

export interface LandscapeGroundState extends GroundState {
  exact: boolean;
  /** What found it: enumeration, tempering, or the quenches (when they beat tempering, or with method quench). */
  foundBy: LandscapeMethod;
  /** Tempering only: whether its two independent runs ended in the same configuration. */
  runsAgree: boolean | null;
}

export interface InstanceResult {
  index: number;
  groundState: LandscapeGroundState;
  minima: LocalMinimum[];
  summary: MinimaSummary;
  /** |overlap| of the ground state with the planted pattern (null without one). */
  plantedOverlap: number | null;
  /** The planted pattern ξ (null without one). */
  planted: Int8Array | null;
  /** J (N×N) when the control asked to keep the couplings, else null (they are N² float64 per instance). */
  couplings: Float64Array | null;
}

export interface LandscapeResult {
  params: ResolvedLandscape;
  instances: InstanceResult[];
}

export interface LandscapeProgress {
  fraction: number;
  instance: number;
  stage: 'enumerate' | 'tempering' | 'quench';
}

export type EnumerateBackend = (J: Float64Array, n: number, control: DriveOptions) => Promise<GroundState>;

export interface LandscapeControl {
  signal?: AbortSignalLike;
  onProgress?: (progress: LandscapeProgress) => void;
  onInstance?: (result: InstanceResult) => void;
  /**
   * The ground state of an instance as soon as enumeration or tempering has it, before the quenches (a tempering
   * result is replaced in the instance's result when a quench goes lower).
   */
  onGroundState?: (instance: number, groundState: LandscapeGroundState) => void;
  onMinimum?: (instance: number, q: number, minimum: LocalMinimum) => void;
  enumerate?: EnumerateBackend;
  /** Enumeration workers, for the progress weights (default 1). */
  workers?: number;
  /** Keep every instance's J in its result (for saving or for its spectrum). */
  keepCouplings?: boolean;
}

const inThread: EnumerateBackend = (J, n, control) => drive(enumerateProgram(J, n), control);

export async function runLandscape(options: LandscapeOptions, control: LandscapeControl = {}): Promise<LandscapeResult> {
  const p = resolveLandscape(options);
  const { signal } = control;
  const e = estimateLandscape(p, { workers: control.workers ?? 1, keepCouplings: control.keepCouplings });
  const perInstance = e.enumerationSeconds + e.temperingSeconds + e.quenchSeconds || 1;
  const instances: InstanceResult[] = [];
  for (let k = 0; k < p.instances; k++) {
    throwIfAborted(signal);
    let done = k / p.instances;
    const stageProgress = (stage: LandscapeProgress['stage'], seconds: number) => (f: number) =>
      control.onProgress?.({ fraction: done + (f * seconds) / perInstance / p.instances, instance: k, stage });
    const advance = (seconds: number) => (done += seconds / perInstance / p.instances);

    const instance = drawInstance(p, k);
    let ground: LandscapeGroundState | null = null;
    if (p.method === 'enumerate') {
      const found = await (control.enumerate ?? inThread)(instance.J, p.n, { signal, onProgress: stageProgress('enumerate', e.enumerationSeconds) });
      ground = { ...found, exact: true, foundBy: 'enumerate', runsAgree: null };
      advance(e.enumerationSeconds);
    } else if (p.method === 'tempering') {
      const onProgress = stageProgress('tempering', e.temperingSeconds);
      const runs: TemperingSearchResult[] = [];
      for (const run of [0, 1]) {
        const program = temperingSearch(instance.J, p.n, instance.stream.fork('tempering').fork(run), p.tempering);
        runs.push(await drive(program, { signal, onProgress: (f) => onProgress((run + f) / 2) }));
      }
      const best = bestOf(asGround(runs[0]), asGround(runs[1]));
      const agree = sameState(runs[0].state, runs[1].state);
      ground = { ...best, exact: false, foundBy: 'tempering', runsAgree: agree };
      advance(e.temperingSeconds);
    }
    if (ground) control.onGroundState?.(k, ground);

    const minima = await drive(
      quenchProgram(instance.J, p.n, instance.stream.fork('quench'), {
        rule: p.rule,
        from: 0,
        to: p.quenches,
        onMinimum: control.onMinimum && ((q, m) => control.onMinimum!(k, q, m)),
      }),
      { signal, onProgress: stageProgress('quench', e.quenchSeconds) },
    );
    const lowest = minima.reduce<GroundState | null>((best, m) => bestOf(best, { energy: m.energy, state: canonical(m.state) }), null)!;
    if (!ground) ground = { ...lowest, exact: false, foundBy: 'quench', runsAgree: null };
    else if (!ground.exact && lowest.energy < ground.energy) ground = { ...lowest, exact: false, foundBy: 'quench', runsAgree: ground.runsAgree };

    const result: InstanceResult = {
      index: k,
      groundState: ground,
      minima,
      summary: summarizeMinima(minima, ground.state, instance.planted),
      plantedOverlap: instance.planted ? overlap(ground.state, instance.planted) : null,
      planted: instance.planted,
      couplings: control.keepCouplings ? instance.J : null,
    };
    instances.push(result);
    control.onInstance?.(result);
    control.onProgress?.({ fraction: (k + 1) / p.instances, instance: k, stage: 'quench' });
  }
  return { params: p, instances };
}

function asGround(t: TemperingSearchResult): GroundState {
  return { energy: t.energy, state: canonical(t.state) };
}

function sameState(a: Int8Array, b: Int8Array): boolean {
  return overlap(a, b) === 1;
}

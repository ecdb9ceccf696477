/** What a chart says while its job has nothing to show: never "computing…" for a job that is not computing. */
import type { JobState } from './job.js';

export function placeholderFor(state: Pick<JobState<unknown, unknown, unknown>, 'status' | 'error'>, idle = 'not run yet'): string {
  switch (state.status) {
    case 'asking':
      return 'waiting: this one takes a while, see “run anyway” above';
    case 'failed':
      return `not computed: ${state.error}`;
    case 'cancelled':
      return 'cancelled: change a setting or run again';
    case 'idle':
      return idle;
    default:
      return 'computing…';
  }
}

/**
 * A job's state for views that redraw everything the job has streamed so far: while it streams, the state is
 * passed on at most once per `intervalMs` (the first streamed state at once, the newest one at the end of each
 * interval); any other state (asking, done, cancelled, failed, a new run before its first item) at once. A view
 * that rebuilds its picture from all items on every item does work that grows with the square of their number and
 * can keep the page from answering, its cancel button included; throttled, the work grows with the run's length.
 */
import type { JobState } from './job.js';

interface StateSource<S> {
  subscribe(run: (state: S) => void): () => void;
}

export function throttledStreaming<P, R, I>(source: StateSource<JobState<P, R, I>>, intervalMs: number): StateSource<JobState<P, R, I>> {
  return {
    subscribe(run) {
      let timer: ReturnType<typeof setTimeout> | undefined;
      /** When a streaming state was last passed on; -Infinity after any other state. */
      let shownAt = -Infinity;
      let latest: JobState<P, R, I> | undefined;
      const show = () => {
        clearTimeout(timer);
        timer = undefined;
        run(latest!);
      };
      const unsubscribe = source.subscribe((state) => {
        latest = state;
        if (!(state.status === 'running' && state.items.length > 0)) {
          shownAt = -Infinity;
          return show();
        }
        if (timer !== undefined) return;
        const wait = shownAt + intervalMs - Date.now();
        if (wait > 0) {
          timer = setTimeout(() => {
            shownAt = Date.now();
            show();
          }, wait);
          return;
        }
        shownAt = Date.now();
        show();
      });
      return () => {
        clearTimeout(timer);
        unsubscribe();
      };
    },
  };
}

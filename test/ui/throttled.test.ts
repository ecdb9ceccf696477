// The landscape lab redraws everything streamed so far: throttledStreaming passes a streaming job's state on at
// most once per interval, the first streamed state and every other state at once.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createJob, type JobSink, type JobState } from '../../src/ui/jobs/job.js';
import { throttledStreaming } from '../../src/ui/jobs/throttled.js';

describe('throttledStreaming', () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  function setup() {
    let sink: JobSink<number> | undefined;
    let finish: (result: string) => void = () => {};
    const job = createJob<string, string, number>({
      start: (_id, _params, s) =>
        new Promise<string>((resolve) => {
          sink = s;
          finish = resolve;
        }),
    });
    const seen: JobState<string, string, number>[] = [];
    const unsubscribe = throttledStreaming(job, 400).subscribe((s) => seen.push(s));
    return { job, sink: () => sink!, finish: (r: string) => finish(r), seen, unsubscribe };
  }

  it('passes the first item at once, then at most one state per interval, always the newest', () => {
    const { job, sink, seen } = setup();
    job.run('a');
    expect(seen.at(-1)).toMatchObject({ status: 'running', items: [] });
    sink().item(1);
    expect(seen.at(-1)!.items).toEqual([1]);
    const before = seen.length;
    for (let k = 2; k <= 100; k++) sink().item(k);
    // 99 more items within the interval: nothing passed on yet.
    expect(seen.length).toBe(before);
    vi.advanceTimersByTime(399);
    expect(seen.length).toBe(before);
    vi.advanceTimersByTime(1);
    expect(seen.length).toBe(before + 1);
    expect(seen.at(-1)!.items).toHaveLength(100);
    // Nothing new: no timer runs on.
    vi.advanceTimersByTime(2000);
    expect(seen.length).toBe(before + 1);
    sink().item(101);
    expect(seen.at(-1)!.items).toHaveLength(101);
  });

  it('passes the end of a run at once, with everything it streamed, and drops the pending redraw', async () => {
    const { job, sink, finish, seen } = setup();
    job.run('a');
    sink().item(1);
    sink().item(2);
    job.cancel();
    expect(seen.at(-1)).toMatchObject({ status: 'cancelled', items: [1, 2] });
    const count = seen.length;
    vi.advanceTimersByTime(1000);
    expect(seen.length).toBe(count);
    job.run('b');
    sink().item(3);
    sink().item(4);
    finish('B');
    await vi.advanceTimersByTimeAsync(0);
    expect(seen.at(-1)).toMatchObject({ status: 'done', result: 'B', items: [3, 4] });
  });

  it('stops its timer when unsubscribed', () => {
    const { job, sink, seen, unsubscribe } = setup();
    job.run('a');
    sink().item(1);
    sink().item(2);
    const count = seen.length;
    unsubscribe();
    vi.advanceTimersByTime(1000);
    expect(seen.length).toBe(count);
  });
});

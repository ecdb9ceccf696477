// The labs' job runner, driven by a fake worker whose replies the test releases one by one: which results, items
// and progress reach the state, and which are ignored as stale.
import { describe, expect, it } from 'vitest';
import { JobCancelled, type Progress } from '../../src/labs/index.js';
import { createJob, type JobSink, type JobSpec, type JobState } from '../../src/ui/jobs/job.js';

interface Call {
  id: number;
  params: string;
  sink: JobSink<number>;
  resolve(result: string): void;
  reject(error: unknown): void;
}

/** A worker that starts nothing by itself: every call waits until the test resolves or rejects it. */
function fakeWorker(options: Partial<JobSpec<string, string, number>> = {}) {
  const calls: Call[] = [];
  const stopped: number[] = [];
  const spec: JobSpec<string, string, number> = {
    start: (id, params, sink) =>
      new Promise<string>((resolve, reject) => {
        calls.push({ id, params, sink, resolve, reject });
      }),
    stop: (id) => void stopped.push(id),
    ...options,
  };
  const job = createJob(spec);
  const seen: JobState<string, string, number>[] = [];
  job.subscribe((s) => seen.push(s));
  return { job, calls, stopped, seen };
}

/** Lets settled promises run their handlers. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
const progress = (done: number): Progress => ({ done, total: 10 });

describe('job runner', () => {
  it('runs a job: progress and streamed items while running, then the result', async () => {
    const { job, calls } = fakeWorker();
    expect(job.state.status).toBe('idle');
    job.run('a');
    expect(job.state).toMatchObject({ status: 'running', params: 'a', items: [], result: null });
    calls[0].sink.progress(progress(3));
    calls[0].sink.item(1);
    calls[0].sink.item(2);
    expect(job.state.progress).toEqual(progress(3));
    expect(job.state.items).toEqual([1, 2]);
    calls[0].resolve('A');
    await settle();
    expect(job.state).toMatchObject({ status: 'done', result: 'A', resultParams: 'a', items: [1, 2], error: '' });
  });

  it('keeps the parameters of the result on screen apart from those of a later job (what exports record)', async () => {
    const { job, calls } = fakeWorker({ estimate: (p) => (p === 'big' ? { seconds: 60, ask: true } : null) });
    expect(job.state.resultParams).toBeNull();
    job.run('a');
    calls[0].resolve('A');
    await settle();
    // Asking, running, cancelled, failed: the result stays with its own parameters.
    job.run('big');
    expect(job.state).toMatchObject({ status: 'asking', params: 'big', result: 'A', resultParams: 'a' });
    job.run('b');
    expect(job.state).toMatchObject({ status: 'running', params: 'b', result: 'A', resultParams: 'a' });
    job.cancel();
    expect(job.state).toMatchObject({ status: 'cancelled', params: 'b', result: 'A', resultParams: 'a' });
    job.run('c');
    calls[2].reject(new Error('boom'));
    await settle();
    expect(job.state).toMatchObject({ status: 'failed', params: 'c', result: 'A', resultParams: 'a' });
    job.run('d');
    calls[3].resolve('D');
    await settle();
    expect(job.state).toMatchObject({ status: 'done', result: 'D', resultParams: 'd' });
    job.reset();
    expect(job.state).toMatchObject({ result: null, resultParams: null });
  });

  it('supersedes the running job: the worker is told to stop it, and its late reply and callbacks are ignored', async () => {
    const { job, calls, stopped } = fakeWorker();
    job.run('a');
    job.run('b');
    expect(calls.map((c) => c.params)).toEqual(['a', 'b']);
    expect(calls[1].id).not.toBe(calls[0].id);
    expect(stopped).toEqual([calls[0].id]);
    calls[1].sink.item(20);
    calls[0].sink.item(10);
    calls[0].sink.progress(progress(9));
    expect(job.state.items).toEqual([20]);
    expect(job.state.progress).toBeNull();
    // The new job ends first, the old one replies afterwards: the old reply must not overwrite the new result.
    calls[1].resolve('B');
    await settle();
    calls[0].resolve('A');
    calls[0].reject(new Error('late failure'));
    await settle();
    expect(job.state).toMatchObject({ status: 'done', params: 'b', result: 'B', error: '' });
  });

  it('ignores callbacks that land after the reply (the reply is the complete result)', async () => {
    const { job, calls } = fakeWorker();
    job.run('a');
    calls[0].sink.item(1);
    calls[0].resolve('A');
    await settle();
    calls[0].sink.item(2);
    calls[0].sink.progress(progress(10));
    expect(job.state.items).toEqual([1]);
    expect(job.state.progress).toBeNull();
  });

  it('cancels at once: stops the worker, keeps the items so far and the last result, ignores what comes later', async () => {
    const { job, calls, stopped } = fakeWorker();
    job.run('a');
    calls[0].resolve('A');
    await settle();
    job.run('b');
    calls[1].sink.item(7);
    job.cancel();
    expect(stopped).toEqual([calls[1].id]);
    expect(job.state).toMatchObject({ status: 'cancelled', items: [7], result: 'A' });
    calls[1].sink.item(8);
    calls[1].reject(new JobCancelled());
    await settle();
    expect(job.state).toMatchObject({ status: 'cancelled', items: [7], result: 'A', error: '' });
    // Cancelling again, or when nothing runs, asks the worker for nothing.
    job.cancel();
    expect(stopped).toHaveLength(1);
  });

  it('tells a failure from a cancellation that came from the worker', async () => {
    const { job, calls } = fakeWorker();
    job.run('a');
    calls[0].reject(new Error('invalid n: 5; allowed: an integer in [10, 20]'));
    await settle();
    expect(job.state).toMatchObject({ status: 'failed', error: 'invalid n: 5; allowed: an integer in [10, 20]' });
    job.run('b');
    expect(job.state.error).toBe('');
    // comlink rebuilds a thrown error from its name and message: a cancellation is recognised by its name.
    const crossed = Object.assign(new Error('cancelled'), { name: 'JobCancelled' });
    calls[1].reject(crossed);
    await settle();
    expect(job.state.status).toBe('cancelled');
  });

  it('reports a start that throws at once as a failure', async () => {
    const job = createJob<string, string>({
      start: () => {
        throw new Error('the computation worker is not ready yet');
      },
    });
    job.run('a');
    await settle();
    expect(job.state).toMatchObject({ status: 'failed', error: 'the computation worker is not ready yet' });
  });

  it("in 'queue' mode lets a job that cannot stop finish unseen, then runs only the newest parameters", async () => {
    const { job, calls, stopped } = fakeWorker({ whenBusy: 'queue', stop: undefined });
    job.run('a');
    job.run('b');
    job.run('c');
    expect(calls.map((c) => c.params)).toEqual(['a']);
    expect(job.state).toMatchObject({ status: 'running', params: 'c' });
    calls[0].resolve('A');
    await settle();
    expect(calls.map((c) => c.params)).toEqual(['a', 'c']);
    expect(job.state.result).toBeNull();
    calls[1].resolve('C');
    await settle();
    expect(job.state).toMatchObject({ status: 'done', result: 'C' });
    expect(stopped).toEqual([]);
  });

  it("in 'queue' mode a cancel drops the waiting parameters too", async () => {
    const { job, calls } = fakeWorker({ whenBusy: 'queue' });
    job.run('a');
    job.run('b');
    job.cancel();
    calls[0].resolve('A');
    await settle();
    expect(calls).toHaveLength(1);
    expect(job.state).toMatchObject({ status: 'cancelled', result: null });
  });

  it('asks before a job whose estimate says so, and starts it on confirmation', async () => {
    const { job, calls } = fakeWorker({ estimate: (p) => ({ seconds: p.length, ask: p.length > 3 }) });
    job.run('small');
    expect(job.state.status).toBe('asking');
    expect(job.state.estimate).toEqual({ seconds: 5, ask: true });
    expect(calls).toHaveLength(0);
    // A newer request replaces the question (here with one that needs none).
    job.run('ok');
    expect(job.state.status).toBe('running');
    job.run('large');
    expect(job.state).toMatchObject({ status: 'asking', params: 'large' });
    job.confirm();
    expect(calls.map((c) => c.params)).toEqual(['ok', 'large']);
    expect(job.state).toMatchObject({ status: 'running', estimate: { seconds: 5, ask: true } });
    calls[1].resolve('L');
    calls[0].resolve('O');
    await settle();
    expect(job.state.result).toBe('L');
    // Declining: cancel drops the waiting job, and a confirmation afterwards starts nothing.
    job.run('again');
    job.cancel();
    job.confirm();
    expect(calls).toHaveLength(2);
    expect(job.state.status).toBe('cancelled');
  });

  it('resets to the state before the first job and ignores the stopped job', async () => {
    const { job, calls, stopped } = fakeWorker();
    job.run('a');
    calls[0].resolve('A');
    await settle();
    job.run('b');
    calls[1].sink.item(1);
    job.reset();
    expect(stopped).toEqual([calls[1].id]);
    expect(job.state).toEqual({ status: 'idle', params: null, progress: null, items: [], result: null, resultParams: null, error: '', estimate: null });
    calls[1].sink.item(2);
    calls[1].resolve('B');
    await settle();
    expect(job.state.status).toBe('idle');
    expect(job.state.result).toBeNull();
  });

  it('keeps its state without subscribers: a later subscriber sees the result (results can outlive a view)', async () => {
    const { job, calls } = fakeWorker();
    const seen: (string | null)[] = [];
    const unsubscribe = job.subscribe((s) => seen.push(s.result));
    job.run('a');
    unsubscribe();
    calls[0].resolve('A');
    await settle();
    expect(seen).toEqual([null, null]);
    let later: JobState<string, string, number> | null = null;
    job.subscribe((s) => (later = s));
    expect(later).toMatchObject({ status: 'done', result: 'A' });
  });

  it('publishes a new state object on every change, so views can compare by identity', () => {
    const { job, calls, seen } = fakeWorker();
    job.run('a');
    calls[0].sink.item(1);
    expect(seen.length).toBe(3);
    expect(new Set(seen).size).toBe(3);
    expect(seen[1].items).not.toBe(seen[2].items);
  });

  it('stops for good when disposed', async () => {
    const { job, calls, stopped } = fakeWorker();
    job.run('a');
    job.dispose();
    expect(stopped).toEqual([calls[0].id]);
    job.run('b');
    job.confirm();
    expect(calls).toHaveLength(1);
    calls[0].resolve('A');
    await settle();
    expect(job.state.result).toBeNull();
  });

  it('gives ids unique across jobs, so jobs sharing one worker never stop each other', () => {
    const a = fakeWorker();
    const b = fakeWorker();
    a.job.run('x');
    b.job.run('y');
    a.job.run('z');
    const ids = [...a.calls, ...b.calls].map((c) => c.id);
    expect(new Set(ids).size).toBe(3);
    expect(a.stopped).toEqual([a.calls[0].id]);
    expect(b.stopped).toEqual([]);
  });

  it('ensure runs only parameters unlike the latest job’s: a view that comes back computes nothing', async () => {
    const { job, calls } = fakeWorker();
    job.ensure('a');
    job.ensure('a');
    expect(calls).toHaveLength(1);
    calls[0].resolve('A');
    await settle();
    job.ensure('a');
    expect(calls).toHaveLength(1);
    job.ensure('b');
    expect(calls.map((c) => c.params)).toEqual(['a', 'b']);
    // A cancelled or failed job is not restarted by coming back either: only a change, or run, starts it.
    job.cancel();
    job.ensure('b');
    expect(calls).toHaveLength(2);
    job.run('b');
    expect(calls).toHaveLength(3);
  });

  it('compares parameters by the key the spec gives: a field the job does not read changes nothing', () => {
    const { job, calls } = fakeWorker({ key: (p) => p.slice(0, 1) });
    job.ensure('a1');
    job.ensure('a2');
    expect(calls).toHaveLength(1);
    expect(job.matches('a9')).toBe(true);
    expect(job.matches('b1')).toBe(false);
  });

  it('keeps the estimate while the confirmed job runs, and reports an estimate that refuses the parameters as a failure', () => {
    const { job, calls } = fakeWorker({
      estimate: (p) => {
        if (p === 'bad') throw new Error('bad is not allowed');
        return { seconds: 100, ask: true };
      },
    });
    job.run('long');
    job.confirm();
    expect(job.state).toMatchObject({ status: 'running', estimate: { seconds: 100 } });
    job.run('bad');
    expect(job.state).toMatchObject({ status: 'failed', error: 'bad is not allowed' });
    expect(calls).toHaveLength(1);
  });
});

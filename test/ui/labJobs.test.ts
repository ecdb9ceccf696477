// The landscape lab's job as the page owns it: the request the worker gets, the confirmation its estimate asks
// for, and a change of the gap units that only redraws.
import { describe, expect, it } from 'vitest';
import { labDefaults, landscapeEstimate, reportedCores, type LabApi, type LandscapeLabResult, type LandscapeRequest } from '../../src/labs/index.js';
import { createLabJobs } from '../../src/ui/jobs/labJobs.js';
import type { LabWorker } from '../../src/ui/worker/client.js';

/** A lab worker whose landscape calls the test sees, each answered at once with an empty result. */
function fakeWorker() {
  const calls: { request: LandscapeRequest; confirmed: boolean | undefined }[] = [];
  const landscape: LabApi['landscape'] = (_id, request, _progress, _item, confirmed) => {
    calls.push({ request, confirmed });
    return Promise.resolve({ laws: [], records: [], summaries: [], widths: [], spectra: [], workers: 1, millis: { runs: [], widths: 0, spectra: 0, total: 0 } } satisfies LandscapeLabResult);
  };
  const api = { landscape, cancel: () => true } as unknown as LabWorker;
  return { calls, start: () => Promise.resolve({ api, terminate: () => undefined }) };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('the landscape job', () => {
  it('runs a request once: a change of the gap units is the same run', async () => {
    const worker = fakeWorker();
    const jobs = createLabJobs(worker.start);
    const request = { ...labDefaults('landscape'), n: 12, sizes: [] };
    jobs.landscape.ensure(request);
    await settle();
    expect(worker.calls).toEqual([{ request, confirmed: false }]);
    expect(jobs.landscape.state.status).toBe('done');
    jobs.landscape.ensure({ ...request, units: 'relative' });
    await settle();
    expect(worker.calls).toHaveLength(1);
    jobs.landscape.ensure({ ...request, quenches: 10 });
    await settle();
    expect(worker.calls).toHaveLength(2);
    jobs.dispose();
  });

  it('waits for "run anyway" when its estimate asks, and tells the worker it was confirmed', async () => {
    const worker = fakeWorker();
    const jobs = createLabJobs(worker.start);
    const request: LandscapeRequest = { ...labDefaults('landscape'), couplings: 'gaussian', n: 36, instances: 4 };
    expect(landscapeEstimate(request, reportedCores(globalThis.navigator?.hardwareConcurrency)).ask).toBe(true);
    jobs.landscape.run(request);
    await settle();
    expect(jobs.landscape.state.status).toBe('asking');
    expect(worker.calls).toHaveLength(0);
    jobs.landscape.confirm();
    await settle();
    expect(worker.calls.map((c) => c.confirmed)).toEqual([true]);
    jobs.dispose();
  });
});

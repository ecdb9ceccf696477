/** Browser worker entry: exposes the lab API over comlink, then says it is ready (the page waits for this). */
import { expose, type Endpoint } from 'comlink';
import { createLabApi, WORKER_READY } from './labApi.js';

const endpoint = self as unknown as Endpoint;
expose(createLabApi(), endpoint);
endpoint.postMessage({ type: WORKER_READY });

/** Browser worker entry: exposes the lab API over comlink, then says it is ready (the page waits for this). */
import { expose, type Endpoint } from 'comlink';
import { LAB_WORKER_READY } from '../src/labs/index.js';
import { createLabApi } from './labApi.js';

const endpoint = self as unknown as Endpoint;
expose(createLabApi(), endpoint);
endpoint.postMessage({ type: LAB_WORKER_READY });

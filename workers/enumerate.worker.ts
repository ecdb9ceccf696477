/**
 * Web worker of the landscape lab's enumeration: scans one chunk of the core's plan per message and answers with
 * its best configuration (or the error's name and message). Started by the lab worker, one per core.
 */
import { planEnumeration, scanChunk, type ChunkRequest } from '../src/core/landscape/index.js';
import type { EnumerationReply } from './compute/enumerationPool.js';

const scope = self as unknown as { onmessage: ((event: MessageEvent<ChunkRequest>) => void) | null; postMessage(message: EnumerationReply): void };

scope.onmessage = ({ data: { id, J, n, start, end } }) => {
  try {
    const best = scanChunk(J, planEnumeration(n), { start, end });
    scope.postMessage({ id, energy: best.energy, state: best.state });
  } catch (error) {
    scope.postMessage({ id, error: { name: error instanceof Error ? error.name : 'Error', message: error instanceof Error ? error.message : String(error) } });
  }
};

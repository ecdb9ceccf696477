import { throwIfAborted } from '../vsdl/abort.js';
import type { DriveOptions } from '../vsdl/drive.js';
import { bestOf, enumerationChunk, planEnumeration, type EnumerationChunk, type GroundState } from './enumerate.js';

/**
 * Exact enumeration shared among threads. Each scanner is one thread of a shell (a worker thread in Node, a web
 * worker in a browser) that scans one chunk of planEnumeration(n) at a time with scanChunk; an idle scanner takes
 * the next chunk, and the lowest result wins through bestOf, so the ground state does not depend on which thread
 * finished first. Cancelling stops handing out chunks (those in flight finish, tens of milliseconds, and are
 * dropped); so does the first failure, which is the one reported.
 */

/** Scans one chunk somewhere else and answers with its best configuration. */
export type ChunkScanner = (J: Float64Array, n: number, chunk: EnumerationChunk) => Promise<GroundState>;

/** What a thread is sent: one chunk, [start, end) of planEnumeration(n), of the couplings J. */
export interface ChunkRequest {
  id: number;
  J: Float64Array;
  n: number;
  start: number;
  end: number;
}
/** Its answer to the request of the same id: the chunk's best configuration, or why it failed. */
export type ChunkReply = { id: number; energy: number; state: Int8Array } | { id: number; error: Error };

/** A thread that scans chunks (a worker thread, a web worker), seen through its messages. */
export interface ChunkThread {
  post(request: ChunkRequest): void;
  /** Hears its replies, and its failure (an error, an exit); returns the function that stops listening. */
  listen(onReply: (reply: ChunkReply) => void, onFailure: (error: Error) => void): () => void;
}

let nextRequest = 0;

/** A scanner that sends each chunk to `thread` and waits for the reply to that request. */
export function scannerOn(thread: ChunkThread): ChunkScanner {
  return (J, n, { start, end }) =>
    new Promise((resolve, reject) => {
      const id = nextRequest++;
      const stop = thread.listen(
        (reply) => {
          if (reply.id !== id) return;
          stop();
          if ('error' in reply) reject(reply.error);
          else resolve({ energy: reply.energy, state: reply.state });
        },
        (error) => {
          stop();
          reject(error);
        },
      );
      thread.post({ id, J, n, start, end });
    });
}

export async function enumerateOn(scanners: readonly ChunkScanner[], J: Float64Array, n: number, { signal, onProgress }: DriveOptions = {}): Promise<GroundState> {
  if (scanners.length === 0) throw new Error('enumeration needs at least one scanner');
  throwIfAborted(signal);
  const plan = planEnumeration(n);
  let next = 0;
  let finished = 0;
  let best: GroundState | null = null;
  let stopped = false;
  const lane = async (scan: ChunkScanner): Promise<void> => {
    while (!stopped && next < plan.chunkCount) {
      if (signal?.aborted) stopped = true;
      throwIfAborted(signal);
      const chunk = enumerationChunk(plan, next++);
      let found: GroundState;
      try {
        found = await scan(J, n, chunk);
      } catch (error) {
        stopped = true;
        throw error;
      }
      if (stopped) return;
      best = bestOf(best, found);
      finished++;
      onProgress?.(finished / plan.chunkCount);
    }
  };
  await Promise.all(scanners.map(lane));
  return best!;
}

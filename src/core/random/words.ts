import { ParameterError } from '../errors.js';
import { PhiloxStream, wordsToOpenFloat, type RandomStream } from './stream.js';

/**
 * Read-ahead buffer of stream words for the samplers. Samplers always consume words in pairs, so the buffer is
 * refilled only when empty; on close, words read ahead but not consumed are given back to the stream. A sampler
 * therefore leaves its stream exactly where the same draws made one by one would have left it, and bulk and
 * scalar forms give the same numbers.
 */
export class WordReader {
  words: Uint32Array;
  pos = 0;
  end = 0;
  private readonly stream: RandomStream;

  constructor(stream: RandomStream, capacity: number) {
    this.stream = stream;
    // Other RandomStream implementations cannot step back: read them exactly one pair at a time.
    const words = stream instanceof PhiloxStream ? Math.max(2, 2 * Math.ceil(capacity / 2)) : 2;
    this.words = new Uint32Array(words);
  }

  /** Precondition: every buffered word was consumed (pos === end). */
  refill(): void {
    const { stream, words } = this;
    if (stream instanceof PhiloxStream) {
      stream.readWords(words, words.length);
    } else {
      for (let i = 0; i < words.length; i++) words[i] = stream.nextUint32() >>> 0;
    }
    this.pos = 0;
    this.end = words.length;
  }

  /** Next word; callers take words two at a time. */
  take(): number {
    if (this.pos === this.end) this.refill();
    return this.words[this.pos++]!;
  }

  /** Uniform in (0, 1) from the next pair, as RandomStream.nextOpenFloat. */
  openFloat(): number {
    const first = this.take();
    return wordsToOpenFloat(first, this.take());
  }

  /** Gives unconsumed words back to the stream. */
  close(): void {
    if (this.end > this.pos && this.stream instanceof PhiloxStream) this.stream.unread(this.end - this.pos);
    this.pos = this.end = 0;
  }
}

/** Largest read-ahead of a bulk sampler, in words. */
const BULK_WORDS = 8192;

/** A reader for a bulk draw of about `wordsNeeded` words. */
export function bulkReader(stream: RandomStream, wordsNeeded: number): WordReader {
  return new WordReader(stream, Math.min(BULK_WORDS, wordsNeeded));
}

/** A one-pair reader for scalar draws, reused by the stream that owns it. */
export function scalarReader(stream: RandomStream): WordReader {
  if (stream instanceof PhiloxStream) return (stream.pairReader ??= new WordReader(stream, 2));
  return new WordReader(stream, 2);
}

/** Checks the stream argument of a sampler. */
export function checkStream(stream: unknown): RandomStream {
  if (stream === null || typeof stream !== 'object' || typeof (stream as RandomStream).nextUint32 !== 'function') {
    throw new ParameterError('stream', stream, 'a RandomStream (createStream)');
  }
  return stream as RandomStream;
}

/** Checks the output array of a bulk sampler. */
export function checkOutput(out: unknown): Float64Array {
  if (!(out instanceof Float64Array)) throw new ParameterError('out', out, 'a Float64Array');
  return out;
}

import { FormatError } from '../core/errors.js';

/**
 * A raw DEFLATE (RFC 1951) decoder, enough for np.savez_compressed: stored, fixed-Huffman and dynamic-Huffman
 * blocks. Codes are decoded canonically, one bit at a time (as zlib's reference decoder "puff" does): simple and
 * easy to check rather than fast. The output size is known from the ZIP directory, so the output never grows.
 */

interface Huffman {
  counts: Uint16Array; // number of codes of each length 0..15
  symbols: Uint16Array; // symbols ordered by code
}

const lengthBase = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258];
const lengthExtra = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];
const distBase = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577];
const distExtra = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13];
const codeLengthOrder = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];

export function inflateRaw(input: Uint8Array, outputSize: number, what: string): Uint8Array {
  const out = new Uint8Array(outputSize);
  let outPos = 0;
  let inPos = 0;
  let bitBuffer = 0;
  let bitCount = 0;

  const fail = (reason: string): never => {
    throw new FormatError(what, `corrupt deflate data: ${reason}`);
  };

  const bits = (need: number): number => {
    while (bitCount < need) {
      if (inPos >= input.length) fail('unexpected end of compressed data');
      bitBuffer |= input[inPos++] << bitCount;
      bitCount += 8;
    }
    const value = bitBuffer & ((1 << need) - 1);
    bitBuffer >>>= need;
    bitCount -= need;
    return value;
  };

  const build = (lengths: ArrayLike<number>, n: number): Huffman => {
    const counts = new Uint16Array(16);
    for (let s = 0; s < n; s++) counts[lengths[s]]++;
    let left = 1;
    for (let len = 1; len < 16; len++) {
      left = left * 2 - counts[len];
      if (left < 0) fail('over-subscribed Huffman code');
    }
    const offsets = new Uint16Array(16);
    for (let len = 1; len < 15; len++) offsets[len + 1] = offsets[len] + counts[len];
    const symbols = new Uint16Array(n);
    for (let s = 0; s < n; s++) if (lengths[s] !== 0) symbols[offsets[lengths[s]]++] = s;
    return { counts, symbols };
  };

  // Canonical decoding: codes of each length are consecutive integers, ordered by symbol.
  const decode = (h: Huffman): number => {
    let code = 0;
    let first = 0;
    let index = 0;
    for (let len = 1; len < 16; len++) {
      code |= bits(1);
      const count = h.counts[len];
      if (code - first < count) return h.symbols[index + code - first];
      index += count;
      first = (first + count) << 1;
      code <<= 1;
    }
    return fail('invalid Huffman code');
  };

  let fixedCodes: { lit: Huffman; dist: Huffman } | undefined;
  const fixed = (): { lit: Huffman; dist: Huffman } => {
    if (!fixedCodes) {
      const lengths = new Uint8Array(288);
      lengths.fill(8, 0, 144).fill(9, 144, 256).fill(7, 256, 280).fill(8, 280, 288);
      fixedCodes = { lit: build(lengths, 288), dist: build(new Uint8Array(30).fill(5), 30) };
    }
    return fixedCodes;
  };

  const dynamic = (): { lit: Huffman; dist: Huffman } => {
    const nlen = bits(5) + 257;
    const ndist = bits(5) + 1;
    const ncode = bits(4) + 4;
    if (nlen > 286 || ndist > 30) fail('too many length or distance codes');
    const lengths = new Uint8Array(nlen + ndist);
    const codeLengths = new Uint8Array(19);
    for (let i = 0; i < ncode; i++) codeLengths[codeLengthOrder[i]] = bits(3);
    const lengthCode = build(codeLengths, 19);
    for (let i = 0; i < nlen + ndist; ) {
      const symbol = decode(lengthCode);
      if (symbol < 16) {
        lengths[i++] = symbol;
        continue;
      }
      let repeat: number;
      let value = 0;
      if (symbol === 16) {
        if (i === 0) fail('repeat with no previous length');
        value = lengths[i - 1];
        repeat = 3 + bits(2);
      } else repeat = symbol === 17 ? 3 + bits(3) : 11 + bits(7);
      if (i + repeat > nlen + ndist) fail('too many code lengths');
      lengths.fill(value, i, i + repeat);
      i += repeat;
    }
    if (lengths[256] === 0) fail('no end-of-block code');
    return { lit: build(lengths, nlen), dist: build(lengths.subarray(nlen), ndist) };
  };

  const codes = (lit: Huffman, dist: Huffman): void => {
    for (;;) {
      const symbol = decode(lit);
      if (symbol < 256) {
        if (outPos >= outputSize) fail('more data than the stated size');
        out[outPos++] = symbol;
        continue;
      }
      if (symbol === 256) return;
      const li = symbol - 257;
      if (li >= 29) fail('invalid length code');
      const length = lengthBase[li] + bits(lengthExtra[li]);
      const di = decode(dist);
      if (di >= 30) fail('invalid distance code');
      const distance = distBase[di] + bits(distExtra[di]);
      if (distance > outPos) fail('distance too far back');
      if (outPos + length > outputSize) fail('more data than the stated size');
      for (let k = 0; k < length; k++, outPos++) out[outPos] = out[outPos - distance];
    }
  };

  let last = 0;
  while (!last) {
    last = bits(1);
    const type = bits(2);
    if (type === 0) {
      bitBuffer = 0; // stored blocks start on a byte boundary
      bitCount = 0;
      if (inPos + 4 > input.length) fail('unexpected end of compressed data');
      const len = input[inPos] | (input[inPos + 1] << 8);
      const nlen = input[inPos + 2] | (input[inPos + 3] << 8);
      inPos += 4;
      if (len !== (~nlen & 0xffff)) fail('stored block length check failed');
      if (inPos + len > input.length) fail('unexpected end of compressed data');
      if (outPos + len > outputSize) fail('more data than the stated size');
      out.set(input.subarray(inPos, inPos + len), outPos);
      inPos += len;
      outPos += len;
    } else if (type === 1) {
      const { lit, dist } = fixed();
      codes(lit, dist);
    } else if (type === 2) {
      const { lit, dist } = dynamic();
      codes(lit, dist);
    } else fail('invalid block type 3');
  }
  if (outPos !== outputSize) fail(`decompressed ${outPos} bytes, the archive states ${outputSize}`);
  return out;
}

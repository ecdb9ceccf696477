import { describe, expect, it } from 'vitest';
import { ParameterError } from '../../../src/core/errors.js';
import { philox4x32_10, philoxBlocks } from '../../../src/core/random/philox.js';

// Known-answer vectors of Random123 (tests/kat_vectors, "philox4x32 10" lines): counter[4], key[2] → output[4].
const KNOWN_ANSWERS: { counter: number[]; key: number[]; expected: number[] }[] = [
  { counter: [0, 0, 0, 0], key: [0, 0], expected: [0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8] },
  {
    counter: [0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff],
    key: [0xffffffff, 0xffffffff],
    expected: [0x408f276d, 0x41c83b0e, 0xa20bc7c6, 0x6d5451fd],
  },
  {
    counter: [0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344],
    key: [0xa4093822, 0x299f31d0],
    expected: [0xd16cfe09, 0x94fdcceb, 0x5001e420, 0x24126ea1],
  },
];

describe('philox4x32_10', () => {
  it('reproduces the Random123 known-answer vectors', () => {
    for (const { counter, key, expected } of KNOWN_ANSWERS) {
      expect(Array.from(philox4x32_10(counter, key))).toEqual(expected);
    }
  });

  it('bulk blocks equal single blocks, with the carry from counter word 0 into word 1', () => {
    const key = [0xa4093822, 0x299f31d0];
    const out = new Uint32Array(12);
    philoxBlocks(out, 0, 3, 0xfffffffe, 7, 0x13198a2e, 0x03707344, key[0]!, key[1]!);
    const expected = [
      ...philox4x32_10([0xfffffffe, 7, 0x13198a2e, 0x03707344], key),
      ...philox4x32_10([0xffffffff, 7, 0x13198a2e, 0x03707344], key),
      ...philox4x32_10([0, 8, 0x13198a2e, 0x03707344], key),
    ];
    expect(Array.from(out)).toEqual(expected);
  });

  it('rejects malformed counters and keys', () => {
    expect(() => philox4x32_10([0, 0, 0], [0, 0])).toThrow(ParameterError);
    expect(() => philox4x32_10([0, 0, 0, 0], [0, 2 ** 32])).toThrow(ParameterError);
    expect(() => philox4x32_10([0, 0, -1, 0], [0, 0])).toThrow(ParameterError);
    expect(() => philox4x32_10([0, 0.5, 0, 0], [0, 0])).toThrow(ParameterError);
  });
});

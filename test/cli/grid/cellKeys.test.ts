import { describe, expect, it } from 'vitest';
import { keyContradiction } from '../../../src/cli/grid/cellKeys.js';

/** The key's coordinates against a cell's fields: what vsdl merge checks of every cell of every part. */

const sweepKey = 'spherical;n=20;alpha=0.5;tau=1;noise=0;samples=2;seed="11";start=mixed;teacher=spherical;equilibration=10/10000;measurement=20/20000';
const trainKey = 'mlp;synthetic;batch_size=32;epochs=3;learning_rate=0.01;momentum=0;weight_decay=0;train_size=256;test_size=128;label_noise=0.1;input_noise=0;patience=0;seed="1"';

describe('keyContradiction', () => {
  it('accepts cells whose fields are what their keys say, whatever else the key names', () => {
    expect(keyContradiction({ key: sweepKey, alpha: 0.5, tau: 1, p: 10, R: 0.9 })).toBeNull();
    expect(keyContradiction({ key: trainKey, batch_size: 32, learning_rate: 0.01, train_size: 256, label_noise: 0.1, epochs_run: 3 })).toBeNull();
  });

  it('names the first field that differs from the key, a number written as text included', () => {
    expect(keyContradiction({ key: sweepKey, alpha: 0.75, tau: 1 })).toBe('has alpha 0.75, but its key says alpha=0.5');
    expect(keyContradiction({ key: sweepKey, alpha: 0.5, tau: 0.9999999999999999 })).toBe('has tau 0.9999999999999999, but its key says tau=1');
    expect(keyContradiction({ key: sweepKey, alpha: '0.5', tau: 1 })).toBe('has alpha "0.5", but its key says alpha=0.5');
    expect(keyContradiction({ key: sweepKey, alpha: null, tau: 1 })).toBe('has alpha null, but its key says alpha=0.5');
    expect(keyContradiction({ key: trainKey, batch_size: 64, learning_rate: 0.01 })).toBe('has batch_size 64, but its key says batch_size=32');
  });

  it('reads no coordinates from the seed, which is JSON text that may hold ";" and "="', () => {
    const key = 'spherical;n=20;alpha=0.5;tau=1;samples=2;seed="x;alpha=3;p=5"';
    expect(keyContradiction({ key, alpha: 0.5, tau: 1, p: 10 })).toBeNull();
  });
});

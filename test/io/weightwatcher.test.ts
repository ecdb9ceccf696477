import { describe, expect, it } from 'vitest';
import { ParameterError } from '../../src/core/errors.js';
import { matrix } from '../../src/core/linalg/index.js';
import { matrixNpy, readNpy, recordsCsv, weightFileName, weightWatcherConfig } from '../../src/io/index.js';

describe('WeightWatcher flat-file layout', () => {
  it('writes ww_config.json entries the way WeightWatcher reads them', () => {
    const config = weightWatcherConfig([{ name: 'a.r0', rows: 40, cols: 20 }, { name: 'b.r1', rows: 9, cols: 3 }], 'm') as {
      weights_dir: string;
      layers: Record<string, Record<string, unknown>>;
    };
    expect(config.weights_dir).toBe('.');
    expect(Object.keys(config.layers)).toEqual(['0', '1']);
    expect(config.layers['1']).toEqual({
      key: 'b.r1.weight', name: 'b.r1', longname: 'b.r1', weightfile: 'b.r1.weight.npy', biasfile: null, type: 'dense', dims: '[9, 3]',
    });
  });

  it('names files safely and writes W as an N×M float64 .npy', () => {
    expect(weightFileName('x-1')).toBe('x-1.weight.npy');
    expect(() => weightFileName('../x')).toThrow(ParameterError);
    expect(() => weightFileName('a/b')).toThrow(ParameterError);
    const w = matrix(2, 3, Float64Array.from([1, 2, 3, 4, 5, 6]));
    const back = readNpy(matrixNpy(w));
    expect(back.shape).toEqual([2, 3]);
    expect(Array.from(back.data as Float64Array)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('quotes text fields in CSV and leaves nulls empty', () => {
    const csv = recordsCsv([{ a: 'x,y', b: 1.5, c: null, d: 'say "hi"' }]);
    expect(csv).toBe('a,b,c,d\n"x,y",1.5,,"say ""hi"""\n');
  });
});

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ParameterError } from '../../src/core/errors.js';
import { matrix } from '../../src/core/linalg/index.js';
import { matrixNpy, readNpy, recordsCsv, weightFileName, weightWatcherConfig, weightWatcherScript } from '../../src/io/index.js';
import { python } from '../helpers/python.js';

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

describe('analyze.py, the script exported beside the flat files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vsdl-analyze-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(join(dir, 'analyze.py'), weightWatcherScript());
  // A stand-in for the weightwatcher package that records the keywords analyze() receives, with their types, and
  // returns as many rows as LAYERS says (0: an empty table).
  const stubDir = mkdtempSync(join(tmpdir(), 'vsdl-ww-stub-'));
  afterAll(() => rmSync(stubDir, { recursive: true, force: true }));
  writeFileSync(
    join(stubDir, 'weightwatcher.py'),
    [
      'import json, os',
      'class Details:',
      '    def __init__(self, rows): self.rows = rows',
      '    def __len__(self): return self.rows',
      '    def to_csv(self, path, index): open(path, "w").write("layer_id\\n" + "".join(f"{i}\\n" for i in range(self.rows)))',
      '    def to_string(self): return f"{self.rows} rows"',
      'class WeightWatcher:',
      '    def __init__(self, model): self.model = model',
      '    def analyze(self, **keywords):',
      '        typed = {k: [type(v).__name__, v] for k, v in keywords.items()}',
      '        json.dump({"model": self.model, "cwd": os.getcwd(), "keywords": typed}, open(os.environ["WW_STUB_OUT"], "w"))',
      '        return Details(int(os.environ.get("LAYERS", "1")))',
    ].join('\n'),
  );
  const run = (args: string[], layers = 1) =>
    spawnSync(python!, [join(dir, 'analyze.py'), ...args], {
      encoding: 'utf8',
      env: { ...process.env, PYTHONPATH: stubDir, WW_STUB_OUT: join(dir, 'seen.json'), LAYERS: String(layers) },
    });

  it.skipIf(!python)('passes k=v arguments as Python values: booleans, ints, floats, lists, None, and strings', () => {
    const r = run(['randomize=False', 'min_evals=10', 'layers=[0, 2]', 'vectors=True', 'tolerance=1e-3', 'fix_fingers=xmin_peak', "savedir='img'", 'pool=None']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const seen = JSON.parse(readFileSync(join(dir, 'seen.json'), 'utf8'));
    expect(seen.keywords).toEqual({
      randomize: ['bool', false],
      min_evals: ['int', 10],
      layers: ['list', [0, 2]],
      vectors: ['bool', true],
      tolerance: ['float', 0.001],
      fix_fingers: ['str', 'xmin_peak'],
      savedir: ['str', 'img'],
      pool: ['NoneType', null],
    });
    expect(seen.cwd).toBe(seen.model); // weights_dir "." resolves from the script's folder
    expect(readFileSync(join(dir, 'ww_details.csv'), 'utf8')).toBe('layer_id\n0\n');
  });

  it.skipIf(!python)('exits 2 on an argument that is not KEY=VALUE, and 1 when no layer was analysed', () => {
    const bad = run(['randomize']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/expected KEY=VALUE/);
    expect(run(['1x=3']).status).toBe(2);
    const empty = run(['layers=[99]'], 0);
    expect(empty.status).toBe(1);
    expect(empty.stderr).toMatch(/analysed no layer/);
  });

  it.skipIf(!python)('exits 1 with one line, not a traceback, when weightwatcher cannot be imported', () => {
    // A weightwatcher whose own imports fail stands for a missing package or a missing dependency of it alike.
    const broken = mkdtempSync(join(tmpdir(), 'vsdl-ww-broken-'));
    try {
      writeFileSync(join(broken, 'weightwatcher.py'), 'raise ImportError("No module named \'torch\'")\n');
      const r = spawnSync(python!, [join(dir, 'analyze.py'), 'randomize=False'], { encoding: 'utf8', env: { ...process.env, PYTHONPATH: broken } });
      expect(r.status).toBe(1);
      expect(r.stderr).toBe("analyze.py: cannot import weightwatcher (No module named 'torch'); install it with: pip install weightwatcher\n");
      expect(r.stderr).not.toMatch(/Traceback/);
    } finally {
      rmSync(broken, { recursive: true, force: true });
    }
  });

  it('reads every value with ast.literal_eval, falling back to the raw string (checked without Python too)', () => {
    const script = weightWatcherScript();
    expect(script).toMatch(/keywords\[key\] = ast\.literal_eval\(text\)/);
    expect(script).toMatch(/except \(ValueError, SyntaxError\):\n\s+keywords\[key\] = text/);
    expect(script).not.toMatch(/dict\(arg\.split/);
  });
});

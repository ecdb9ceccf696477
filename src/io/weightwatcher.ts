import { list, record, text } from '../core/validate.js';
import { ParameterError } from '../core/errors.js';
import type { Matrix } from '../core/linalg/index.js';
import { checkMatrix } from '../core/linalg/checks.js';
import { writeNpy } from './npy.js';

/**
 * Exports for external fitters, WeightWatcher above all. Pure builders: they return bytes and JSON-ready
 * objects; the CLI writes them.
 *
 * WeightWatcher's "flat files" layout (its WW_FLATFILES framework): a folder with `ww_config.json` and one
 * `<name>.weight.npy` per layer (biases `<name>.bias.npy`, none here). The config is
 *   { "framework", "weights_dir", "model_name", "layers": { "<id>": { "key", "name", "longname", "weightfile",
 *     "biasfile", "type", "dims" } } }
 * with `dims` the JSON text of the weight shape and `type` 'dense' for a 2-D matrix. WeightWatcher opens
 * os.path.join(weights_dir, weightfile): we write weights_dir = "." so the folder can move, which means
 * WeightWatcher must run with that folder as its working directory (`analyze.py` beside the config does that).
 */

export const WW_CONFIG_FILENAME = 'ww_config.json';

export interface WwLayer {
  /** Layer name; the weight file is `<name>.weight.npy`. */
  name: string;
  rows: number;
  cols: number;
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9._+-]*$/;

export function checkLayerName(name: string): string {
  if (typeof name !== 'string' || !NAME.test(name) || name.includes('..')) {
    throw new ParameterError('name', name, "letters, digits and . _ + - (a plain file name, not starting with '.')");
  }
  return name;
}

export function weightFileName(name: string): string {
  return `${checkLayerName(name)}.weight.npy`;
}

/** W as a float64 C-order .npy of shape (N, M). */
export function matrixNpy(w: Matrix): Uint8Array {
  checkMatrix('w', w);
  return writeNpy({ data: w.data, shape: [w.rows, w.cols] });
}

/** ww_config.json for the given layers, in order (layer ids 0, 1, …). */
export function weightWatcherConfig(layers: readonly WwLayer[], modelName: string): object {
  list('layers', layers).forEach((layer, i) => record(`layers[${i}]`, layer));
  text('modelName', modelName);
  const config: Record<string, object> = {};
  layers.forEach((layer, id) => {
    const file = weightFileName(layer.name);
    config[String(id)] = {
      key: `${layer.name}.weight`,
      name: layer.name,
      longname: layer.name,
      weightfile: file,
      biasfile: null,
      type: 'dense',
      // Python's json.dumps of the shape tuple, byte for byte.
      dims: `[${layer.rows}, ${layer.cols}]`,
    };
  });
  return { framework: 'pytorch', weights_dir: '.', model_name: modelName, layers: config };
}

/**
 * A script that runs WeightWatcher on the folder it lies in and writes its details table beside it. Its arguments
 * are keywords of WeightWatcher's analyze(), each value read as a Python literal when it is one (so that
 * `randomize=False` is a bool, `min_evals=10` an int, `layers=[0]` a list) and as a string otherwise.
 */
export function weightWatcherScript(): string {
  return `"""Runs WeightWatcher on the flat files in this folder and writes ww_details.csv beside them.

    python analyze.py [KEY=VALUE ...]

Each KEY=VALUE is a keyword of WeightWatcher's analyze(). VALUE is read as a Python literal when it is one
(randomize=False, min_evals=10, layers=[0], fix_fingers='xmin_peak') and as a plain string otherwise
(fix_fingers=xmin_peak). Exits 2 on a malformed argument, 1 when WeightWatcher cannot be imported or analysed no
layer.
"""
import ast
import os
import sys


def parse_keywords(args):
    keywords = {}
    for arg in args:
        key, sep, text = arg.partition("=")
        if not sep or not key.isidentifier():
            print(f"analyze.py: expected KEY=VALUE with a Python name as KEY, got {arg!r}", file=sys.stderr)
            sys.exit(2)
        try:
            keywords[key] = ast.literal_eval(text)
        except (ValueError, SyntaxError):
            keywords[key] = text
    return keywords


def main():
    keywords = parse_keywords(sys.argv[1:])
    try:
        import weightwatcher as ww
    except ImportError as error:
        print(f"analyze.py: cannot import weightwatcher ({error}); install it with: pip install weightwatcher", file=sys.stderr)
        sys.exit(1)

    here = os.path.dirname(os.path.abspath(__file__))
    os.chdir(here)  # ww_config.json has weights_dir ".": paths resolve from this folder
    details = ww.WeightWatcher(model=here).analyze(**keywords)
    if details is None or len(details) == 0:
        print(f"analyze.py: WeightWatcher analysed no layer with {keywords}", file=sys.stderr)
        sys.exit(1)
    details.to_csv(os.path.join(here, "ww_details.csv"), index=False)
    print(details.to_string())


if __name__ == "__main__":
    main()
`;
}

/** Mixed text/number CSV (RFC 4180 quoting); null and undefined become empty fields, NaN 'NaN'. */
export function recordsCsv(records: readonly Record<string, unknown>[], columns?: readonly string[]): string {
  list('records', records).forEach((r, i) => record(`records[${i}]`, r));
  if (columns !== undefined) list('columns', columns);
  const names = columns ?? (records.length ? Object.keys(records[0]) : []);
  const field = (v: unknown): string => {
    if (v === null || v === undefined) return '';
    if (typeof v === 'number') return Number.isNaN(v) ? 'NaN' : v === Infinity ? 'Inf' : v === -Infinity ? '-Inf' : String(v);
    const text = typeof v === 'string' ? v : JSON.stringify(v);
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  return [names.join(','), ...records.map((r) => names.map((n) => field(r[n])).join(','))].join('\n') + '\n';
}

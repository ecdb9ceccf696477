import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runPython } from './python.js';

/**
 * Independent oracles computed by Python (NumPy, SciPy, mpmath), frozen so that no test skips for lack of Python.
 *
 * Each oracle is a Python script that prints JSON. Its result is committed in test/fixtures/oracles/<name>.json
 * together with the exact script and the versions that produced it, so the fixture is its own generator
 * (`python3 -c "$(jq -r .script test/fixtures/oracles/NAME.json)"`). `oracle()` returns the frozen result and, when
 * a suitable Python is installed, the live result as well: tests check every result they get, so a machine with
 * Python checks both. A fixture whose script no longer matches the test is an error, not a silent pass: rerun
 * `npm run freeze-oracles` (which sets VSDL_FREEZE_ORACLES=1 and runs the oracle tests) and commit the fixtures.
 */

const DIR = join(import.meta.dirname, '../fixtures/oracles');
const FREEZE = process.env.VSDL_FREEZE_ORACLES === '1';

interface Frozen {
  script: string;
  python: string;
  versions: Record<string, string>;
  result: unknown;
}

function versions(exe: string): Record<string, string> {
  const probe = `import json, importlib, sys
out = {"python": sys.version.split()[0]}
for m in ("numpy", "scipy", "mpmath"):
    try: out[m] = importlib.import_module(m).__version__
    except ImportError: pass
print(json.dumps(out))`;
  return JSON.parse(execFileSync(exe, ['-c', probe], { encoding: 'utf8' })) as Record<string, string>;
}

/** Results of the oracle `name`: the frozen one, then the live one when `exe` (a Python with what it needs) exists. */
export function oracle<T>(name: string, script: string, exe: string | null): { source: 'frozen' | 'live'; result: T }[] {
  const file = join(DIR, `${name}.json`);
  if (FREEZE) {
    if (!exe) throw new Error(`oracle ${name}: freezing needs a Python with the modules the script imports`);
    const frozen: Frozen = { script, python: exe, versions: versions(exe), result: JSON.parse(runPython(script, exe)) };
    writeFileSync(file, `${JSON.stringify(frozen)}\n`);
  }
  if (!existsSync(file)) throw new Error(`oracle ${name}: no fixture ${file}; run npm run freeze-oracles`);
  const frozen = JSON.parse(readFileSync(file, 'utf8')) as Frozen;
  if (frozen.script !== script) throw new Error(`oracle ${name}: the test's script changed since the fixture was frozen; run npm run freeze-oracles`);
  const out: { source: 'frozen' | 'live'; result: T }[] = [{ source: 'frozen', result: frozen.result as T }];
  if (exe && !FREEZE) out.push({ source: 'live', result: JSON.parse(runPython(script, exe)) as T });
  return out;
}

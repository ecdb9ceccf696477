// Builds the native help of the dense kernels (src/node/native/kernels.c) as dist/native/kernels.node, with
// the C compiler named by $CC (else `cc`) against the headers of the Node that runs this script. The addon is
// optional: where there is no compiler or no headers (or on Windows), this says so and the WebAssembly kernels are
// used, with the same results (the tests require the addon wherever a C compiler is).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const SOURCE = join(root, 'src/node/native/kernels.c');
const OUTPUT = join(root, 'dist/native/kernels.node');

/** Node's C headers: the folder holding node_api.h, or null. */
function nodeHeaders(env = process.env) {
  const candidates = [
    env.npm_config_nodedir && join(env.npm_config_nodedir, 'include', 'node'),
    join(dirname(process.execPath), '..', 'include', 'node'),
  ].filter(Boolean);
  return candidates.find((dir) => existsSync(join(dir, 'node_api.h'))) ?? null;
}

/** The compiler and headers to build with, or the reason there are none. */
function toolchain(env = process.env) {
  if (process.platform === 'win32') return { reason: 'Windows: the WebAssembly kernels are used' };
  const headers = nodeHeaders(env);
  if (!headers) return { reason: "Node's C headers (node_api.h) were not found" };
  const cc = env.CC || 'cc';
  const probe = spawnSync(cc, ['--version'], { stdio: 'ignore' });
  if (probe.error || probe.status !== 0) return { reason: `no C compiler (${cc})` };
  return { cc, headers };
}

/** No addon (an older one would no longer match the sources): says why. */
function skip(reason) {
  console.log(`native kernels not built: ${reason}; the WebAssembly kernels are used`);
  rmSync(OUTPUT, { force: true });
}

function build() {
  const tools = toolchain();
  if ('reason' in tools) return skip(tools.reason);
  mkdirSync(dirname(OUTPUT), { recursive: true });
  const partial = `${OUTPUT}.tmp`;
  const args = [
    '-O3', '-std=gnu11', '-fPIC', '-shared', '-fvisibility=hidden',
    // No fused multiply-add: the addon must round each product and each sum as the WebAssembly kernel does.
    '-ffp-contract=off', '-fno-fast-math',
    // The vector helpers are inlined into each CPU's clone; their ABI for non-inlined calls does not matter.
    '-Wno-psabi',
    ...(process.platform === 'darwin' ? ['-undefined', 'dynamic_lookup'] : []),
    '-I', tools.headers, SOURCE, '-o', partial,
  ];
  try {
    execFileSync(tools.cc, args, { stdio: ['ignore', 'inherit', 'inherit'] });
  } catch {
    rmSync(partial, { force: true });
    return skip(`${tools.cc} failed`);
  }
  renameSync(partial, OUTPUT);
  console.log(`${OUTPUT.slice(root.length)}: native kernels built with ${tools.cc}`);
}

build();

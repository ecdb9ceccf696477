// An ESLint rule that keeps the layers of the repository apart: every import (static, dynamic, re-export, and the
// `new URL('…', import.meta.url)` that names a worker or a folder) is resolved to the layer of the file it names,
// and must be one that the importing layer is allowed to use. Bare package names are checked too, for the layers
// that restrict them (the core imports no package; notebooks import only the library itself).
import { dirname, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * @typedef {{ name: string, path: string }} Layer  a layer: the files under `path` (relative to the root)
 * @typedef {{ layers: Layer[], allow: Record<string, string[]>, packages?: Record<string, string[]> }} Options
 *   allow: the layers each layer may import (itself included); packages: for the layers listed, the only bare
 *   package names (or `node:` modules) they may import; layers not listed may import any package.
 */

const root = fileURLToPath(new URL('..', import.meta.url));

/** The layer of a path relative to the root: the longest matching layer path, or null outside every layer. */
function layerOf(layers, path) {
  const bare = (p) => p.replace(/\.(ts|js|mjs|svelte)$/, '');
  let best = null;
  for (const layer of layers) {
    const p = layer.path.endsWith('/') ? layer.path : `${layer.path}/`;
    const hit = bare(path) === bare(layer.path) || path.startsWith(p);
    if (hit && (!best || layer.path.length > best.path.length)) best = layer;
  }
  return best?.name ?? null;
}

const packageName = (spec) => (spec.startsWith('@') ? spec.split('/').slice(0, 2) : spec.split('/').slice(0, 1)).join('/');

export const allowedImports = {
  meta: {
    type: 'problem',
    docs: { description: 'imports between layers follow the architecture (README, "Architecture")' },
    schema: [{ type: 'object', additionalProperties: true }],
    messages: {
      layer: "{{from}} may not import {{to}} ('{{spec}}'): {{from}} may import only {{allowed}}",
      package: "{{from}} may not import the package '{{spec}}': {{from}} may import only {{allowed}}",
    },
  },
  create(context) {
    /** @type {Options} */
    const options = context.options[0];
    const file = relative(root, context.filename).split(sep).join('/');
    const from = layerOf(options.layers, file);
    if (!from) return {};
    const allowed = options.allow[from] ?? [from];
    const packages = options.packages?.[from];

    function check(node, spec) {
      if (typeof spec !== 'string') return;
      if (spec.startsWith('.') || spec.startsWith('/')) {
        const target = relative(root, resolve(dirname(context.filename), spec)).split(sep).join('/');
        const to = layerOf(options.layers, target);
        if (to && !allowed.includes(to)) {
          context.report({ node, messageId: 'layer', data: { from, to, spec, allowed: allowed.join(', ') || 'no other layer' } });
        }
        return;
      }
      if (packages && !packages.includes(packageName(spec))) {
        context.report({ node, messageId: 'package', data: { from, spec, allowed: packages.join(', ') || 'no package' } });
      }
    }
    const source = (node) => {
      if (node.source) check(node.source, node.source.value);
    };
    return {
      ImportDeclaration: source,
      ExportNamedDeclaration: source,
      ExportAllDeclaration: source,
      ImportExpression(node) {
        if (node.source.type === 'Literal') check(node.source, node.source.value);
      },
      // new URL('./x.js', import.meta.url): how workers and compiled folders are named.
      NewExpression(node) {
        const [first, second] = node.arguments;
        const isMeta = second?.type === 'MemberExpression' && second.object.type === 'MetaProperty' && second.property.name === 'url';
        if (node.callee.name === 'URL' && isMeta && first?.type === 'Literal') check(first, first.value);
      },
    };
  },
};

export default { rules: { 'allowed-imports': allowedImports } };

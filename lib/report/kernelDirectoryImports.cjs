/**
 * Preloaded into tslab kernels (NODE_OPTIONS=--require) by the report command and `npm run lab`.
 *
 * TypeScript resolves `import ... from '../metrics'` to `../metrics/index.ts`, and tslab compiles it, but at
 * run time tslab looks the compiled module up as `<dir>/../metrics.js` only, so any library file importing a
 * folder fails in a notebook with "Cannot find module '../metrics'". tslab joins the importing folder and
 * the specifier with `tspath.normalizeJoin`; this wrapper sends a relative specifier naming a folder that
 * holds an index.ts (and no sibling `<name>.ts`) to that index, as Node's own resolution would.
 */
'use strict';
const fs = require('node:fs');
const path = require('node:path');

function isFile(p) {
  try {
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
}

try {
  const tspath = require(require.resolve('tslab/dist/tspath', { paths: [path.resolve(__dirname, '..', '..')] }));
  const join = tspath.normalizeJoin;
  tspath.normalizeJoin = function normalizeJoinWithFolderIndex(...parts) {
    const joined = join(...parts);
    const specifier = parts[parts.length - 1];
    if (parts.length !== 2 || typeof specifier !== 'string' || !specifier.startsWith('.')) return joined;
    if (path.extname(joined) !== '' || isFile(`${joined}.ts`) || isFile(`${joined}.tsx`)) return joined;
    return isFile(path.join(joined, 'index.ts')) || isFile(path.join(joined, 'index.tsx')) ? join(joined, 'index') : joined;
  };
} catch (error) {
  // Not a tslab kernel (another node process inheriting NODE_OPTIONS): nothing to patch.
  if (error && error.code !== 'MODULE_NOT_FOUND') throw error;
}

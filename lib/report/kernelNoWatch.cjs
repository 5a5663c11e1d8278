/**
 * Preloaded into headless tslab kernels (NODE_OPTIONS=--require) by the report command.
 *
 * tslab compiles cells with TypeScript's watch compiler, which also watches every real file and
 * directory a cell's imports resolve to (the library's .d.ts files in dist/). When one of them changes
 * while a cell runs (dist/ rebuilt by another process), TypeScript schedules a rebuild timer, and the
 * next cell then fails inside tslab with "Unexpected pending rebuildTimer". A report run executes a fixed
 * snapshot of the library, so its kernels do not need to watch anything: the real-file watchers become
 * no-ops. tslab's own in-memory cell files are unaffected (it intercepts their watchers before they reach
 * `ts.sys`). Interactive sessions (npm run lab, JupyterLab, VS Code) run without it.
 */
'use strict';
const path = require('node:path');

try {
  const ts = require(require.resolve('@tslab/typescript-for-tslab', { paths: [path.resolve(__dirname, '..', '..')] }));
  const unwatched = () => ({ close() {} });
  ts.sys.watchFile = unwatched;
  ts.sys.watchDirectory = unwatched;
} catch (error) {
  // Not a tslab kernel (another node process inheriting NODE_OPTIONS): nothing to patch.
  if (error && error.code !== 'MODULE_NOT_FOUND') throw error;
}

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BUILD_STAMP, DIST_DIR, ensureLibraryBuild, libraryBuildIsFresh, newestBuildInput } from '../../lib/report/libraryBuild';
import { REPOSITORY_ROOT } from '../../lib/report/notebook';

/** Sets a file's modification time to `seconds` after the epoch. */
function touch(path: string, seconds: number): void {
  utimesSync(path, seconds, seconds);
}

test('libraryBuildIsFresh: a build is stale when a lib/ file, a lib/ folder or a config file is newer than its start', () => {
  const root = mkdtempSync(join(tmpdir(), 'library-build-'));
  try {
    mkdirSync(join(root, 'lib', 'plots'), { recursive: true });
    writeFileSync(join(root, 'lib', 'index.ts'), '');
    writeFileSync(join(root, 'lib', 'plots', 'roc.ts'), '');
    writeFileSync(join(root, 'package.json'), '{}');
    for (const p of ['lib/index.ts', 'lib/plots/roc.ts', 'lib/plots', 'lib', 'package.json']) touch(join(root, p), 1000);
    assert.equal(newestBuildInput(root), 1000 * 1000);
    assert.equal(libraryBuildIsFresh(root), false, 'no build yet');
    mkdirSync(join(root, 'dist'));
    writeFileSync(join(root, 'dist', BUILD_STAMP), String(2000 * 1000));
    assert.equal(libraryBuildIsFresh(root), true);
    touch(join(root, 'lib', 'plots', 'roc.ts'), 3000);
    assert.equal(libraryBuildIsFresh(root), false, 'an edited source');
    touch(join(root, 'lib', 'plots', 'roc.ts'), 1000);
    touch(join(root, 'lib', 'plots'), 3000); // a file added or removed in lib/plots
    assert.equal(libraryBuildIsFresh(root), false, 'a changed folder');
    touch(join(root, 'lib', 'plots'), 1000);
    touch(join(root, 'package.json'), 3000);
    assert.equal(libraryBuildIsFresh(root), false, 'a changed package.json');
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test("ensureLibraryBuild: dist/ answers require('purchase-prediction') from any folder of the checkout, types included", () => {
  ensureLibraryBuild();
  assert.equal(libraryBuildIsFresh(), true);
  assert.equal(ensureLibraryBuild(), false, 'a fresh build is not rebuilt');
  // Plain node (no tsx), as in a kernel: package self-reference through package.json's exports.
  const script =
    "const r = require('module').createRequire(process.cwd() + '/x.js'); const m = r('purchase-prediction');" +
    "console.log(r.resolve('purchase-prediction') + ' ' + typeof m.XGBoostClassifier + ' ' + typeof m.showFigure + ' ' + typeof m.metrics.rocCurve)";
  for (const folder of ['notebooks', 'test/report', 'bench', '.']) {
    const out = execFileSync(process.execPath, ['-e', script], { cwd: join(REPOSITORY_ROOT, folder), encoding: 'utf8' }).trim();
    assert.equal(out, `${join(DIST_DIR, 'index.js')} function function function`, folder);
  }
  const types = execFileSync(process.execPath, ['-p', "require('./package.json').exports['.'].types"], {
    cwd: REPOSITORY_ROOT,
    encoding: 'utf8',
  }).trim();
  assert.equal(types, './dist/index.d.ts');
  assert.ok(existsSync(join(DIST_DIR, 'index.d.ts')));
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ensurePackageStubs, stubFolders } from '../../lib/report/packageStubs';

test('ensurePackageStubs: a stub in notebooks/ always, in the root only when its node_modules is its own folder', () => {
  const root = mkdtempSync(join(tmpdir(), 'package-stubs-'));
  const shared = mkdtempSync(join(tmpdir(), 'shared-node-modules-'));
  try {
    mkdirSync(join(root, 'notebooks'));
    // node_modules shared with another checkout (a link): only notebooks/ gets a stub.
    symlinkSync(shared, join(root, 'node_modules'));
    assert.deepEqual(stubFolders(root), [join(root, 'notebooks')]);
    const written = ensurePackageStubs(root);
    assert.deepEqual(written, [join(root, 'notebooks', 'node_modules', 'purchase-prediction', 'package.json')]);
    const stub = JSON.parse(readFileSync(written[0]!, 'utf8')) as { name: string; main: string; types: string };
    assert.equal(stub.name, 'purchase-prediction');
    // The stub's paths, taken from its own folder as TypeScript and Node take them, name the checkout's dist/.
    const stubDir = join(root, 'notebooks', 'node_modules', 'purchase-prediction');
    assert.equal(resolve(stubDir, stub.types), join(root, 'dist', 'index.d.ts'));
    assert.equal(resolve(stubDir, stub.main), join(root, 'dist', 'index.js'));
    assert.deepEqual(ensurePackageStubs(root), [], 'up-to-date stubs are not rewritten');

    // Its own node_modules folder: the root gets one too, covering every folder of the checkout.
    rmSync(join(root, 'node_modules'));
    mkdirSync(join(root, 'node_modules'));
    assert.deepEqual(stubFolders(root), [join(root, 'notebooks'), root]);
    const rootStub = ensurePackageStubs(root);
    assert.deepEqual(rootStub, [join(root, 'node_modules', 'purchase-prediction', 'package.json')]);
    const types = (JSON.parse(readFileSync(rootStub[0]!, 'utf8')) as { types: string }).types;
    assert.equal(resolve(root, 'node_modules', 'purchase-prediction', types), join(root, 'dist', 'index.d.ts'));
  } finally {
    rmSync(root, { recursive: true, force: true });
    rmSync(shared, { recursive: true, force: true });
  }
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readProcStat, readPssBytes } from '../../bench/procfs';
import { descendantsMemory } from '../../bench/treeRss';

test('PSS of a process is positive and at most its RSS; a gone process reads as null', () => {
  const pss = readPssBytes(process.pid);
  const rss = readProcStat(process.pid)!.rssBytes;
  assert.ok(pss !== null && pss > 0 && pss <= rss, `pss ${pss}, rss ${rss}`);
  assert.equal(readPssBytes(2 ** 22 + 12345), null); // above the kernel's pid_max
});

test('the tree sums count a child holding 200 MB once, its PSS no larger than its RSS', async () => {
  const child = spawn(process.execPath, [
    '-e',
    "const b = Buffer.alloc(200 * 2 ** 20, 1); process.stdout.write('ready'); setTimeout(() => b.length, 60_000);",
  ]);
  try {
    await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
    const tree = descendantsMemory(process.pid);
    assert.ok(tree.rssBytes >= 200 * 2 ** 20, `rss ${tree.rssBytes}`);
    assert.ok(tree.pssBytes >= 200 * 2 ** 20 && tree.pssBytes <= tree.rssBytes, `pss ${tree.pssBytes}, rss ${tree.rssBytes}`);
  } finally {
    child.kill();
  }
});

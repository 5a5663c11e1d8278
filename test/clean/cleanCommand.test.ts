import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { EXPECTED_FUNNEL, eventCsv } from './handWorkedEvents';
import { command } from '../../lib/commands/clean';

const ROOT = path.resolve(__dirname, '../..');
const COMMAND = path.join(ROOT, 'lib/commands/clean.ts');

/** Run `clean` in a child process, so stdout is exactly what a user of the CLI would see. */
function runClean(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const script =
    `require(${JSON.stringify(COMMAND)}).command.run(process.argv.slice(1))` +
    `.then((code) => process.exit(code), (err) => { console.error(err.message); process.exit(1); })`;
  const child = spawnSync(process.execPath, ['--import', 'tsx', '-e', script, '--', ...args], { cwd: ROOT, encoding: 'utf8' });
  return { status: child.status, stdout: child.stdout, stderr: child.stderr };
}

function monthFolder(csv: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clean-cmd-'));
  fs.writeFileSync(path.join(dir, '2019-Oct.csv'), csv);
  return dir;
}

test('clean --json prints exactly one JSON object with the hand-worked funnel', () => {
  const dir = monthFolder(eventCsv());
  try {
    const { status, stdout, stderr } = runClean(['--data', dir, '--json']);
    assert.equal(status, 0, stderr);
    // Empty CSV fields load as NULL, so the '' code and session of the SQL fixture behave the same here.
    assert.deepEqual(JSON.parse(stdout), { ...EXPECTED_FUNNEL, skipped_bad_rows: 0 });
    assert.equal(stdout.trim().split('\n').length, 1);
    assert.match(stderr, /loaded 2019-Oct\.csv: 40 rows/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('clean --skip-bad-rows counts a malformed row; without it the load fails', () => {
  const bad = 'yesterday UTC,view,1,10,,,1.00,99,s99\n';
  const dir = monthFolder(eventCsv() + bad);
  try {
    const skipped = runClean(['--data', dir, '--json', '--skip-bad-rows']);
    assert.equal(skipped.status, 0, skipped.stderr);
    assert.deepEqual(JSON.parse(skipped.stdout), { ...EXPECTED_FUNNEL, skipped_bad_rows: 1 });

    const strict = runClean(['--data', dir]);
    assert.equal(strict.status, 1);
    assert.equal(strict.stdout, '');
    assert.match(strict.stderr, /2019-Oct\.csv/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('clean prints the funnel table: 40 raw rows, 19 kept (47.5%), 2 of 6 users purchase', () => {
  const dir = monthFolder(eventCsv());
  try {
    const { status, stdout, stderr } = runClean(['--data', dir]);
    assert.equal(status, 0, stderr);
    // 19 / 23 = 82.6% of step 4; 19 / 40 = 47.5% of raw; 2 / 6 = 33.3% of users.
    assert.match(stdout, /5\. More than one session \(on raw data\)\s+19\s+82\.6%\s+47\.5%/);
    assert.match(stdout, /exact duplicate rows removed in step 1: 5/);
    assert.match(stdout, /users: 6, with a purchase: 2 \(33\.3%\)/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('clean without --data fails with a clear message', async () => {
  await assert.rejects(command.run([]), /missing required option --data/);
});

/**
 * Faults outside the data: a PostgreSQL server that is down or refuses the login, and a write that fails
 * half-way. Each gives one clear line naming what failed (host and port for the server), and a failed write
 * leaves the previous file as it was, with no temporary file behind.
 */
import { after, before, describe, mock, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { KAGGLE_HEADER } from '../../lib/data/schema';
import { writeFileAtomic } from '../../lib/io/atomicWrite';

const execFileAsync = promisify(execFile);
const ROOT = path.resolve(__dirname, '../..');

interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

async function cli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  try {
    const { stdout, stderr } = await execFileAsync(process.execPath, [path.join(ROOT, 'bin/purchase-prediction.js'), ...args], {
      cwd: ROOT,
      env: { ...process.env, DEBUG: '', ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

/** A TCP port on 127.0.0.1 with nothing listening: bound, noted, released. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

let work: string;
let data: string;
before(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'faults run '));
  data = path.join(work, 'data');
  fs.mkdirSync(data);
  const rows = ['2019-10-01 10:00:00 UTC,view,1,2,,b,5.00,1,s1', '2019-10-02 10:00:00 UTC,view,1,2,,b,5.00,1,s2'];
  fs.writeFileSync(path.join(data, '2019-Oct.csv'), `${[KAGGLE_HEADER, ...rows].join('\n')}\n`);
});
after(() => fs.rmSync(work, { recursive: true, force: true }));

describe('PostgreSQL unavailable: features --backend postgres fails in one line naming the server', () => {
  const pgHost = process.env.PGHOST ?? '127.0.0.1';
  const pgPort = process.env.PGPORT ?? '5432';
  const REFUSED = 'connection refused (is the server running on that host and accepting TCP/IP connections on that port?)';

  /** Run features against `url` and return its single error line; nothing may be written. */
  async function featuresError(args: string[], env: NodeJS.ProcessEnv = {}): Promise<string> {
    const out = path.join(work, 'features.csv');
    const result = await cli(['features', '--data', data, '--out', out, '--backend', 'postgres', ...args], env);
    assert.equal(result.code, 1, result.stderr);
    const errors = result.stderr.split('\n').filter((l) => l.startsWith('error: '));
    assert.equal(errors.length, 1, result.stderr);
    assert.doesNotMatch(result.stderr, /\n\s+at /, 'no stack trace');
    // The connection is tried before the files are loaded, so a dead server costs no load time.
    assert.doesNotMatch(result.stdout + result.stderr, /loaded 2019-Oct\.csv/);
    assert.equal(fs.existsSync(out), false);
    return errors[0]!;
  }

  test('a server that is down (nothing listens on the port), named by --pg', async () => {
    const port = await closedPort();
    const line = await featuresError(['--pg', `postgresql://postgres@127.0.0.1:${port}/postgres`]);
    assert.equal(line, `error: cannot connect to PostgreSQL at host=127.0.0.1 port=${port} user=postgres database=postgres: ${REFUSED}`);
  });

  test('a server that is down, named by the PG* environment variables', async () => {
    const port = await closedPort();
    const line = await featuresError([], { PGHOST: '127.0.0.1', PGPORT: String(port), PGUSER: 'postgres', PGDATABASE: 'postgres' });
    assert.equal(line, `error: cannot connect to PostgreSQL at host=127.0.0.1 port=${port} user=postgres database=postgres: ${REFUSED}`);
  });

  test('the server refuses an unknown role', async () => {
    const role = `no_such_role_${process.pid}`;
    const line = await featuresError(['--pg', `postgresql://${role}@${pgHost}:${pgPort}/postgres`]);
    assert.equal(
      line,
      `error: cannot connect to PostgreSQL at host=${pgHost} port=${pgPort} user=${role} database=postgres: role "${role}" does not exist`,
    );
  });

  test('the server refuses an unknown database', async () => {
    const user = process.env.PGUSER ?? 'postgres';
    const db = `no_such_db_${process.pid}`;
    const line = await featuresError(['--pg', `postgresql://${user}@${pgHost}:${pgPort}/${db}`]);
    assert.equal(
      line,
      `error: cannot connect to PostgreSQL at host=${pgHost} port=${pgPort} user=${user} database=${db}: database "${db}" does not exist`,
    );
  });
});

describe('atomic writes: a write that fails half-way leaves the previous file and no temporary file', () => {
  test('writeFileAtomic: failure while writing the temporary file', (t) => {
    const dir = fs.mkdtempSync(path.join(work, 'atomic '));
    const target = path.join(dir, 'models.json');
    fs.writeFileSync(target, '{"previous": true}\n');
    const realWrite = fs.writeFileSync;
    // The disk fills up after half the bytes: the partial temp file exists, then the write throws.
    t.mock.method(fs, 'writeFileSync', (file: fs.PathOrFileDescriptor, content: string | NodeJS.ArrayBufferView) => {
      const text = String(content);
      realWrite(file, text.slice(0, text.length / 2));
      throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    });
    assert.throws(() => writeFileAtomic(target, `{"new": "report", "padding": "${'x'.repeat(1000)}"}\n`), /ENOSPC/);
    mock.restoreAll();
    assert.equal(fs.readFileSync(target, 'utf8'), '{"previous": true}\n');
    assert.deepEqual(fs.readdirSync(dir), ['models.json']);
  });

  test('writeFileAtomic: failure at the rename', (t) => {
    const dir = fs.mkdtempSync(path.join(work, 'atomic '));
    const target = path.join(dir, 'report.html');
    fs.writeFileSync(target, 'old page');
    t.mock.method(fs, 'renameSync', () => {
      throw Object.assign(new Error('EIO: i/o error, rename'), { code: 'EIO' });
    });
    assert.throws(() => writeFileAtomic(target, 'new page'), /EIO/);
    mock.restoreAll();
    assert.equal(fs.readFileSync(target, 'utf8'), 'old page');
    assert.deepEqual(fs.readdirSync(dir), ['report.html']);
  });

  test('writeFileAtomic: success replaces the file and leaves nothing else', () => {
    const dir = fs.mkdtempSync(path.join(work, 'atomic '));
    const target = path.join(dir, 'sub dir', 'models.json');
    writeFileAtomic(target, 'first');
    writeFileAtomic(target, 'second');
    assert.equal(fs.readFileSync(target, 'utf8'), 'second');
    assert.deepEqual(fs.readdirSync(path.dirname(target)), ['models.json']);
  });

  test('features: a write that fails before the rename keeps the previous CSV and leaves no partial file', async (t) => {
    const { command } = await import('../../lib/commands/features');
    const dir = fs.mkdtempSync(path.join(work, 'features out '));
    const out = path.join(dir, 'features.csv');
    fs.writeFileSync(out, 'previous table\n');
    t.mock.method(console, 'log', () => undefined);
    t.mock.method(fs, 'renameSync', () => {
      throw Object.assign(new Error('EIO: i/o error, rename'), { code: 'EIO' });
    });
    // Two sessions of one user with views: cleaning and features succeed, only the final rename fails.
    await assert.rejects(command.run(['--data', data, '--out', out]), /EIO/);
    mock.restoreAll();
    assert.equal(fs.readFileSync(out, 'utf8'), 'previous table\n');
    assert.deepEqual(fs.readdirSync(dir), ['features.csv']);
  });

  test('models: a run that fails keeps the previous JSON untouched', async () => {
    const out = path.join(work, 'previous models.json');
    fs.writeFileSync(out, '{"previous": true}\n');
    const features = path.join(work, 'not features.csv');
    fs.writeFileSync(features, 'a,b\n1,2\n');
    const result = await cli(['models', '--features', features, '--out', out]);
    assert.equal(result.code, 1);
    assert.match(result.stderr, /^error: .*not features\.csv: not a feature table, missing column\(s\) user_id, purchased/m);
    assert.equal(fs.readFileSync(out, 'utf8'), '{"previous": true}\n');
  });
});

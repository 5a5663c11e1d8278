/**
 * Connecting the way psql does, against a real server with password authentication (test/engine/
 * passwordCluster.ts): only PGHOST/PGDATABASE with no USER, a password file, and every failure as one line
 * naming host, port, user and database, never the password: wrong or missing password, TLS required by
 * sslmode but not offered, unknown database or role, nothing listening, and a server that never answers.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import { PostgresEngine } from '../../lib/engine/postgres';
import { postgresBinDir, startPasswordCluster, type PasswordCluster } from './passwordCluster';

const execFileAsync = promisify(execFile);
const ROOT = path.resolve(__dirname, '../..');
const binDir = postgresBinDir();

/** process.env without USER, LOGNAME or any PG* variable: what a container, cron or CI service may give. */
function bareEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^(PG|USER$|LOGNAME$)/.test(k)) env[k] = v;
  return { ...env, ...extra };
}

interface Who {
  user: string;
  database: string;
  socket: boolean;
}

/** Connect with exactly `env` (and an optional --pg string), ask the server who we are, disconnect. */
async function whoAmI(env: NodeJS.ProcessEnv, connectionString?: string): Promise<Who> {
  const engine = await PostgresEngine.open({ env, connectionString });
  try {
    const [row] = await engine.all<{ user: string; database: string; socket: boolean }>(
      'SELECT current_user AS "user", current_database() AS "database", inet_server_addr() IS NULL AS "socket"',
    );
    assert.ok(row, 'one row from the who-am-I query');
    return row;
  } finally {
    await engine.close();
  }
}

/** The error message of a failed connection with exactly `env`; it must be a single line. */
async function failure(env: NodeJS.ProcessEnv, connectionString?: string): Promise<string> {
  try {
    const engine = await PostgresEngine.open({ env, connectionString });
    await engine.close();
  } catch (err) {
    const message = (err as Error).message;
    assert.doesNotMatch(message, /\n/, 'one line');
    return message;
  }
  assert.fail('the connection unexpectedly succeeded');
}

/** Write a password file with libpq's required 0600 permissions. */
function passwordFile(dir: string, name: string, lines: string[]): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, `${lines.join('\n')}\n`, { mode: 0o600 });
  fs.chmodSync(file, 0o600);
  return file;
}

describe('PostgreSQL connections that behave like psql', { skip: binDir ? false : 'no PostgreSQL server binaries' }, () => {
  let pg: PasswordCluster;
  let tcp: (extra?: NodeJS.ProcessEnv) => NodeJS.ProcessEnv;
  let at: (host: string, port: number, user: string, database: string) => string;

  before(async () => {
    pg = await startPasswordCluster(binDir as string);
    // A TCP connection as the test role, with no password source unless the test adds one.
    tcp = (extra = {}) =>
      bareEnv({
        PGHOST: '127.0.0.1',
        PGPORT: String(pg.port),
        PGUSER: pg.role,
        PGDATABASE: pg.database,
        PGPASSFILE: path.join(pg.scratch, 'none'),
        ...extra,
      });
    at = (host, port, user, database) => `cannot connect to PostgreSQL at host=${host} port=${port} user=${user} database=${database}: `;
  });
  after(() => pg?.stop());

  test('only PGHOST (a socket directory) and PGDATABASE, USER unset: connects as the OS user, like psql', async () => {
    const env = bareEnv({ PGHOST: pg.socketDir, PGDATABASE: 'events' });
    assert.equal(env.USER, undefined);
    assert.deepEqual(await whoAmI(env), { user: pg.osUser, database: 'events', socket: true });
  });

  test('the issue, end to end: features --backend postgres with only PGHOST and PGDATABASE writes its table', async () => {
    const data = path.join(pg.scratch, 'data');
    const out = path.join(pg.scratch, 'features.csv');
    const cli = path.join(ROOT, 'bin/purchase-prediction.js');
    const env = bareEnv({ PGHOST: pg.socketDir, PGDATABASE: 'events', DEBUG: '' });
    await execFileAsync(process.execPath, [cli, 'generate', '--out', data, '--users', '300', '--seed', '5', '--quiet'], { cwd: ROOT, env });
    const { stderr } = await execFileAsync(process.execPath, [cli, 'features', '--data', data, '--out', out, '--backend', 'postgres'], {
      cwd: ROOT,
      env,
    });
    assert.doesNotMatch(stderr, /error/, stderr);
    assert.match(fs.readFileSync(out, 'utf8'), /^user_id,purchased,recency,/);
  });

  test('a password file named by PGPASSFILE (TCP, scram-sha-256); sslmode prefer falls back to plain', async () => {
    const file = passwordFile(pg.scratch, 'pgpass', [
      '# unrelated lines first',
      `127.0.0.1:${pg.port}:*:someone_else:nope`,
      `127.0.0.1:${pg.port}:events:${pg.role}:${pg.password}`,
    ]);
    assert.deepEqual(await whoAmI(tcp({ PGPASSFILE: file })), { user: pg.role, database: 'events', socket: false });
  });

  test('~/.pgpass (from HOME) over the socket, matched on the socket directory', async () => {
    const home = path.join(pg.scratch, 'home');
    fs.mkdirSync(home, { recursive: true });
    passwordFile(home, '.pgpass', [`${pg.socketDir.replace(/:/g, '\\:')}:${pg.port}:*:${pg.role}:${pg.password}`]);
    const env = bareEnv({ HOME: home, PGHOST: pg.socketDir, PGPORT: String(pg.port), PGUSER: pg.role, PGDATABASE: 'events' });
    assert.deepEqual(await whoAmI(env), { user: pg.role, database: 'events', socket: true });
  });

  test('a wrong password: one line with host, port, user and database, and no password text', async () => {
    const wrong = 'wrong-Secret-123';
    const message = await failure(tcp({ PGPASSWORD: wrong }));
    assert.equal(
      message,
      at('127.0.0.1', pg.port, pg.role, 'events') +
        `password authentication failed for user "${pg.role}" (the password came from PGPASSWORD)`,
    );
    const fromUrl = await failure(bareEnv(), `postgresql://${pg.role}:${wrong}@127.0.0.1:${pg.port}/events`);
    assert.equal(
      fromUrl,
      at('127.0.0.1', pg.port, pg.role, 'events') +
        `password authentication failed for user "${pg.role}" (the password came from connection string)`,
    );
    for (const m of [message, fromUrl]) assert.doesNotMatch(m, /wrong-Secret|Secret-123/);
  });

  test('the CLI: a wrong password in --pg is one error line without the password', async () => {
    const cli = path.join(ROOT, 'bin/purchase-prediction.js');
    const args = [
      'features',
      '--data',
      path.join(pg.scratch, 'no data'),
      '--out',
      path.join(pg.scratch, 'x.csv'),
      '--backend',
      'postgres',
      '--pg',
    ];
    const url = `postgresql://${pg.role}:not-The-Password@127.0.0.1:${pg.port}/events`;
    const result = await execFileAsync(process.execPath, [cli, ...args, url], { cwd: ROOT, env: bareEnv({ DEBUG: '' }) }).then(
      () => assert.fail('features unexpectedly succeeded'),
      (err: { code: number; stdout: string; stderr: string }) => err,
    );
    assert.equal(result.code, 1);
    assert.equal(
      result.stderr.trim(),
      'error: ' +
        at('127.0.0.1', pg.port, pg.role, 'events') +
        `password authentication failed for user "${pg.role}" (the password came from connection string)`,
    );
    assert.doesNotMatch(result.stdout + result.stderr, /not-The-Password/);
  });

  test('no password anywhere: says where one could be given', async () => {
    assert.equal(
      await failure(tcp()),
      at('127.0.0.1', pg.port, pg.role, 'events') +
        `the server asks for a password and none was given (set PGPASSWORD, put the password in --pg, or add a line to the password file ${path.join(pg.scratch, 'none')})`,
    );
  });

  test('PGSSLMODE=require against a server without TLS: a clear error; over the socket TLS is not used, as in libpq', async () => {
    assert.equal(
      await failure(tcp({ PGPASSWORD: pg.password, PGSSLMODE: 'require' })),
      at('127.0.0.1', pg.port, pg.role, 'events') +
        'the server does not support SSL/TLS connections, and sslmode=require requires one (use sslmode=prefer or disable)',
    );
    assert.equal((await whoAmI(bareEnv({ PGHOST: pg.socketDir, PGDATABASE: 'events', PGSSLMODE: 'require' }))).user, pg.osUser);
    // sslmode=disable and allow connect without TLS.
    for (const mode of ['disable', 'allow']) assert.equal((await whoAmI(tcp({ PGPASSWORD: pg.password, PGSSLMODE: mode }))).user, pg.role);
  });

  test('verify-full with no CA certificate to check against says what to provide', async () => {
    const message = await failure(tcp({ PGPASSWORD: pg.password, PGSSLMODE: 'verify-full', HOME: pg.scratch }));
    assert.match(message, /: sslmode=verify-full needs the server's CA certificate: name it with sslrootcert= in --pg or PGSSLROOTCERT/);
  });

  test('an unknown database, and an unknown role (which password authentication reports as a failed password)', async () => {
    assert.equal(
      await failure(tcp({ PGPASSWORD: pg.password, PGDATABASE: 'no_such_db' })),
      `${at('127.0.0.1', pg.port, pg.role, 'no_such_db')}database "no_such_db" does not exist`,
    );
    // The server does not reveal which roles exist to a client that has not logged in, so psql says the same.
    assert.equal(
      await failure(tcp({ PGPASSWORD: pg.password, PGUSER: 'no_such_role' })),
      at('127.0.0.1', pg.port, 'no_such_role', 'events') +
        'password authentication failed for user "no_such_role" (the password came from PGPASSWORD)',
    );
  });

  test('nothing listening: a closed TCP port, and a socket directory without a server', async () => {
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as net.AddressInfo;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    assert.equal(
      await failure(tcp({ PGPORT: String(port) })),
      at('127.0.0.1', port, pg.role, 'events') +
        'connection refused (is the server running on that host and accepting TCP/IP connections on that port?)',
    );
    assert.equal(
      await failure(bareEnv({ PGHOST: pg.scratch, PGPORT: '5999', PGUSER: 'x', PGDATABASE: 'y' })),
      at(pg.scratch, 5999, 'x', 'y') +
        `no server socket ${pg.scratch}/.s.PGSQL.5999 (is the server running locally with its sockets in ${pg.scratch}?)`,
    );
  });

  test('a server that accepts the connection but never answers: the connect timeout (PGCONNECT_TIMEOUT)', async () => {
    const sockets: net.Socket[] = [];
    const silent = net.createServer((s) => sockets.push(s));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as net.AddressInfo;
    try {
      const started = Date.now();
      const message = await failure(tcp({ PGPORT: String(port), PGCONNECT_TIMEOUT: '2' }));
      assert.equal(
        message,
        at('127.0.0.1', port, pg.role, 'events') +
          'no answer within 2 s (the connect timeout; set PGCONNECT_TIMEOUT or connect_timeout= in --pg to wait longer)',
      );
      const waited = Date.now() - started;
      assert.ok(waited >= 1900 && waited < 5000, `waited ${waited} ms`);
    } finally {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });
});

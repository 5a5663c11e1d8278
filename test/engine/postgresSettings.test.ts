/**
 * The order in which the PostgreSQL settings are found (--pg, then PG*, then libpq's defaults), on a machine
 * described by hand: its user name, home directory and which server sockets exist.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { resolvePostgresSettings, type OsFacts } from '../../lib/engine/postgresSettings';

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'pg settings test '));
after(() => fs.rmSync(work, { recursive: true, force: true }));

/** A machine whose user is `alice`, home in the temp dir, with server sockets at `sockets`. */
function machine(sockets: string[] = []): OsFacts {
  return { userName: () => 'alice', homeDir: () => work, isSocket: (file) => sockets.includes(file) };
}

test('defaults: the OS user (not $USER), database = user, port 5432, localhost when no local socket exists', () => {
  const s = resolvePostgresSettings(undefined, { USER: 'someone-else' }, machine());
  assert.deepEqual(
    [s.host, s.port, s.user, s.database, s.sslmode, s.connectTimeoutSeconds],
    ['localhost', 5432, 'alice', 'alice', 'prefer', 10],
  );
  assert.equal(s.isSocket, false);
  assert.equal(s.describe(), 'host=localhost port=5432 user=alice database=alice');
});

test('the default host is the directory holding the server socket: Debian first, then /tmp', () => {
  assert.equal(
    resolvePostgresSettings(undefined, {}, machine(['/var/run/postgresql/.s.PGSQL.5432', '/tmp/.s.PGSQL.5432'])).host,
    '/var/run/postgresql',
  );
  assert.equal(resolvePostgresSettings(undefined, {}, machine(['/tmp/.s.PGSQL.5432'])).host, '/tmp');
  // The socket is named after the port, so another port's socket does not count.
  assert.equal(resolvePostgresSettings(undefined, { PGPORT: '5433' }, machine(['/tmp/.s.PGSQL.5432'])).host, 'localhost');
  const s = resolvePostgresSettings(undefined, { PGPORT: '5433' }, machine(['/tmp/.s.PGSQL.5433']));
  assert.deepEqual([s.host, s.isSocket], ['/tmp', true]);
});

test('the issue: only PGHOST and PGDATABASE, no USER: the OS user name', () => {
  const s = resolvePostgresSettings(undefined, { PGHOST: '/var/run/postgresql', PGDATABASE: 'events' }, machine());
  assert.equal(s.describe(), 'host=/var/run/postgresql port=5432 user=alice database=events');
});

test('PG* variables fill in what --pg leaves out; --pg wins where both name a setting', () => {
  const env = {
    PGHOST: 'envhost',
    PGPORT: '6000',
    PGUSER: 'envuser',
    PGDATABASE: 'envdb',
    PGSSLMODE: 'require',
    PGCONNECT_TIMEOUT: '3',
    PGAPPNAME: 'envapp',
  };
  const fromEnv = resolvePostgresSettings(undefined, env, machine());
  assert.deepEqual(
    [fromEnv.describe(), fromEnv.sslmode, fromEnv.connectTimeoutSeconds, fromEnv.applicationName],
    ['host=envhost port=6000 user=envuser database=envdb', 'require', 3, 'envapp'],
  );
  const mixed = resolvePostgresSettings('postgresql://urluser@urlhost/urldb?sslmode=disable', env, machine());
  assert.deepEqual([mixed.describe(), mixed.sslmode], ['host=urlhost port=6000 user=urluser database=urldb', 'disable']);
  const kv = resolvePostgresSettings('dbname=kvdb connect_timeout=0', env, machine());
  assert.deepEqual([kv.describe(), kv.connectTimeoutSeconds], ['host=envhost port=6000 user=envuser database=kvdb', 0]);
  // An empty variable counts as unset.
  assert.equal(
    resolvePostgresSettings(undefined, { PGUSER: '', PGHOST: '' }, machine()).describe(),
    'host=localhost port=5432 user=alice database=alice',
  );
  assert.equal(
    resolvePostgresSettings(undefined, { PGCONNECT_TIMEOUT: '1' }, machine()).connectTimeoutSeconds,
    2,
    'libpq waits at least 2 s',
  );
  assert.equal(resolvePostgresSettings(undefined, {}, machine()).applicationName, 'purchase-prediction');
});

test('password: --pg, then PGPASSWORD, then the password file; never enumerable, never in describe()', () => {
  const passfile = path.join(work, 'pgpass');
  fs.writeFileSync(passfile, 'localhost:5432:alice:alice:from-file\n*:*:*:bob:bobs-file\n', { mode: 0o600 });
  fs.chmodSync(passfile, 0o600);
  const env = { PGPASSFILE: passfile };
  const fromFile = resolvePostgresSettings(undefined, env, machine());
  assert.deepEqual([fromFile.password, fromFile.passwordSource, fromFile.passfile], ['from-file', 'password file', passfile]);
  assert.equal(resolvePostgresSettings(undefined, { ...env, PGPASSWORD: 'from-env' }, machine()).passwordSource, 'PGPASSWORD');
  const fromUrl = resolvePostgresSettings('postgresql://bob:from-url@h/db', { ...env, PGPASSWORD: 'from-env' }, machine());
  assert.deepEqual([fromUrl.password, fromUrl.passwordSource], ['from-url', 'connection string']);
  assert.equal(resolvePostgresSettings('user=bob host=db', env, machine()).password, 'bobs-file');
  assert.equal(resolvePostgresSettings('user=carol', env, machine()).password, undefined);
  assert.doesNotMatch(JSON.stringify(fromUrl) + fromUrl.describe(), /from-url/);
  assert.equal(Object.keys(fromUrl).includes('password'), false);
});

test('password file: ~/.pgpass by default ($HOME first), passfile= in --pg, and a socket in the default directory matches localhost', () => {
  const home = path.join(work, 'home');
  fs.mkdirSync(home, { recursive: true });
  fs.writeFileSync(path.join(home, '.pgpass'), 'localhost:5432:events:alice:home-file\n', { mode: 0o600 });
  fs.chmodSync(path.join(home, '.pgpass'), 0o600);
  const viaSocket = resolvePostgresSettings(
    undefined,
    { HOME: home, PGDATABASE: 'events' },
    machine(['/var/run/postgresql/.s.PGSQL.5432']),
  );
  assert.deepEqual(
    [viaSocket.host, viaSocket.password, viaSocket.passfile],
    ['/var/run/postgresql', 'home-file', path.join(home, '.pgpass')],
  );
  const other = path.join(work, 'other pgpass');
  fs.writeFileSync(other, '*:*:*:*:other-file\n', { mode: 0o600 });
  fs.chmodSync(other, 0o600);
  assert.equal(resolvePostgresSettings(`passfile='${other}'`, { HOME: home }, machine()).password, 'other-file');
});

test('a password file others can read is ignored, with a warning', () => {
  const open = path.join(work, 'open pgpass');
  fs.writeFileSync(open, '*:*:*:*:leaked\n');
  fs.chmodSync(open, 0o644);
  const s = resolvePostgresSettings(undefined, { PGPASSFILE: open }, machine());
  assert.equal(s.password, undefined);
  assert.deepEqual(s.warnings, [`password file "${open}" has group or world access; permissions should be u=rw (0600) or less`]);
});

test('bad values: one clear line naming the setting and where it came from', () => {
  assert.throws(
    () => resolvePostgresSettings(undefined, { PGPORT: 'x' }, machine()),
    /^Error: invalid port "x" in PGPORT: expected a number from 1 to 65535$/,
  );
  assert.throws(() => resolvePostgresSettings('port=70000', {}, machine()), /invalid port "70000" in port= in --pg/);
  assert.throws(
    () => resolvePostgresSettings(undefined, { PGSSLMODE: 'on' }, machine()),
    /^Error: invalid sslmode "on" in PGSSLMODE: expected one of disable, allow, prefer, require, verify-ca, verify-full$/,
  );
  assert.throws(
    () => resolvePostgresSettings(undefined, { PGCONNECT_TIMEOUT: '2.5' }, machine()),
    /invalid connect_timeout "2\.5" in PGCONNECT_TIMEOUT/,
  );
  assert.throws(() => resolvePostgresSettings(undefined, { PGHOST: 'a,b' }, machine()), /several hosts in PGHOST are not supported/);
  const noUser: OsFacts = {
    ...machine(),
    userName: () => {
      throw new Error('ENOENT');
    },
  };
  assert.throws(
    () => resolvePostgresSettings(undefined, {}, noUser),
    /cannot find the operating system's user name .*: set PGUSER or give user= in --pg/,
  );
  assert.equal(resolvePostgresSettings(undefined, { PGUSER: 'bob' }, noUser).user, 'bob', 'the OS user is only looked up when needed');
});

/**
 * A throwaway PostgreSQL cluster with password authentication, for the connection tests (scripts/pg.sh's
 * cluster trusts every local connection, so it cannot show a wrong password). It listens on a free TCP port
 * on 127.0.0.1 and on a Unix socket in its own temp directory:
 *
 *   local  all  postgres     trust           (setting the cluster up)
 *   local  all  <OS user>    peer            (psql-style: no password over the socket for the OS user)
 *   local  all  all          scram-sha-256
 *   host   all  all          scram-sha-256   (every TCP connection needs a password)
 *
 * Roles: `pp_auth_test` and one named like the OS user, both with `password`; database `events`, owned by
 * the OS user. Starting is idempotent (an initialised or running cluster in the directory is reused) and
 * `stop()` shuts it down and removes the directory.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import { Client } from 'pg';

export interface PasswordCluster {
  /** Unix-socket directory: it holds the real socket and a `.s.PGSQL.5432` link to it (see below). */
  readonly socketDir: string;
  readonly port: number;
  readonly osUser: string;
  readonly role: string;
  readonly password: string;
  readonly database: string;
  /** A scratch directory inside the cluster's, for password files and the like. */
  readonly scratch: string;
  stop(): void;
}

/** The newest PostgreSQL server binaries, or undefined when none are installed (the tests then skip). */
export function postgresBinDir(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!fs.existsSync(root)) return undefined;
  const versions = fs
    .readdirSync(root)
    .filter((v) => fs.existsSync(path.join(root, v, 'bin', 'initdb')))
    .sort((a, b) => Number(a) - Number(b));
  return versions.length ? path.join(root, versions[versions.length - 1]!, 'bin') : undefined;
}

const isRoot = process.getuid?.() === 0;

/** Run a server binary as the postgres user when we are root (initdb and the server refuse to run as root). */
function asPostgres(bin: string, args: string[]): string {
  const [file, argv] = isRoot ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args];
  return execFileSync(file, argv, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function chownToPostgres(dir: string): void {
  if (isRoot) execFileSync('chown', ['postgres:postgres', dir]);
}

/** Stop the server in `base` if it runs, and remove the directory. */
function removeCluster(binDir: string, base: string): void {
  const data = path.join(base, 'data');
  try {
    if (fs.existsSync(path.join(data, 'postmaster.pid')))
      asPostgres(path.join(binDir, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop']);
  } finally {
    fs.rmSync(base, { recursive: true, force: true });
  }
}

/** Start (or reuse) the cluster in `dir` (default: a new temp directory); a failed start leaves nothing behind. */
export async function startPasswordCluster(binDir: string, dir?: string): Promise<PasswordCluster> {
  const base = dir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'pp-pgauth-'));
  try {
    return await start(binDir, base);
  } catch (err) {
    removeCluster(binDir, base);
    throw err;
  }
}

async function start(binDir: string, base: string): Promise<PasswordCluster> {
  // Temp directories are 0700; the server (user postgres) must reach its data and socket directories.
  fs.mkdirSync(base, { recursive: true });
  fs.chmodSync(base, 0o755);
  const data = path.join(base, 'data');
  const socketDir = path.join(base, 'sock');
  const scratch = path.join(base, 'scratch');
  for (const d of [socketDir, scratch]) fs.mkdirSync(d, { recursive: true });
  fs.chmodSync(socketDir, 0o755);
  chownToPostgres(socketDir);
  const osUser = os.userInfo().username;
  const role = 'pp_auth_test';
  const password = `pw-${crypto.randomBytes(6).toString('hex')}`;

  if (!fs.existsSync(path.join(data, 'PG_VERSION'))) {
    fs.mkdirSync(data, { recursive: true });
    chownToPostgres(data);
    asPostgres(path.join(binDir, 'initdb'), ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8', '-N']);
    const hba = [
      'local all postgres trust',
      `local all "${osUser}" peer`,
      'local all all scram-sha-256',
      'host all all 127.0.0.1/32 scram-sha-256',
      'host all all ::1/128 scram-sha-256',
    ];
    fs.writeFileSync(path.join(data, 'pg_hba.conf'), `${hba.join('\n')}\n`);
  }

  let port: number;
  const pidFile = path.join(data, 'postmaster.pid');
  let running = false;
  try {
    asPostgres(path.join(binDir, 'pg_ctl'), ['-D', data, 'status']);
    running = true;
  } catch {
    running = false;
  }
  if (running) {
    // postmaster.pid's fourth line is the port.
    port = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[3]);
  } else {
    port = await freePort();
    const serverOptions = `-p ${port} -k ${socketDir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off`;
    asPostgres(path.join(binDir, 'pg_ctl'), ['-D', data, '-l', path.join(data, 'server.log'), '-w', '-o', serverOptions, 'start']);
  }

  // The socket is named after the port. A link named for the default port lets a test leave PGPORT unset
  // (the point of "only PGHOST and PGDATABASE") without this cluster having to own TCP port 5432.
  const defaultLink = path.join(socketDir, '.s.PGSQL.5432');
  if (port !== 5432) {
    fs.rmSync(defaultLink, { force: true });
    fs.symlinkSync(`.s.PGSQL.${port}`, defaultLink);
  }

  const admin = new Client({ host: socketDir, port, user: 'postgres', database: 'postgres', password: '' });
  await admin.connect();
  try {
    await admin.query('SET client_min_messages = warning');
    for (const name of new Set([role, osUser])) {
      if (name === 'postgres') continue;
      const exists = await admin.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [name]);
      const verb = exists.rowCount ? 'ALTER' : 'CREATE';
      await admin.query(`${verb} ROLE "${name}" LOGIN PASSWORD '${password}'`);
    }
    const db = await admin.query("SELECT 1 FROM pg_database WHERE datname = 'events'");
    if (!db.rowCount) await admin.query(`CREATE DATABASE events OWNER "${osUser}"`);
  } finally {
    await admin.end();
  }

  let stopped = false;
  return {
    socketDir,
    port,
    osUser,
    role,
    password,
    database: 'events',
    scratch,
    stop() {
      if (stopped) return;
      stopped = true;
      removeCluster(binDir, base);
    },
  };
}

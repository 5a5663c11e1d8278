/**
 * Where the PostgreSQL backend connects, resolved as libpq (and so psql) resolves it, one setting at a time:
 *
 *   1. the `--pg` connection string (a postgresql:// URL or key=value settings);
 *   2. the PG* environment variables (PGHOST, PGPORT, PGUSER, PGPASSWORD, PGDATABASE, PGSSLMODE,
 *      PGCONNECT_TIMEOUT, PGAPPNAME, PGPASSFILE, PGSSLROOTCERT);
 *   3. the defaults: user = the operating system's user name (never $USER, which containers, cron and CI
 *      services often leave unset), database = the user name, port = 5432, host = the local Unix-socket
 *      directory holding the server's socket (/var/run/postgresql on Debian, else /tmp), else localhost.
 *
 * A password not given in 1 or 2 comes from the password file (passfile=, PGPASSFILE, else ~/.pgpass).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseConnInfo, type ConnInfo, type ConnInfoKeyword } from './postgresConnInfo';
import { passwordFromFile } from './pgpass';

/** libpq's sslmode values, weakest first. */
export const SSL_MODES = ['disable', 'allow', 'prefer', 'require', 'verify-ca', 'verify-full'] as const;
export type SslMode = (typeof SSL_MODES)[number];

/** Unix-socket directories tried, in order, when no host is named: Debian's, then the upstream default. */
export const DEFAULT_SOCKET_DIRS = ['/var/run/postgresql', '/tmp'] as const;

/** When no connect timeout is named: bounded, so a server that accepts TCP but never answers cannot hang a run. */
export const DEFAULT_CONNECT_TIMEOUT_SECONDS = 10;

/** The facts about this machine that the defaults depend on; tests replace them. */
export interface OsFacts {
  /** The operating system's user name (getpwuid, as libpq); throws when the uid has no passwd entry. */
  userName(): string;
  /** The home directory, where ~/.pgpass and ~/.postgresql/root.crt live. */
  homeDir(): string;
  /** Whether `file` exists and is a Unix socket. */
  isSocket(file: string): boolean;
}

/** This machine's facts. */
export const systemOsFacts: OsFacts = {
  userName: () => os.userInfo().username,
  homeDir: () => {
    try {
      return os.userInfo().homedir;
    } catch {
      return os.homedir();
    }
  },
  isSocket: (file) => {
    try {
      return fs.statSync(file).isSocket();
    } catch {
      return false;
    }
  },
};

/** Where a password came from, for error messages (never the password itself). */
export type PasswordSource = 'connection string' | 'PGPASSWORD' | 'password file';

/** Resolved connection settings. The password is not enumerable, so logging the object does not show it. */
export interface PostgresSettings {
  /** A host name or address, or a Unix-socket directory (starts with '/'). */
  readonly host: string;
  readonly port: number;
  readonly user: string;
  readonly database: string;
  readonly password: string | undefined;
  readonly passwordSource: PasswordSource | undefined;
  /** The password file consulted (or that would have been), named when a password is missing. */
  readonly passfile: string;
  readonly sslmode: SslMode;
  /** CA certificate file for verify-ca / verify-full, when one is named or ~/.postgresql/root.crt exists. */
  readonly sslrootcert: string | undefined;
  /** 0 waits for ever, as in libpq. */
  readonly connectTimeoutSeconds: number;
  readonly applicationName: string;
  /** Server options, e.g. `-c search_path=x`. */
  readonly options: string | undefined;
  /** Whether the host is a Unix-socket directory. */
  readonly isSocket: boolean;
  /** Problems that did not stop the connection (e.g. a password file others can read, which was ignored). */
  readonly warnings: readonly string[];
  /** `host=… port=… user=… database=…`: where the connection goes, without the password. */
  describe(): string;
}

/** The PG* variable behind each connection keyword, as libpq names them. */
const ENV_NAMES: Record<ConnInfoKeyword, string> = {
  host: 'PGHOST',
  port: 'PGPORT',
  user: 'PGUSER',
  password: 'PGPASSWORD',
  dbname: 'PGDATABASE',
  sslmode: 'PGSSLMODE',
  sslrootcert: 'PGSSLROOTCERT',
  connect_timeout: 'PGCONNECT_TIMEOUT',
  application_name: 'PGAPPNAME',
  options: 'PGOPTIONS',
  passfile: 'PGPASSFILE',
};

const APPLICATION_NAME = 'purchase-prediction';

/**
 * Resolve the connection settings from an optional `--pg` connection string, the environment and the machine.
 * @example resolvePostgresSettings(undefined, { PGHOST: '/var/run/postgresql', PGDATABASE: 'events' }).describe()
 *   // 'host=/var/run/postgresql port=5432 user=root database=events' (when run as root)
 */
export function resolvePostgresSettings(
  connection?: string,
  env: NodeJS.ProcessEnv = process.env,
  facts: OsFacts = systemOsFacts,
): PostgresSettings {
  const given: ConnInfo = connection === undefined || connection.trim() === '' ? {} : parseConnInfo(connection);
  const where = (key: ConnInfoKeyword): string => (given[key] !== undefined ? `${key}= in --pg` : ENV_NAMES[key]);
  // An empty variable counts as unset, as an empty PGHOST does in practice for libpq.
  const pick = (key: ConnInfoKeyword): string | undefined => {
    const value = given[key] ?? env[ENV_NAMES[key]];
    return value === undefined || value === '' ? undefined : value;
  };

  const port = parsePort(pick('port'), where('port'));
  const user = pick('user') ?? osUserName(facts);
  const database = pick('dbname') ?? user;
  const host = pick('host') ?? defaultHost(port, facts);
  const isSocket = host.startsWith('/');
  if (host.includes(',')) throw new Error(`several hosts in ${where('host')} are not supported; name one host`);

  const sslmode = parseSslMode(pick('sslmode'), where('sslmode'));
  const connectTimeoutSeconds = parseTimeout(pick('connect_timeout'), where('connect_timeout'));
  const home = env.HOME || facts.homeDir();
  const passfile = pick('passfile') ?? path.join(home, '.pgpass');
  const namedRootCert = pick('sslrootcert');
  const homeRootCert = path.join(home, '.postgresql', 'root.crt');
  const sslrootcert = namedRootCert ?? (fs.existsSync(homeRootCert) ? homeRootCert : undefined);

  const warnings: string[] = [];
  let password = pick('password');
  let passwordSource: PasswordSource | undefined = password === undefined ? undefined : given.password ? 'connection string' : 'PGPASSWORD';
  if (password === undefined) {
    // libpq matches a socket in the default directory against the host name `localhost`.
    const hosts = isSocket && (DEFAULT_SOCKET_DIRS as readonly string[]).includes(host) ? [host, 'localhost'] : [host];
    const found = passwordFromFile(passfile, { hosts, port: String(port), database, user });
    if (found.warning) warnings.push(found.warning);
    if (found.password !== undefined) {
      password = found.password;
      passwordSource = 'password file';
    }
  }

  const settings: PostgresSettings = {
    host,
    port,
    user,
    database,
    password: undefined,
    passwordSource,
    passfile,
    sslmode,
    sslrootcert,
    connectTimeoutSeconds,
    applicationName: pick('application_name') ?? APPLICATION_NAME,
    options: pick('options'),
    isSocket,
    warnings,
    describe: () => `host=${host} port=${port} user=${user} database=${database}`,
  };
  Object.defineProperty(settings, 'password', { value: password, enumerable: false });
  return Object.freeze(settings);
}

function osUserName(facts: OsFacts): string {
  try {
    return facts.userName();
  } catch {
    throw new Error(
      `cannot find the operating system's user name (user id ${process.getuid?.() ?? '?'} has no passwd entry): set PGUSER or give user= in --pg`,
    );
  }
}

function defaultHost(port: number, facts: OsFacts): string {
  return DEFAULT_SOCKET_DIRS.find((dir) => facts.isSocket(path.join(dir, `.s.PGSQL.${port}`))) ?? 'localhost';
}

function parsePort(value: string | undefined, where: string): number {
  if (value === undefined) return 5432;
  const port = /^\d+$/.test(value) ? Number(value) : NaN;
  if (!(port >= 1 && port <= 65535)) throw new Error(`invalid port "${value}" in ${where}: expected a number from 1 to 65535`);
  return port;
}

function parseSslMode(value: string | undefined, where: string): SslMode {
  if (value === undefined) return 'prefer';
  const mode = SSL_MODES.find((m) => m === value);
  if (!mode) throw new Error(`invalid sslmode "${value}" in ${where}: expected one of ${SSL_MODES.join(', ')}`);
  return mode;
}

function parseTimeout(value: string | undefined, where: string): number {
  if (value === undefined) return DEFAULT_CONNECT_TIMEOUT_SECONDS;
  if (!/^\d+$/.test(value.trim())) throw new Error(`invalid connect_timeout "${value}" in ${where}: expected whole seconds`);
  const seconds = Number(value.trim());
  // libpq waits at least 2 s: a 1 s timeout could expire on a healthy server between clock ticks.
  return seconds === 1 ? 2 : seconds;
}

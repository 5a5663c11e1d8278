/**
 * One line for every way a PostgreSQL connection can fail: the target (host, port, user, database; never the
 * password), then a reason a new user can act on. The driver's own messages are short but sometimes cryptic
 * ("connect ENOENT /tmp/.s.PGSQL.5432", "timeout expired"), so the common cases are put in words.
 */
import { DatabaseError } from 'pg';
import type { PostgresSettings } from './postgresSettings';

/** Raised by the password callback when the server asks for a password and none was found. */
export class NoPasswordError extends Error {
  constructor(settings: PostgresSettings) {
    super(
      `the server asks for a password and none was given (set PGPASSWORD, put the password in --pg, or add a line to the password file ${settings.passfile})`,
    );
    this.name = 'NoPasswordError';
  }
}

/** SQLSTATE of a failed password check. */
const INVALID_PASSWORD = '28P01';

/** node-postgres' words for a server that answers the TLS request with "no". */
export const SERVER_WITHOUT_TLS = 'The server does not support SSL connections';

/** Messages node-postgres uses when its connect timer fires. */
const TIMEOUT_MESSAGES = ['timeout expired', 'Connection terminated due to connection timeout'];

/** Errors from the network below PostgreSQL's protocol: trying again with or without TLS cannot help. */
export function isNetworkFailure(err: unknown): boolean {
  const e = err as NodeJS.ErrnoException;
  return (
    ['ECONNREFUSED', 'ENOENT', 'EACCES', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH'].includes(e.code ?? '') ||
    TIMEOUT_MESSAGES.includes(e.message) ||
    err instanceof NoPasswordError
  );
}

function reason(err: unknown, settings: PostgresSettings): string {
  const e = err as NodeJS.ErrnoException;
  const socket = `${settings.host}/.s.PGSQL.${settings.port}`;
  if (err instanceof NoPasswordError) return err.message;
  if (TIMEOUT_MESSAGES.includes(e.message)) {
    return `no answer within ${settings.connectTimeoutSeconds} s (the connect timeout; set PGCONNECT_TIMEOUT or connect_timeout= in --pg to wait longer)`;
  }
  switch (e.code) {
    case 'ECONNREFUSED':
      return settings.isSocket
        ? `connection refused on the socket ${socket} (is the server running?)`
        : 'connection refused (is the server running on that host and accepting TCP/IP connections on that port?)';
    case 'ENOENT':
      return `no server socket ${socket} (is the server running locally with its sockets in ${settings.host}?)`;
    case 'EACCES':
      return `permission denied on the server socket ${socket}`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `unknown host name "${settings.host}"`;
  }
  if (e.message === SERVER_WITHOUT_TLS) {
    return `the server does not support SSL/TLS connections, and sslmode=${settings.sslmode} requires one (use sslmode=prefer or disable)`;
  }
  if (err instanceof DatabaseError) {
    // The server's own text is precise ('role "x" does not exist'); say where a rejected password came from.
    if (err.code === INVALID_PASSWORD && settings.passwordSource) {
      const source = settings.passwordSource === 'password file' ? `the password file ${settings.passfile}` : settings.passwordSource;
      return `${err.message} (the password came from ${source})`;
    }
    return err.message;
  }
  if (/certificate|self[- ]signed|SSL|TLS/i.test(e.message) || /CERT|TLS|SSL/.test(e.code ?? '')) {
    return `the server's TLS certificate was not accepted under sslmode=${settings.sslmode}: ${e.message}`;
  }
  return e.message ?? String(err);
}

/** The one-line error for a failed connection: target, then reason, with any trace of the password removed. */
export function connectFailure(err: unknown, settings: PostgresSettings): Error {
  let line = `cannot connect to PostgreSQL at ${settings.describe()}: ${reason(err, settings)}`.replace(/\s*\n\s*/g, ' ');
  // Belt and braces: no message, ours or the driver's, may carry the password. (Not for a very short one,
  // which would garble ordinary words and is not in any of these messages anyway.)
  if (settings.password && settings.password.length >= 4) line = line.split(settings.password).join('***');
  return new Error(line);
}

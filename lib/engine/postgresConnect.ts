/**
 * Open a node-postgres client from resolved settings, honouring sslmode as libpq does. node-postgres knows
 * only "TLS or not", so the two libpq modes that may fall back are done as two attempts: `prefer` (the
 * default) tries TLS first and then plain, `allow` plain first and then TLS. As in libpq, TLS is never used
 * on a Unix socket.
 */
import fs from 'node:fs';
import type { ConnectionOptions } from 'node:tls';
import { Client, type ClientConfig } from 'pg';
import { connectFailure, isNetworkFailure, NoPasswordError, SERVER_WITHOUT_TLS } from './postgresConnectError';
import type { PostgresSettings } from './postgresSettings';

type Tls = false | ConnectionOptions;

/** The CA certificates for the verifying modes; `sslrootcert=system` means Node's own trusted roots. */
function rootCertificates(settings: PostgresSettings): Pick<ConnectionOptions, 'ca'> {
  const file = settings.sslrootcert;
  if (file === 'system') return {};
  if (file === undefined) {
    throw new Error(
      `sslmode=${settings.sslmode} needs the server's CA certificate: name it with sslrootcert= in --pg or PGSSLROOTCERT, put it in ~/.postgresql/root.crt, or use sslrootcert=system`,
    );
  }
  try {
    return { ca: fs.readFileSync(file, 'utf8') };
  } catch (err) {
    throw new Error(`cannot read the root certificate "${file}": ${(err as NodeJS.ErrnoException).code ?? 'error'}`);
  }
}

/** The TLS choices to try in order (libpq's meaning of each sslmode). */
function tlsAttempts(settings: PostgresSettings): Tls[] {
  // libpq does not encrypt Unix-socket connections, whatever the sslmode.
  if (settings.isSocket) return [false];
  // require/prefer/allow encrypt without checking the certificate, as libpq does.
  const unverified: ConnectionOptions = { rejectUnauthorized: false };
  // verify-ca checks the chain but not the host name.
  const verifyCa = (): ConnectionOptions => ({ ...rootCertificates(settings), checkServerIdentity: () => undefined });
  switch (settings.sslmode) {
    case 'disable':
      return [false];
    case 'allow':
      return [false, unverified];
    case 'prefer':
      return [unverified, false];
    case 'require':
      // With a root certificate at hand, libpq's require verifies the chain (as verify-ca).
      return [settings.sslrootcert ? verifyCa() : unverified];
    case 'verify-ca':
      return [verifyCa()];
    case 'verify-full':
      return [rootCertificates(settings)];
  }
}

function clientConfig(settings: PostgresSettings, tls: Tls, timeoutMs: number): ClientConfig {
  return {
    host: settings.host,
    port: settings.port,
    user: settings.user,
    database: settings.database,
    // A function, so node-postgres never falls back to its own (deprecated) password-file reading, and a
    // server that asks for a password we do not have gets a clear message instead of a SASL type error.
    password: async () => {
      if (settings.password === undefined) throw new NoPasswordError(settings);
      return settings.password;
    },
    ssl: tls,
    connectionTimeoutMillis: timeoutMs,
    application_name: settings.applicationName,
    ...(settings.options !== undefined ? { options: settings.options } : {}),
  };
}

/** Connect, or throw one line naming host, port, user and database (never the password) and why it failed. */
export async function connectPostgres(settings: PostgresSettings, connectTimeoutMs?: number): Promise<Client> {
  const timeoutMs = connectTimeoutMs ?? settings.connectTimeoutSeconds * 1000;
  let attempts: Tls[];
  try {
    attempts = tlsAttempts(settings);
  } catch (err) {
    throw connectFailure(err, settings);
  }
  let lastError: unknown;
  for (const tls of attempts) {
    const client = new Client(clientConfig(settings, tls, timeoutMs));
    // A failed client may still report a late socket error; it must not crash the process.
    const ignore = (): void => undefined;
    client.on('error', ignore);
    try {
      await client.connect();
      client.off('error', ignore);
      return client;
    } catch (err) {
      // For allow, a TLS retry that meets a server without TLS says less than the first attempt's refusal.
      const saysLess = lastError !== undefined && (err as Error).message === SERVER_WITHOUT_TLS;
      if (!saysLess) lastError = err;
      // Close the half-open connection (e.g. a server still waiting for the password we did not have).
      client.end().catch(ignore);
      // Refused, unreachable or silent: the other TLS choice would fail the same way, only slower.
      if (isNetworkFailure(err)) break;
    }
  }
  throw connectFailure(lastError, settings);
}

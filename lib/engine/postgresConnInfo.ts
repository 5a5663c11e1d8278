/**
 * The `--pg` value, read the way libpq reads a connection string: either a `postgresql://` (or `postgres://`)
 * URI or whitespace-separated `key=value` settings. Only libpq's own keywords are accepted, so a typo such as
 * `hots=db` fails instead of silently connecting somewhere else. No message here ever repeats a value, since
 * any value might be a password.
 */

/** The libpq connection keywords this project understands (a subset of libpq's list). */
export const CONNINFO_KEYWORDS = [
  'host',
  'port',
  'user',
  'password',
  'dbname',
  'sslmode',
  'sslrootcert',
  'connect_timeout',
  'application_name',
  'options',
  'passfile',
] as const;

export type ConnInfoKeyword = (typeof CONNINFO_KEYWORDS)[number];

/** Settings named by a connection string; an absent key falls back to the PG* variables, then the defaults. */
export type ConnInfo = Partial<Record<ConnInfoKeyword, string>>;

const URI_PREFIXES = ['postgresql://', 'postgres://'];

function isKeyword(key: string): key is ConnInfoKeyword {
  return (CONNINFO_KEYWORDS as readonly string[]).includes(key);
}

/** Parse a libpq connection string (URI or key=value form) into its settings. */
export function parseConnInfo(text: string): ConnInfo {
  const trimmed = text.trim();
  return URI_PREFIXES.some((p) => trimmed.startsWith(p)) ? parseUri(trimmed) : parseKeyValue(trimmed);
}

function store(info: ConnInfo, key: string, value: string, where: string): void {
  if (!isKeyword(key)) throw new Error(`invalid connection option "${key}" in ${where} (known: ${CONNINFO_KEYWORDS.join(', ')})`);
  info[key] = value;
}

/** `host=db port=5433 password='a b\'c'`: libpq's key=value syntax, with single quotes and backslash escapes. */
function parseKeyValue(text: string): ConnInfo {
  const info: ConnInfo = {};
  let i = 0;
  const skipSpace = (): void => {
    while (i < text.length && /\s/.test(text[i]!)) i++;
  };
  for (skipSpace(); i < text.length; skipSpace()) {
    const keyStart = i;
    while (i < text.length && text[i] !== '=' && !/\s/.test(text[i]!)) i++;
    const key = text.slice(keyStart, i);
    skipSpace();
    // The word itself is not repeated: a stray word may be the tail of an unquoted password with a space in it.
    if (text[i] !== '=') {
      throw new Error('the connection string is neither a postgresql:// URL nor key=value settings (a word without "=")');
    }
    i++;
    skipSpace();
    let value = '';
    if (text[i] === "'") {
      i++;
      for (;;) {
        if (i >= text.length) throw new Error(`unterminated quoted value for "${key}" in the connection string`);
        const c = text[i++];
        if (c === "'") break;
        value += c === '\\' && i < text.length ? text[i++] : c;
      }
    } else {
      while (i < text.length && !/\s/.test(text[i]!)) {
        const c = text[i++];
        value += c === '\\' && i < text.length ? text[i++] : c;
      }
    }
    store(info, key, value, 'the connection string');
  }
  return info;
}

function decode(part: string, what: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    throw new Error(`invalid percent-encoding in the ${what} of the connection URL`);
  }
}

/** `postgresql://[user[:password]@][host][:port][/dbname][?key=value&...]`, as libpq reads it. */
function parseUri(text: string): ConnInfo {
  const info: ConnInfo = {};
  const prefix = URI_PREFIXES.find((p) => text.startsWith(p)) as string;
  let rest = text.slice(prefix.length);

  const queryAt = rest.indexOf('?');
  const query = queryAt >= 0 ? rest.slice(queryAt + 1) : '';
  if (queryAt >= 0) rest = rest.slice(0, queryAt);
  const pathAt = rest.indexOf('/');
  const authority = pathAt >= 0 ? rest.slice(0, pathAt) : rest;
  const dbname = pathAt >= 0 ? rest.slice(pathAt + 1) : '';

  // The last '@' ends the user part, so an unencoded '@' in a password still parses.
  const at = authority.lastIndexOf('@');
  if (at >= 0) {
    const userSpec = authority.slice(0, at);
    const colon = userSpec.indexOf(':');
    const user = decode(colon >= 0 ? userSpec.slice(0, colon) : userSpec, 'user name');
    if (user) info.user = user;
    if (colon >= 0) {
      const password = decode(userSpec.slice(colon + 1), 'password');
      if (password) info.password = password;
    }
  }
  const hostSpec = at >= 0 ? authority.slice(at + 1) : authority;
  if (hostSpec.includes(',')) throw new Error('several hosts in one connection URL are not supported; name one host');
  let host = hostSpec;
  let port = '';
  if (hostSpec.startsWith('[')) {
    const close = hostSpec.indexOf(']');
    if (close < 0) throw new Error('unterminated [IPv6 address] in the connection URL');
    host = hostSpec.slice(1, close);
    const after = hostSpec.slice(close + 1);
    if (after && !after.startsWith(':')) throw new Error('unexpected text after the [IPv6 address] in the connection URL');
    port = after.slice(1);
  } else {
    const colon = hostSpec.lastIndexOf(':');
    if (colon >= 0) {
      host = hostSpec.slice(0, colon);
      port = hostSpec.slice(colon + 1);
    }
  }
  // A percent-encoded host such as %2Fvar%2Frun%2Fpostgresql is a Unix-socket directory.
  if (host) info.host = decode(host, 'host');
  if (port) info.port = decode(port, 'port');
  if (dbname) info.dbname = decode(dbname, 'database name');

  for (const pair of query.split('&')) {
    if (!pair) continue;
    const eq = pair.indexOf('=');
    if (eq < 0) throw new Error('a query parameter without "=" in the connection URL');
    const key = decode(pair.slice(0, eq), 'query');
    const value = decode(pair.slice(eq + 1), 'query');
    // libpq accepts the JDBC spelling ssl=true as sslmode=require.
    if (key === 'ssl' && value === 'true') info.sslmode = 'require';
    else store(info, key, value, 'the connection URL');
  }
  return info;
}

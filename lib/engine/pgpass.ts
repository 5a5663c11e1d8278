/**
 * libpq's password file (~/.pgpass, or PGPASSFILE): lines of `host:port:database:username:password`, where a
 * field that is exactly `*` matches anything, `\:` and `\\` escape a colon and a backslash, and lines starting
 * with `#` are comments. The first matching line wins. As libpq does, a file that group or others can read
 * is ignored with a warning rather than used, so a leaked password file is noticed instead of trusted.
 */
import fs from 'node:fs';

/** What a connection is matched on. `hosts` holds every name the host may appear as (a socket dir may be `localhost`). */
export interface PasswordLookup {
  readonly hosts: readonly string[];
  readonly port: string;
  readonly database: string;
  readonly user: string;
}

/** A field that is an unescaped `*`: it matches any value. */
const WILDCARD = Symbol('wildcard');
type Field = string | typeof WILDCARD;

/** Split one line on unescaped colons; undefined when it has fewer than five fields (libpq skips such lines). */
function splitLine(line: string): { match: Field[]; password: string } | undefined {
  const fields: Field[] = [];
  let current = '';
  let escaped = false;
  let i = 0;
  for (; i < line.length && fields.length < 4; i++) {
    const c = line[i];
    if (c === '\\' && i + 1 < line.length) {
      current += line[++i];
      escaped = true;
    } else if (c === ':') {
      fields.push(current === '*' && !escaped ? WILDCARD : current);
      current = '';
      escaped = false;
    } else {
      current += c;
    }
  }
  if (fields.length < 4) return undefined;
  // The password is the rest of the line, colons included, with its escapes removed.
  const password = line.slice(i).replace(/\\(.)/g, '$1');
  return { match: fields, password };
}

/** The password of the first line of a password file's text that matches `target`, if any. */
export function findPassword(text: string, target: PasswordLookup): string | undefined {
  const matches = (field: Field, value: string): boolean => field === WILDCARD || field === value;
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\r$/, '');
    if (line === '' || line.startsWith('#')) continue;
    const split = splitLine(line);
    if (!split) continue;
    const [host, port, database, user] = split.match;
    if (host === undefined || port === undefined || database === undefined || user === undefined) continue;
    const hostMatches = target.hosts.some((h) => matches(host, h));
    if (hostMatches && matches(port, target.port) && matches(database, target.database) && matches(user, target.user)) {
      return split.password;
    }
  }
  return undefined;
}

/** The outcome of reading a password file: a password, or none, and a warning when the file was refused. */
export interface PasswordFileResult {
  readonly password?: string;
  readonly warning?: string;
}

/** Look `target` up in the password file at `file`; a missing file is silently no password, as in libpq. */
export function passwordFromFile(file: string, target: PasswordLookup): PasswordFileResult {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    return {};
  }
  if (!stat.isFile()) return { warning: `password file "${file}" is not a plain file` };
  // Windows has no Unix permission bits; libpq skips this check there too.
  if (process.platform !== 'win32' && (stat.mode & 0o077) !== 0) {
    return { warning: `password file "${file}" has group or world access; permissions should be u=rw (0600) or less` };
  }
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    return { warning: `cannot read password file "${file}": ${(err as NodeJS.ErrnoException).code ?? 'error'}` };
  }
  const password = findPassword(text, target);
  return password === undefined ? {} : { password };
}

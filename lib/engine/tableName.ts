/** Table names are spliced into SQL text, so every stage accepts plain identifiers only: one check for all. */
const PLAIN = /^[A-Za-z_][A-Za-z0-9_]*$/;
const QUALIFIED = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)?$/;

/**
 * Return `name` if it is a plain SQL identifier (letters, digits, underscores; with `qualified`, optionally
 * `schema.table`), else throw naming what it is.
 * @example checkTableName('clean_events'); // 'clean_events'
 * @example checkTableName('x; DROP TABLE events', { what: 'target' }); // throws
 */
export function checkTableName(name: string, options: { what?: string; qualified?: boolean } = {}): string {
  const pattern = options.qualified ? QUALIFIED : PLAIN;
  if (!pattern.test(name)) {
    const what = options.what ?? 'table name';
    throw new Error(`${what} must be a plain SQL table name (letters, digits and underscores), got '${name}'`);
  }
  return name;
}

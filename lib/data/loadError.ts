/**
 * A problem in an input file, located as precisely as the problem allows.
 * Bad rows and bad headers always carry a line and a 1-based column; whole-file problems (a corrupt gzip
 * stream, an unreadable file) carry only the file, and the line where decompression stopped when known.
 */
export class LoadError extends Error {
  /** The file as the caller named it (folder joined with the month file name). */
  readonly file: string;
  /** 1-based line in the (decompressed) file; the header is line 1. Null for whole-file problems. */
  readonly line: number | null;
  /** 1-based field number on that line; null when the problem is not tied to one field. */
  readonly column: number | null;
  /** Name of the expected column at that position, e.g. `product_id`, or `extra field` past the last. */
  readonly columnName: string | null;
  /** The problem alone, without the location prefix. */
  readonly reason: string;

  constructor(where: { file: string; line?: number | null; column?: number | null; columnName?: string | null }, reason: string) {
    super(`${formatLocation(where)}: ${reason}`);
    this.name = 'LoadError';
    this.file = where.file;
    this.line = where.line ?? null;
    this.column = where.column ?? null;
    this.columnName = where.columnName ?? null;
    this.reason = reason;
  }
}

/** `file:line:column (name)`, the compiler-style location editors can jump to; shorter when less is known. */
function formatLocation(where: { file: string; line?: number | null; column?: number | null; columnName?: string | null }): string {
  let s = where.file;
  if (where.line != null) s += `:${where.line}`;
  if (where.line != null && where.column != null) s += `:${where.column}`;
  if (where.columnName) s += ` (${where.columnName})`;
  return s;
}

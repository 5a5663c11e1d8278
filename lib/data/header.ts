import fs from 'node:fs';
import zlib from 'node:zlib';
import { EVENT_COLUMNS, KAGGLE_HEADER } from './schema';
import { LoadError } from './loadError';
import { hasGzipMagic, isGzipName } from './gzip';

/** Longest first line we read looking for the header; the real header is 91 bytes. */
const MAX_HEADER_BYTES = 64 * 1024;

/**
 * Check that a month file starts with the exact Kaggle header, before DuckDB reads it with fixed column
 * positions (which would otherwise load reordered columns into the wrong fields, or treat a data row as
 * the header). A UTF-8 byte-order mark and Windows line ends are accepted: DuckDB reads both correctly.
 * Throws a {@link LoadError} at line 1 naming the first column that differs.
 */
export async function checkHeader(file: string): Promise<void> {
  const head = await readHead(file);
  checkHeaderLine(file, head);
}

/** The header rule on an already read first line (`null` when the file has no byte at all). */
export function checkHeaderLine(file: string, firstLine: string | null): void {
  const expectedText = `expected the header "${KAGGLE_HEADER}"`;
  const at = (index: number) => ({
    file,
    line: 1,
    column: index + 1,
    columnName: index < EVENT_COLUMNS.length ? EVENT_COLUMNS[index] : 'extra field',
  });
  if (firstLine === null) throw new LoadError(at(0), `file is empty: ${expectedText}`);
  const line = firstLine.replace(/^\uFEFF/, '').replace(/\r$/, '');
  if (line === KAGGLE_HEADER) return;
  if (line === '') throw new LoadError(at(0), `line 1 is empty: ${expectedText}`);

  // Binary data (an image, a zip, a UTF-16 export) decodes to NULs and replacement characters: say so
  // instead of quoting the garbage as a column name.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: a NUL byte is exactly what marks a binary file
  if (/[\u0000\uFFFD]/.test(line)) {
    throw new LoadError(
      at(0),
      `line 1 is not UTF-8 text (binary data, or another encoding such as UTF-16): not a CSV file; ${expectedText}`,
    );
  }
  if (!line.includes(',')) {
    throw new LoadError(at(0), `line 1 "${shorten(line)}" has no comma: not a comma-separated file; ${expectedText}`);
  }
  const found = line.split(',');
  const expected: readonly string[] = EVENT_COLUMNS;
  if (/^\s*"?\d{4}-\d{2}-\d{2}/.test(found[0]!)) {
    throw new LoadError(at(0), `no header line: line 1 is a data row; ${expectedText}`);
  }
  const first = firstDifference(found, expected);
  const sameNames = found.length === expected.length && [...found].sort().join() === [...expected].sort().join();
  if (sameNames) {
    throw new LoadError(
      at(first),
      `header columns are in another order: found "${found[first]}" where "${expected[first]}" belongs; ${expectedText}`,
    );
  }
  if (first >= found.length) {
    throw new LoadError(at(first), `header ends after ${found.length} columns, "${expected[first]}" is missing; ${expectedText}`);
  }
  if (first >= expected.length) {
    throw new LoadError(at(first), `header has an extra column "${found[first]}"; ${expectedText}`);
  }
  throw new LoadError(at(first), `header has "${found[first]}" where "${expected[first]}" belongs; ${expectedText}`);
}

/** The start of a long line, for messages. */
function shorten(text: string, max = 60): string {
  return text.length <= max ? text : `${text.slice(0, max)}...`;
}

function firstDifference(found: readonly string[], expected: readonly string[]): number {
  const n = Math.max(found.length, expected.length);
  for (let i = 0; i < n; i++) if (found[i] !== expected[i]) return i;
  return n;
}

/** The first line of a file (decompressed when .gz), or null for an empty file. */
async function readHead(file: string): Promise<string | null> {
  const gz = isGzipName(file);
  const raw = fs.createReadStream(file, { highWaterMark: MAX_HEADER_BYTES });
  let input: NodeJS.ReadableStream & { destroy(err?: Error): void } = raw;
  if (gz) {
    const gunzip = zlib.createGunzip();
    raw.on('error', (err) => gunzip.destroy(err));
    input = raw.pipe(gunzip);
  }
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of input as AsyncIterable<Buffer>) {
      chunks.push(chunk);
      total += chunk.length;
      if (chunk.includes(10) || total >= MAX_HEADER_BYTES) break;
    }
  } catch (err) {
    if (gz) throw new LoadError({ file }, `not a readable gzip file (${(err as Error).message})`);
    throw new LoadError({ file }, `cannot read the file (${(err as Error).message})`);
  } finally {
    raw.destroy();
    input.destroy();
  }
  if (total === 0) return null;
  const head = Buffer.concat(chunks);
  if (!gz && hasGzipMagic(head)) {
    throw new LoadError(
      { file, line: 1, column: 1, columnName: EVENT_COLUMNS[0] },
      'file is gzip-compressed: name it with a .csv.gz ending',
    );
  }
  const end = head.indexOf(10);
  return head.subarray(0, end === -1 ? head.length : end).toString('utf8');
}

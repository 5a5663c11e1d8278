import fs from 'node:fs';
import zlib from 'node:zlib';
import { isGzipName } from './gzip';

const QUOTE = 0x22;
const NEWLINE = 0x0a;

/**
 * The physical line (1-based, as an editor counts) on which each CSV record starts.
 *
 * DuckDB numbers rejected rows by record, not by line: after a quoted field holding a newline every later
 * record number is behind the editor's line number. This scan replays the file's quoting (a `"` toggles the
 * quoted state, so a doubled `""` inside quotes cancels out) and counts both. A record ends at a newline
 * outside quotes, so blank lines count as records, as DuckDB counts them. Only runs on the error path, and
 * stops as soon as the last wanted record is reached.
 * @returns a map from each wanted record number to its starting line.
 */
export async function recordStartLines(file: string, records: readonly number[]): Promise<Map<number, number>> {
  const wanted = new Set(records);
  const found = new Map<number, number>();
  const last = Math.max(0, ...records);
  if (wanted.has(1)) found.set(1, 1);
  if (last <= 1) return found;

  let record = 1;
  let line = 1;
  let quoted = false;
  const raw = fs.createReadStream(file, { highWaterMark: 1 << 20 });
  const input = isGzipName(file) ? raw.pipe(zlib.createGunzip()) : raw;
  try {
    for await (const chunk of input as AsyncIterable<Buffer>) {
      for (let i = 0; i < chunk.length; i++) {
        const byte = chunk[i];
        if (byte === QUOTE) quoted = !quoted;
        else if (byte === NEWLINE) {
          line++;
          if (!quoted) {
            record++;
            if (wanted.has(record)) found.set(record, line);
            if (record >= last) return found;
          }
        }
      }
    }
  } finally {
    raw.destroy();
    input.destroy();
  }
  return found;
}

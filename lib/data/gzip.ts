import fs from 'node:fs';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import { LoadError } from './loadError';

/** Whether the loader treats a file as gzip-compressed (by name, as DuckDB does). */
export function isGzipName(file: string): boolean {
  return file.toLowerCase().endsWith('.gz');
}

/** Whether a buffer starts with the gzip magic bytes. */
export function hasGzipMagic(head: Buffer): boolean {
  return head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b;
}

/**
 * Decompress a whole .gz file and fail if the stream is corrupt or truncated.
 * DuckDB stops quietly at the end of a truncated gzip stream (the rows before the cut load, the rest are
 * silently missing), so the loader runs this check alongside DuckDB's read; zlib works on libuv's thread
 * pool, so the check costs little wall time.
 */
export async function verifyGzip(file: string): Promise<void> {
  let completeLines = 0;
  const countLines = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) completeLines++;
      done();
    },
  });
  try {
    await pipeline(fs.createReadStream(file, { highWaterMark: 1 << 20 }), zlib.createGunzip({ chunkSize: 1 << 20 }), countLines);
  } catch (err) {
    throw new LoadError(
      { file, line: completeLines + 1 },
      `damaged or truncated gzip stream after ${completeLines.toLocaleString('en-US')} complete lines ` +
        `(${(err as Error).message}); re-download or re-compress the file`,
    );
  }
}

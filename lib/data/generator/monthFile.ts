/**
 * One month's output file: rows are collected into a string buffer and written in large chunks, optionally
 * through gzip, waiting for 'drain' when the stream pushes back so memory stays bounded.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { pipeline } from 'node:stream/promises';
import type { Writable } from 'node:stream';
import { createGzip } from 'node:zlib';

// Rows are ASCII, so they are copied straight into a byte buffer: far less garbage than growing strings.
const CHUNK_BYTES = 1 << 20;
const PENDING_CHARS = 1 << 16;

export class MonthFile {
  rows = 0;
  private buffer = Buffer.allocUnsafe(CHUNK_BYTES);
  private used = 0;
  private pending = '';
  private readonly input: Writable;
  private readonly done: Promise<void>;

  constructor(
    readonly path: string,
    gzip: boolean,
    header: string,
  ) {
    const file = createWriteStream(path);
    if (gzip) {
      const gz = createGzip({ level: 6 });
      this.input = gz;
      this.done = pipeline(gz, file);
    } else {
      this.input = file;
      this.done = once(file, 'close').then(() => undefined);
      file.on('error', () => undefined); // surfaced through `done` / write callbacks
    }
    // Awaited in close(); this only keeps an early failure from being reported as unhandled.
    this.done.catch(() => undefined);
    this.append(header);
  }

  /** Append one row (without newline). */
  add(line: string): void {
    this.append(line);
    this.rows++;
  }

  private append(line: string): void {
    // Rows are gathered in a short string first: one native copy per ~64 KB instead of one per row.
    this.pending += line;
    this.pending += '\n';
    if (this.pending.length >= PENDING_CHARS) this.copyPending();
  }

  private copyPending(): void {
    const text = this.pending;
    this.pending = '';
    if (this.used + text.length > this.buffer.length) this.spill();
    if (text.length > this.buffer.length) {
      this.input.write(text, 'latin1');
      return;
    }
    this.used += this.buffer.write(text, this.used, 'latin1');
  }

  /** Hand the filled part to the stream without waiting (only when a single user outgrows the buffer). */
  private spill(): void {
    this.input.write(this.buffer.subarray(0, this.used));
    this.buffer = Buffer.allocUnsafe(CHUNK_BYTES);
    this.used = 0;
  }

  /** Write the buffer out when it is nearly full; resolves once the stream can take more. */
  async flushIfFull(): Promise<void> {
    if (this.used >= CHUNK_BYTES - 2 * PENDING_CHARS) await this.flush();
  }

  private async flush(): Promise<void> {
    this.copyPending();
    if (this.used === 0) return;
    // The stream keeps a reference to the chunk, so a fresh buffer is taken for the next rows.
    const ok = this.input.write(this.buffer.subarray(0, this.used));
    this.buffer = Buffer.allocUnsafe(CHUNK_BYTES);
    this.used = 0;
    if (!ok) await Promise.race([once(this.input, 'drain'), this.done]);
  }

  /** Flush the rest and close the file. */
  async close(): Promise<void> {
    await this.flush();
    this.input.end();
    await this.done;
  }

  /** Stop writing after a failure elsewhere (the partial file is left for the caller to remove). */
  destroy(): void {
    this.input.destroy();
  }
}

import path from 'node:path';

/** `true` writes progress lines to stderr; a function receives each line instead. */
export type ProgressOption = boolean | ((line: string) => void);

/** The function progress lines go to, or undefined when progress is off. */
export function progressSink(option: ProgressOption | undefined): ((line: string) => void) | undefined {
  if (typeof option === 'function') return option;
  if (option) return (line) => process.stderr.write(`${line}\n`);
  return undefined;
}

/**
 * One line per loaded file, e.g.
 * `loaded 2019-Oct.csv: 4,102,283 rows, 0 skipped, 612 MB in 3.1 s (1.3M rows/s, 197 MB/s)`.
 * Sizes are on-disk bytes (compressed for .gz) in decimal megabytes.
 */
export function formatFileLoaded(file: { path: string; rows: number; skipped: number; bytes: number; seconds: number }): string {
  const seconds = Math.max(file.seconds, 1e-3);
  return (
    `loaded ${path.basename(file.path)}: ${formatCount(file.rows)} rows, ${formatCount(file.skipped)} skipped, ` +
    `${formatMegabytes(file.bytes)} MB in ${formatSeconds(file.seconds)} s ` +
    `(${formatRate(file.rows / seconds)} rows/s, ${formatMegabytes(file.bytes / seconds)} MB/s)`
  );
}

/** `4,102,283`. */
export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

/** Seconds with one decimal, two below one second (small test files load in milliseconds). */
export function formatSeconds(seconds: number): string {
  return seconds < 1 ? seconds.toFixed(2) : seconds.toFixed(1);
}

/** `612` for large sizes, `3.4` below ten megabytes. */
export function formatMegabytes(bytes: number): string {
  const mb = bytes / 1e6;
  return mb < 10 ? mb.toFixed(1) : String(Math.round(mb));
}

/** Compact rate: `1.3M`, `45.2k`, `870`. */
export function formatRate(perSecond: number): string {
  if (perSecond >= 1e6) return `${(perSecond / 1e6).toFixed(1)}M`;
  if (perSecond >= 1e3) return `${(perSecond / 1e3).toFixed(1)}k`;
  return String(Math.round(perSecond));
}

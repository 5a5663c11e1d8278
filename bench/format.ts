/** Number formats of the benchmark's tables (counts and rates come from lib/data/progress.ts). */

const GIB = 2 ** 30;

/** `1.65 GiB` from one GiB up, else `483 MiB`. */
export function formatBytes(bytes: number): string {
  return bytes >= GIB ? `${(bytes / GIB).toFixed(2)} GiB` : `${Math.round(bytes / 2 ** 20)} MiB`;
}

/** `13.2x`: a ratio with one decimal (`–` when it is not a finite number). */
export function formatRatio(ratio: number): string {
  return Number.isFinite(ratio) ? `${ratio.toFixed(1)}x` : '–';
}

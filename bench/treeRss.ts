/**
 * The summed RSS of a process tree, sampled from /proc. GNU time's "Maximum resident set
 * size" of a command that spawns processes (the report's Jupyter kernels and Chromium) is that of its largest
 * single process, not their sum; this sampler gives the sum. Shared pages (the Node binary, libraries) count
 * once per process, so the sum is an upper bound of the memory the tree really holds at that moment.
 */
import { listPids, readProcStat } from './procfs';

/** How often the tree is sampled, ms. */
export const TREE_SAMPLE_MS = 50;

/** Sum of RSS over the descendants of `parent` now (children, grandchildren, ...; not `parent` itself), bytes. */
export function descendantsRss(parent: number): number {
  const children = new Map<number, number[]>();
  const rss = new Map<number, number>();
  for (const pid of listPids()) {
    const stat = readProcStat(pid);
    if (!stat) continue;
    rss.set(pid, stat.rssBytes);
    const siblings = children.get(stat.ppid);
    if (siblings) siblings.push(pid);
    else children.set(stat.ppid, [pid]);
  }
  let total = 0;
  const pending = [...(children.get(parent) ?? [])];
  while (pending.length > 0) {
    const pid = pending.pop()!;
    total += rss.get(pid) ?? 0;
    pending.push(...(children.get(pid) ?? []));
  }
  return total;
}

/** Samples {@link descendantsRss} of `parent` every {@link TREE_SAMPLE_MS} ms until stopped; `stop` returns the peak, bytes. */
export function sampleDescendantsRss(parent: number): { stop(): number } {
  let peak = 0;
  const sample = (): void => {
    peak = Math.max(peak, descendantsRss(parent));
  };
  sample();
  const timer = setInterval(sample, TREE_SAMPLE_MS);
  return {
    stop(): number {
      clearInterval(timer);
      return peak;
    },
  };
}

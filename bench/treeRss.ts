/**
 * The summed memory of a process tree, sampled from /proc. GNU time's "Maximum resident set size" of a command
 * that spawns processes (the report's Jupyter kernels and Chromium) is that of its largest single process, not
 * their sum; this sampler gives the sums. Summed RSS counts a shared page (the Node binary, libraries, Chromium's
 * shared memory) once per process, an upper bound; summed PSS divides each shared page among its processes, the
 * memory the tree really holds at that moment.
 */
import { listPids, readProcStat, readPssBytes } from './procfs';

/** How often the tree is sampled, ms. */
export const TREE_SAMPLE_MS = 50;

/** Summed memory of a process tree: RSS (shared pages once per process) and PSS (shared pages divided among them). */
export interface TreeMemory {
  rssBytes: number;
  pssBytes: number;
}

/** Summed RSS and PSS of the descendants of `parent` now (children, grandchildren, ...; not `parent` itself), bytes. */
export function descendantsMemory(parent: number): TreeMemory {
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
  const total = { rssBytes: 0, pssBytes: 0 };
  const pending = [...(children.get(parent) ?? [])];
  while (pending.length > 0) {
    const pid = pending.pop()!;
    const r = rss.get(pid) ?? 0;
    total.rssBytes += r;
    // a process gone between the listing and this read counts as nothing, like its RSS would
    total.pssBytes += r === 0 ? 0 : (readPssBytes(pid) ?? 0);
    pending.push(...(children.get(pid) ?? []));
  }
  return total;
}

/** Samples {@link descendantsMemory} of `parent` every {@link TREE_SAMPLE_MS} ms until stopped; `stop` returns the peaks. */
export function sampleDescendantsMemory(parent: number): { stop(): TreeMemory } {
  const peak = { rssBytes: 0, pssBytes: 0 };
  const sample = (): void => {
    const now = descendantsMemory(parent);
    peak.rssBytes = Math.max(peak.rssBytes, now.rssBytes);
    peak.pssBytes = Math.max(peak.pssBytes, now.pssBytes);
  };
  sample();
  const timer = setInterval(sample, TREE_SAMPLE_MS);
  return {
    stop(): TreeMemory {
      clearInterval(timer);
      return peak;
    },
  };
}

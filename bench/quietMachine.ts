/**
 * Before each timed run the benchmark waits for a quiet machine: on 2 cores, the PostgreSQL server writing out
 * the 9M run's tables (checkpoint, writeback) slowed the next `features` command from ~20 s to 26 s. Dirty pages
 * are flushed first (`sync`), then the CPUs are sampled from /proc/stat until they are idle.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

/** Cumulative CPU ticks of the machine: all of them, and the idle ones (I/O wait counts as busy). */
export interface CpuTicks {
  total: number;
  idle: number;
}

/** The aggregate `cpu` line of /proc/stat's text as ticks (null when there is none). */
export function parseCpuTicks(procStat: string): CpuTicks | null {
  const line = procStat.split('\n').find((l) => l.startsWith('cpu '));
  if (!line) return null;
  const fields = line.trim().split(/\s+/).slice(1).map(Number);
  // user nice system idle iowait irq softirq steal [guest guest_nice, already inside user and nice].
  const counted = fields.slice(0, 8);
  if (counted.length < 4 || counted.some((v) => !Number.isFinite(v))) return null;
  return { total: counted.reduce((s, v) => s + v, 0), idle: counted[3]! };
}

/** Share of the CPU time between two samples that was busy (0..1). */
export function busyShare(before: CpuTicks, after: CpuTicks): number {
  const total = after.total - before.total;
  return total <= 0 ? 0 : 1 - (after.idle - before.idle) / total;
}

export interface QuietOptions {
  /** Busy share below which a one-second window counts as quiet. */
  maxBusy?: number;
  /** Quiet windows needed in a row. */
  windows?: number;
  /** Give up waiting after this many seconds (the run is then timed on a busy machine, and the log says so). */
  maxSeconds?: number;
}

const readTicks = (): CpuTicks | null => {
  try {
    return parseCpuTicks(fs.readFileSync('/proc/stat', 'utf8'));
  } catch {
    return null;
  }
};

/** Flush dirty pages, then wait until the CPUs are idle; returns the seconds waited (0 where /proc is unreadable). */
export async function waitForQuietMachine(options: QuietOptions = {}): Promise<number> {
  const { maxBusy = 0.1, windows = 2, maxSeconds = 120 } = options;
  const started = performance.now();
  execFileSync('sync');
  let quiet = 0;
  let last = readTicks();
  while (last && quiet < windows && (performance.now() - started) / 1000 < maxSeconds) {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const now = readTicks();
    quiet = now && busyShare(last, now) < maxBusy ? quiet + 1 : 0;
    last = now;
  }
  const waited = (performance.now() - started) / 1000;
  // `last` is null when /proc/stat could not be read: nothing to report then.
  if (quiet < windows && last) process.stderr.write(`[bench] the machine was still busy after ${maxSeconds} s; timing anyway\n`);
  else if (waited > windows + 1.5) process.stderr.write(`[bench] waited ${waited.toFixed(0)} s for a quiet machine\n`);
  return waited;
}

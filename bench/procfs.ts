/**
 * Reading Linux's /proc for the benchmark: the live process ids and the few fields of /proc/<pid>/stat it uses
 * (parent, CPU ticks, resident pages). Everything returns empty or null where /proc is unreadable, or where a
 * process ended between listing and reading.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

/** Kernel clock ticks per second of utime/stime (USER_HZ, 100 on Linux). */
export const TICKS_PER_SECOND = 100;

export interface ProcStat {
  pid: number;
  ppid: number;
  /** User and system CPU of the process so far, clock ticks. */
  utimeTicks: number;
  stimeTicks: number;
  /** Resident set size, bytes. */
  rssBytes: number;
}

let pageSize: number | undefined;

/** The ids of all live processes ([] where /proc is unreadable). */
export function listPids(): number[] {
  try {
    return fs
      .readdirSync('/proc')
      .filter((p) => /^\d+$/.test(p))
      .map(Number);
  } catch {
    return [];
  }
}

/** The process's command line with spaces between arguments, or null when it is gone. */
export function readCmdline(pid: number): string | null {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
  } catch {
    return null;
  }
}

/** Parent, CPU ticks and RSS of one process from /proc/<pid>/stat, or null when it is gone. */
export function readProcStat(pid: number): ProcStat | null {
  let stat: string;
  try {
    stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return null;
  }
  // Fields after the parenthesised command name (which may hold spaces) start at field 3 of proc(5):
  // state(3) ppid(4) ... utime(14) stime(15) ... rss(24), i.e. indices 0, 1, 11, 12 and 21 here.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return {
    pid,
    ppid: Number(fields[1]),
    utimeTicks: Number(fields[11]),
    stimeTicks: Number(fields[12]),
    rssBytes: Number(fields[21]) * systemPageSize(),
  };
}

/**
 * Proportional set size of one process, bytes (`Pss:` of /proc/<pid>/smaps_rollup: each shared page divided among
 * the processes mapping it), or null when it is gone or unreadable.
 */
export function readPssBytes(pid: number): number | null {
  try {
    const m = /^Pss:\s+(\d+) kB$/m.exec(fs.readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'));
    return m ? Number(m[1]) * 1024 : null;
  } catch {
    return null;
  }
}

/** The kernel's page size in bytes (`getconf PAGESIZE`, read once; 4096 if that fails). */
function systemPageSize(): number {
  if (pageSize === undefined) {
    try {
      pageSize = Number(execFileSync('getconf', ['PAGESIZE'], { encoding: 'utf8' }).trim()) || 4096;
    } catch {
      pageSize = 4096;
    }
  }
  return pageSize;
}

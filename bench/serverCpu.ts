/**
 * CPU seconds used so far by the PostgreSQL backends connected to one database, read from /proc (Linux): the
 * server's work happens outside the Node process, so process.cpuUsage() cannot see it. Backends carry the
 * title "postgres: <user> <database> <host>"; parallel-query workers are short-lived and not counted.
 */
import fs from 'node:fs';

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

/** Sum of user+system CPU seconds of the live backends serving `database` (0 where /proc is unreadable). */
export function postgresServerCpu(database: string): number {
  let ticks = 0;
  let pids: string[];
  try {
    pids = fs.readdirSync('/proc').filter((p) => /^\d+$/.test(p));
  } catch {
    return 0;
  }
  for (const pid of pids) {
    try {
      const title = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
      if (!title.startsWith('postgres: ') || !title.includes(` ${database} `)) continue;
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      // Fields after the parenthesised command name: utime and stime are fields 14 and 15 of the whole line.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // the process ended between listing and reading
    }
  }
  return ticks / TICKS_PER_SECOND;
}

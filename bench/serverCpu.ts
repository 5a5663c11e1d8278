/**
 * CPU seconds used so far by the PostgreSQL backends connected to one database, read from /proc (Linux): the
 * server's work happens outside the Node process, so process.cpuUsage() cannot see it. Backends carry the
 * title "postgres: <user> <database> <host>"; parallel-query workers are short-lived and not counted.
 */
import { listPids, readCmdline, readProcStat, TICKS_PER_SECOND } from './procfs';

/** Sum of user+system CPU seconds of the live backends serving `database` (0 where /proc is unreadable). */
export function postgresServerCpu(database: string): number {
  let ticks = 0;
  for (const pid of listPids()) {
    const title = readCmdline(pid);
    if (title === null || !title.startsWith('postgres: ') || !title.includes(` ${database} `)) continue;
    const stat = readProcStat(pid);
    if (stat) ticks += stat.utimeTicks + stat.stimeTicks;
  }
  return ticks / TICKS_PER_SECOND;
}

/**
 * CPU seconds of this process plus its finished children. A report's work happens in child processes
 * (the nbclient driver, its kernels, Chromium), which `process.cpuUsage()` does not see; Linux adds
 * the CPU time of every waited-for descendant to the `cutime`/`cstime` fields of /proc/self/stat.
 */
import { readFileSync } from 'node:fs';

// The kernel reports these fields in clock ticks; USER_HZ is 100 on every Linux platform Node supports.
const TICKS_PER_SECOND = 100;

/** User + system CPU seconds of this process and its waited-for descendants; undefined off Linux. */
export function cpuSecondsWithChildren(): number | undefined {
  let stat: string;
  try {
    stat = readFileSync('/proc/self/stat', 'utf8');
  } catch {
    return undefined;
  }
  // The command name (field 2) may contain spaces: split after its closing parenthesis.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // fields[0] is field 3 (state), so utime (14) .. cstime (17) are fields[11..14].
  const ticks = [11, 12, 13, 14].reduce((sum, i) => sum + Number(fields[i]), 0);
  return ticks / TICKS_PER_SECOND;
}

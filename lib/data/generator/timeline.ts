/**
 * The generated months laid end to end as one "virtual" time line of seconds, so user behaviour can be
 * simulated without caring about month boundaries, and each event is then routed to its month's file.
 */

const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAY = 86_400;

/** One month of the time line. */
export interface TimelineMonth {
  /** Canonical Kaggle-style name, e.g. `2019-Oct` (also the file's base name). */
  name: string;
  /** Virtual second at which this month starts. */
  start: number;
  /** Length in seconds. */
  seconds: number;
  /** `YYYY-MM-DD ` prefixes for each day of the month. */
  dayPrefix: string[];
}

/** Parse `2019-Oct` (case-insensitive month) into year and month number 1..12, or throw. */
export function parseMonthName(name: string): { year: number; month: number; name: string } {
  const m = /^(\d{4})-([A-Za-z]{3})$/.exec(name);
  const idx = m ? MONTH_NAMES.findIndex((n) => n.toLowerCase() === m[2]!.toLowerCase()) : -1;
  if (!m || idx < 0) throw new Error(`month must look like 2019-Oct, got '${name}'`);
  const year = Number(m[1]);
  return { year, month: idx + 1, name: `${m[1]}-${MONTH_NAMES[idx]}` };
}

const TWO = Array.from({ length: 60 }, (_, i) => (i < 10 ? `0${i}` : String(i)));

/** The months in the order given, as a continuous time line. */
export class Timeline {
  readonly months: TimelineMonth[];
  readonly totalSeconds: number;

  constructor(names: readonly string[]) {
    if (names.length === 0) throw new Error('at least one month is required');
    const seen = new Set<string>();
    let start = 0;
    this.months = names.map((raw) => {
      const { year, month, name } = parseMonthName(raw);
      if (seen.has(name)) throw new Error(`month ${name} given twice`);
      seen.add(name);
      const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
      const mm = month < 10 ? `0${month}` : String(month);
      const dayPrefix = Array.from({ length: days }, (_, d) => `${year}-${mm}-${TWO[d + 1]} `);
      const tm: TimelineMonth = { name, start, seconds: days * DAY, dayPrefix };
      start += tm.seconds;
      return tm;
    });
    this.totalSeconds = start;
  }

  /** Index of the month holding virtual second `t` (0 <= t < totalSeconds). */
  monthOf(t: number): number {
    const ms = this.months;
    let i = 0;
    while (i < ms.length - 1 && t >= ms[i + 1]!.start) i++;
    return i;
  }

  /** `YYYY-MM-DD HH:MM:SS UTC` for virtual second `t` inside month `i`. */
  format(i: number, t: number): string {
    const month = this.months[i]!;
    const off = Math.floor(t) - month.start;
    const day = Math.floor(off / DAY);
    let s = off - day * DAY;
    const h = Math.floor(s / 3600);
    s -= h * 3600;
    const min = Math.floor(s / 60);
    return `${month.dayPrefix[day]}${TWO[h]}:${TWO[min]}:${TWO[s - min * 60]} UTC`;
  }
}

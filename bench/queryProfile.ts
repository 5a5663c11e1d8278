/**
 * A per-statement profile of the SQL stages, for the benchmark only: wraps `run` and `all` of both engine
 * classes so every statement's wall time is recorded with a short label (its first words and table name).
 * The library code is untouched; the wrapping lives and dies with the benchmark's child process.
 */
import { DuckDbEngine } from '../lib/engine/duckdb';
import { PostgresEngine } from '../lib/engine/postgres';

export interface QueryTiming {
  sql: string;
  seconds: number;
  /** How many statements of this label the seconds add up (one per file or partition, e.g.). */
  count?: number;
}

const recorded: QueryTiming[] = [];
let installed = false;

/** Start recording statement timings (idempotent). */
export function installQueryProfile(): void {
  if (installed) return;
  installed = true;
  for (const cls of [DuckDbEngine, PostgresEngine] as const) {
    const proto = cls.prototype as unknown as Record<'run' | 'all', (sql: string) => Promise<unknown>>;
    for (const method of ['run', 'all'] as const) {
      const original = proto[method];
      proto[method] = async function (this: unknown, sql: string) {
        const t0 = performance.now();
        try {
          return await original.call(this, sql);
        } finally {
          recorded.push({ sql: labelOf(sql), seconds: (performance.now() - t0) / 1000 });
        }
      };
    }
  }
}

/**
 * Statements recorded since the last call, and clear the record: those of one label summed (the same statement
 * per input file or per partition, `clean_events_part3` counted as `clean_events_part*`), slowest first, at most `top`.
 */
export function takeQueryProfile(top = 8): QueryTiming[] {
  const byLabel = new Map<string, { seconds: number; count: number }>();
  for (const q of recorded.splice(0)) {
    const label = q.sql.replace(/_part\d+/g, '_part*');
    const sum = byLabel.get(label) ?? { seconds: 0, count: 0 };
    sum.seconds += q.seconds;
    sum.count += 1;
    byLabel.set(label, sum);
  }
  return [...byLabel]
    .sort((a, b) => b[1].seconds - a[1].seconds)
    .slice(0, top)
    .map(([sql, { seconds, count }]) => ({ sql, seconds: Math.round(seconds * 1000) / 1000, ...(count > 1 ? { count } : {}) }));
}

/** 'CREATE TABLE feat_sessions', 'INSERT INTO events ... read_csv', 'SELECT (SELECT COUNT(*) ...': enough to find it. */
function labelOf(sql: string): string {
  const flat = sql.replace(/\s+/g, ' ').trim();
  const create = /^(CREATE (?:OR REPLACE )?(?:TEMP |TEMPORARY )?(?:TABLE|VIEW) \S+)/i.exec(flat);
  if (create) return create[1]!;
  return flat.length > 90 ? `${flat.slice(0, 90)}…` : flat;
}

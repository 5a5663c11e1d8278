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

/** Statements recorded since the last call, slowest first (at most `top`), and clear the record. */
export function takeQueryProfile(top = 8): QueryTiming[] {
  const out = recorded.splice(0).sort((a, b) => b.seconds - a.seconds);
  return out.slice(0, top).map((q) => ({ sql: q.sql, seconds: Math.round(q.seconds * 1000) / 1000 }));
}

/** 'CREATE TABLE feat_sessions', 'INSERT INTO events ... read_csv', 'SELECT (SELECT COUNT(*) ...': enough to find it. */
function labelOf(sql: string): string {
  const flat = sql.replace(/\s+/g, ' ').trim();
  const create = /^(CREATE (?:OR REPLACE )?(?:TEMP |TEMPORARY )?(?:TABLE|VIEW) \S+)/i.exec(flat);
  if (create) return create[1]!;
  return flat.length > 90 ? `${flat.slice(0, 90)}…` : flat;
}

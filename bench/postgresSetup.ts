/**
 * The PostgreSQL side of the benchmark: the project's throwaway server (scripts/pg.sh, started if needed) and
 * a database of the benchmark's own, so 9M-row tables never collide with the tests' tables in `postgres`.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { Client } from 'pg';

export const BENCH_DATABASE = 'purchase_bench';

export interface PostgresTarget {
  /** Environment with PGHOST/PGPORT/PGUSER/PGDATABASE set (for children). */
  env: NodeJS.ProcessEnv;
  url: string;
  version: string;
}

/** Start (or reuse) the server, create the benchmark database if missing, and return how to reach it. */
export async function preparePostgres(root: string): Promise<PostgresTarget> {
  const env = { ...process.env };
  if (!env.PGHOST || !env.PGPORT) {
    // pg.sh is idempotent: it starts the cluster only if it is not running, then exports PG*.
    const printed = execFileSync('bash', ['-c', 'source scripts/pg.sh >&2 && env'], { cwd: root, encoding: 'utf8' });
    for (const line of printed.split('\n')) {
      const m = /^(PG[A-Z]+)=(.*)$/.exec(line);
      if (m) env[m[1]!] = m[2]!;
    }
  }
  return withAdmin(env, async (admin) => {
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [BENCH_DATABASE]);
    if (exists.rowCount === 0) await admin.query(`CREATE DATABASE ${BENCH_DATABASE}`);
    const version = (await admin.query('SHOW server_version')).rows[0].server_version as string;
    const url = `postgresql://${encodeURIComponent(env.PGUSER ?? 'postgres')}@${env.PGHOST}:${env.PGPORT}/${BENCH_DATABASE}`;
    return { env, url, version };
  });
}

/**
 * Drop the benchmark database after its runs: its ~2 GB of 9M tables would otherwise be checkpointed and written
 * back while the commands after them are timed (PostgreSQL checkpoints before dropping a database, so the write
 * happens here, untimed).
 */
export async function dropBenchDatabase(target: PostgresTarget): Promise<void> {
  await withAdmin(target.env, (admin) => admin.query(`DROP DATABASE IF EXISTS ${BENCH_DATABASE}`));
}

/** `work` on a connection to the server's default database (PG* of `env`), closed afterwards. */
export async function withAdmin<T>(env: NodeJS.ProcessEnv, work: (admin: Client) => Promise<T>): Promise<T> {
  const admin = new Client({ host: env.PGHOST, port: Number(env.PGPORT), user: env.PGUSER, database: env.PGDATABASE });
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.end();
  }
}

/** The repository root (bench/..). */
export const REPO_ROOT = path.resolve(__dirname, '..');

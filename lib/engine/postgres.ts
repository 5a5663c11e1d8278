import { types, type Client } from 'pg';
import type { Engine, Row } from './engine';
import { connectPostgres } from './postgresConnect';
import { resolvePostgresSettings, type PostgresSettings } from './postgresSettings';

// Keep exact text for 64-bit integers, numerics and timestamps (pg's defaults turn timestamps into Dates
// in the local zone, which would shift UTC times); this matches the DuckDB engine's normalisation.
const TIMESTAMP_OID = 1114;
const TIMESTAMPTZ_OID = 1184;
types.setTypeParser(TIMESTAMP_OID, (v) => v);
types.setTypeParser(TIMESTAMPTZ_OID, (v) => v);

export interface PostgresOptions {
  /**
   * A libpq connection string (postgresql:// URL or key=value settings). Settings it leaves out come from the
   * PG* environment variables, then libpq's defaults: see resolvePostgresSettings.
   */
  connectionString?: string;
  /** The environment to read PG* variables from (default process.env); tests pass their own. */
  env?: NodeJS.ProcessEnv;
  /** Schema to create and use, so parallel runs do not collide. Dropped on close when `dropSchemaOnClose`. */
  schema?: string;
  dropSchemaOnClose?: boolean;
  /** Give up connecting after this many milliseconds (default: connect_timeout / PGCONNECT_TIMEOUT, else 10 s). */
  connectTimeoutMs?: number;
}

/** PostgreSQL backend: the study's own engine, through the `pg` driver. */
export class PostgresEngine implements Engine {
  readonly backend = 'postgres' as const;
  private constructor(
    /** Exposed for COPY streaming. */
    readonly client: Client,
    private readonly options: PostgresOptions,
  ) {}

  /** Connect as psql would (see resolvePostgresSettings); a failure is one line naming the server, without the password. */
  static async open(options: PostgresOptions = {}): Promise<PostgresEngine> {
    let settings: PostgresSettings;
    try {
      settings = resolvePostgresSettings(options.connectionString, options.env ?? process.env);
    } catch (err) {
      // The connection string itself is not repeated: it may hold a password.
      throw new Error(`cannot connect to PostgreSQL: ${(err as Error).message}`);
    }
    for (const warning of settings.warnings) process.stderr.write(`warning: ${warning}\n`);
    const client = await connectPostgres(settings, options.connectTimeoutMs);
    const engine = new PostgresEngine(client, options);
    await client.query('SET client_min_messages = warning');
    if (options.schema) {
      await client.query(`CREATE SCHEMA IF NOT EXISTS ${options.schema}`);
      await client.query(`SET search_path = ${options.schema}`);
    }
    return engine;
  }

  async run(sql: string): Promise<void> {
    await this.client.query(sql);
  }

  async all<T extends Row = Row>(sql: string): Promise<T[]> {
    const result = await this.client.query(sql);
    return result.rows as T[];
  }

  async close(): Promise<void> {
    try {
      if (this.options.schema && this.options.dropSchemaOnClose) {
        await this.client.query(`DROP SCHEMA IF EXISTS ${this.options.schema} CASCADE`);
      }
    } finally {
      await this.client.end();
    }
  }
}

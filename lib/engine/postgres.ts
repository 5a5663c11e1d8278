import { Client, types, type ClientConfig } from 'pg';
import type { Engine, Row } from './engine';

// Keep exact text for 64-bit integers, numerics and timestamps (pg's defaults turn timestamps into Dates
// in the local zone, which would shift UTC times); this matches the DuckDB engine's normalisation.
const TIMESTAMP_OID = 1114;
const TIMESTAMPTZ_OID = 1184;
types.setTypeParser(TIMESTAMP_OID, (v) => v);
types.setTypeParser(TIMESTAMPTZ_OID, (v) => v);

export interface PostgresOptions {
  /** A libpq connection string; when absent the PG* environment variables are used. */
  connectionString?: string;
  /** Schema to create and use, so parallel runs do not collide. Dropped on close when `dropSchemaOnClose`. */
  schema?: string;
  dropSchemaOnClose?: boolean;
  /** Give up connecting after this many milliseconds (default 10 s). */
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

  static async open(options: PostgresOptions = {}): Promise<PostgresEngine> {
    // A bounded connect timeout: a server that accepts TCP but never answers must not hang the run.
    const config: ClientConfig = {
      ...(options.connectionString ? { connectionString: options.connectionString } : {}),
      connectionTimeoutMillis: options.connectTimeoutMs ?? 10_000,
    };
    const client = new Client(config);
    try {
      await client.connect();
    } catch (err) {
      const target = options.connectionString ? redactPassword(options.connectionString) : describePgEnv();
      throw new Error(`cannot connect to PostgreSQL at ${target}: ${(err as Error).message}`);
    }
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

function describePgEnv(): string {
  const e = process.env;
  return `host=${e.PGHOST ?? 'localhost'} port=${e.PGPORT ?? '5432'} user=${e.PGUSER ?? '(default)'} database=${e.PGDATABASE ?? '(default)'}`;
}

/** The connection string with any password replaced by ***, for error messages. */
export function redactPassword(connectionString: string): string {
  return connectionString
    .replace(/^(postgres(?:ql)?:\/\/[^:/@]*:)[^@]*@/, '$1***@')
    .replace(/(password=)[^\s&]*/gi, '$1***');
}

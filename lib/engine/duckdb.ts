import { type DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import type { Engine, Row } from './engine';

export interface DuckDbOptions {
  /** Database file, or ':memory:' (default). */
  path?: string;
  /** Worker threads; defaults to DuckDB's choice (all cores). */
  threads?: number;
  /** e.g. '4GB'; bounds DuckDB's own buffer memory (beyond it, table blocks spill to `tempDirectory`). */
  memoryLimit?: string;
  /** Where DuckDB spills when over `memoryLimit`; DuckDB's default is '.tmp' in the working directory. */
  tempDirectory?: string;
  /**
   * false lets DuckDB write the rows of CREATE TABLE AS / INSERT in any order, which needs less memory and time
   * (default true: DuckDB's own). Only for callers whose SQL never depends on row order without ORDER BY.
   */
  preserveInsertionOrder?: boolean;
  /** Any other DuckDB configuration options, by name (e.g. `allocator_flush_threshold`). */
  settings?: Record<string, string>;
}

/** The embedded default backend. */
export class DuckDbEngine implements Engine {
  readonly backend = 'duckdb' as const;
  private constructor(
    private readonly instance: DuckDBInstance,
    /** Exposed for loaders that need DuckDB-only features (read_csv, reject tables). */
    readonly connection: DuckDBConnection,
  ) {}

  static async open(options: DuckDbOptions = {}): Promise<DuckDbEngine> {
    const config: Record<string, string> = { ...options.settings };
    if (options.threads) config.threads = String(options.threads);
    if (options.memoryLimit) config.memory_limit = options.memoryLimit;
    if (options.tempDirectory) config.temp_directory = options.tempDirectory;
    if (options.preserveInsertionOrder !== undefined) config.preserve_insertion_order = String(options.preserveInsertionOrder);
    const instance = await DuckDBInstance.create(options.path ?? ':memory:', config);
    const connection = await instance.connect();
    return new DuckDbEngine(instance, connection);
  }

  async run(sql: string): Promise<void> {
    try {
      await this.connection.run(sql);
    } catch (err) {
      throw namingStatement(err, sql);
    }
  }

  async all<T extends Row = Row>(sql: string): Promise<T[]> {
    try {
      const reader = await this.connection.runAndReadAll(sql);
      return reader.getRowObjectsJson() as unknown as T[];
    } catch (err) {
      throw namingStatement(err, sql);
    }
  }

  async close(): Promise<void> {
    this.connection.closeSync();
    this.instance.closeSync();
  }
}

/** Characters of a statement that an out-of-memory error quotes. */
const STATEMENT_QUOTE_CHARS = 160;

/**
 * DuckDB's out-of-memory error names neither the statement nor the limit, so a user cannot tell which stage ran
 * out: such an error gets the statement's start appended (the original stays as `cause`). Other errors pass as
 * they are (their messages already point at the problem, and tests match them).
 * @example namingStatement(new Error('Out of Memory Error: ...'), 'CREATE TABLE t AS ...') // message ends 'in: CREATE TABLE t AS ...'
 */
export function namingStatement(err: unknown, sql: string): unknown {
  if (!(err instanceof Error) || !/Out of Memory/i.test(err.message)) return err;
  const flat = sql.replace(/\s+/g, ' ').trim();
  const quoted = flat.length > STATEMENT_QUOTE_CHARS ? `${flat.slice(0, STATEMENT_QUOTE_CHARS)}…` : flat;
  return new Error(`${err.message}\n(DuckDB ran out of memory in: ${quoted})`, { cause: err });
}

/** How the events table stores `user_session`, and SQL that reads it the same way whichever type it has. */
import type { Engine } from '../engine/engine';

/**
 * How `user_session` is stored. The portable type is VARCHAR (PostgreSQL, and any input). DuckDB's load (one
 * table or a partitioned store) stores it as a 16-byte UUID instead when every session of the input is a UUID in
 * canonical text (lower-case hex, hyphenated, as in the Kaggle files): the text then converts back unchanged, so
 * rows, duplicates and sessions are exactly those of the text, while every row needs ~36 bytes less and the
 * cleaning compares fixed-width values (README, "Session storage": faster and ~0.13 GiB less at 9M and 20M).
 */
export type SessionType = 'UUID' | 'VARCHAR';

/**
 * A row's session as SQL, NULL for no session: the CSV's empty field is stored as NULL, and text columns
 * (PostgreSQL, or tables built by hand) may also hold ''. A UUID column cannot hold '' (nor be compared with it).
 * @example sessionSql('VARCHAR') // "NULLIF(user_session, '')"
 */
export function sessionSql(type: SessionType, column = 'user_session'): string {
  return type === 'UUID' ? column : `NULLIF(${column}, '')`;
}

/**
 * The session type of an events-shaped relation (a table, a view, or `schema.table`). PostgreSQL tables are
 * made by {@link createEventsTableSql} with text sessions; on DuckDB the relation's column type says.
 */
export async function sessionTypeOf(engine: Engine, relation: string): Promise<SessionType> {
  if (engine.backend !== 'duckdb') return 'VARCHAR';
  const rows = await engine.all<{ column_type: string }>(`DESCRIBE SELECT user_session FROM ${relation}`);
  return rows[0]?.column_type === 'UUID' ? 'UUID' : 'VARCHAR';
}

/** The session of a row of `relation` as SQL (see {@link sessionSql}), after looking up its type. */
export async function sessionSqlOf(engine: Engine, relation: string, column = 'user_session'): Promise<string> {
  return sessionSql(await sessionTypeOf(engine, relation), column);
}

/** The Kaggle "eCommerce Events History in Cosmetics Shop" file format, shared by loader, generator and engines. */
import type { SessionType } from './sessionType';

/** Header line every monthly file must start with, exactly. */
export const KAGGLE_HEADER = 'event_time,event_type,product_id,category_id,category_code,brand,price,user_id,user_session';

/** Column names in file order. */
export const EVENT_COLUMNS = [
  'event_time',
  'event_type',
  'product_id',
  'category_id',
  'category_code',
  'brand',
  'price',
  'user_id',
  'user_session',
] as const;

export type EventColumn = (typeof EVENT_COLUMNS)[number];

/** The four event types of the shop. */
export const EVENT_TYPES = ['view', 'cart', 'remove_from_cart', 'purchase'] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/**
 * SQL types of the `events` table. Identical on DuckDB and PostgreSQL.
 * `event_time` is a TIMESTAMP holding UTC wall-clock time (the files are always UTC);
 * `category_id` is BIGINT because its values exceed 2^53.
 */
export const EVENT_SQL_TYPES: Record<EventColumn, string> = {
  event_time: 'TIMESTAMP',
  event_type: 'VARCHAR',
  product_id: 'BIGINT',
  category_id: 'BIGINT',
  category_code: 'VARCHAR',
  brand: 'VARCHAR',
  price: 'DECIMAL(12,2)',
  user_id: 'BIGINT',
  user_session: 'VARCHAR',
};

/**
 * DuckDB's 64-bit hash of a whole event row (columns unqualified): exact duplicates share it, so the cleaning
 * deduplicates only the rows whose hash repeats (lib/clean/hashDedup.ts). The event store keeps it per row.
 */
export const ROW_HASH_SQL = `hash(${EVENT_COLUMNS.join(', ')})`;

/** The event store's column holding {@link ROW_HASH_SQL} of each row. */
export const ROW_HASH_COLUMN = 'row_hash';

/** Name of the raw events table every later stage reads. */
export const EVENTS_TABLE = 'events';

/** The SQL types of an events table whose sessions are stored as `sessionType`. */
export function eventSqlTypes(sessionType: SessionType = 'VARCHAR'): Record<EventColumn, string> {
  return { ...EVENT_SQL_TYPES, user_session: sessionType };
}

/** `CREATE TABLE` statement for an events table, valid on both engines (with the default VARCHAR sessions). */
export function createEventsTableSql(table: string = EVENTS_TABLE, sessionType: SessionType = 'VARCHAR'): string {
  const types = eventSqlTypes(sessionType);
  const cols = EVENT_COLUMNS.map((c) => `  ${c} ${types[c]}`).join(',\n');
  return `CREATE TABLE ${table} (\n${cols}\n)`;
}

/** Month files of the public data set, in time order. */
export const KAGGLE_MONTHS = ['2019-Oct', '2019-Nov', '2019-Dec', '2020-Jan', '2020-Feb'] as const;

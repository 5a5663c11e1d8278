/**
 * The study's five cleaning steps as SQL `SELECT`s over an events-shaped table.
 * Plain SQL valid unchanged on DuckDB and PostgreSQL; each step reads the previous step's table or view.
 */
import { EVENT_COLUMNS } from '../data/schema';
import { sessionSql, type SessionType } from '../data/sessionType';

/** The event columns in table order, qualified by `alias` (so joins never add columns). */
export function columns(alias: string): string {
  return EVENT_COLUMNS.map((c) => `${alias}.${c}`).join(', ');
}

/** Each user's first purchase time (users without a purchase row are absent). */
function firstPurchaseCte(source: string): string {
  return `first_purchase AS (
  SELECT user_id, MIN(event_time) AS first_purchase_time
  FROM ${source}
  WHERE event_type = 'purchase'
  GROUP BY user_id
)`;
}

/**
 * Step 1: purchasers keep events up to and including their first purchase time (so every row at that second,
 * purchases included); users who never purchased keep everything. Written as the study's UNION of the two
 * groups, whose set semantics also drop exact duplicate rows (NULLs compare equal in UNION on both engines).
 */
export function firstPurchaseSql(source: string): string {
  return `WITH ${firstPurchaseCte(source)}
SELECT ${columns('e')}
FROM ${source} e
JOIN first_purchase f ON f.user_id = e.user_id
WHERE e.event_time <= f.first_purchase_time
UNION
SELECT ${columns('e')}
FROM ${source} e
WHERE NOT EXISTS (SELECT 1 FROM first_purchase f WHERE f.user_id = e.user_id)`;
  // NOT EXISTS rather than NOT IN: a NULL user_id among purchasers would make NOT IN drop every non-purchaser.
}

/**
 * The number of rows step 1 keeps before deduplication (UNION ALL semantics), in one pass: the difference to
 * step 1's row count is the number of exact duplicates its UNION removed.
 */
export function firstPurchaseRowsWithDuplicatesSql(source: string): string {
  return `WITH ${firstPurchaseCte(source)}
SELECT COUNT(*) AS n
FROM ${source} e
LEFT JOIN first_purchase f ON f.user_id = e.user_id
WHERE f.user_id IS NULL OR e.event_time <= f.first_purchase_time`;
}

/**
 * The row filters of steps 2, 3 and 4 as conditions on the columns of `alias` (one place, so the step views and
 * any query that applies the steps in one pass agree exactly). Each is a plain per-row predicate.
 */
export const STEP_CONDITIONS = {
  /** Step 2: rows without a category_code (the loader stores empty as NULL; '' counts as empty too). */
  cosmeticsOnly: (alias: string) => `(${alias}.category_code IS NULL OR ${alias}.category_code = '')`,
  /** Step 3: strictly positive prices (drops refunds, zero prices and missing prices). */
  positivePrice: (alias: string) => `(${alias}.price > 0)`,
  /** Step 4: view, cart and purchase rows (drops remove_from_cart). */
  noRemoveFromCart: (alias: string) => `(${alias}.event_type IN ('view', 'cart', 'purchase'))`,
} as const;

/** Step 2: cosmetics only, i.e. rows without a category_code. */
export function cosmeticsOnlySql(previous: string): string {
  return `SELECT * FROM ${previous} p WHERE ${STEP_CONDITIONS.cosmeticsOnly('p')}`;
}

/** Step 3: strictly positive prices. */
export function positivePriceSql(previous: string): string {
  return `SELECT * FROM ${previous} p WHERE ${STEP_CONDITIONS.positivePrice('p')}`;
}

/** Step 4: drop remove_from_cart (keeps view, cart, purchase). */
export function noRemoveFromCartSql(previous: string): string {
  return `SELECT * FROM ${previous} p WHERE ${STEP_CONDITIONS.noRemoveFromCart('p')}`;
}

/**
 * Users with more than one distinct non-empty session. The study counted these on the raw table, before steps
 * 1-4, so a user whose second session was cleaned away still passes step 5 (a quirk kept on purpose).
 */
export function multiSessionUsersSql(rawSource: string, sessionType: SessionType): string {
  // MIN <> MAX over the non-empty sessions is exactly "COUNT(DISTINCT user_session) > 1", and on DuckDB about
  // 2.5x cheaper at 9M rows because it needs no per-user distinct set.
  return `SELECT user_id
FROM ${rawSource}
WHERE ${sessionSql(sessionType)} IS NOT NULL
GROUP BY user_id
HAVING MIN(user_session) <> MAX(user_session)`;
}

/** Step 5: keep the rows of users listed in `multiSessionUsers` (a table made from {@link multiSessionUsersSql}). */
export function multiSessionSql(previous: string, multiSessionUsers: string): string {
  // A plain join is a semi-join here because the users table has one row per user (GROUP BY user_id); on DuckDB
  // it measured ~2x cheaper than EXISTS at 7M rows.
  return `SELECT ${columns('p')} FROM ${previous} p
JOIN ${multiSessionUsers} m ON m.user_id = p.user_id`;
}

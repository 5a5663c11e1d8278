/**
 * DuckDB's faster plan for the cleaning, with exactly the results of the study's UNION (lib/clean/steps.ts).
 *
 * The UNION deduplicates ~7M rows on all nine columns: a hash aggregate with one group per row, the slowest
 * statement of the pipeline. Instead each row gets a 64-bit hash of its nine columns (DuckDB `hash(...)`; NULLs
 * hash alike, as UNION treats them alike). Rows whose hash occurs once in the source cannot have an exact
 * duplicate and are kept as they are; only the small set of rows whose hash repeats (the "candidates") is
 * deduplicated with an exact DISTINCT, so a hash collision can never merge two different rows.
 *
 * Steps 2-4 are per-row filters, which commute with deduplication, so the cleaned table is built from the
 * source in one pass (filters first, deduplication of the few candidates last), and the funnel counts come from
 * one scan of the step-1 rows with each step's filter counted alongside, minus the duplicates found among the
 * candidates. Step 1 stays available as a view with the same rows as the UNION.
 */
import { EVENT_COLUMNS } from '../data/schema';
import { columns, STEP_CONDITIONS } from './steps';

/** The helper tables of the hash plan, named after the cleaned table. */
export interface HashDedupTables {
  /** One row per purchaser: user_id, first_purchase_time. */
  purchaseTimes: string;
  /** Row hashes that occur more than once in the source. */
  repeatedHashes: string;
  /** Step-1 rows whose hash repeats, with their duplicates (full width, small). */
  candidates: string;
  /**
   * The source's column holding each row's hash (the partitioned run's Parquet partitions store it), or null:
   * then the source must be a table, each row is hashed once into `rowHashes` (row id, hash), and the rows that
   * may have a duplicate are found by row id (`candidateRows`) instead of hashing nine columns three times.
   */
  hashColumn: string | null;
  /** Without a hash column: (row_id, row_hash) of every source row. */
  rowHashes: string;
  /** Without a hash column: the row ids whose hash repeats. */
  candidateRows: string;
  /** The users step 5 keeps, each with its purchaser id and first purchase time (both NULL: never purchased). */
  keptUsers: string;
}

/** Helper table names for `target`; `hashColumn` when the source stores ROW_HASH_SQL (lib/data/schema.ts). */
export function hashDedupTables(target: string, hashColumn: string | null = null): HashDedupTables {
  return {
    purchaseTimes: `${target}_step1_purchase_times`,
    repeatedHashes: `${target}_step1_repeated_hashes`,
    candidates: `${target}_step1_duplicate_candidates`,
    hashColumn,
    rowHashes: `${target}_step1_row_hashes`,
    candidateRows: `${target}_step1_candidate_rows`,
    keptUsers: `${target}_step5_kept_users`,
  };
}

/** Without a hash column: each source row's DuckDB row id and hash, computed once. */
export function rowHashesSql(source: string): string {
  // The same function as ROW_HASH_SQL (lib/data/schema.ts), over the same columns in the same order.
  return `SELECT e.rowid AS row_id, hash(${columns('e')}) AS row_hash FROM ${source} e`;
}

/** Without a hash column: the row ids of the rows whose hash repeats. */
export function candidateRowsSql(tables: HashDedupTables): string {
  return `SELECT row_id FROM ${tables.rowHashes} WHERE row_hash IN (SELECT row_hash FROM ${tables.repeatedHashes})`;
}

/** True for a row of `alias` whose hash repeats in the source (it may have an exact duplicate). */
function mayHaveDuplicate(alias: string, tables: HashDedupTables): string {
  return tables.hashColumn
    ? `${alias}.${tables.hashColumn} IN (SELECT row_hash FROM ${tables.repeatedHashes})`
    : `${alias}.rowid IN (SELECT row_id FROM ${tables.candidateRows})`;
}

/** True for a row of `alias` whose hash is unique in the source (it has no exact duplicate). */
function hasNoDuplicate(alias: string, tables: HashDedupTables): string {
  return tables.hashColumn
    ? `${alias}.${tables.hashColumn} NOT IN (SELECT row_hash FROM ${tables.repeatedHashes})`
    : `${alias}.rowid NOT IN (SELECT row_id FROM ${tables.candidateRows})`;
}

/** Each user's first purchase time (users without a purchase row are absent). */
export function purchaseTimesSql(source: string): string {
  // A table of purchasers only: most event rows then miss the join, which measured cheaper than a LEFT JOIN
  // against a row for every user.
  return `SELECT user_id, MIN(event_time) AS first_purchase_time
FROM ${source}
WHERE event_type = 'purchase'
GROUP BY user_id`;
}

/** Hashes of rows that occur more than once in `source` (exact duplicates always share their hash). */
export function repeatedHashesSql(source: string, tables: HashDedupTables): string {
  // Sorting the hashes and comparing neighbours measured ~40% cheaper on DuckDB than GROUP BY ... HAVING
  // COUNT(*) > 1, whose hash table holds one group per row.
  return `SELECT DISTINCT row_hash FROM (
  SELECT row_hash, LEAD(row_hash) OVER (ORDER BY row_hash) AS next_hash
  FROM ${tables.hashColumn ? `(SELECT e.${tables.hashColumn} AS row_hash FROM ${source} e)` : tables.rowHashes} hashes
) sorted
WHERE row_hash = next_hash`;
}

/**
 * FROM clause of the step-1 rows before deduplication, alias `e`: purchasers up to and including their first
 * purchase time, everyone else entirely (a LEFT JOIN miss, as the UNION's NOT EXISTS branch; a NULL user_id
 * never matches a purchaser, as in the UNION).
 */
function stepOneRows(source: string, tables: HashDedupTables): string {
  return `${source} e
LEFT JOIN ${tables.purchaseTimes} f ON f.user_id = e.user_id
WHERE (f.user_id IS NULL OR e.event_time <= f.first_purchase_time)`;
}

/** The step-1 rows whose hash repeats (duplicates included). */
export function candidatesSql(source: string, tables: HashDedupTables): string {
  return `SELECT ${columns('e')} FROM ${stepOneRows(source, tables)}
  AND ${mayHaveDuplicate('e', tables)}`;
}

/** Step 1 as the UNION computes it: unique-hash rows as they are, plus the distinct candidates. */
export function firstPurchaseByHashSql(source: string, tables: HashDedupTables): string {
  return `SELECT ${columns('e')} FROM ${stepOneRows(source, tables)}
  AND ${hasNoDuplicate('e', tables)}
UNION ALL
SELECT DISTINCT ${columns('c')} FROM ${tables.candidates} c`;
}

/** Steps 2, 3 and 4 together, on the rows of `alias`. */
function stepsTwoToFour(alias: string): string {
  return [STEP_CONDITIONS.cosmeticsOnly, STEP_CONDITIONS.positivePrice, STEP_CONDITIONS.noRemoveFromCart]
    .map((condition) => condition(alias))
    .join(' AND ');
}

/**
 * The users of `multiSessionUsers` (one row per user) with their first purchase time: the cleaned table then
 * needs one join per event row for steps 1 and 5 together instead of two (~0.3 s less at 9M events).
 */
export function keptUsersSql(tables: HashDedupTables, multiSessionUsers: string): string {
  // purchaser_id, not a NULL time, marks a non-purchaser, exactly as the LEFT JOIN miss of stepOneRows does.
  return `SELECT m.user_id, f.user_id AS purchaser_id, f.first_purchase_time
FROM ${multiSessionUsers} m
LEFT JOIN ${tables.purchaseTimes} f ON f.user_id = m.user_id`;
}

/**
 * The cleaned table straight from the source, part 1: step-1 rows passing steps 2-4 whose user step 5 keeps
 * (`keptUsers`), except the candidates. Purchasers keep rows up to their first purchase, the others all rows, as
 * in {@link stepOneRows}; a NULL user_id is in no users table, so it is dropped here as step 5 drops it.
 */
export function cleanedUniqueRowsSql(source: string, tables: HashDedupTables): string {
  return `SELECT ${columns('e')} FROM ${source} e
JOIN ${tables.keptUsers} u ON u.user_id = e.user_id
WHERE (u.purchaser_id IS NULL OR e.event_time <= u.first_purchase_time)
  AND ${stepsTwoToFour('e')}
  AND ${hasNoDuplicate('e', tables)}`;
}

/**
 * Part 2, inserted after part 1: the distinct candidates passing the same filters. (A separate INSERT, because
 * on DuckDB at 9M the CREATE TABLE of part 1 alone took ~0.4 s less than with this part UNION ALL-ed in, and
 * the INSERT itself ~0.1 s.)
 */
export function cleanedCandidatesSql(tables: HashDedupTables, multiSessionUsers: string): string {
  return `SELECT DISTINCT ${columns('c')} FROM ${tables.candidates} c
WHERE ${stepsTwoToFour('c')}
  AND c.user_id IN (SELECT user_id FROM ${multiSessionUsers})`;
}

/**
 * Rows after steps 1-4, as columns first_purchase, cosmetics_only, positive_price, no_remove_from_cart, and the
 * duplicates step 1 removed (duplicates_removed): step-1 rows counted with duplicates, minus each distinct
 * candidate row's extra copies.
 */
export function stepCountsByHashSql(source: string, tables: HashDedupTables): string {
  const cumulative = (alias: string) => {
    const c = STEP_CONDITIONS;
    return {
      first_purchase: 'TRUE',
      cosmetics_only: c.cosmeticsOnly(alias),
      positive_price: `${c.cosmeticsOnly(alias)} AND ${c.positivePrice(alias)}`,
      no_remove_from_cart: stepsTwoToFour(alias),
    };
  };
  const withDuplicates = Object.entries(cumulative('e'))
    .map(([key, condition]) => `COUNT(*) FILTER (WHERE ${condition}) AS ${key}`)
    .join(',\n  ');
  const extraCopies = Object.entries(cumulative('g'))
    .map(([key, condition]) => `COALESCE(SUM(g.copies - 1) FILTER (WHERE ${condition}), 0) AS ${key}`)
    .join(',\n  ');
  const keys = Object.keys(cumulative('e'));
  return `WITH with_duplicates AS (
  SELECT ${withDuplicates}
  FROM ${stepOneRows(source, tables)}
), extra AS (
  SELECT ${extraCopies}
  FROM (SELECT ${EVENT_COLUMNS.join(', ')}, COUNT(*) AS copies FROM ${tables.candidates} GROUP BY ALL) g
)
SELECT ${keys.map((k) => `w.${k} - x.${k} AS ${k}`).join(', ')}, x.first_purchase AS duplicates_removed
FROM with_duplicates w, extra x`;
}

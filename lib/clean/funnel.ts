/** The cleaning funnel: row counts after each of the study's five cleaning steps, with their descriptions. */

/** Row counts after each cleaning step, plus the users and purchasers of the cleaned data. */
export interface Funnel {
  /** Rows of the source (raw) table. */
  raw: number;
  /** After step 1 (events up to each purchaser's first purchase), including its UNION deduplication. */
  first_purchase: number;
  /** After step 2 (empty category_code only). */
  cosmetics_only: number;
  /** After step 3 (price > 0). */
  positive_price: number;
  /** After step 4 (view, cart and purchase rows only). */
  no_remove_from_cart: number;
  /** After step 5 (users with more than one session on the raw table): the cleaned table. */
  multi_session: number;
  /** Distinct users of the cleaned table. */
  users: number;
  /** Distinct users of the cleaned table with at least one purchase row (the target's positives). */
  purchasers: number;
  /** Exact duplicate rows removed by step 1's UNION (rows after a first purchase are not counted here). */
  duplicates_removed: number;
}

/** Keys of the funnel that are row counts of a stage, in pipeline order. */
export type FunnelStepKey = 'raw' | 'first_purchase' | 'cosmetics_only' | 'positive_price' | 'no_remove_from_cart' | 'multi_session';

/** The raw table and the five steps, in order, each with a one-line description for tables and plots. */
export const FUNNEL_STEPS: readonly { key: FunnelStepKey; title: string }[] = [
  { key: 'raw', title: 'Raw events' },
  { key: 'first_purchase', title: '1. Up to the first purchase (deduplicated)' },
  { key: 'cosmetics_only', title: '2. Cosmetics only (no category_code)' },
  { key: 'positive_price', title: '3. Positive prices (price > 0)' },
  { key: 'no_remove_from_cart', title: '4. No remove_from_cart' },
  { key: 'multi_session', title: '5. More than one session (on raw data)' },
];

/** The funnel as `{ title, rows }` per stage, in order (the shape plots take). */
export function funnelRows(funnel: Funnel): { title: string; rows: number }[] {
  return FUNNEL_STEPS.map(({ key, title }) => ({ title, rows: funnel[key] }));
}

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** `part / whole` as a percentage with one decimal; '-' when `whole` is 0 (nothing to keep). */
function percent(part: number, whole: number): string {
  return whole === 0 ? '-' : `${((100 * part) / whole).toFixed(1)}%`;
}

/**
 * A plain-text table of the funnel: rows after each step, % kept of the previous step and of the raw table,
 * followed by the duplicates removed and the users / purchasers of the cleaned data.
 */
export function formatFunnel(funnel: Funnel): string {
  const header = ['step', 'rows', '% of previous', '% of raw'];
  const body = FUNNEL_STEPS.map(({ key, title }, i) => {
    const rows = funnel[key];
    const previous = i === 0 ? rows : funnel[FUNNEL_STEPS[i - 1]!.key];
    return [title, integer.format(rows), i === 0 ? '' : percent(rows, previous), percent(rows, funnel.raw)];
  });
  const table = [header, ...body];
  const widths = header.map((_, c) => Math.max(...table.map((r) => r[c]!.length)));
  // Title left-aligned, numbers right-aligned so the digits line up.
  const lines = table.map((r) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  '));
  lines.splice(1, 0, widths.map((w) => '-'.repeat(w)).join('  '));
  lines.push(
    '',
    `exact duplicate rows removed in step 1: ${integer.format(funnel.duplicates_removed)}`,
    `users: ${integer.format(funnel.users)}, with a purchase: ${integer.format(funnel.purchasers)} ` +
      `(${percent(funnel.purchasers, funnel.users)})`,
  );
  return lines.join('\n');
}

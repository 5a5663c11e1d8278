/**
 * A hand-made event log for the cleaning tests, with the funnel worked out by hand: eight users, each
 * exercising edge cases of the five steps. Shared by the SQL tests (as INSERT values) and the CLI test (as CSV).
 */
import type { Funnel } from '../../lib/clean/funnel';
import type { CleanTables } from '../../lib/clean/clean';
import { KAGGLE_HEADER } from '../../lib/data/schema';

/** event_time, event_type, product_id, category_id, category_code, brand, price, user_id, user_session (null = NULL). */
export type EventRow = readonly [string, string, string, string, string | null, string | null, string, string, string | null];

export const BIG_CATEGORY = '2305843009213693953'; // 2^61 + 1: must survive every step exactly
export const EVENT_ROWS: readonly EventRow[] = [
  // user 1: purchaser. First purchase at 10:10:00 has two purchase rows and a view at the same second (all kept);
  // the first purchase row is duplicated (UNION removes 1); a view after it (duplicated) and a later second
  // purchase are dropped. Sessions b and c exist only after the purchase, yet count on the raw table (3 sessions).
  ['2019-10-01 10:00:00', 'view', '1', BIG_CATEGORY, null, 'b1', '5.00', '1', 'a'],
  ['2019-10-01 10:05:00', 'cart', '1', '10', null, 'b1', '5.00', '1', 'a'],
  ['2019-10-01 10:10:00', 'purchase', '1', '10', null, 'b1', '5.00', '1', 'a'],
  ['2019-10-01 10:10:00', 'purchase', '1', '10', null, 'b1', '5.00', '1', 'a'],
  ['2019-10-01 10:10:00', 'purchase', '2', '10', null, 'b1', '3.00', '1', 'a'],
  ['2019-10-01 10:10:00', 'view', '3', '10', null, 'b1', '2.00', '1', 'a'],
  ['2019-10-01 10:20:00', 'view', '4', '10', null, 'b1', '4.00', '1', 'b'],
  ['2019-10-01 10:20:00', 'view', '4', '10', null, 'b1', '4.00', '1', 'b'],
  ['2019-10-02 09:00:00', 'purchase', '5', '10', null, 'b1', '7.00', '1', 'c'],
  // user 2: never purchases. Duplicates with NULL brand (x2 -> 1 removed), NULL brand and session (x2 -> 1 removed),
  // a cart row three times (2 removed); a row differing from a NULL-brand row only by its brand is not a duplicate.
  ['2019-10-01 11:00:00', 'view', '1', '10', null, null, '1.50', '2', 's2a'],
  ['2019-10-01 11:00:00', 'view', '1', '10', null, null, '1.50', '2', 's2a'],
  ['2019-10-01 11:01:00', 'view', '2', '10', null, null, '2.00', '2', null],
  ['2019-10-01 11:01:00', 'view', '2', '10', null, null, '2.00', '2', null],
  ['2019-10-01 11:01:00', 'view', '2', '10', null, 'b2', '2.00', '2', null],
  ['2019-10-01 11:02:00', 'cart', '2', '10', null, 'b2', '2.00', '2', 's2b'],
  ['2019-10-01 11:02:00', 'cart', '2', '10', null, 'b2', '2.00', '2', 's2b'],
  ['2019-10-01 11:02:00', 'cart', '2', '10', null, 'b2', '2.00', '2', 's2b'],
  // user 3: never purchases; one row with a category_code (dropped by step 2), an empty-string code counts as empty.
  ['2019-10-01 12:00:00', 'view', '10', '20', 'appliances.environment.vacuum', 'b3', '10.00', '3', 's3a'],
  ['2019-10-01 12:01:00', 'view', '11', '20', null, 'b3', '3.00', '3', 's3a'],
  ['2019-10-01 12:02:00', 'cart', '11', '20', null, 'b3', '3.00', '3', 's3b'],
  ['2019-10-01 12:03:00', 'view', '12', '20', '', 'b3', '4.00', '3', 's3b'],
  // user 4: purchaser at 13:03:00; a refund (-6.00) at that same second, a view at -1.00 and one at 0.00 before it:
  // step 1 keeps all six, step 3 drops the three non-positive prices; the 6.00 purchase keeps user 4 a purchaser.
  ['2019-10-01 12:59:00', 'view', '23', '30', null, null, '-1.00', '4', 's4a'],
  ['2019-10-01 13:00:00', 'view', '20', '30', null, null, '0.00', '4', 's4a'],
  ['2019-10-01 13:01:00', 'view', '21', '30', null, null, '6.00', '4', 's4a'],
  ['2019-10-01 13:02:00', 'cart', '21', '30', null, null, '6.00', '4', 's4a'],
  ['2019-10-01 13:03:00', 'purchase', '21', '30', null, null, '6.00', '4', 's4b'],
  ['2019-10-01 13:03:00', 'purchase', '22', '30', null, null, '-6.00', '4', 's4b'],
  // user 5: never purchases; one remove_from_cart (dropped by step 4).
  ['2019-10-01 14:00:00', 'view', '30', '40', null, 'b5', '2.00', '5', 's5a'],
  ['2019-10-01 14:01:00', 'cart', '30', '40', null, 'b5', '2.00', '5', 's5a'],
  ['2019-10-01 14:02:00', 'remove_from_cart', '30', '40', null, 'b5', '2.00', '5', 's5a'],
  ['2019-10-01 14:03:00', 'view', '31', '40', null, 'b5', '1.00', '5', 's5b'],
  // user 6: two sessions before cleaning only (s6a's one row has a category_code): still kept by step 5.
  ['2019-10-01 15:00:00', 'view', '40', '50', 'sport.diving', 'b6', '9.00', '6', 's6a'],
  ['2019-10-01 15:05:00', 'view', '41', '50', null, 'b6', '2.00', '6', 's6b'],
  // user 7: purchaser with one real session plus a NULL and an empty session: only 1 session, dropped by step 5.
  ['2019-10-01 16:00:00', 'view', '50', '60', null, 'b7', '1.00', '7', 's7a'],
  ['2019-10-01 16:01:00', 'view', '51', '60', null, 'b7', '1.00', '7', null],
  ['2019-10-01 16:02:00', 'cart', '51', '60', null, 'b7', '1.00', '7', ''],
  ['2019-10-01 16:03:00', 'purchase', '51', '60', null, 'b7', '1.00', '7', 's7a'],
  // user 8: two sessions, but steps 2, 3 and 4 each remove one of the three rows: gone before step 5.
  ['2019-10-01 17:00:00', 'view', '60', '70', 'accessories.bag', 'b8', '5.00', '8', 's8a'],
  ['2019-10-01 17:01:00', 'remove_from_cart', '61', '70', null, 'b8', '5.00', '8', 's8b'],
  ['2019-10-01 17:02:00', 'view', '62', '70', null, 'b8', '0.00', '8', 's8b'],
];

// Rows per user after each step, worked out by hand from the comments above.
// raw:   u1 9, u2 8, u3 4, u4 6, u5 4, u6 2, u7 4, u8 3                  = 40
// step1: u1 9 - 3 after 10:10 - 1 duplicate = 5; u2 8 - 4 duplicates = 4; others unchanged = 32
// step2: u3 -1 (vacuum), u6 -1 (diving), u8 -1 (bag)                    = 29
// step3: u4 -3 (-1.00, 0.00, -6.00), u8 -1 (0.00)                        = 25
// step4: u5 -1, u8 -1 (remove_from_cart)                                 = 23
// step5: u7 -4 (one session); u8 already empty                           = 19
export const PER_USER: Record<keyof CleanTables, Record<number, number>> = {
  firstPurchase: { 1: 5, 2: 4, 3: 4, 4: 6, 5: 4, 6: 2, 7: 4, 8: 3 },
  cosmeticsOnly: { 1: 5, 2: 4, 3: 3, 4: 6, 5: 4, 6: 1, 7: 4, 8: 2 },
  positivePrice: { 1: 5, 2: 4, 3: 3, 4: 3, 5: 4, 6: 1, 7: 4, 8: 1 },
  noRemoveFromCart: { 1: 5, 2: 4, 3: 3, 4: 3, 5: 3, 6: 1, 7: 4 },
  // raw distinct non-empty sessions: u1 {a,b,c}, u2 {s2a,s2b}, u3, u4, u5, u6, u8 two each; u7 {s7a} only.
  multiSessionUsers: { 1: 1, 2: 1, 3: 1, 4: 1, 5: 1, 6: 1, 8: 1 },
  target: { 1: 5, 2: 4, 3: 3, 4: 3, 5: 3, 6: 1 },
};

export const EXPECTED_FUNNEL: Funnel = {
  raw: 40,
  first_purchase: 32,
  cosmetics_only: 29,
  positive_price: 25,
  no_remove_from_cart: 23,
  multi_session: 19,
  users: 6, // users 1-6 (7 dropped by step 5, 8 emptied by steps 2-4)
  purchasers: 2, // users 1 and 4 (user 7 purchased but was dropped)
  duplicates_removed: 5, // user 1: 1; user 2: 1 + 1 + 2
};

/** The rows as SQL `VALUES` tuples for `INSERT INTO events VALUES ...`. */
export function eventValuesSql(rows: readonly EventRow[] = EVENT_ROWS): string {
  const literal = (v: string | null, i: number): string => {
    if (v === null) return 'NULL';
    return i === 0 || i === 1 || i === 4 || i === 5 || i === 8 ? `'${v}'` : v;
  };
  return rows.map((r) => `(${r.map(literal).join(', ')})`).join(',\n');
}

/** The rows as one Kaggle month file. NULL and '' both become an empty field (the loader reads it as NULL). */
export function eventCsv(rows: readonly EventRow[] = EVENT_ROWS): string {
  const lines = rows.map((r) => r.map((v, i) => (i === 0 ? `${v} UTC` : (v ?? ''))).join(','));
  return `${[KAGGLE_HEADER, ...lines].join('\n')}\n`;
}

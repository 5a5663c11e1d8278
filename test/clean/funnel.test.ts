import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FUNNEL_STEPS, formatFunnel, funnelRows, type Funnel } from '../../lib/clean/funnel';

const FUNNEL: Funnel = {
  raw: 1_000_000,
  first_purchase: 800_000,
  cosmetics_only: 600_000,
  positive_price: 450_000,
  no_remove_from_cart: 300_000,
  multi_session: 150_000,
  users: 12_000,
  purchasers: 2_112,
  duplicates_removed: 1_234,
};

test('FUNNEL_STEPS lists raw and the five steps in pipeline order', () => {
  assert.deepEqual(
    FUNNEL_STEPS.map((s) => s.key),
    ['raw', 'first_purchase', 'cosmetics_only', 'positive_price', 'no_remove_from_cart', 'multi_session'],
  );
  assert.deepEqual(
    funnelRows(FUNNEL).map((r) => r.rows),
    [1_000_000, 800_000, 600_000, 450_000, 300_000, 150_000],
  );
  assert.equal(funnelRows(FUNNEL)[3]!.title, FUNNEL_STEPS[3]!.title);
});

test('formatFunnel shows counts, % of the previous step and % of raw', () => {
  const lines = formatFunnel(FUNNEL).split('\n');
  // % of previous: 800/1000 = 80.0, 600/800 = 75.0, 450/600 = 75.0, 300/450 = 66.7, 150/300 = 50.0.
  // % of raw:      80.0, 60.0, 45.0, 30.0, 15.0.
  const expected: [string, string, string | null, string][] = [
    ['Raw events', '1,000,000', null, '100.0%'],
    ['1.', '800,000', '80.0%', '80.0%'],
    ['2.', '600,000', '75.0%', '60.0%'],
    ['3.', '450,000', '75.0%', '45.0%'],
    ['4.', '300,000', '66.7%', '30.0%'],
    ['5.', '150,000', '50.0%', '15.0%'],
  ];
  expected.forEach(([start, rows, previous, ofRaw], i) => {
    const cells = lines[i + 2]!.split(/\s{2,}/);
    assert.ok(cells[0]!.startsWith(start), lines[i + 2]);
    assert.deepEqual(cells.slice(1), previous === null ? [rows, ofRaw] : [rows, previous, ofRaw]);
  });
  // Every table line has the same width: the columns line up.
  assert.equal(new Set(lines.slice(0, 8).map((l) => l.length)).size, 1);
  assert.ok(lines.includes('exact duplicate rows removed in step 1: 1,234'));
  // 2,112 / 12,000 = 17.6%
  assert.ok(lines.includes('users: 12,000, with a purchase: 2,112 (17.6%)'));
});

test('formatFunnel of an empty funnel prints dashes instead of dividing by zero', () => {
  const zero = Object.fromEntries(Object.keys(FUNNEL).map((k) => [k, 0])) as unknown as Funnel;
  const text = formatFunnel(zero);
  assert.doesNotMatch(text, /NaN|Infinity/);
  assert.match(text, /users: 0, with a purchase: 0 \(-\)/);
});

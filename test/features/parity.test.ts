import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Engine, Row } from '../../lib/engine/engine';
import { buildModellingTable } from '../../lib/features/modellingTable';
import { FEATURE_MODES, type FeatureMode } from '../../lib/features/modes';
import { insertRandomLog } from './randomLog';
import { openTestEngine } from './handLog';

async function modellingTable(engine: Engine, mode: FeatureMode): Promise<Row[]> {
  await buildModellingTable(engine, { mode, refDate: '2019-12-15' });
  return engine.all('SELECT * FROM modelling_table ORDER BY user_id, rfm_int');
}

/** Quintiles ascend with the raw value: every value in bin k is ≤ every value in bin k+1. */
function assertMonotoneBins(rows: Row[], bin: string, value: string): void {
  const byBin = new Map<number, number[]>();
  for (const r of rows) byBin.set(r[bin] as number, [...(byBin.get(r[bin] as number) ?? []), Number(r[value])]);
  const bins = [...byBin.keys()].sort();
  for (let i = 1; i < bins.length; i++) {
    assert.ok(Math.max(...byBin.get(bins[i - 1]!)!) <= Math.min(...byBin.get(bins[i]!)!), `${bin} not monotone in ${value}`);
  }
}

for (const mode of FEATURE_MODES) {
  test(`${mode}: DuckDB and PostgreSQL build identical modelling tables from a random log with ties`, async () => {
    const duck = await openTestEngine('duckdb', 'parity');
    const pg = await openTestEngine('postgres', 'parity');
    try {
      await insertRandomLog(duck, 42);
      await insertRandomLog(pg, 42);
      const [a, b] = [await modellingTable(duck, mode), await modellingTable(pg, mode)];
      assert.ok(a.length > 150, `expected most of ~200 users, got ${a.length} rows`);
      assert.deepEqual(a, b);
      for (const [bin, value] of [
        ['r', 'recency'],
        ['f', 'frequency'],
        ['m', 'monetary_value'],
      ] as const)
        assertMonotoneBins(a, bin, value);
      const users = new Set(a.map((r) => r.user_id)).size;
      if (mode === 'fixed') {
        // NTILE(5) over U users: bin sizes differ by at most one, larger bins first.
        assert.equal(users, a.length);
        for (const bin of ['r', 'f', 'm']) {
          const sizes = [1, 2, 3, 4, 5].map((k) => a.filter((r) => r[bin] === k).length);
          const q = Math.floor(users / 5);
          assert.deepEqual(
            sizes,
            sizes.map((_, i) => q + (i < users % 5 ? 1 : 0)),
            `${bin} bin sizes`,
          );
        }
      } else {
        assert.ok(a.length > users, 'the study mode duplicates users straddling a bin edge');
      }
    } finally {
      await duck.close();
      await pg.close();
    }
  });
}

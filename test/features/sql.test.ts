import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BACKENDS } from '../../lib/engine/engine';
import { dialectOf } from '../../lib/engine/dialect';
import { roundedRatioSql, wholeDaysSql } from '../../lib/features/sql';
import { withEngine } from './handLog';

/** ROUND(n/d, 2) half away from zero, as 2-place text, by exact BigInt arithmetic. */
function expectedRounding(n: bigint, d: bigint): string {
  const negative = n < 0n;
  const a = negative ? -n : n;
  const hundredths = (200n * a + d) / (2n * d);
  const text = `${hundredths / 100n}.${String(hundredths % 100n).padStart(2, '0')}`;
  return negative && hundredths !== 0n ? `-${text}` : text;
}

const RATIOS: [number, number][] = [
  [1, 8],
  [57, 200],
  [-57, 200],
  [2801, 200],
  [1, 3],
  [2, 3],
  [-1, 3],
  [1, 200],
  [-1, 200],
  [0, 7],
  [7, 7],
  [315, 200],
  [1, 400],
  [123456789, 1000],
  [5, 0],
];

for (const backend of BACKENDS) {
  test(`${backend}: exact 2-place rounding half away from zero, as PostgreSQL's numeric`, async () => {
    await withEngine(backend, 'sql', async (engine) => {
      const dialect = dialectOf(engine);
      const selects = RATIOS.map(([n, d], i) => `${roundedRatioSql(dialect, String(n), String(d))} AS q${i}`);
      const [row] = await engine.all(`SELECT ${selects.join(', ')}`);
      assert.ok(row);
      RATIOS.forEach(([n, d], i) => {
        assert.equal(row[`q${i}`], d === 0 ? null : expectedRounding(BigInt(n), BigInt(d)), `${n}/${d}`);
      });
      // PostgreSQL's own ROUND(numeric) as a second reference, where available
      if (backend === 'postgres') {
        const [pg] = await engine.all(
          `SELECT ${RATIOS.filter(([, d]) => d !== 0)
            .map(([n, d], i) => `ROUND(${n}::numeric / ${d}, 2) AS q${i}`)
            .join(', ')}`,
        );
        assert.ok(pg);
        RATIOS.filter(([, d]) => d !== 0).forEach((_, i) => {
          assert.equal(pg[`q${i}`], row[`q${i}`]);
        });
      }
    });
  });

  test(`${backend}: whole days are the day field of the difference (truncated toward zero)`, async () => {
    await withEngine(backend, 'days', async (engine) => {
      const cases: [string, string, number][] = [
        ['2019-12-01 00:00:00', '2019-10-01 13:00:00', 60], // 60 d 11 h: beyond a month, still days
        ['2019-11-01 00:00:00', '2019-10-31 23:59:59', 0],
        ['2020-03-01 00:00:00', '2019-02-28 00:00:00', 367],
        ['2019-10-01 00:00:00', '2019-10-02 12:00:00', -1], // -1 d 12 h
      ];
      const selects = cases.map(([a, b], i) => `${wholeDaysSql(`TIMESTAMP '${a}'`, `TIMESTAMP '${b}'`)} AS d${i}`);
      const [row] = await engine.all(`SELECT ${selects.join(', ')}`);
      assert.ok(row);
      cases.forEach(([, , days], i) => {
        assert.equal(row[`d${i}`], days);
      });
    });
  });
}

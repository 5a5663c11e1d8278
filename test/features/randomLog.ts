/** A seeded random cleaned log with many ties (coarse times, few prices), for parity and NTILE checks. */
import type { Engine } from '../../lib/engine/engine';
import { createEventsTableSql } from '../../lib/data/schema';
import { createRng } from '../../lib/random';

/** Create `clean_events` with about `users` users and `rows` rows, reproducible from `seed`. */
export async function insertRandomLog(engine: Engine, seed: number, users = 200, rows = 3000): Promise<void> {
  const rng = createRng(seed);
  const brands = ['NULL', `''`, `'runail'`, `'irisk'`, `'grattol'`, `'o''neil'`];
  const prices = ['0.01', '0.05', '1.00', '1.05', '2.25', '3.33', '14.005', '9.99'].map((p) => p.slice(0, p.indexOf('.') + 3));
  const types = ['view', 'view', 'view', 'cart', 'cart', 'purchase'];
  const values: string[] = [];
  for (let i = 0; i < rows; i++) {
    // Skewed users (a few heavy ones), times on a 6-hour grid so recency and range tie often.
    const user = 1000 + Math.floor(users * rng.next() ** 2);
    const day = 1 + rng.int(60);
    const hour = 6 * rng.int(4);
    const time = `TIMESTAMP '2019-10-01 ${String(hour).padStart(2, '0')}:00:00' + INTERVAL '${day} days'`;
    const session = rng.next() < 0.03 ? (rng.next() < 0.5 ? 'NULL' : `''`) : `'s${user}_${rng.int(1 + (user % 5))}'`;
    values.push(
      `(${time}, '${types[rng.int(types.length)]}', ${rng.int(50)}, 7, NULL, ${brands[rng.int(brands.length)]}, ` +
        `${prices[rng.int(prices.length)]}, ${user}, ${session})`,
    );
  }
  await engine.run(createEventsTableSql('clean_events'));
  await engine.run(`INSERT INTO clean_events VALUES ${values.join(',\n')}`);
}

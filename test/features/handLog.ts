/** A small hand-written cleaned log (4 users, 15 rows) whose features are worked out by hand in the tests. */
import type { Engine } from '../../lib/engine/engine';
import { openEngine } from '../../lib/engine/open';
import type { Backend } from '../../lib/engine/engine';
import { createEventsTableSql } from '../../lib/data/schema';

/** A user id above 2^53, which must survive as exact text. */
export const BIG_USER = '9007199254740993';

// time, type, brand (null = missing), price, user, session (null = missing; '' = empty field)
const ROWS: [string, string, string | null, string, string, string | null][] = [
  // user 1: sessions s1, s2, s3 (s3 holds only a purchase)
  ['2019-10-01 10:00:00', 'view', 'a', '10.00', '1', 's1'],
  ['2019-10-01 10:05:00', 'cart', 'a', '10.00', '1', 's1'],
  ['2019-10-01 10:06:00', 'view', '', '5.01', '1', 's1'],
  ['2019-10-03 09:00:00', 'view', 'b', '3.00', '1', 's2'],
  ['2019-10-03 09:10:00', 'purchase', 'a', '10.00', '1', 's2'],
  ['2019-10-04 08:00:00', 'purchase', 'b', '3.00', '1', 's3'],
  // user 2: carts only, no view
  ['2019-10-10 12:00:00', 'cart', 'a', '1.00', '2', 's4'],
  ['2019-10-20 12:00:00', 'cart', 'c', '2.25', '2', 's5'],
  // user 3: views only, one row with an empty session and no brand
  ['2019-10-15 00:00:00', 'view', 'c', '0.01', '3', 's6'],
  ['2019-10-15 00:00:01', 'view', 'c', '0.02', '3', 's6'],
  ['2019-10-16 23:59:59', 'view', null, '0.04', '3', ''],
  ['2019-10-31 23:59:59', 'view', 'd', '0.02', '3', 's7'],
  // user 2^53+1: an exact duplicate view row
  ['2019-10-05 00:00:00', 'view', 'b', '1.05', BIG_USER, 's8'],
  ['2019-10-05 00:00:00', 'view', 'b', '1.05', BIG_USER, 's8'],
  ['2019-10-06 00:00:00', 'cart', 'b', '1.05', BIG_USER, 's9'],
];

const lit = (v: string | null) => (v === null ? 'NULL' : `'${v}'`);

/** Create `clean_events` holding the hand log. */
export async function insertHandLog(engine: Engine): Promise<void> {
  await engine.run(createEventsTableSql('clean_events'));
  const values = ROWS.map(
    ([time, type, brand, price, user, session]) =>
      `(TIMESTAMP '${time}', '${type}', 1, 2, NULL, ${lit(brand)}, ${price}, ${user}, ${lit(session)})`,
  );
  await engine.run(`INSERT INTO clean_events VALUES ${values.join(',\n')}`);
}

let counter = 0;

/** Open a fresh engine; PostgreSQL gets its own schema, dropped on close. */
export function openTestEngine(backend: Backend, name: string): Promise<Engine> {
  counter += 1;
  return openEngine({ backend, postgres: { schema: `t_feat_${name}_${process.pid}_${counter}`, dropSchemaOnClose: true } });
}

/** Run `body` on a fresh engine and close it afterwards. */
export async function withEngine<T>(backend: Backend, name: string, body: (engine: Engine) => Promise<T>): Promise<T> {
  const engine = await openTestEngine(backend, name);
  try {
    return await body(engine);
  } finally {
    await engine.close();
  }
}

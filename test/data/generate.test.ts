import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { generateKaggleFiles, insideDirectory } from '../../lib/data/generate';

// Written out here rather than imported, so a change to the shared constant cannot silently pass.
const HEADER = 'event_time,event_type,product_id,category_id,category_code,brand,price,user_id,user_session';
const TYPES = new Set(['view', 'cart', 'remove_from_cart', 'purchase']);
const CODES = new Set([
  'appliances.environment.vacuum',
  'stationery.cartrige',
  'apparel.glove',
  'furniture.living_room.cabinet',
  'accessories.bag',
  'furniture.bathroom.bath',
  'appliances.personal.hair_cutter',
  'accessories.cosmetic_bag',
  'appliances.environment.air_conditioner',
  'furniture.living_room.chair',
  'sport.diving',
]);
const TWO_TO_53 = 2n ** 53n;

async function tempDir(): Promise<string> {
  return mkdtemp(path.join(tmpdir(), 'gen-test-'));
}

/** An independent parse of one data line: 9 comma-separated fields (none of the values contains a comma). */
function fields(line: string): string[] {
  const f = line.split(',');
  assert.equal(f.length, 9, `field count of '${line}'`);
  return f;
}

test('same seed gives byte-identical files, another seed different ones', async () => {
  const dir = await tempDir();
  try {
    const opts = { users: 800, months: ['2019-Oct', '2019-Nov'] };
    const a = await generateKaggleFiles({ ...opts, out: path.join(dir, 'a'), seed: 7 });
    const b = await generateKaggleFiles({ ...opts, out: path.join(dir, 'b'), seed: 7 });
    const c = await generateKaggleFiles({ ...opts, out: path.join(dir, 'c'), seed: 8 });
    for (let i = 0; i < 2; i++) {
      const [fa, fb, fc] = await Promise.all([a, b, c].map((r) => readFile(r.files[i]!.path)));
      assert.ok(fa && fb && fc);
      assert.ok(fa.equals(fb), 'same seed, same bytes');
      assert.ok(!fa.equals(fc), 'other seed, other bytes');
    }
    assert.equal(a.rows, b.rows);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('one file per month, named after the month, in a directory with spaces that is created', async () => {
  const dir = await tempDir();
  try {
    const out = path.join(dir, 'my data', 'nested dir');
    const result = await generateKaggleFiles({ out, users: 300, months: ['2019-oct', '2019-Nov', '2020-Feb'], seed: 1 });
    assert.deepEqual((await readdir(out)).sort(), ['2019-Nov.csv', '2019-Oct.csv', '2020-Feb.csv']);
    assert.deepEqual(
      result.files.map((f) => path.basename(f.path)),
      ['2019-Oct.csv', '2019-Nov.csv', '2020-Feb.csv'],
    );
    const prefixes = ['2019-10-', '2019-11-', '2020-02-'];
    let total = 0;
    for (const [i, f] of result.files.entries()) {
      const text = await readFile(f.path, 'latin1');
      const lines = text.split('\n');
      assert.equal(lines[0], HEADER);
      assert.equal(lines.at(-1), '', 'file ends with a newline');
      const data = lines.slice(1, -1);
      assert.equal(f.rows, data.length);
      assert.equal(f.bytes, (await stat(f.path)).size);
      assert.ok(data.length > 0);
      for (const line of data) {
        assert.ok(line.startsWith(prefixes[i]!), `${line} belongs to ${path.basename(f.path)}`);
        // February 2020 has 29 days.
        if (i === 2) assert.ok(Number(line.slice(8, 10)) <= 29);
      }
      total += data.length;
    }
    assert.equal(result.rows, total);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('every row has the Kaggle types; products keep their fields; 64-bit category ids are exact', async () => {
  const dir = await tempDir();
  try {
    const users = 3000;
    const result = await generateKaggleFiles({ out: dir, users, seed: 3 });
    const product = new Map<string, string>();
    const userIds = new Set<string>();
    const seenLines = new Set<string>();
    let rows = 0,
      beyondDoublePrecision = 0,
      duplicates = 0,
      nullSession = 0,
      withBrand = 0,
      withCode = 0;
    const types = new Map<string, number>();
    for (const [i, f] of result.files.entries()) {
      const month = i === 0 ? '2019-10-' : '2019-11-';
      const lines = (await readFile(f.path, 'latin1')).split('\n').slice(1, -1);
      for (const line of lines) {
        rows++;
        const [time, type, productId, categoryId, code, brand, price, userId, session] = fields(line);
        assert.ok(
          time !== undefined &&
            type !== undefined &&
            productId !== undefined &&
            categoryId !== undefined &&
            code !== undefined &&
            brand !== undefined &&
            price !== undefined &&
            userId !== undefined &&
            session !== undefined,
        );
        const m = /^(\d{4}-\d{2}-\d{2}) (\d{2}):(\d{2}):(\d{2}) UTC$/.exec(time);
        assert.ok(m && time.startsWith(month), `event_time ${time}`);
        const date = new Date(`${m[1]}T${m[2]}:${m[3]}:${m[4]}Z`);
        assert.equal(date.toISOString().slice(0, 19), `${m[1]}T${m[2]}:${m[3]}:${m[4]}`, 'a real calendar time');
        assert.ok(TYPES.has(type), type);
        types.set(type, (types.get(type) ?? 0) + 1);
        assert.match(productId, /^[1-9]\d*$/);
        assert.ok(Number(productId) <= 5_900_000);
        assert.match(categoryId, /^[1-9]\d*$/);
        const big = BigInt(categoryId);
        assert.equal(big.toString(), categoryId);
        if (big > TWO_TO_53) beyondDoublePrecision++;
        assert.ok(code === '' || CODES.has(code), `category_code ${code}`);
        if (code !== '') withCode++;
        assert.match(brand, /^[a-z]*$/);
        if (brand !== '') withBrand++;
        assert.match(price, /^-?\d+\.\d\d$/);
        if (price.startsWith('-')) {
          assert.equal(type, 'purchase', 'only refunds are negative');
        } else {
          // A product keeps its category, code, brand and price everywhere.
          const key = `${categoryId},${code},${brand},${price}`;
          const known = product.get(productId);
          if (known === undefined) product.set(productId, key);
          else assert.equal(known, key, `product ${productId}`);
        }
        assert.match(userId, /^[1-9]\d*$/);
        assert.ok(Number(userId) < 630_000_000);
        userIds.add(userId);
        if (session === '') nullSession++;
        else assert.match(session, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
        if (seenLines.has(line)) duplicates++;
        else seenLines.add(line);
      }
    }
    assert.equal(rows, result.rows);
    assert.equal(userIds.size, users, 'every simulated user has at least one row');
    assert.equal(result.users, users);
    assert.ok(beyondDoublePrecision > 0.99 * rows, 'category ids lie above 2^53');
    assert.ok(duplicates > 0, 'some exact duplicate rows');
    assert.ok(nullSession > 0 && nullSession < rows / 1000, 'a handful of empty sessions');
    assert.ok(withCode > 0 && withCode < rows * 0.05, 'category_code mostly empty');
    assert.ok(withBrand > rows * 0.4 && withBrand < rows * 0.8, 'brand often empty');
    assert.deepEqual([...types.keys()].sort(), [...TYPES].sort());
    assert.ok(product.size > 500, 'many products');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('a known category id above 2^53 survives exactly (a double would round it)', async () => {
  const dir = await tempDir();
  try {
    const result = await generateKaggleFiles({ out: dir, users: 200, months: ['2019-Oct'], seed: 5 });
    const lines = (await readFile(result.files[0]!.path, 'latin1')).split('\n').slice(1, -1);
    const ids = new Set(lines.map((l) => fields(l)[3]!));
    // Find ids a double cannot hold: converting through Number changes them.
    const inexact = [...ids].filter((id) => BigInt(Number(id)) !== BigInt(id));
    assert.ok(inexact.length > 0, 'some ids are not representable as a JS number');
    for (const id of inexact) assert.ok(BigInt(id) > TWO_TO_53);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('gzip output decompresses to exactly the plain files', async () => {
  const dir = await tempDir();
  try {
    const opts = { users: 500, seed: 11 };
    const plain = await generateKaggleFiles({ ...opts, out: path.join(dir, 'plain') });
    const gz = await generateKaggleFiles({ ...opts, out: path.join(dir, 'gz'), gzip: true });
    assert.deepEqual(
      gz.files.map((f) => path.basename(f.path)),
      ['2019-Oct.csv.gz', '2019-Nov.csv.gz'],
    );
    for (let i = 0; i < 2; i++) {
      const unzipped = gunzipSync(await readFile(gz.files[i]!.path));
      assert.ok(unzipped.equals(await readFile(plain.files[i]!.path)));
      assert.equal(gz.files[i]!.rows, plain.files[i]!.rows);
      assert.equal(gz.files[i]!.bytes, (await stat(gz.files[i]!.path)).size);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('refuses to write outside the output directory and rejects bad options', async () => {
  const dir = await tempDir();
  try {
    const out = path.join(dir, 'out');
    await assert.rejects(generateKaggleFiles({ out, users: 10, months: ['../2019-Oct'] }), /month must look like/);
    await assert.rejects(generateKaggleFiles({ out, users: 10, months: ['2019-Oct', '2019-oct'] }), /twice/);
    await assert.rejects(generateKaggleFiles({ out, users: 0 }), /positive integer/);
    await assert.rejects(generateKaggleFiles({ out, users: 10, months: [] }), /at least one month/);
    assert.deepEqual(await readdir(dir), [], 'nothing written, not even the directory');
    assert.throws(() => insideDirectory(out, '../2019-Oct.csv'), /outside/);
    assert.throws(() => insideDirectory(out, '/etc/2019-Oct.csv'), /outside/);
    assert.throws(() => insideDirectory(out, '.'), /outside/);
    assert.equal(insideDirectory(out, '2019-Oct.csv'), path.join(out, '2019-Oct.csv'));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('progress lines go to the callback', async () => {
  const dir = await tempDir();
  try {
    const lines: string[] = [];
    await generateKaggleFiles({ out: dir, users: 2_000, months: ['2019-Oct'], progress: (l) => lines.push(l) });
    assert.ok(lines.length >= 2);
    assert.match(lines.at(-1)!, /^done: 2000 users, \d+ rows/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

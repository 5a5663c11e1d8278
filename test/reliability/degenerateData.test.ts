/**
 * Degenerate datasets: no purchasers, everyone a purchaser, one user, all users one-time visitors. Each
 * stage either goes through with a clear warning (a one-class table is still a valid table) or stops with an
 * error naming the problem: never a NaN table, never a model's internal error. Checked through the library
 * (load → clean → features → prepareStudyData) and through the CLI commands clean, features and models.
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { KAGGLE_HEADER } from '../../lib/data/schema';
import { runPipeline } from '../../lib/pipeline/runPipeline';
import { prepareStudyData } from '../../lib/study/prepareData';
import { readFeatureCsv } from '../../lib/features/csv';

const execFileAsync = promisify(execFile);
const ROOT = path.resolve(__dirname, '../..');

/** One event row; every row is a cosmetic (empty category_code) with a positive price. */
function event(day: number, type: string, user: number, session: string, price = '5.00'): string {
  return `2019-10-${String(day).padStart(2, '0')} 10:00:00 UTC,${type},100,200,,brandx,${price},${user},${session}`;
}

/** A user with two sessions (views and a cart), and a purchase in the second one when `buys`. */
function twoSessionUser(user: number, buys: boolean): string[] {
  const rows = [event(1, 'view', user, `u${user}a`), event(3, 'view', user, `u${user}b`), event(3, 'cart', user, `u${user}b`)];
  if (buys) rows.push(event(4, 'purchase', user, `u${user}b`));
  return rows;
}

const dirs: string[] = [];
after(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

/** A folder (with a space in its name) holding one October file of `rows`. */
function dataset(rows: string[]): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'degenerate data '));
  dirs.push(dir);
  fs.writeFileSync(path.join(dir, '2019-Oct.csv'), [KAGGLE_HEADER, ...rows].map((l) => `${l}\n`).join(''));
  return dir;
}

interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

async function cli(args: string[]): Promise<CliResult> {
  try {
    const { stdout, stderr } = await execFileAsync(process.execPath, [path.join(ROOT, 'bin/purchase-prediction.js'), ...args], {
      cwd: ROOT,
      env: { ...process.env, DEBUG: '' },
    });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

/** The last line of stderr, which for a failed command must be its only `error:` line. */
function assertOneErrorLine(result: CliResult, message: string): void {
  assert.equal(result.code, 1, `expected exit 1, stderr: ${result.stderr}`);
  const errorLines = result.stderr.split('\n').filter((l) => l.startsWith('error: '));
  assert.deepEqual(errorLines, [`error: ${message}`]);
  assert.doesNotMatch(result.stderr, /\n\s+at /, 'no stack trace');
}

async function pipelineTable(data: string) {
  const run = await runPipeline({ data });
  try {
    return { funnel: run.funnel, table: run.table };
  } finally {
    await run.close();
  }
}

const NO_PURCHASERS = [1, 2, 3].flatMap((u) => twoSessionUser(u, false));
const ALL_PURCHASERS = [1, 2, 3].flatMap((u) => twoSessionUser(u, true));
const ONE_USER = twoSessionUser(7, true);
// Every user has one session only (user 3 has one purchase too): step 5 removes them all.
const ONE_TIME_VISITORS = [
  event(1, 'view', 1, 'a'),
  event(1, 'cart', 1, 'a'),
  event(2, 'view', 2, 'b'),
  event(5, 'view', 3, 'c'),
  event(5, 'purchase', 3, 'c'),
];

describe('library: each stage names the degenerate case', () => {
  test('no purchasers: the table is built (3 users, all 0); preparing the study data names the problem', async () => {
    const { funnel, table } = await pipelineTable(dataset(NO_PURCHASERS));
    assert.deepEqual([funnel.users, funnel.purchasers, new Set(table.userIds).size], [3, 0, 3]);
    // The study's NTILE over event rows may list a user twice; every row is still a non-purchaser.
    assert.ok([...table.purchased].every((p) => p === 0));
    assert.throws(() => prepareStudyData(table), {
      message: 'the modelling table has no purchasers (3 users, all purchased = 0): cannot train a classifier',
    });
  });

  test('everyone a purchaser', async () => {
    const { funnel, table } = await pipelineTable(dataset(ALL_PURCHASERS));
    assert.deepEqual([funnel.users, funnel.purchasers, new Set(table.userIds).size], [3, 3, 3]);
    assert.throws(() => prepareStudyData(table), {
      message: 'every user of the modelling table is a purchaser (3 users, all purchased = 1): cannot train a classifier',
    });
  });

  test('one user', async () => {
    const { funnel, table } = await pipelineTable(dataset(ONE_USER));
    assert.deepEqual([funnel.users, funnel.purchasers, new Set(table.userIds).size], [1, 1, 1]);
    assert.throws(() => prepareStudyData(table), {
      message: 'the modelling table has a single user: cannot split it into training and test sets or train a classifier',
    });
  });

  test('all users one-time visitors: the pipeline stops after cleaning, naming step 5', async () => {
    await assert.rejects(pipelineTable(dataset(ONE_TIME_VISITORS)), {
      // 5 raw rows; step 1 keeps all 5 (user 3's purchase is its last event), steps 2-4 keep all.
      message:
        'cleaning step 5 (more than one session) leaves no rows (5 before it): no user has more than one session ' +
        '(all users are one-time visitors), and the study keeps only users with two or more',
    });
  });

  test("no user with a view row: the study's inner join empties the table, and the pipeline says why", async () => {
    const rows = [1, 2].flatMap((u) => [event(1, 'cart', u, `u${u}a`), event(2, 'cart', u, `u${u}b`)]);
    await assert.rejects(pipelineTable(dataset(rows)), {
      message:
        "the modelling table is empty although 2 users survived cleaning: none of them has a view row, and the study's " +
        'inner join on view prices drops users without views (the fixed mode keeps them)',
    });
  });

  test('too few users of a class for the stratified split', () => {
    const table = {
      userIds: ['1', '2', '3'],
      purchased: Uint8Array.from([1, 0, 0]),
      rfmScore: ['111', '111', '111'],
      rows: 3,
      columns: {} as Record<string, Float64Array>,
    };
    assert.throws(() => prepareStudyData(table), {
      message:
        'the modelling table has only 1 purchaser row (3 users): the stratified train/test split needs at least 2 rows of each class',
    });
  });
});

describe('CLI: clean, features and models on degenerate data', () => {
  const oneTimeMessage =
    'cleaning step 5 (more than one session) leaves no rows (5 before it): no user has more than one session ' +
    '(all users are one-time visitors), and the study keeps only users with two or more';

  test('all one-time visitors: clean prints the funnel then fails; features fails the same way and writes nothing', async () => {
    const data = dataset(ONE_TIME_VISITORS);
    const cleaned = await cli(['clean', '--data', data]);
    assert.match(cleaned.stdout, /5\. More than one session \(on raw data\)\s+0\s/);
    assertOneErrorLine(cleaned, oneTimeMessage);
    const out = path.join(data, 'features.csv');
    const features = await cli(['features', '--data', data, '--out', out]);
    assertOneErrorLine(features, oneTimeMessage);
    assert.equal(fs.existsSync(out), false);
  });

  test('no purchasers: clean and features warn, models fails naming the problem', async () => {
    const data = dataset(NO_PURCHASERS);
    const warning = 'warning: the cleaned data has no purchasers (3 users): the target has one class, so no model can be trained on it';
    const cleaned = await cli(['clean', '--data', data, '--json']);
    assert.equal(cleaned.code, 0);
    assert.ok(cleaned.stderr.includes(warning), cleaned.stderr);
    assert.deepEqual((({ users, purchasers }) => ({ users, purchasers }))(JSON.parse(cleaned.stdout) as Record<string, number>), {
      users: 3,
      purchasers: 0,
    });
    const out = path.join(data, 'features.csv');
    const features = await cli(['features', '--data', data, '--out', out]);
    assert.equal(features.code, 0, features.stderr);
    assert.ok(features.stderr.includes(warning), features.stderr);
    const written = readFeatureCsv(out);
    assert.deepEqual([new Set(written.userIds).size, written.purchased.every((p) => p === 0)], [3, true]);
    const models = await cli(['models', '--features', out, '--out', path.join(data, 'models.json')]);
    assertOneErrorLine(models, 'the modelling table has no purchasers (3 users, all purchased = 0): cannot train a classifier');
    assert.equal(fs.existsSync(path.join(data, 'models.json')), false);
  });

  test('everyone a purchaser: models fails naming the problem', async () => {
    const data = dataset(ALL_PURCHASERS);
    const out = path.join(data, 'features.csv');
    const features = await cli(['features', '--data', data, '--out', out]);
    assert.equal(features.code, 0, features.stderr);
    assert.ok(features.stderr.includes('warning: every cleaned user is a purchaser (3 users)'), features.stderr);
    const models = await cli(['models', '--features', out, '--out', path.join(data, 'models.json')]);
    assertOneErrorLine(models, 'every user of the modelling table is a purchaser (3 users, all purchased = 1): cannot train a classifier');
  });

  test('one user: models fails naming the problem', async () => {
    const data = dataset(ONE_USER);
    const out = path.join(data, 'features.csv');
    const features = await cli(['features', '--data', data, '--out', out]);
    assert.equal(features.code, 0, features.stderr);
    assert.ok(features.stderr.includes('warning: every cleaned user is a purchaser (1 user)'), features.stderr);
    const models = await cli(['models', '--features', out, '--out', path.join(data, 'models.json')]);
    assertOneErrorLine(models, 'the modelling table has a single user: cannot split it into training and test sets or train a classifier');
  });

  test('a header-only features file: models says the table is empty', async () => {
    const data = dataset([]);
    const out = path.join(data, 'features.csv');
    fs.writeFileSync(
      out,
      'user_id,purchased,recency,frequency,monetary_value,r,f,m,rfm_score,rfm_int,num_views,adds_to_cart,add_to_cart_rate,max_perc_user_views,max_perc_user_carts,range_visits,avg_days_btw_sessions,avg_view_price,avg_cart_price\n',
    );
    const models = await cli(['models', '--features', out, '--out', path.join(data, 'models.json')]);
    assertOneErrorLine(models, 'the modelling table is empty: no user survived cleaning and feature building');
  });

  test("tiny but two-class data: models names the k-NN sweep's need for 20 training rows", async () => {
    const data = dataset([1, 2, 3, 4].flatMap((u) => twoSessionUser(u, u <= 2)));
    const out = path.join(data, 'features.csv');
    assert.equal((await cli(['features', '--data', data, '--out', out])).code, 0);
    const models = await cli(['models', '--features', out, '--out', path.join(data, 'models.json')]);
    assert.equal(models.code, 1);
    assert.match(
      models.stderr,
      /^error: the training set has only \d+ rows after 'under' sampling \(\d+ of them purchasers\): the k-NN sweep over k = 1\.\.20 needs at least 20; use more data or a smaller fixed k \(--knn-k\)$/m,
    );
  });
});

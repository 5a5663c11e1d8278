/**
 * `evaluate --json --out FILE --targets-out FILE` on five generated months: the JSON contract (every field the
 * README documents is there, and nothing undocumented), the rolling origins over the span, the baselines and
 * the targeting cut, checked against numbers known independently of the models.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { generateKaggleFiles } from '../../lib/data/generate';
import { addDays } from '../../lib/honest/cutoffs';
import { originCutoffs } from '../../lib/honest/origins';
import { BASELINE_NAMES } from '../../lib/honest/baselines';
import { STUDY_MODEL_NAMES } from '../../lib/study/studyModels';
import type { EvaluationJson } from '../../lib/honest/evaluationJson';
import { documentedPaths, jsonPaths } from './jsonPaths';

const ROOT = resolve(__dirname, '../..');
const COMMAND = join(ROOT, 'lib/commands/evaluate.ts');
const MONTHS = ['2019-Oct', '2019-Nov', '2019-Dec', '2020-Jan', '2020-Feb'];

function runEvaluate(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const script =
    `require(${JSON.stringify(COMMAND)}).command.run(process.argv.slice(1))` +
    `.then((code) => process.exit(code), (err) => { console.error(err.message); process.exit(1); })`;
  const child = spawnSync(process.execPath, ['--import', 'tsx', '-e', script, '--', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 1 << 26,
  });
  return { status: child.status, stdout: child.stdout, stderr: child.stderr };
}

test('evaluate --json --out: the documented contract, origins over five months, baselines and the chosen cut', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'evaluate-cmd-'));
  try {
    const data = join(dir, 'data');
    await generateKaggleFiles({ out: data, users: 12_000, months: MONTHS, seed: 5 });
    const out = join(dir, 'out', 'evaluation.json');
    const targets = join(dir, 'targets.csv');
    const r = runEvaluate([
      '--data',
      data,
      '--json',
      '--out',
      out,
      '--targets-out',
      targets,
      '--origin-models',
      'logistic_regression,xgboost',
    ]);
    assert.equal(r.status, 0, r.stderr);
    const json = JSON.parse(r.stdout) as EvaluationJson;
    assert.deepEqual(JSON.parse(readFileSync(out, 'utf8')), json, '--out holds what --json prints');

    // Every leaf documented in the README exists, and every leaf of the output is documented.
    const documented = documentedPaths(readFileSync(join(ROOT, 'README.md'), 'utf8'));
    assert.deepEqual([...jsonPaths(json)].sort(), [...documented].sort());

    assert.equal(json.schema_version, 1);
    assert.deepEqual(json.settings.origin_models, ['logistic_regression', 'xgboost']);
    assert.deepEqual(Object.keys(json.honest.models), [...STUDY_MODEL_NAMES, 'voting_hard', 'voting_soft']);
    assert.deepEqual(Object.keys(json.baselines), [...BASELINE_NAMES]);

    // Origins: weekly test cutoffs over the span, each trained H days before, the labels never past the test cutoff.
    const expected = originCutoffs({
      firstEvent: `${json.cutoffs.data_start} 00:00:00`,
      lastEvent: `${addDays(json.cutoffs.data_end, -1)} 23:59:59`,
    });
    assert.equal(json.origins.length, 16);
    assert.deepEqual(
      json.origins.map((o) => [o.train_cutoff, o.test_cutoff]),
      expected.map((o) => [o.trainCutoff, o.testCutoff]),
    );
    for (const [k, o] of json.origins.entries()) {
      assert.ok(
        addDays(o.train_cutoff, json.settings.horizon_days) <= o.test_cutoff,
        `origin ${k}: training labels end after its test cutoff`,
      );
      assert.ok(o.test.buyers > 0 && o.train.buyers > 0, `origin ${k} has buyers`);
      // a cutoff two weeks on is the same population, whether used to test or to train
      if (k >= 2) assert.deepEqual(o.train, json.origins[k - 2]!.test);
      assert.equal(o.baselines.random!.roc_auc, 0.5);
      assert.ok(Math.abs(o.baselines.random!.pr_auc - o.test.buyer_rate) < 1e-12);
    }
    const last = json.origins[json.origins.length - 1]!;
    assert.deepEqual([last.train_cutoff, last.test_cutoff], [json.cutoffs.train_cutoff, json.cutoffs.test_cutoff]);
    assert.equal(last.models.xgboost!.roc_auc, json.honest.models.xgboost!.roc_auc, 'the last origin is the single origin');
    const xgb = json.origin_summary!.models.xgboost!.roc_auc;
    const values = json.origins.map((o) => o.models.xgboost!.roc_auc);
    assert.equal(xgb.min, Math.min(...values));
    assert.equal(xgb.max, Math.max(...values));
    assert.ok(Math.abs(xgb.mean - values.reduce((s, v) => s + v, 0) / values.length) < 1e-12);

    // Rules give rankings, not probabilities.
    assert.equal(json.baselines.recency!.brier, null);
    assert.equal(json.baselines.carted_then_recency!.log_loss, null);
    assert.equal(typeof json.baselines.counts_logistic!.brier, 'number');

    // Targeting: no one earns 0, everyone 50 per buyer minus 1 per non-buyer; the CSV carries the chosen cut.
    const t = json.targeting;
    const { users, buyers } = json.honest.test;
    assert.equal(t.profit_by_percent.length, 101);
    assert.equal(t.no_one.profit, 0);
    assert.equal(t.everyone.profit, 50 * buyers - (users - buyers));
    assert.equal(t.chosen.profit, t.profit_by_percent[t.chosen_percent]);
    assert.ok(t.test_best.profit >= t.chosen.profit);
    const lines = readFileSync(targets, 'utf8').trim().split('\n');
    assert.equal(lines[0], 'rank,user_id,score,targeted,purchased_in_window,in_chosen_cut,calibrated_probability');
    assert.equal(lines.length - 1, users);
    const inCut = lines.slice(1).filter((l) => l.split(',')[5] === '1').length;
    assert.equal(inCut, Math.round((t.chosen_percent / 100) * users));

    // Calibration: the reliability curve covers every test user; the buyer rates are the two windows'.
    assert.equal(
      json.calibration.calibrated.reliability.count.reduce((s, v) => s + v, 0),
      users,
    );
    assert.equal(json.calibration.test_buyer_rate, json.honest.test.buyer_rate);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

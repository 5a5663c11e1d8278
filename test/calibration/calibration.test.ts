/**
 * The calibration report's pieces against hand computations, and the acceptance check of the default data:
 * generated with data/default.json's recipe, its seed-mode table must behave like the real shop.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { classMoments } from '../../lib/calibration/classMoments';
import { CALIBRATION_LIMITS, calibrationReport, featureDifferences, quantile } from '../../lib/calibration/calibrationReport';
import { realFeatureMoments } from '../../lib/calibration/realFeatureStats';
import { realStatsNaiveBayes } from '../../lib/calibration/realStatsNaiveBayes';
import { MODEL_FEATURES } from '../../lib/features/columns';
import type { FeatureTable } from '../../lib/features/featureTable';
import { generateKaggleFiles } from '../../lib/data/generate';
import { matrixFromRows } from '../../lib/prep/matrix';
import { runPipeline } from '../../lib/pipeline/runPipeline';

function tableOf(columns: Record<string, number[]>, purchased: number[]): FeatureTable {
  return {
    userIds: purchased.map((_, i) => String(i)),
    purchased: Uint8Array.from(purchased),
    columns: Object.fromEntries(Object.entries(columns).map(([k, v]) => [k, Float64Array.from(v)])),
    rfmScore: purchased.map(() => '111'),
    rows: purchased.length,
  };
}

test('class moments: mean and divide-by-n SD per class, by hand', () => {
  // class 0: 1, 3 → mean 2, SD 1; class 1: 2, 4, 9 → mean 5, SD sqrt((9 + 1 + 16) / 3)
  const m = classMoments(tableOf({ x: [1, 2, 3, 4, 9] }, [0, 1, 0, 1, 1]), ['x']);
  assert.deepEqual(m.x!.not_purchased, { mean: 2, sd: 1 });
  assert.equal(m.x!.purchased.mean, 5);
  assert.ok(Math.abs(m.x!.purchased.sd - Math.sqrt(26 / 3)) < 1e-12);
});

test("quantile interpolates linearly between order statistics as pandas' describe()", () => {
  const v = Float64Array.from([4, 1, 3, 2]);
  assert.equal(quantile(v, 0.5), 2.5); // between 2 and 3
  assert.equal(quantile(v, 0.75), 3.25); // h = 2.25 → 3 + 0.25·(4 − 3)
  assert.equal(quantile(v, 0), 1);
  assert.equal(quantile(v, 1), 4);
});

test('the shipped real statistics are the requirements copy', () => {
  const shared = path.resolve(__dirname, '../../../shared/real-feature-stats.json');
  const ours = JSON.parse(readFileSync(path.resolve(__dirname, '../../lib/calibration/realFeatureStats.json'), 'utf8'));
  if (existsSync(shared)) assert.deepEqual(ours, JSON.parse(readFileSync(shared, 'utf8')));
  const real = realFeatureMoments();
  assert.deepEqual(Object.keys(real), [...MODEL_FEATURES]);
  assert.deepEqual(real.add_to_cart_rate!.purchased, { mean: 0.3725, sd: 0.1641 });
});

test('real-statistics naive Bayes: the Gaussian likelihood ratio with equal priors, by hand', () => {
  const nb = realStatsNaiveBayes();
  const real = realFeatureMoments();
  // A row at the purchasers' means: log odds = Σ_j log N(x_j; μ1, σ1) − log N(x_j; μ0, σ0).
  const x = MODEL_FEATURES.map((f) => real[f]!.purchased.mean);
  let logOdds = 0;
  for (const f of MODEL_FEATURES) {
    const { mean: m0, sd: s0 } = real[f]!.not_purchased;
    const { mean: m1, sd: s1 } = real[f]!.purchased;
    const v = real[f]!.purchased.mean;
    logOdds += -Math.log(s1) - 0.5 * ((v - m1) / s1) ** 2 + Math.log(s0) + 0.5 * ((v - m0) / s0) ** 2;
  }
  const [p] = nb.predictProba(matrixFromRows([x]));
  assert.ok(p !== undefined);
  assert.ok(Math.abs(p - 1 / (1 + Math.exp(-logOdds))) < 1e-12, `${p}`);
});

test('the default data behaves like the real shop: per-class means, SDs and the real-data naive Bayes within the limits', async () => {
  const recipe = JSON.parse(readFileSync(path.resolve(__dirname, '../../data/default.json'), 'utf8')) as {
    users: number;
    seed: number;
    months: string[];
  };
  const dir = mkdtempSync(path.join(tmpdir(), 'calibration-'));
  try {
    await generateKaggleFiles({ out: dir, users: recipe.users, seed: recipe.seed, months: recipe.months });
    const run = await runPipeline({ data: dir, mode: 'seed' });
    try {
      const report = await calibrationReport(run);
      const L = CALIBRATION_LIMITS;
      for (const f of report.features) {
        assert.ok(
          Math.abs(f.standardizedDifference) <= L.mean,
          `${f.feature} (${f.cls}): mean ${f.ours.mean} vs real ${f.real.mean} is ${f.standardizedDifference.toFixed(3)} real SDs off`,
        );
        if (f.sdMeaningful)
          assert.ok(Math.max(f.sdRatio, 1 / f.sdRatio) <= L.sdFactor, `${f.feature} (${f.cls}): SD ratio ${f.sdRatio.toFixed(3)}`);
      }
      assert.ok(report.summary.meanAbsStandardizedDifference <= L.averageMean, `average ${report.summary.meanAbsStandardizedDifference}`);
      assert.ok(report.summary.realNaiveBayesAuc >= L.realNaiveBayesAuc, `real-statistics NB AUC ${report.summary.realNaiveBayesAuc}`);
      assert.equal(report.summary.withinLimits, true);
      // The funnel keeps the published shape (step ratios, event mix, purchase rate, frequency median 2).
      for (const r of report.funnel.filter((r) => /survival|share after step 3|purchase rate|frequency median/.test(r.figure))) {
        assert.ok(Math.abs(r.relative) <= 0.05, `${r.figure}: ${r.ours} vs published ${r.published}`);
      }
      // Standardized differences recomputed from the moments: (ours − real) / real SD.
      const rate = report.features.find((f) => f.feature === 'add_to_cart_rate' && f.cls === 'purchased')!;
      assert.ok(Math.abs(rate.standardizedDifference - (rate.ours.mean - 0.3725) / 0.1641) < 1e-12);
      assert.equal(featureDifferences(report).length, MODEL_FEATURES.length);
    } finally {
      await run.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

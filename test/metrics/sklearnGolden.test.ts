import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { accuracy, f1, fbeta, precision, recall } from '../../lib/metrics/classification';
import { confusionMatrix } from '../../lib/metrics/confusion';
import { averagePrecision, precisionRecallCurve } from '../../lib/metrics/precisionRecall';
import { rocAuc, rocCurve } from '../../lib/metrics/roc';
import { thresholdSweep } from '../../lib/metrics/threshold';
import { assertAllClose, assertClose } from './assertClose';

/** Shape of test/fixtures/sklearn/metrics.json, written by make_metrics.py. */
interface GoldenCase {
  name: string;
  y_true: number[];
  y_score: number[];
  roc_curve: { fpr: number[]; tpr: number[]; thresholds: (number | null)[] };
  roc_auc: number;
  precision_recall_curve: { precision: number[]; recall: number[]; thresholds: number[] };
  average_precision: number;
  at_half: { accuracy: number; precision: number; recall: number; f1: number; f2: number; f_half: number; confusion_matrix: number[][] };
  sweep: { threshold: number; precision: number; recall: number; f1: number; accuracy: number }[];
}

const golden = JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'sklearn', 'metrics.json'), 'utf8')) as {
  sklearn_version: string;
  cases: GoldenCase[];
};

for (const c of golden.cases) {
  test(`sklearn ${golden.sklearn_version} golden: ${c.name}`, () => {
    const y = c.y_true,
      s = c.y_score;
    const roc = rocCurve(y, s);
    assertAllClose(roc.fpr, c.roc_curve.fpr, 1e-12, 'fpr');
    assertAllClose(roc.tpr, c.roc_curve.tpr, 1e-12, 'tpr');
    assertAllClose(
      roc.thresholds,
      c.roc_curve.thresholds.map((t) => t ?? Infinity),
      1e-12,
      'roc thresholds',
    );
    assertClose(rocAuc(y, s), c.roc_auc, 1e-12, 'roc_auc');
    const pr = precisionRecallCurve(y, s);
    assertAllClose(pr.precision, c.precision_recall_curve.precision, 1e-12, 'precision curve');
    assertAllClose(pr.recall, c.precision_recall_curve.recall, 1e-12, 'recall curve');
    assertAllClose(pr.thresholds, c.precision_recall_curve.thresholds, 1e-12, 'pr thresholds');
    assertClose(averagePrecision(y, s), c.average_precision, 1e-12, 'average_precision');
    const pred = s.map((v) => (v >= 0.5 ? 1 : 0));
    assertClose(accuracy(y, pred), c.at_half.accuracy, 1e-12, 'accuracy');
    assertClose(precision(y, pred), c.at_half.precision, 1e-12, 'precision');
    assertClose(recall(y, pred), c.at_half.recall, 1e-12, 'recall');
    assertClose(f1(y, pred), c.at_half.f1, 1e-12, 'f1');
    assertClose(fbeta(y, pred, 2), c.at_half.f2, 1e-12, 'f2');
    assertClose(fbeta(y, pred, 0.5), c.at_half.f_half, 1e-12, 'f0.5');
    assert.deepEqual(confusionMatrix(y, pred), c.at_half.confusion_matrix);
    const sweep = thresholdSweep(y, s);
    c.sweep.forEach((g, k) => {
      assert.equal(sweep[k]!.threshold, g.threshold);
      assertClose(sweep[k]!.precision, g.precision, 1e-12, `sweep precision @${g.threshold}`);
      assertClose(sweep[k]!.recall, g.recall, 1e-12, `sweep recall @${g.threshold}`);
      assertClose(sweep[k]!.f1, g.f1, 1e-12, `sweep f1 @${g.threshold}`);
      assertClose(sweep[k]!.accuracy, g.accuracy, 1e-12, `sweep accuracy @${g.threshold}`);
    });
  });
}

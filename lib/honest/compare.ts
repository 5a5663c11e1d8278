/**
 * One table of honest (time split) against study-faithful (leaky, random split) numbers, per model.
 * F1 is each model's own hard prediction (probability >= 0.5; majority vote for k-NN and hard voting), the
 * study's F1 column; no threshold is tuned on the test set. PR AUC is average precision. Lift is at the top
 * 10% of users by score.
 */
import { averagePrecision } from '../metrics/precisionRecall';
import { liftAt } from '../metrics/lift';
import type { Labels } from '../prep/matrix';
import type { ModelEvaluation } from '../study/evaluateModel';
import type { StudyResult } from '../study/runStudy';
import { MODEL_LABELS } from '../study/studyModels';

/** Share of users the lift column targets. */
export const LIFT_FRACTION = 0.1;

/** The four numbers compared per model. */
export interface ModelScores {
  rocAuc: number;
  prAuc: number;
  f1: number;
  lift: number;
}

/** A model's ROC AUC, PR AUC, F1 (own predictions) and lift at the top LIFT_FRACTION on its test labels. */
export function modelScores(e: ModelEvaluation, yTest: Labels): ModelScores {
  return {
    rocAuc: e.rocAuc,
    prAuc: averagePrecision(yTest, e.scores),
    f1: e.f1,
    lift: liftAt(yTest, e.scores, LIFT_FRACTION).lift,
  };
}

/** One line of the comparison table. */
export interface ComparisonRow {
  [column: string]: string | number;
  model: string;
  roc_auc_leaky: number;
  roc_auc_honest: number;
  pr_auc_leaky: number;
  pr_auc_honest: number;
  f1_leaky: number;
  f1_honest: number;
  lift10_leaky: number;
  lift10_honest: number;
}

/** A run's evaluations and the test labels they were scored on. */
export interface EvaluatedRun {
  result: StudyResult;
  yTest: Labels;
}

/** Rows for every model present in both runs, in the leaky run's order, numbers to 3 places. */
export function comparisonRows(leaky: EvaluatedRun, honest: EvaluatedRun): ComparisonRow[] {
  const rows: ComparisonRow[] = [];
  for (const [name, e] of Object.entries(leaky.result.models)) {
    const h = honest.result.models[name];
    if (!h) continue;
    const l = modelScores(e, leaky.yTest);
    const o = modelScores(h, honest.yTest);
    rows.push({
      model: MODEL_LABELS[name as keyof typeof MODEL_LABELS] ?? name,
      roc_auc_leaky: round3(l.rocAuc),
      roc_auc_honest: round3(o.rocAuc),
      pr_auc_leaky: round3(l.prAuc),
      pr_auc_honest: round3(o.prAuc),
      f1_leaky: round3(l.f1),
      f1_honest: round3(o.f1),
      lift10_leaky: round3(l.lift),
      lift10_honest: round3(o.lift),
    });
  }
  return rows;
}

/** Share of positive labels: the PR AUC of a random ranking, needed to read PR AUC and F1 across the two. */
export function positiveRate(y: Labels): number {
  let s = 0;
  for (let i = 0; i < y.length; i++) s += y[i]!;
  return y.length === 0 ? NaN : s / y.length;
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/**
 * The five figures the study draws for every model (spec section 6), built from one ModelEvaluation,
 * each with the name its PNG gets. Curves with thousands of points are thinned for display: the
 * metrics themselves were computed on the full curves.
 */
import type { Figure } from '../plots/figure';
import { confusionHeatmap } from '../plots/confusionHeatmap';
import { f1VsThreshold } from '../plots/f1VsThreshold';
import { precisionRecallCurve, precisionRecallVsThreshold } from '../plots/precisionRecall';
import { rocCurve } from '../plots/roc';
import type { ModelEvaluation } from '../study/evaluateModel';
import { MODEL_LABELS } from '../study/studyModels';

/** Most points drawn per curve: enough for a smooth line, small enough to keep the report light. */
export const MAX_CURVE_POINTS = 1000;

/** Indices of at most `max` evenly spaced points of a curve of `length` points, first and last included. */
export function thinIndices(length: number, max: number = MAX_CURVE_POINTS): number[] {
  if (length <= max) return Array.from({ length }, (_, i) => i);
  const out: number[] = [];
  for (let j = 0; j < max; j++) out.push(Math.round((j * (length - 1)) / (max - 1)));
  return out;
}

function take(values: ArrayLike<number>, indices: number[]): number[] {
  return indices.map((i) => values[i]);
}

/** Display name of a model key (`xgboost` → `XGBoost`). */
export function modelLabel(name: string): string {
  return MODEL_LABELS[name as keyof typeof MODEL_LABELS] ?? name;
}

/** A figure and the file name (without extension) of its PNG. */
export type NamedFigure = { name: string; fig: Figure };

/** Confusion heat map, precision and recall vs threshold, PR curve, ROC curve and F1 vs threshold of one model. */
export function modelFigures(e: ModelEvaluation): NamedFigure[] {
  const label = modelLabel(e.name);
  const key = e.name.replace(/_/g, '-');
  const [[tn, fp], [fn, tp]] = e.confusion;
  // The PR curve's last point (precision 1, recall 0) has no threshold.
  const byThreshold = thinIndices(e.pr.thresholds.length);
  const prPoints = thinIndices(e.pr.recall.length);
  const rocPoints = thinIndices(e.roc.fpr.length);
  return [
    { name: `${key}-confusion`, fig: confusionHeatmap({ tn, fp, fn, tp }, { title: `${label}: confusion matrix (threshold 0.5)` }) },
    {
      name: `${key}-precision-recall-vs-threshold`,
      fig: precisionRecallVsThreshold(
        { thresholds: take(e.pr.thresholds, byThreshold), precision: take(e.pr.precision, byThreshold), recall: take(e.pr.recall, byThreshold) },
        { title: `${label}: precision and recall vs threshold` },
      ),
    },
    {
      name: `${key}-pr-curve`,
      fig: precisionRecallCurve(
        { recall: take(e.pr.recall, prPoints), precision: take(e.pr.precision, prPoints), averagePrecision: e.averagePrecision },
        { title: `${label}: precision-recall curve`, name: label },
      ),
    },
    {
      name: `${key}-roc`,
      fig: rocCurve({ name: label, fpr: take(e.roc.fpr, rocPoints), tpr: take(e.roc.tpr, rocPoints), auc: e.rocAuc }, { title: `${label}: ROC curve` }),
    },
    {
      name: `${key}-f1-vs-threshold`,
      fig: f1VsThreshold(
        { thresholds: e.sweep.map((s) => s.threshold), f1: e.sweep.map((s) => s.f1), best: { threshold: e.best.threshold, f1: e.best.f1 } },
        { title: `${label}: F1 vs threshold` },
      ),
    },
  ];
}

/** ROC curves of several models on one chart (thinned), legend with each AUC. */
export function rocOverlayData(evaluations: ModelEvaluation[]): { name: string; fpr: number[]; tpr: number[]; auc: number }[] {
  return evaluations.map((e) => {
    const points = thinIndices(e.roc.fpr.length);
    return { name: modelLabel(e.name), fpr: take(e.roc.fpr, points), tpr: take(e.roc.tpr, points), auc: e.rocAuc };
  });
}

/**
 * The five figures the study draws for every model (spec section 6), built from one ModelEvaluation,
 * each with the name its PNG gets. The figure builders thin curves with thousands of vertices for
 * display (lib/plots/curvePoints.ts); the evaluation keeps the full curves.
 */
import type { Figure } from '../plots/figure';
import { confusionHeatmap } from '../plots/confusionHeatmap';
import { f1VsThreshold } from '../plots/f1VsThreshold';
import { precisionRecallFigure, precisionRecallVsThreshold } from '../plots/precisionRecall';
import { rocFigure, type RocCurveData } from '../plots/roc';
import type { ModelEvaluation } from '../study/evaluateModel';
import { MODEL_LABELS } from '../study/studyModels';

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
  const withThreshold = e.pr.thresholds.length;
  return [
    { name: `${key}-confusion`, fig: confusionHeatmap({ tn, fp, fn, tp }, { title: `${label}: confusion matrix (threshold 0.5)` }) },
    {
      name: `${key}-precision-recall-vs-threshold`,
      fig: precisionRecallVsThreshold(
        {
          thresholds: e.pr.thresholds,
          precision: e.pr.precision.subarray(0, withThreshold),
          recall: e.pr.recall.subarray(0, withThreshold),
        },
        { title: `${label}: precision and recall vs threshold` },
      ),
    },
    {
      name: `${key}-pr-curve`,
      fig: precisionRecallFigure(
        { recall: e.pr.recall, precision: e.pr.precision, averagePrecision: e.averagePrecision },
        { title: `${label}: precision-recall curve`, name: label },
      ),
    },
    {
      name: `${key}-roc`,
      fig: rocFigure({ name: label, fpr: e.roc.fpr, tpr: e.roc.tpr, auc: e.rocAuc }, { title: `${label}: ROC curve` }),
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

/** ROC curves of several models for one chart (`rocOverlay` thins them), legend with each AUC. */
export function rocOverlayData(evaluations: ModelEvaluation[]): RocCurveData[] {
  return evaluations.map((e) => ({ name: modelLabel(e.name), fpr: e.roc.fpr, tpr: e.roc.tpr, auc: e.rocAuc }));
}

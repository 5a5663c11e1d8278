import type { ModelEvaluation } from './evaluateModel';
import type { StudyData } from './prepareData';
import type { StudyResult } from './runStudy';
import { MODEL_LABELS } from './studyModels';

/** One model's line of the models report (the JSON written by `purchase-prediction models`). */
export interface ModelReportEntry {
  accuracy: number;
  roc_auc: number;
  f1: number;
  precision: number;
  recall: number;
  average_precision: number;
  /** [[tn, fp], [fn, tp]] as sklearn's confusion_matrix. */
  confusion_matrix: [[number, number], [number, number]];
  best_threshold: number;
  best_threshold_f1: number;
  fit_seconds?: number;
  predict_seconds?: number;
}

export interface ModelsReport {
  seed: number;
  sampling: string;
  scale: boolean;
  features: readonly string[];
  counts: StudyData['counts'];
  chosen_k: number;
  knn_sweep: { k: number[]; accuracy: number[] } | null;
  xgboost_importance: { feature: string; score: number }[];
  models: Record<string, ModelReportEntry>;
}

/**
 * The JSON-ready summary of a study run. With `timings: false` the report holds no wall-clock numbers,
 * so two runs with the same data and seed give byte-identical files.
 */
export function modelsReport(data: StudyData, result: StudyResult, options: { timings?: boolean } = {}): ModelsReport {
  const timings = options.timings ?? true;
  const models: Record<string, ModelReportEntry> = {};
  for (const [name, e] of Object.entries(result.models)) models[name] = entry(e, timings);
  return {
    seed: data.options.seed,
    sampling: data.options.sampling,
    scale: data.options.scale,
    features: data.features,
    counts: data.counts,
    chosen_k: result.knn.chosenK,
    knn_sweep: result.knn.sweep ? { k: result.knn.sweep.k, accuracy: result.knn.sweep.accuracy } : null,
    xgboost_importance: result.xgboostImportance,
    models,
  };
}

function entry(e: ModelEvaluation, timings: boolean): ModelReportEntry {
  const out: ModelReportEntry = {
    accuracy: e.accuracy,
    roc_auc: e.rocAuc,
    f1: e.f1,
    precision: e.precision,
    recall: e.recall,
    average_precision: e.averagePrecision,
    confusion_matrix: e.confusion,
    best_threshold: e.best.threshold,
    best_threshold_f1: e.best.f1,
  };
  if (timings) {
    out.fit_seconds = e.fitSeconds;
    out.predict_seconds = e.predictSeconds;
  }
  return out;
}

/** Rows of the model performance table (the study's summary), in report order. */
export function performanceRows(result: StudyResult): Record<string, string | number>[] {
  return Object.values(result.models).map((e) => ({
    model: MODEL_LABELS[e.name as keyof typeof MODEL_LABELS] ?? e.name,
    accuracy: round(e.accuracy, 3),
    roc_auc: round(e.rocAuc, 3),
    f1: round(e.f1, 3),
    precision: round(e.precision, 3),
    recall: round(e.recall, 3),
    // The study's grid holds np.linspace's 0.7000000000000001: show the decimal it stands for.
    best_threshold: round(e.best.threshold, 2),
    best_f1: round(e.best.f1, 3),
    fit_s: round(e.fitSeconds, 2),
  }));
}

/** The table as GitHub Markdown. */
export function toMarkdown(rows: readonly Record<string, string | number>[]): string {
  if (rows.length === 0) return '';
  const cols = Object.keys(rows[0]!);
  const line = (cells: readonly (string | number)[]) => `| ${cells.join(' | ')} |`;
  return `${[line(cols), line(cols.map(() => '---')), ...rows.map((r) => line(cols.map((c) => r[c] ?? '')))].join('\n')}\n`;
}

/** The table as CSV (values here are plain numbers and names without commas or quotes). */
export function toCsv(rows: readonly Record<string, string | number>[]): string {
  if (rows.length === 0) return '';
  const cols = Object.keys(rows[0]!);
  return `${[cols.join(','), ...rows.map((r) => cols.map((c) => String(r[c])).join(','))].join('\n')}\n`;
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

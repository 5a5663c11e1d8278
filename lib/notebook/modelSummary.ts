/** Per-model output of the modelling notebook: one line of numbers and the five figures. */
import { showTable } from '../plots/show';
import type { ModelEvaluation } from '../study/evaluateModel';
import type { StudyResult } from '../study/runStudy';
import { showFigure } from './figureRecorder';
import { modelFigures, modelLabel } from './modelFigures';

/** The numbers the study prints for a model: accuracy, precision, recall, F1 at 0.5, ROC AUC, best threshold. */
export function modelNumbers(e: ModelEvaluation): Record<string, string | number> {
  const [[tn, fp], [fn, tp]] = e.confusion;
  return {
    model: modelLabel(e.name),
    accuracy: e.accuracy,
    precision: e.precision,
    recall: e.recall,
    f1: e.f1,
    roc_auc: e.rocAuc,
    tn, fp, fn, tp,
    best_threshold: e.best.threshold,
    best_f1: e.best.f1,
  };
}

/** Shows one model of the study: its numbers as a table, then its five figures (recorded for the PNGs). */
export function showModel(result: StudyResult, name: string): ModelEvaluation {
  const e = result.models[name];
  if (!e) throw new Error(`no model '${name}' in the study result (have: ${Object.keys(result.models).join(', ')})`);
  showTable([modelNumbers(e)], { digits: 3 });
  for (const { name: figureName, fig } of modelFigures(e)) showFigure(fig, figureName);
  return e;
}

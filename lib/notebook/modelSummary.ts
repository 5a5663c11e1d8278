/** Per-model output of the modelling notebook: its hyperparameters, one line of numbers and the five figures. */
import { showTable } from '../plots/show';
import type { TableRow } from '../plots/htmlTable';
import type { ModelEvaluation } from '../study/evaluateModel';
import type { StudyResult } from '../study/runStudy';
import { studyModelOptions } from '../study/studyModels';
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
    tn,
    fp,
    fn,
    tp,
    best_threshold: e.best.threshold,
    best_f1: e.best.f1,
  };
}

/**
 * The hyperparameters the study fitted a model with (seed and the chosen k included), as one table row;
 * undefined for the voting ensembles, which have none of their own.
 */
export function modelHyperparameters(result: StudyResult, name: string, seed: number): TableRow | undefined {
  const all: Record<string, Record<string, number>> = studyModelOptions(seed, result.knn.chosenK);
  const options = all[name];
  if (!options) return undefined;
  const set = Object.keys(options).length === 0 ? { hyperparameters: 'all defaults' } : options;
  return { model: modelLabel(name), ...set };
}

/**
 * Shows one model of the study: its hyperparameters, its numbers, then its five figures (recorded for the
 * PNGs). Returns nothing, so a cell that ends with it prints no object.
 */
export function showModel(result: StudyResult, name: string, settings: { seed: number }): void {
  const e = result.models[name];
  if (!e) throw new Error(`no model '${name}' in the study result (have: ${Object.keys(result.models).join(', ')})`);
  const hyperparameters = modelHyperparameters(result, name, settings.seed);
  if (hyperparameters) showTable([hyperparameters]);
  showTable([modelNumbers(e)], { digits: 3 });
  for (const { name: figureName, fig } of modelFigures(e)) showFigure(fig, figureName);
}

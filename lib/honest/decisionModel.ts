/**
 * The model behind the cost threshold and the targeting list, trained so its threshold can be chosen
 * honestly: the training cutoff's population is split (stratified, seeded) into fitting rows and calibration
 * rows; the model is fitted on the undersampled fitting rows; the calibration rows, never seen in fitting and
 * with the population's true buyer rate, choose the threshold; the test window only receives it.
 */
import type { RowSource } from '../features/rowSource';
import type { Classifier } from '../models/estimator';
import { takeLabels, type Labels, type Matrix } from '../prep/matrix';
import { stratifiedSplit } from '../prep/split';
import { randomUndersample } from '../prep/undersample';
import { loadStudyModels, STUDY_MODELS, type StudyModelName } from '../study/studyModels';
import type { ScoredSet } from './cost';
import { HONEST_FEATURES } from './rollingOrigin';
import { DEFAULT_SEED } from '../random';

export interface DecisionModelOptions {
  model?: StudyModelName;
  seed?: number;
  features?: readonly string[];
  /** Share of the training population held out to choose the threshold (default 0.25). */
  calibrationShare?: number;
  /** k for k-NN (default 5). */
  knnK?: number;
}

export interface DecisionScores {
  model: StudyModelName;
  calibration: ScoredSet;
  test: ScoredSet;
}

/** The decision model fitted at T1, with its held-out calibration rows scored; the test window comes later. */
export interface FittedDecisionModel {
  model: StudyModelName;
  classifier: Classifier;
  calibration: ScoredSet;
}

/**
 * Fit `model` (default XGBoost) on the undersampled fitting rows of `train` and score its held-out calibration
 * rows; only those rows are copied out of the table.
 */
export async function fitDecisionModel(train: RowSource, options: DecisionModelOptions = {}): Promise<FittedDecisionModel> {
  const model = options.model ?? 'xgboost';
  const seed = options.seed ?? DEFAULT_SEED;
  const features = options.features ?? HONEST_FEATURES;
  await loadStudyModels();
  const split = stratifiedSplit(train.labels, { testSize: options.calibrationShare ?? 0.25, seed });
  const fitRows = randomUndersample(train.labels, split.train, seed);
  const [fitting, held] = await train.matrices(features, [fitRows, split.test]);
  const classifier = STUDY_MODELS[model](seed, options.knnK ?? 5);
  classifier.fit(fitting!, takeLabels(train.labels, fitRows));
  return { model, classifier, calibration: { y: takeLabels(train.labels, split.test), scores: classifier.predictProba(held!) } };
}

/**
 * Score the test window with a fitted decision model (its columns: the features it was fitted on) and free
 * the model.
 */
export function scoreDecisionModel(fitted: FittedDecisionModel, test: { X: Matrix; y: Labels }): DecisionScores {
  const scored = { y: test.y, scores: fitted.classifier.predictProba(test.X) };
  fitted.classifier.dispose?.();
  return { model: fitted.model, calibration: fitted.calibration, test: scored };
}

import { rocAuc } from '../metrics/roc';
import { labelsFromProba } from '../models/estimator';
import { combineVotes } from '../models/voting';
import { knnSweep, type KnnSweepResult } from '../models/knn';
import { evaluateModel, type ModelEvaluation } from './evaluateModel';
import type { StudyData } from './prepareData';
import { loadStudyModels, STUDY_MODEL_NAMES, STUDY_MODELS, VOTING_MEMBERS, type StudyModelName } from './studyModels';

/** The study's k-NN sweep tries k = 1..20. */
const KNN_SWEEP_MAX = 20;

/**
 * k of the k-NN member of the voting ensembles. The study's VotingClassifier combines its baseline models
 * (`KNeighborsClassifier()` with sklearn's default k = 5), not the k-NN refitted with the swept k.
 */
export const VOTING_KNN_K = 5;

export interface RunStudyOptions {
  seed?: number;
  /** k for k-NN: a number, or 'sweep' (default) to pick the best k in 1..20 by test accuracy as the study did. */
  knnK?: number | 'sweep';
  /** Subset of models to train (default all of STUDY_MODEL_NAMES); voting needs all five members. */
  models?: readonly StudyModelName[];
  /** Called after each model with its name and seconds (progress output). */
  onModel?: (name: string, evaluation: ModelEvaluation) => void;
}

export interface StudyResult {
  models: Record<string, ModelEvaluation>;
  knn: { chosenK: number; sweep: KnnSweepResult | null; sweepSeconds: number };
  /** XGBoost's split counts per feature ("weight" importance), sorted descending. */
  xgboostImportance: { feature: string; score: number }[];
}

/**
 * Train and score every model of the study on prepared data, then the hard and soft voting ensembles.
 *
 * Two shortcuts that give the same numbers as the straightforward way, faster:
 * - the k-NN sweep is one neighbour search for k = 20; the chosen k's scores are read from it, not searched again;
 * - the voting ensembles combine the members' test outputs instead of refitting the five members, which is what
 *   sklearn's VotingClassifier would compute (it refits the same deterministic models on the same rows); as in
 *   the study its k-NN member is the baseline k = 5 ({@link VOTING_KNN_K}) and its ROC AUC is taken on labels.
 */
export async function runStudy(data: StudyData, options: RunStudyOptions = {}): Promise<StudyResult> {
  await loadStudyModels();
  const seed = options.seed ?? data.options.seed;
  const names = options.models ?? STUDY_MODEL_NAMES;
  const models: Record<string, ModelEvaluation> = {};
  const report = (e: ModelEvaluation) => {
    models[e.name] = e;
    options.onModel?.(e.name, e);
  };
  let chosenK = typeof options.knnK === 'number' ? options.knnK : 5;
  let sweep: KnnSweepResult | null = null;
  let sweepSeconds = 0;
  let xgboostImportance: StudyResult['xgboostImportance'] = [];

  checkKnnRows(data, names, options.knnK ?? 'sweep');

  for (const name of names) {
    if (name === 'knn' && (options.knnK ?? 'sweep') === 'sweep') {
      const t0 = performance.now();
      sweep = knnSweep(data.XTrain, data.yTrain, data.XTest, data.yTest, KNN_SWEEP_MAX);
      sweepSeconds = (performance.now() - t0) / 1000;
      chosenK = sweep.bestK;
      const scores = sweep.probabilities[chosenK - 1]!;
      // sklearn's k-NN predict takes the majority; a tie (possible for even k) goes to class 0.
      const predictions = labelsFromProba(scores);
      report(evaluateModel('knn', data.yTest, predictions, scores, { fitSeconds: 0, predictSeconds: sweepSeconds }));
      continue;
    }
    const model = STUDY_MODELS[name](seed, chosenK);
    const t0 = performance.now();
    model.fit(data.XTrain, data.yTrain);
    const t1 = performance.now();
    const scores = model.predictProba(data.XTest);
    const predictions = model.predict(data.XTest);
    const t2 = performance.now();
    // The study plots XGBoost's split counts; any model that has them could report them the same way.
    if (name === 'xgboost' && model.featureImportance) xgboostImportance = model.featureImportance('weight');
    model.dispose?.();
    report(
      evaluateModel(name, data.yTest, predictions, scores, {
        fitSeconds: (t1 - t0) / 1000,
        predictSeconds: (t2 - t1) / 1000,
      }),
    );
  }

  if (VOTING_MEMBERS.every((m) => models[m])) {
    const members = VOTING_MEMBERS.map((m) => (m === 'knn' ? votingKnnMember(models[m]!, sweep) : models[m]!)); // all present: checked above
    for (const voting of ['hard', 'soft'] as const) {
      const t0 = performance.now();
      const { scores, predictions } = combineVotes(members, voting);
      const seconds = (performance.now() - t0) / 1000;
      const fitSeconds = members.reduce((s, m) => s + m.fitSeconds, 0);
      const e = evaluateModel(`voting_${voting}`, data.yTest, predictions, scores, { fitSeconds, predictSeconds: seconds });
      // The study scored its ensembles with roc_auc_score(y_test, y_pred) on the predicted labels; the
      // curves stay on the vote shares / mean probabilities.
      report({ ...e, rocAuc: rocAuc(data.yTest, predictions) });
    }
  }
  return { models, knn: { chosenK, sweep, sweepSeconds }, xgboostImportance };
}

/**
 * The k-NN member of the ensembles: the study's baseline k = 5, read from the sweep when it ran (the same
 * neighbour search); with a fixed `knnK` the k-NN model that was trained.
 */
function votingKnnMember(
  knn: ModelEvaluation,
  sweep: KnnSweepResult | null,
): Pick<ModelEvaluation, 'scores' | 'predictions' | 'fitSeconds'> {
  const scores = sweep?.probabilities[VOTING_KNN_K - 1];
  if (!scores) return knn;
  return { scores, predictions: labelsFromProba(scores), fitSeconds: knn.fitSeconds };
}

/** k-NN needs k training rows; on tiny data say so in the data's terms instead of the model's. */
function checkKnnRows(data: StudyData, names: readonly StudyModelName[], knnK: number | 'sweep'): void {
  if (!names.includes('knn')) return;
  const needed = knnK === 'sweep' ? KNN_SWEEP_MAX : knnK;
  if (data.XTrain.rows >= needed) return;
  const what = knnK === 'sweep' ? `the k-NN sweep over k = 1..${KNN_SWEEP_MAX}` : `k-NN with k = ${knnK}`;
  throw new Error(
    `the training set has only ${data.XTrain.rows} rows after '${data.options.sampling}' sampling ` +
      `(${data.counts.trainPositives} of them purchasers): ${what} needs at least ${needed}; use more data` +
      (knnK === 'sweep' ? ' or a smaller fixed k (--knn-k)' : ' or a smaller k'),
  );
}

import type { Classifier } from '../models/estimator';
import { DecisionTreeClassifier, type DecisionTreeOptions } from '../models/decisionTree';
import { GaussianNaiveBayes, type GaussianNaiveBayesOptions } from '../models/gaussianNaiveBayes';
import { KNearestNeighbors, type KNearestNeighborsOptions } from '../models/knn';
import { LogisticRegression, type LogisticRegressionOptions } from '../models/logisticRegression';
import { RandomForestClassifier, type RandomForestOptions } from '../models/randomForest';
import { loadXGBoost, XGBoostClassifier, type XGBoostOptions } from '../models/xgboost';

/** Names of the models the study trains, in the order of its tables (JSON keys of the models report). */
export const STUDY_MODEL_NAMES = ['logistic_regression', 'knn', 'random_forest', 'naive_bayes', 'xgboost', 'decision_tree'] as const;
export type StudyModelName = (typeof STUDY_MODEL_NAMES)[number];

/** The five models the study's voting ensembles combine. */
export const VOTING_MEMBERS: readonly StudyModelName[] = ['logistic_regression', 'knn', 'random_forest', 'naive_bayes', 'xgboost'];

/** Display names for tables and legends. */
export const MODEL_LABELS: Record<StudyModelName | 'voting_hard' | 'voting_soft', string> = {
  logistic_regression: 'Logistic regression',
  knn: 'k-NN',
  random_forest: 'Random forest',
  naive_bayes: 'Gaussian naive Bayes',
  xgboost: 'XGBoost',
  decision_tree: 'Decision tree',
  voting_hard: 'Hard voting',
  voting_soft: 'Soft voting',
};

/**
 * The hyperparameters the study sets for each model (everything else at its default, scikit-learn's unless
 * the model's file says otherwise), for a seed and the k of k-NN. The factories below and the notebooks'
 * hyperparameter tables both read them, so what a notebook shows is what was fitted.
 */
export function studyModelOptions(seed: number, knnK: number) {
  return {
    logistic_regression: { C: 1 } satisfies LogisticRegressionOptions,
    knn: { nNeighbors: knnK } satisfies KNearestNeighborsOptions,
    random_forest: { nEstimators: 100, seed } satisfies RandomForestOptions,
    naive_bayes: {} satisfies GaussianNaiveBayesOptions,
    xgboost: { nEstimators: 100, maxDepth: 3, learningRate: 0.1, subsample: 1, seed } satisfies XGBoostOptions,
    decision_tree: { seed } satisfies DecisionTreeOptions,
  };
}

/** The study's models, one factory per model: a new model is one entry here and one in {@link studyModelOptions}. */
export const STUDY_MODELS: Record<StudyModelName, (seed: number, knnK: number) => Classifier> = {
  logistic_regression: (seed, k) => new LogisticRegression(studyModelOptions(seed, k).logistic_regression),
  knn: (seed, k) => new KNearestNeighbors(studyModelOptions(seed, k).knn),
  random_forest: (seed, k) => new RandomForestClassifier(studyModelOptions(seed, k).random_forest),
  naive_bayes: (seed, k) => new GaussianNaiveBayes(studyModelOptions(seed, k).naive_bayes),
  xgboost: (seed, k) => new XGBoostClassifier(studyModelOptions(seed, k).xgboost),
  decision_tree: (seed, k) => new DecisionTreeClassifier(studyModelOptions(seed, k).decision_tree),
};

/** Load what the study's models need before the first fit (XGBoost's WebAssembly module). */
export async function loadStudyModels(): Promise<void> {
  await loadXGBoost();
}

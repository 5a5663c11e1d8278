import type { Classifier } from '../models/estimator';
import { DecisionTreeClassifier } from '../models/decisionTree';
import { GaussianNaiveBayes } from '../models/gaussianNaiveBayes';
import { KNearestNeighbors } from '../models/knn';
import { LogisticRegression } from '../models/logisticRegression';
import { RandomForestClassifier } from '../models/randomForest';
import { loadXGBoost, XGBoostClassifier } from '../models/xgboost';

/** Names of the models the study trains, in the order of its tables (JSON keys of the models report). */
export const STUDY_MODEL_NAMES = [
  'logistic_regression',
  'knn',
  'random_forest',
  'naive_bayes',
  'xgboost',
  'decision_tree',
] as const;
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
 * The study's model settings, one factory per model: a new model is one entry here.
 * Parameters follow the study (scikit-learn defaults unless it set them).
 */
export const STUDY_MODELS: Record<StudyModelName, (seed: number, knnK: number) => Classifier> = {
  logistic_regression: () => new LogisticRegression({ C: 1 }),
  knn: (_seed, k) => new KNearestNeighbors({ nNeighbors: k }),
  random_forest: (seed) => new RandomForestClassifier({ nEstimators: 100, seed }),
  naive_bayes: () => new GaussianNaiveBayes(),
  xgboost: (seed) => new XGBoostClassifier({ nEstimators: 100, maxDepth: 3, learningRate: 0.1, subsample: 1, seed }),
  decision_tree: (seed) => new DecisionTreeClassifier({ seed }),
};

/** Load what the study's models need before the first fit (XGBoost's WebAssembly module). */
export async function loadStudyModels(): Promise<void> {
  await loadXGBoost();
}

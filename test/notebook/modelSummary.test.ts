import { test } from 'node:test';
import assert from 'node:assert/strict';
import { modelHyperparameters } from '../../lib/notebook/modelSummary';
import type { KNearestNeighbors } from '../../lib/models/knn';
import type { LogisticRegression } from '../../lib/models/logisticRegression';
import type { XGBoostClassifier } from '../../lib/models/xgboost';
import type { StudyResult } from '../../lib/study/runStudy';
import { STUDY_MODELS } from '../../lib/study/studyModels';

// Only the chosen k matters for the hyperparameters.
const result: StudyResult = { models: {}, knn: { chosenK: 2, sweep: null, sweepSeconds: 0 }, xgboostImportance: [] };

test('modelHyperparameters: what the study sets, seed and chosen k included', () => {
  assert.deepEqual(modelHyperparameters(result, 'xgboost', 7), {
    model: 'XGBoost',
    nEstimators: 100,
    maxDepth: 3,
    learningRate: 0.1,
    subsample: 1,
    seed: 7,
  });
  assert.deepEqual(modelHyperparameters(result, 'knn', 7), { model: 'k-NN', nNeighbors: 2 });
  assert.deepEqual(modelHyperparameters(result, 'random_forest', 7), { model: 'Random forest', nEstimators: 100, seed: 7 });
  assert.deepEqual(modelHyperparameters(result, 'naive_bayes', 7), { model: 'Gaussian naive Bayes', hyperparameters: 'all defaults' });
  assert.equal(modelHyperparameters(result, 'voting_soft', 7), undefined);
});

test('modelHyperparameters: the table shows what the study factories fit', () => {
  const xgb = STUDY_MODELS.xgboost(7, 2) as XGBoostClassifier;
  const shown = modelHyperparameters(result, 'xgboost', 7)!;
  for (const key of ['nEstimators', 'maxDepth', 'learningRate', 'subsample', 'seed'] as const)
    assert.equal(xgb.options[key], shown[key], key);
  assert.equal((STUDY_MODELS.knn(7, 2) as KNearestNeighbors).nNeighbors, 2);
  assert.equal((STUDY_MODELS.logistic_regression(7, 2) as LogisticRegression).C, modelHyperparameters(result, 'logistic_regression', 7)!.C);
});

/**
 * What a model must beat to be worth its complexity, scored on the same test users as the models:
 * - random ranking: every user gets the same score, the training window's buyer rate. Tied scores are
 *   ranked in random order by the metrics (ROC AUC 0.5, lift 1, PR AUC = the test buyer rate exactly),
 *   and as a probability it is the forecast one can make without any model;
 * - recency: the most recently active users first;
 * - carted in the last 7 days, then recency: users with a cart in the week before the cutoff first, each
 *   group by recency (the rule a CRM team writes without a model);
 * - a logistic regression on four simple counts (sessions, views, carts, days since the last event),
 *   standardised, trained on the same undersampled training rows as the models.
 * The two rules give rankings, not probabilities: they get no Brier score or log loss.
 */
import type { Matrix } from '../prep/matrix';
import { LogisticRegression } from '../models/logisticRegression';
import { StandardScaler } from '../prep/scale';
import type { StudyData } from '../study/prepareData';
import type { BaselineInputs } from './baselineInputs';

export const BASELINE_NAMES = ['random', 'recency', 'carted_then_recency', 'counts_logistic'] as const;
export type BaselineName = (typeof BASELINE_NAMES)[number];

/** Display names for tables and legends. */
export const BASELINE_LABELS: Record<BaselineName, string> = {
  random: 'Random ranking',
  recency: 'Recency (most recent first)',
  carted_then_recency: 'Carted in the last 7 days, then recency',
  counts_logistic: 'Logistic regression on 4 counts',
};

/** The inputs of the counts baseline: three counts and the days since the last event. */
export const COUNT_FEATURES = ['frequency', 'num_views', 'adds_to_cart', 'recency'] as const;

/** A baseline's test scores; `probabilities` says whether Brier score and log loss apply. */
export interface BaselineScore {
  scores: Float64Array;
  probabilities: boolean;
}

/** The same score, `rate`, for each of `n` users. */
export function randomRankingScores(n: number, rate: number): Float64Array {
  if (!(rate >= 0 && rate <= 1)) throw new Error(`the random ranking's probability must be in [0, 1], got ${rate}`);
  return new Float64Array(n).fill(rate);
}

/** 1 / (1 + hours since the last event): the most recent first, in (0, 1]. */
export function recencyScores(hoursSinceLastEvent: ArrayLike<number>): Float64Array {
  const out = new Float64Array(hoursSinceLastEvent.length);
  for (let i = 0; i < out.length; i++) {
    const h = hoursSinceLastEvent[i]!;
    if (!(h >= 0) || !Number.isFinite(h)) throw new Error(`hours since the last event must be finite and >= 0, got ${h} (user ${i})`);
    out[i] = 1 / (1 + h);
  }
  return out;
}

/** Carted users in (1, 2], the others in (0, 1], each group ordered by recency: a lexicographic order as one score. */
export function cartedThenRecencyScores(cartedLastWeek: ArrayLike<number>, hoursSinceLastEvent: ArrayLike<number>): Float64Array {
  if (cartedLastWeek.length !== hoursSinceLastEvent.length) {
    throw new Error(`${cartedLastWeek.length} cart flags but ${hoursSinceLastEvent.length} recencies`);
  }
  const out = recencyScores(hoursSinceLastEvent);
  for (let i = 0; i < out.length; i++) out[i]! += cartedLastWeek[i]!;
  return out;
}

/** The columns of X named `names`, in that order (X must carry column names). */
export function selectColumns(X: Matrix, names: readonly string[]): Matrix {
  const index = names.map((name) => {
    const j = X.names?.indexOf(name) ?? -1;
    if (j < 0) throw new Error(`column '${name}' is not among ${X.names?.join(', ') ?? '(unnamed columns)'}`);
    return j;
  });
  const data = new Float64Array(X.rows * index.length);
  for (let i = 0; i < X.rows; i++) for (let k = 0; k < index.length; k++) data[i * index.length + k] = X.data[i * X.cols + index[k]!]!;
  return { rows: X.rows, cols: index.length, data, names: [...names] };
}

/** P(buy) of a standardised L2 logistic regression (C = 1) on COUNT_FEATURES, fitted on the training rows. */
export function countsLogisticScores(XTrain: Matrix, yTrain: Uint8Array, XTest: Matrix): Float64Array {
  const train = selectColumns(XTrain, COUNT_FEATURES);
  const scaler = new StandardScaler().fit(train);
  const model = new LogisticRegression({ C: 1 }).fit(scaler.transform(train), yTrain);
  return model.predictProba(scaler.transform(selectColumns(XTest, COUNT_FEATURES)));
}

/**
 * Every baseline's scores on the test users of `data`. `inputs` are the test cutoff's baseline inputs
 * (aligned with the test rows); `trainBuyerRate` is the training population's buyer rate before undersampling.
 */
export function baselineScores(data: StudyData, inputs: BaselineInputs, trainBuyerRate: number): Record<BaselineName, BaselineScore> {
  const n = data.yTest.length;
  if (inputs.hoursSinceLastEvent.length !== n) throw new Error(`${inputs.hoursSinceLastEvent.length} baseline inputs for ${n} test users`);
  return {
    random: { scores: randomRankingScores(n, trainBuyerRate), probabilities: true },
    recency: { scores: recencyScores(inputs.hoursSinceLastEvent), probabilities: false },
    carted_then_recency: { scores: cartedThenRecencyScores(inputs.cartedLastWeek, inputs.hoursSinceLastEvent), probabilities: false },
    counts_logistic: { scores: countsLogisticScores(data.XTrain, data.yTrain, data.XTest), probabilities: true },
  };
}

import { confusionCounts, type ConfusionCounts } from './confusion';
import { warn, type WarningSink } from './warnings';

/*
 * Scores of hard 0/1 predictions, with sklearn's definitions and its zero_division default ("warn",
 * which returns 0): an undefined ratio is 0 and, if a sink is given, a warning is recorded.
 * Each score also has a *FromCounts form so a threshold sweep can reuse one confusion count.
 */

/** Share of correct predictions: (tp + tn) / n. */
export function accuracyFromCounts(c: ConfusionCounts): number {
  return (c.tp + c.tn) / (c.tp + c.tn + c.fp + c.fn);
}

/** tp / (tp + fp); 0 with a warning when nothing is predicted positive. */
export function precisionFromCounts(c: ConfusionCounts, sink?: WarningSink): number {
  const predictedPositive = c.tp + c.fp;
  if (predictedPositive === 0) {
    warn(sink, 'precision', 'Precision is ill-defined and being set to 0.0 due to no predicted samples.');
    return 0;
  }
  return c.tp / predictedPositive;
}

/** tp / (tp + fn); 0 with a warning when there is no positive label. */
export function recallFromCounts(c: ConfusionCounts, sink?: WarningSink): number {
  const actualPositive = c.tp + c.fn;
  if (actualPositive === 0) {
    warn(sink, 'recall', 'Recall is ill-defined and being set to 0.0 due to no true samples.');
    return 0;
  }
  return c.tp / actualPositive;
}

/**
 * F-beta from counts, written as current sklearn does:
 * (1 + b²)·tp / ((1 + b²)·tp + b²·fn + fp), which equals (1 + b²)·P·R / (b²·P + R) whenever both are defined.
 * The denominator is 0 only when there are no positives at all, neither true nor predicted: then 0 with a warning.
 */
export function fbetaFromCounts(c: ConfusionCounts, beta: number, sink?: WarningSink): number {
  if (!(beta >= 0) || !Number.isFinite(beta)) throw new Error(`beta must be a finite number >= 0, got ${beta}`);
  const b2 = beta * beta;
  const denominator = (1 + b2) * c.tp + b2 * c.fn + c.fp;
  if (denominator === 0) {
    warn(sink, 'fbeta', 'F-score is ill-defined and being set to 0.0 due to no true nor predicted samples.');
    return 0;
  }
  return ((1 + b2) * c.tp) / denominator;
}

/** Accuracy of 0/1 predictions. */
export function accuracy(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  return accuracyFromCounts(confusionCounts(yTrue, yPred));
}

/** Precision of the positive class (sklearn precision_score, zero_division default). */
export function precision(yTrue: ArrayLike<number>, yPred: ArrayLike<number>, sink?: WarningSink): number {
  return precisionFromCounts(confusionCounts(yTrue, yPred), sink);
}

/** Recall of the positive class (sklearn recall_score, zero_division default). */
export function recall(yTrue: ArrayLike<number>, yPred: ArrayLike<number>, sink?: WarningSink): number {
  return recallFromCounts(confusionCounts(yTrue, yPred), sink);
}

/** F-beta of the positive class (sklearn fbeta_score): beta > 1 weighs recall more, beta < 1 precision. */
export function fbeta(yTrue: ArrayLike<number>, yPred: ArrayLike<number>, beta: number, sink?: WarningSink): number {
  return fbetaFromCounts(confusionCounts(yTrue, yPred), beta, sink);
}

/** F1 of the positive class (sklearn f1_score): the harmonic mean of precision and recall. */
export function f1(yTrue: ArrayLike<number>, yPred: ArrayLike<number>, sink?: WarningSink): number {
  return fbeta(yTrue, yPred, 1, sink);
}

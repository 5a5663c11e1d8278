import { assertLabelsAndPredictions } from './validate';

/** The four counts of a binary confusion matrix. */
export interface ConfusionCounts {
  readonly tn: number;
  readonly fp: number;
  readonly fn: number;
  readonly tp: number;
}

/** Count tn/fp/fn/tp of 0/1 predictions against 0/1 labels. */
export function confusionCounts(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): ConfusionCounts {
  assertLabelsAndPredictions(yTrue, yPred);
  // cell index = 2 * truth + prediction: 0 tn, 1 fp, 2 fn, 3 tp
  const cells: [number, number, number, number] = [0, 0, 0, 0];
  for (let i = 0; i < yTrue.length; i++) cells[2 * yTrue[i]! + yPred[i]!]!++;
  return { tn: cells[0], fp: cells[1], fn: cells[2], tp: cells[3] };
}

/**
 * Confusion matrix in sklearn's layout: rows are the true class, columns the predicted class,
 * classes in order 0, 1, i.e. [[tn, fp], [fn, tp]].
 */
export function confusionMatrix(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): [[number, number], [number, number]] {
  const { tn, fp, fn, tp } = confusionCounts(yTrue, yPred);
  return [
    [tn, fp],
    [fn, tp],
  ];
}

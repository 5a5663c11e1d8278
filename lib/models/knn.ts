import type { Labels, Matrix } from '../prep/matrix';
import { kNearestNeighbors, type NeighborAlgorithm, type Neighbors } from '../prep/nearestNeighbors';
import { labelsFromProba, type Classifier } from './estimator';
import { assertFitInput, assertPredictInput } from './validate';

export type { NeighborAlgorithm, Neighbors } from '../prep/nearestNeighbors';

/*
 * The k-NN classifier of scikit-learn's `KNeighborsClassifier(n_neighbors=5, weights='uniform')` on the
 * project's one exact neighbour search (lib/prep/nearestNeighbors.ts): Euclidean distances from coordinate
 * differences, ties at equal distance to the smaller training index. (sklearn's own order among exact ties
 * depends on its search algorithm and is not specified; on tie-free data both give the same neighbours.)
 */

/** Options of {@link KNearestNeighbors}, named after scikit-learn's (camelCase). */
export interface KNearestNeighborsOptions {
  /** Neighbours voting (sklearn `n_neighbors`), default 5. */
  nNeighbors?: number;
  /** Search structure (sklearn `algorithm`), default 'auto' (k-d tree). */
  algorithm?: NeighborAlgorithm;
}

/**
 * k-NN classifier with uniform weights: P(y = 1) is the share of positives among the k nearest training rows;
 * the predicted label is the majority, a tie (possible for even k) going to class 0 as sklearn's mode does.
 */
export class KNearestNeighbors implements Classifier {
  readonly name = 'knn';
  readonly nNeighbors: number;
  readonly algorithm: NeighborAlgorithm;
  private train: Matrix | null = null;
  private labels: Labels = new Uint8Array(0);

  constructor(options: KNearestNeighborsOptions = {}) {
    this.nNeighbors = options.nNeighbors ?? 5;
    this.algorithm = options.algorithm ?? 'auto';
    if (!Number.isInteger(this.nNeighbors) || this.nNeighbors < 1) {
      throw new Error(`KNearestNeighbors: nNeighbors must be a positive integer, got ${this.nNeighbors}`);
    }
  }

  /** Memorise the training set (copied, so later changes to the caller's arrays do not leak in). */
  fit(X: Matrix, y: Labels): this {
    assertFitInput(X, y, this.name);
    if (this.nNeighbors > X.rows) throw new Error(`${this.name}: nNeighbors = ${this.nNeighbors} exceeds the ${X.rows} training rows`);
    this.train = { rows: X.rows, cols: X.cols, data: X.data.slice(), names: X.names };
    this.labels = y.slice();
    return this;
  }

  /** The nearest training rows of each row of X. */
  kneighbors(X: Matrix, k = this.nNeighbors): Neighbors {
    assertPredictInput(X, this.train ? this.train.cols : -1, this.name);
    return kNearestNeighbors(this.train!, X, k, this.algorithm);
  }

  /** Share of positive labels among the k nearest neighbours. */
  predictProba(X: Matrix): Float64Array {
    const nb = this.kneighbors(X);
    const k = this.nNeighbors;
    const out = new Float64Array(X.rows);
    for (let i = 0; i < X.rows; i++) {
      let pos = 0;
      for (let r = 0; r < k; r++) pos += this.labels[nb.indices[i * k + r]!]!;
      out[i] = pos / k;
    }
    return out;
  }

  /** Majority label; ties → 0. */
  predict(X: Matrix): Labels {
    return labelsFromProba(this.predictProba(X));
  }
}

/** Result of {@link knnSweep}. */
export interface KnnSweepResult {
  /** 1..kMax. */
  readonly k: number[];
  /** Test accuracy of the k-NN classifier for each k. */
  readonly accuracy: number[];
  /** The k with the highest accuracy (the smallest such k on ties, as argmax). */
  readonly bestK: number;
  /** probabilities[k − 1][i] = P(y = 1) of test row i with k neighbours. */
  readonly probabilities: Float64Array[];
}

/**
 * The study's k sweep (k = 1..kMax by test accuracy) from ONE neighbour search for kMax neighbours: because
 * neighbours are sorted (ties by index), the k nearest are a prefix of the kMax nearest, so every k is read off
 * with running positive counts instead of kMax separate searches.
 */
export function knnSweep(
  XTrain: Matrix,
  yTrain: Labels,
  XTest: Matrix,
  yTest: Labels,
  kMax = 20,
  algorithm: NeighborAlgorithm = 'auto',
): KnnSweepResult {
  assertFitInput(XTrain, yTrain, 'knn_sweep');
  assertPredictInput(XTest, XTrain.cols, 'knn_sweep');
  if (yTest.length !== XTest.rows) throw new Error(`knn_sweep: ${XTest.rows} test rows but ${yTest.length} test labels`);
  const nb = kNearestNeighbors(XTrain, XTest, kMax, algorithm);
  const m = XTest.rows;
  const correct = new Float64Array(kMax);
  const probabilities = Array.from({ length: kMax }, () => new Float64Array(m));
  for (let i = 0; i < m; i++) {
    let pos = 0;
    for (let r = 0; r < kMax; r++) {
      pos += yTrain[nb.indices[i * kMax + r]!]!;
      const k = r + 1;
      probabilities[r]![i] = pos / k;
      const predicted = 2 * pos > k ? 1 : 0;
      if (predicted === yTest[i]) correct[r]!++;
    }
  }
  const ks: number[] = [],
    accuracy: number[] = [];
  let bestK = 1;
  for (let r = 0; r < kMax; r++) {
    ks.push(r + 1);
    accuracy.push(m === 0 ? NaN : correct[r]! / m);
    if (correct[r]! > correct[bestK - 1]!) bestK = r + 1;
  }
  return { k: ks, accuracy, bestK, probabilities };
}

/**
 * Minimal typings of the untyped mljs packages that the model tests use as independent cross-checks.
 * Only the calls made in test/models are declared.
 */
declare module 'ml-naivebayes' {
  export class GaussianNB {
    train(trainingSet: number[][], trainingLabels: number[]): void;
    predict(dataset: number[][]): number[];
  }
}

declare module 'ml-knn' {
  export default class KNN {
    constructor(dataset: number[][], labels: number[], options?: { k?: number });
    predict(dataset: number[][]): number[];
  }
}

declare module 'ml-logistic-regression' {
  import type { Matrix } from 'ml-matrix';
  export default class LogisticRegression {
    constructor(options?: { numSteps?: number; learningRate?: number });
    train(X: Matrix, Y: Matrix): void;
    predict(X: Matrix): number[];
  }
}

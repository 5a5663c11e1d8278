import type { Labels, Matrix } from '../prep/matrix';
import type { Classifier } from './estimator';
import { assertFitInput, assertPredictInput } from './validate';

/** Options of {@link GaussianNaiveBayes}, named after scikit-learn's `GaussianNB` (camelCase). */
export interface GaussianNaiveBayesOptions {
  /** Prior probabilities [P(y=0), P(y=1)] (sklearn `priors`); default the class frequencies of the training set. */
  priors?: readonly [number, number];
  /** Portion of the largest feature variance added to every variance (sklearn `var_smoothing`), default 1e-9. */
  varSmoothing?: number;
}

/**
 * Gaussian naive Bayes exactly as scikit-learn's `GaussianNB`: per class, independent normal features with the
 * class mean and the (biased, divide-by-n) class variance plus ε = varSmoothing · max_j Var(X[:, j]) computed
 * over the whole training set; predict_proba normalises the joint log-likelihoods with log-sum-exp.
 * ml-naivebayes is not wrapped: it uses the sample standard deviation without smoothing (a constant feature
 * in one class divides by zero), exposes no probabilities (the study's ROC curves need them), and its 4.0.0
 * predict reads only the first two features (its feature loop is bounded by a length-2 array).
 */
export class GaussianNaiveBayes implements Classifier {
  readonly name = 'gaussian_naive_bayes';
  readonly varSmoothing: number;
  readonly priors?: readonly [number, number];
  /** Class means, `theta[c][j]` (sklearn `theta_`). */
  theta: [Float64Array, Float64Array] = [new Float64Array(0), new Float64Array(0)];
  /** Smoothed class variances, `variance[c][j]` (sklearn `var_`). */
  variance: [Float64Array, Float64Array] = [new Float64Array(0), new Float64Array(0)];
  /** Class priors used (sklearn `class_prior_`). */
  classPrior: [number, number] = [0, 0];
  /** The ε added to every variance (sklearn `epsilon_`). */
  epsilon = 0;
  private nFeatures = -1;

  constructor(options: GaussianNaiveBayesOptions = {}) {
    this.varSmoothing = options.varSmoothing ?? 1e-9;
    this.priors = options.priors;
    if (!(this.varSmoothing >= 0)) throw new Error(`GaussianNaiveBayes: varSmoothing must be >= 0, got ${this.varSmoothing}`);
    if (this.priors) {
      const [p0, p1] = this.priors;
      if (!(p0 >= 0 && p1 >= 0) || Math.abs(p0 + p1 - 1) > 1e-9) {
        throw new Error(`GaussianNaiveBayes: priors must be non-negative and sum to 1, got [${p0}, ${p1}]`);
      }
    }
  }

  /**
   * A model with given parameters instead of fitted ones, e.g. one fitted elsewhere (sklearn's `theta_`, `var_`,
   * `class_prior_`). Variances must be positive.
   * @example GaussianNaiveBayes.fromParameters({ theta: [m0, m1], variance: [v0, v1], classPrior: [0.5, 0.5] })
   */
  static fromParameters(params: {
    theta: [Float64Array, Float64Array];
    variance: [Float64Array, Float64Array];
    classPrior: [number, number];
  }): GaussianNaiveBayes {
    const d = params.theta[0].length;
    if ([params.theta[1], params.variance[0], params.variance[1]].some((a) => a.length !== d)) {
      throw new Error('GaussianNaiveBayes.fromParameters: theta and variance must have one value per feature in both classes');
    }
    for (const v of params.variance) {
      v.forEach((x, j) => {
        if (!(x > 0)) throw new Error(`GaussianNaiveBayes.fromParameters: variance of feature ${j} must be positive, got ${x}`);
      });
    }
    const model = new GaussianNaiveBayes({ priors: params.classPrior });
    model.theta = [Float64Array.from(params.theta[0]), Float64Array.from(params.theta[1])];
    model.variance = [Float64Array.from(params.variance[0]), Float64Array.from(params.variance[1])];
    model.classPrior = [params.classPrior[0], params.classPrior[1]];
    model.nFeatures = d;
    return model;
  }

  /** Estimate class priors, means and smoothed variances. */
  fit(X: Matrix, y: Labels): this {
    assertFitInput(X, y, this.name);
    const n = X.rows,
      d = X.cols,
      x = X.data;
    const counts: [number, number] = [0, 0];
    const means: [Float64Array, Float64Array] = [new Float64Array(d), new Float64Array(d)];
    const allMean = new Float64Array(d);
    for (let i = 0; i < n; i++) {
      const c = y[i]!;
      counts[c]!++;
      for (let j = 0; j < d; j++) {
        means[c]![j]! += x[i * d + j]!;
        allMean[j]! += x[i * d + j]!;
      }
    }
    for (let j = 0; j < d; j++) {
      means[0][j]! /= counts[0];
      means[1][j]! /= counts[1];
      allMean[j]! /= n;
    }
    // Second pass for the variances: centred sums avoid the cancellation of E[x²] − E[x]².
    const vars: [Float64Array, Float64Array] = [new Float64Array(d), new Float64Array(d)];
    const allVar = new Float64Array(d);
    for (let i = 0; i < n; i++) {
      const c = y[i]!;
      for (let j = 0; j < d; j++) {
        const v = x[i * d + j]!;
        const dc = v - means[c]![j]!;
        vars[c]![j]! += dc * dc;
        const da = v - allMean[j]!;
        allVar[j]! += da * da;
      }
    }
    let maxVar = 0;
    for (let j = 0; j < d; j++) maxVar = Math.max(maxVar, allVar[j]! / n);
    this.epsilon = this.varSmoothing * maxVar;
    for (let c = 0; c < 2; c++) for (let j = 0; j < d; j++) vars[c]![j] = vars[c]![j]! / counts[c]! + this.epsilon;
    for (let c = 0; c < 2; c++)
      for (let j = 0; j < d; j++) {
        if (!(vars[c]![j]! > 0)) {
          throw new Error(
            `${this.name}: feature ${X.names?.[j] ?? j} has zero variance in class ${c} and varSmoothing gives no floor; use varSmoothing > 0 or drop the constant feature`,
          );
        }
      }
    this.theta = [means[0], means[1]];
    this.variance = [vars[0], vars[1]];
    this.classPrior = this.priors ? [this.priors[0], this.priors[1]] : [counts[0] / n, counts[1] / n];
    this.nFeatures = d;
    return this;
  }

  /** Joint log-likelihoods log P(c) + log p(x | c) per row, as [class 0, class 1] arrays. */
  jointLogLikelihood(X: Matrix): [Float64Array, Float64Array] {
    assertPredictInput(X, this.nFeatures, this.name);
    const n = X.rows,
      d = X.cols,
      x = X.data;
    const out: [Float64Array, Float64Array] = [new Float64Array(n), new Float64Array(n)];
    for (let c = 0; c < 2; c++) {
      const mu = this.theta[c]!,
        v = this.variance[c]!;
      let constant = Math.log(this.classPrior[c]!);
      for (let j = 0; j < d; j++) constant -= 0.5 * Math.log(2 * Math.PI * v[j]!);
      const target = out[c]!;
      for (let i = 0; i < n; i++) {
        let q = 0;
        for (let j = 0; j < d; j++) {
          const diff = x[i * d + j]! - mu[j]!;
          q += (diff * diff) / v[j]!;
        }
        target[i] = constant - 0.5 * q;
      }
    }
    return out;
  }

  /** P(y = 1 | x) = exp(jll₁ − logsumexp(jll₀, jll₁)). */
  predictProba(X: Matrix): Float64Array {
    const [j0, j1] = this.jointLogLikelihood(X);
    const out = new Float64Array(X.rows);
    for (let i = 0; i < X.rows; i++) {
      const m = Math.max(j0[i]!, j1[i]!);
      const lse = m + Math.log(Math.exp(j0[i]! - m) + Math.exp(j1[i]! - m));
      out[i] = Math.exp(j1[i]! - lse);
    }
    return out;
  }

  /** The class with the larger joint log-likelihood; ties go to class 0 as numpy's argmax. */
  predict(X: Matrix): Labels {
    const [j0, j1] = this.jointLogLikelihood(X);
    const out = new Uint8Array(X.rows);
    for (let i = 0; i < X.rows; i++) out[i] = j1[i]! > j0[i]! ? 1 : 0;
    return out;
  }
}

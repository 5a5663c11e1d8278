import type { Labels, Matrix } from '../prep/matrix';
import { labelsFromProba, type Classifier } from './estimator';
import { assertFitInput } from './validate';

/** Options of {@link VotingClassifier}, as scikit-learn's. */
export interface VotingClassifierOptions {
  /** The member models (fitted by the ensemble's fit). */
  estimators: Classifier[];
  /** 'hard' = majority of predicted labels, 'soft' = mean of predicted probabilities. Default 'hard'. */
  voting?: 'hard' | 'soft';
}

/**
 * scikit-learn's `VotingClassifier` for binary labels (unweighted).
 * Hard voting: the label predicted by most members; a tie (even number of members) goes to class 0, because
 * sklearn takes argmax of the label counts and argmax returns the first, i.e. smaller, label.
 * Soft voting: P(y = 1) is the mean of the members' probabilities; predict thresholds it at 0.5 with a tie
 * (exactly 0.5) going to class 0, again sklearn's argmax.
 * For hard voting, `predictProba` returns the share of members voting 1 (sklearn has no predict_proba for hard
 * voting; the vote share is what a ROC curve of a hard vote can use).
 */
export class VotingClassifier implements Classifier {
  readonly name: string;
  readonly estimators: Classifier[];
  readonly voting: 'hard' | 'soft';

  constructor(options: VotingClassifierOptions) {
    if (!options.estimators || options.estimators.length === 0) throw new Error('VotingClassifier: needs at least one estimator');
    this.estimators = options.estimators;
    this.voting = options.voting ?? 'hard';
    if (this.voting !== 'hard' && this.voting !== 'soft')
      throw new Error(`VotingClassifier: voting must be 'hard' or 'soft', got ${String(this.voting)}`);
    this.name = `${this.voting}_voting`;
  }

  /** Fit every member on the same data. */
  fit(X: Matrix, y: Labels): this {
    assertFitInput(X, y, this.name);
    for (const e of this.estimators) e.fit(X, y);
    return this;
  }

  /** Soft: mean member probability. Hard: share of members predicting 1. */
  predictProba(X: Matrix): Float64Array {
    const members = this.estimators.map((e) => {
      // combineVotes reads the scores of a soft vote and the labels of a hard one.
      const out = this.voting === 'soft' ? e.predictProba(X) : e.predict(X);
      if (out.length !== X.rows) throw new Error(`${this.name}: member ${e.name} returned ${out.length} values for ${X.rows} rows`);
      return { scores: out, predictions: out };
    });
    return combineVotes(members, this.voting).scores;
  }

  /** Majority label (hard) or argmax of the mean probability (soft); ties → 0. */
  predict(X: Matrix): Labels {
    return labelsFromProba(this.predictProba(X));
  }
}

/** What one member contributes to a vote: its probabilities (soft) or its labels (hard). */
export interface VoteInput {
  scores: ArrayLike<number>;
  predictions: ArrayLike<number>;
}

/**
 * The one vote combination, used by {@link VotingClassifier} and by the study's runner (which combines the
 * members' test outputs instead of refitting them).
 * Hard voting: share of members predicting 1, majority wins, ties to class 0 (sklearn's argmax).
 * Soft voting: mean member probability, predicted 1 above 0.5 (exactly 0.5 goes to class 0, again argmax).
 */
export function combineVotes(members: readonly VoteInput[], voting: 'hard' | 'soft'): { scores: Float64Array; predictions: Labels } {
  const first = members[0];
  if (first === undefined) throw new Error('combineVotes: no members');
  const n = voting === 'soft' ? first.scores.length : first.predictions.length;
  const scores = new Float64Array(n);
  for (const m of members) {
    const part = voting === 'soft' ? m.scores : m.predictions;
    for (let i = 0; i < n; i++) scores[i]! += part[i]!;
  }
  for (let i = 0; i < n; i++) scores[i]! /= members.length;
  return { scores, predictions: labelsFromProba(scores) };
}

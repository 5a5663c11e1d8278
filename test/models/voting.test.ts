import { test } from 'node:test';
import assert from 'node:assert/strict';
import { matrixFromRows, type Labels, type Matrix } from '../../lib/prep/matrix';
import type { Classifier } from '../../lib/models/estimator';
import { VotingClassifier } from '../../lib/models/voting';
import { LogisticRegression } from '../../lib/models/logisticRegression';
import { GaussianNaiveBayes } from '../../lib/models/gaussianNaiveBayes';
import { KNearestNeighbors } from '../../lib/models/knn';
import { loadFixture, maxAbsoluteError, toLabels, toMatrix } from './helpers';

/** A member with fixed outputs per row, for hand-worked votes. */
class FixedMember implements Classifier {
  readonly name = 'fixed';
  fitted = 0;
  constructor(private readonly proba: number[]) {}
  fit(_X: Matrix, _y: Labels): this {
    this.fitted++;
    return this;
  }
  predictProba(_X: Matrix): Float64Array {
    return Float64Array.from(this.proba);
  }
  predict(X: Matrix): Labels {
    return Uint8Array.from(this.predictProba(X), (p) => (p > 0.5 ? 1 : 0));
  }
}

const X4 = matrixFromRows([[0], [1], [2], [3]]);
const y4 = Uint8Array.from([0, 1, 0, 1]);

test('hard voting: majority of labels, ties to class 0; soft voting: mean probability', () => {
  const a = new FixedMember([0.9, 0.9, 0.2, 0.75]);
  const b = new FixedMember([0.8, 0.1, 0.3, 0.25]);
  const c = new FixedMember([0.1, 0.2, 0.9, 0.5]);
  const hard3 = new VotingClassifier({ estimators: [a, b, c], voting: 'hard' }).fit(X4, y4);
  assert.deepEqual(Array.from(hard3.predict(X4)), [1, 0, 0, 0]); // votes 2, 1, 1, 1 of 3
  const hard2 = new VotingClassifier({ estimators: [a, b], voting: 'hard' });
  assert.deepEqual(Array.from(hard2.predict(X4)), [1, 0, 0, 0]); // votes 2, 1, 0, 1 of 2: ties → 0
  const soft = new VotingClassifier({ estimators: [a, b, c], voting: 'soft' });
  assert.ok(maxAbsoluteError(soft.predictProba(X4), [0.6, 0.4, 1.4 / 3, 0.5]) < 1e-15);
  assert.equal(soft.predictProba(X4)[3], 0.5); // (0.75 + 0.25 + 0.5) / 3, exact in binary
  assert.deepEqual(Array.from(soft.predict(X4)), [1, 0, 0, 0]); // 0.5 exactly → 0
  assert.equal(a.fitted, 1);
});

test('matches scikit-learn VotingClassifier (LR + GNB + kNN; LR + kNN with hard-vote ties)', () => {
  const f = loadFixture('voting.json');
  const X = toMatrix(f.X),
    y = toLabels(f.y),
    Xt = toMatrix(f.X_test);
  for (const [tag, make] of [
    ['three', (): Classifier[] => [new LogisticRegression(), new GaussianNaiveBayes(), new KNearestNeighbors()]],
    ['two', (): Classifier[] => [new LogisticRegression(), new KNearestNeighbors()]],
  ] as const) {
    const hard = new VotingClassifier({ estimators: make(), voting: 'hard' }).fit(X, y);
    assert.deepEqual(Array.from(hard.predict(Xt)), f[`${tag}_hard_predict`], `${tag} hard`);
    const soft = new VotingClassifier({ estimators: make(), voting: 'soft' }).fit(X, y);
    assert.ok(maxAbsoluteError(soft.predictProba(Xt), f[`${tag}_soft_proba`]) < 1e-8, `${tag} soft proba`);
    assert.deepEqual(Array.from(soft.predict(Xt)), f[`${tag}_soft_predict`], `${tag} soft`);
  }
});

test('rejects an empty ensemble and unknown voting', () => {
  assert.throws(() => new VotingClassifier({ estimators: [] }), /at least one/);
  assert.throws(() => new VotingClassifier({ estimators: [new GaussianNaiveBayes()], voting: 'mean' as 'soft' }), /'hard' or 'soft'/);
});

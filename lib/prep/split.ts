import { createRng, type Rng } from '../random';
import type { Labels } from './matrix';
import { assertTwoClasses, countBinaryLabels } from './validate';

/** Row indices of a train/test split. */
export interface TrainTestIndices {
  readonly train: Uint32Array;
  readonly test: Uint32Array;
}

export interface StratifiedSplitOptions {
  /** Share of rows for the test set, in (0, 1) (the study: 0.3); or, if >= 1, a whole number of rows. */
  readonly testSize: number;
  readonly seed: number;
}

/**
 * Test-set size as sklearn computes it: ceil(testSize · n) for a share, the number itself for a count;
 * the training set gets the rest.
 */
export function testSetSize(n: number, testSize: number): number {
  if (testSize > 0 && testSize < 1) return Math.ceil(testSize * n);
  if (Number.isInteger(testSize) && testSize >= 1 && testSize < n) return testSize;
  throw new Error(`testSize must be a share in (0, 1) or a whole number of rows in [1, ${n - 1}], got ${testSize}`);
}

/**
 * Split `draws` rows among classes in proportion to `classCounts`, as sklearn's _approximate_mode does:
 * every class gets the floor of its share, and the rows still missing go to the classes with the largest
 * fractional remainders (ties broken at random).
 */
export function approximateMode(classCounts: readonly number[], draws: number, rng: Rng): number[] {
  const total = classCounts.reduce((a, b) => a + b, 0);
  // same operation order as sklearn (count / total * draws) so the floors agree bit for bit
  const continuous = classCounts.map((c) => (c / total) * draws);
  const allocated = continuous.map(Math.floor);
  let missing = draws - allocated.reduce((a, b) => a + b, 0);
  const remainders = continuous.map((c, i) => c - allocated[i]!);
  const levels = [...new Set(remainders)].sort((a, b) => b - a);
  for (const level of levels) {
    if (missing <= 0) break;
    const tied = remainders.flatMap((r, i) => (r === level ? [i] : []));
    rng.shuffle(tied);
    for (const i of tied.slice(0, missing)) allocated[i]!++;
    missing -= Math.min(tied.length, missing);
  }
  return allocated;
}

/**
 * Stratified random train/test split of rows (sklearn's train_test_split(stratify=y), i.e. one
 * StratifiedShuffleSplit draw): the test set has ceil(testSize · n) rows; per class, the training set gets the
 * approximate mode of its share of the training rows and the test set that of the rest, so class proportions
 * are preserved up to rounding. Each class is shuffled with the seeded generator; both outputs are shuffled.
 */
export function stratifiedSplit(y: Labels, options: StratifiedSplitOptions): TrainTestIndices {
  const counts = countBinaryLabels(y);
  assertTwoClasses(counts, 'stratifiedSplit');
  if (Math.min(...counts) < 2) {
    throw new Error('The least populated class in y has only 1 member, which is too few: each class needs at least 2 rows.');
  }
  const n = y.length;
  const nTest = testSetSize(n, options.testSize);
  const nTrain = n - nTest;
  if (nTest < 2 || nTrain < 2) {
    throw new Error(`a stratified split needs at least 2 rows on each side (one per class), got train ${nTrain}, test ${nTest}`);
  }
  const rng = createRng(options.seed);
  const trainPerClass = approximateMode(counts, nTrain, rng);
  const testPerClass = approximateMode(
    counts.map((c, i) => c - trainPerClass[i]!),
    nTest,
    rng,
  );

  const byClass = [new Uint32Array(counts[0]), new Uint32Array(counts[1])];
  const filled = [0, 0];
  for (let i = 0; i < n; i++) byClass[y[i]!]![filled[y[i]!]!++] = i;

  const train = new Uint32Array(nTrain);
  const test = new Uint32Array(nTest);
  let trainEnd = 0,
    testEnd = 0;
  for (let c = 0; c < 2; c++) {
    const rows = rng.shuffle(byClass[c]!);
    train.set(rows.subarray(0, trainPerClass[c]), trainEnd);
    test.set(rows.subarray(trainPerClass[c], trainPerClass[c]! + testPerClass[c]!), testEnd);
    trainEnd += trainPerClass[c]!;
    testEnd += testPerClass[c]!;
  }
  return { train: rng.shuffle(train), test: rng.shuffle(test) };
}

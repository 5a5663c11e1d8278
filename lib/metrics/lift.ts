import { binaryCurve } from './binaryCurve';

/** Cumulative gains: share of all positives captured when targeting the top share of the population by score. */
export interface GainsCurve {
  /** Share of the population targeted, increasing from 0 to 1. */
  readonly populationShare: Float64Array;
  /** Share of all positives among the targeted, increasing from 0 to 1. */
  readonly positiveShare: Float64Array;
  /** Score threshold of each point (targets score >= threshold); +Infinity for the starting (0, 0). */
  readonly thresholds: Float64Array;
}

/** Lift of targeting the top `fraction` of the population. */
export interface LiftAt {
  readonly fraction: number;
  /** Share of all positives captured in the top `fraction`. */
  readonly captured: number;
  /** captured / fraction: how many times the positive rate of random targeting. */
  readonly lift: number;
}

/**
 * Cumulative gains curve, one point per distinct score (tied users are targeted together, so a tie group is
 * one straight segment: random order inside a tie is expected to capture positives at the group's rate).
 * Throws when there is no positive label (nothing to capture).
 */
export function gainsCurve(yTrue: ArrayLike<number>, yScore: ArrayLike<number>): GainsCurve {
  const curve = binaryCurve(yTrue, yScore);
  if (curve.positives === 0) throw new Error('No positive label in yTrue: the gains curve is undefined.');
  const n = curve.positives + curve.negatives;
  const m = curve.thresholds.length;
  const populationShare = new Float64Array(m + 1);
  const positiveShare = new Float64Array(m + 1);
  const thresholds = new Float64Array(m + 1);
  thresholds[0] = Infinity;
  for (let i = 0; i < m; i++) {
    populationShare[i + 1] = (curve.tps[i]! + curve.fps[i]!) / n;
    positiveShare[i + 1] = curve.tps[i]! / curve.positives;
    thresholds[i + 1] = curve.thresholds[i]!;
  }
  return { populationShare, positiveShare, thresholds };
}

/**
 * Share of all positives captured by the top `fraction` (0 <= fraction <= 1) of a gains curve: linear inside a
 * tie group, i.e. the expectation over random tie-breaking. Reading many fractions off one curve avoids
 * sorting the scores again for each.
 */
export function capturedAt(curve: GainsCurve, fraction: number): number {
  if (!(fraction >= 0 && fraction <= 1)) throw new Error(`fraction must be in [0, 1], got ${fraction}`);
  const { populationShare: x, positiveShare: y } = curve;
  if (fraction === 0) return 0;
  let i = 1;
  while (x[i]! < fraction) i++; // x ends at exactly 1, so this stops
  return y[i - 1]! + ((fraction - x[i - 1]!) / (x[i]! - x[i - 1]!)) * (y[i]! - y[i - 1]!);
}

/**
 * Lift at the top `fraction` (0 < fraction <= 1) of users by score: the gains curve read at `fraction`
 * (linear inside a tie group, i.e. the expectation over random tie-breaking), divided by `fraction`.
 * Example: 10% of users holding 35% of the buyers is a lift of 3.5.
 */
export function liftAt(yTrue: ArrayLike<number>, yScore: ArrayLike<number>, fraction: number): LiftAt {
  if (!(fraction > 0 && fraction <= 1)) throw new Error(`fraction must be in (0, 1], got ${fraction}`);
  const captured = capturedAt(gainsCurve(yTrue, yScore), fraction);
  return { fraction, captured, lift: captured / fraction };
}

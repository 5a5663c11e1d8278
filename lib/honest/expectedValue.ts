/**
 * Expected-value targeting: contact the top k% of users by score, for every k, and price the outcome with the
 * stated costs. The profit of a rule is the cost it avoids compared with contacting no one:
 *
 *   profit(k) = costFn · (buyers reached) − costFp · (non-buyers contacted)
 *
 * (each buyer reached is a missed buyer avoided, each non-buyer contacted a wasted incentive), so targeting no
 * one earns 0 and targeting everyone costFn · buyers − costFp · non-buyers. Counts at a share that splits a
 * group of tied scores are expectations over random tie-breaking (the gains curve's linear segment).
 *
 * The cut is chosen on held-out users of the training cutoff and applied to the test window, like the cost
 * threshold; the test window's own best k is reported beside it as an unreachable bound. A top-k% cut, unlike
 * a probability threshold, contacts the same share of users whatever the buyer rate does between windows.
 */
import type { ErrorCosts } from '../metrics/cost';
import { capturedAt, gainsCurve } from '../metrics/lift';
import type { ScoredSet } from './cost';

/** The outcome of contacting the top `percent`% of a set. */
export interface ProfitPoint {
  percent: number;
  /** Users contacted: percent/100 of the set (fractional counts are expectations inside a tie group). */
  targeted: number;
  buyersReached: number;
  wasted: number;
  profit: number;
  profitPerUser: number;
}

/** Shares 0%, 1%, ..., 100%. */
export const PERCENTS: readonly number[] = Array.from({ length: 101 }, (_, k) => k);

/** The profit of contacting the top p% of `set` for each p of `percents` (default 0..100). */
export function profitByPercent(set: ScoredSet, costs: ErrorCosts, percents: readonly number[] = PERCENTS): ProfitPoint[] {
  const n = set.y.length;
  if (n === 0) throw new Error('profitByPercent: no users');
  let buyers = 0;
  for (let i = 0; i < n; i++) buyers += set.y[i]!;
  const curve = buyers > 0 ? gainsCurve(set.y, set.scores) : null;
  return percents.map((percent) => {
    if (!(percent >= 0 && percent <= 100)) throw new Error(`percent must be in [0, 100], got ${percent}`);
    const targeted = (percent / 100) * n;
    const buyersReached = curve ? capturedAt(curve, percent / 100) * buyers : 0;
    const wasted = targeted - buyersReached;
    const profit = costs.falseNegative * buyersReached - costs.falsePositive * wasted;
    return { percent, targeted, buyersReached, wasted, profit, profitPerUser: profit / n };
  });
}

/** The point with the highest profit; on a tie the smallest share (fewest contacts for the same money). */
export function bestPoint(points: readonly ProfitPoint[]): ProfitPoint {
  if (points.length === 0) throw new Error('bestPoint: no points');
  let best = points[0]!;
  for (const p of points) if (p.profit > best.profit || (p.profit === best.profit && p.percent < best.percent)) best = p;
  return best;
}

export interface TargetingDecision {
  costs: ErrorCosts;
  /** The k chosen on the calibration rows (held out of the training cutoff). */
  chosenPercent: number;
  /** That k on the test window. */
  chosen: ProfitPoint;
  /** The best k on the test window itself: a bound, not reachable in practice. */
  testBest: ProfitPoint;
  everyone: ProfitPoint;
  noOne: ProfitPoint;
  /** Profit on the test window for k = 0..100. */
  curve: ProfitPoint[];
  /** Profit on the calibration rows for k = 0..100 (where k was chosen). */
  calibrationCurve: ProfitPoint[];
}

/** Choose k on `calibration`, apply it to `test`, and price the alternatives on `test`. */
export function expectedValueTargeting(calibration: ScoredSet, test: ScoredSet, costs: ErrorCosts): TargetingDecision {
  const calibrationCurve = profitByPercent(calibration, costs);
  const curve = profitByPercent(test, costs);
  const chosenPercent = bestPoint(calibrationCurve).percent;
  return {
    costs,
    chosenPercent,
    chosen: curve[chosenPercent]!,
    testBest: bestPoint(curve),
    everyone: curve[100]!,
    noOne: curve[0]!,
    curve,
    calibrationCurve,
  };
}

/** Users in the top `percent`% of `n` ranked users (rounded to the nearest user): the size of the chosen cut. */
export function cutSize(n: number, percent: number): number {
  return Math.round((percent / 100) * n);
}

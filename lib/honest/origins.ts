/**
 * The origins of the rolling-origin evaluation over the whole span: one origin per test cutoff T2, every
 * `stepDays` days. Each origin trains at T1 = T2 − H, the latest cutoff whose label window [T1, T1 + H) is
 * complete by T2, so the training labels end exactly where the test features start (never after).
 *
 *   Oct+Nov, H = 14, step 7:  T1 Oct 20 → T2 Nov 3 | T1 Oct 27 → T2 Nov 10 | T1 Nov 3 → T2 Nov 17
 *
 * The grid is counted back from the last origin (the one whose test window ends at the data's end, the
 * single-origin view's default) down to the first whose training cutoff still has `minHistoryDays` of
 * history, so the default single origin is always one of the origins.
 */
import { addDays, chooseCutoffs, trainCutoffRange, type EventTimeRange, type RollingCutoffs } from './cutoffs';

export interface OriginOptions {
  /** Label window H in days (default 14). */
  horizonDays?: number;
  /** History required before each training cutoff (default 14). */
  minHistoryDays?: number;
  /** Days between consecutive test cutoffs (default 7). */
  stepDays?: number;
}

/** Default days between origins. */
export const DEFAULT_STEP_DAYS = 7;

/**
 * Every origin that fits the data, oldest first.
 * @example originCutoffs({ firstEvent: '2019-10-01 00:00:00', lastEvent: '2019-11-30 23:59:59' }).map((o) => o.testCutoff)
 * // ['2019-11-03', '2019-11-10', '2019-11-17']
 */
export function originCutoffs(range: EventTimeRange, options: OriginOptions = {}): RollingCutoffs[] {
  const stepDays = options.stepDays ?? DEFAULT_STEP_DAYS;
  if (!Number.isInteger(stepDays) || stepDays < 1) throw new Error(`step must be a whole number of days >= 1, got ${stepDays}`);
  const { earliestTrainCutoff, latestTrainCutoff } = trainCutoffRange(range, options);
  const origins: RollingCutoffs[] = [];
  // 'YYYY-MM-DD' strings compare in date order
  for (let t1 = latestTrainCutoff; t1 >= earliestTrainCutoff; t1 = addDays(t1, -stepDays)) {
    origins.push(chooseCutoffs(range, { ...options, trainCutoff: t1 }));
  }
  return origins.reverse();
}

/** The distinct cutoff dates the origins build tables at (training and test cutoffs), in date order. */
export function originCutoffDates(origins: readonly RollingCutoffs[]): string[] {
  return [...new Set(origins.flatMap((o) => [o.trainCutoff, o.testCutoff]))].sort();
}

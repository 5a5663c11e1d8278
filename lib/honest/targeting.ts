/**
 * The targeting view: users ranked by score, with the cost-based decision, the expected-value cut (the top k%
 * chosen from the costs) and the calibrated probability, exportable as CSV.
 */

/** One user of the ranked list. */
export interface TargetRow {
  [column: string]: string | number;
  rank: number;
  user_id: string;
  score: number;
  /** 1 when score >= the decision threshold. */
  targeted: number;
  /** The label, when known (a past window); -1 when not. */
  purchased_in_window: number;
  /** 1 for the first `cutSize` ranks: the top k% chosen by expected profit. */
  in_chosen_cut: number;
  /** Calibrated P(buy in the window), or NaN when none was given. */
  calibrated_probability: number;
}

/**
 * Users by descending score (ties by ascending user id, compared exactly as 64-bit integers), ranked from 1.
 * `threshold` marks who is targeted (default: nobody is marked, +Infinity); `labels` fills purchased_in_window;
 * `cutSize` marks the first ranks as the chosen cut (default 0); `probabilities` fills calibrated_probability.
 */
export function targetingList(
  userIds: readonly string[],
  scores: ArrayLike<number>,
  options: { threshold?: number; labels?: ArrayLike<number>; cutSize?: number; probabilities?: ArrayLike<number> } = {},
): TargetRow[] {
  if (userIds.length !== scores.length) throw new Error(`${userIds.length} user ids but ${scores.length} scores`);
  if (options.labels && options.labels.length !== scores.length)
    throw new Error(`${options.labels.length} labels but ${scores.length} scores`);
  if (options.probabilities && options.probabilities.length !== scores.length) {
    throw new Error(`${options.probabilities.length} probabilities but ${scores.length} scores`);
  }
  const threshold = options.threshold ?? Infinity;
  const cutSize = options.cutSize ?? 0;
  if (!Number.isInteger(cutSize) || cutSize < 0 || cutSize > scores.length)
    throw new Error(`cut size must be a whole number in 0..${scores.length}, got ${cutSize}`);
  const ids = userIds.map((u) => BigInt(u));
  const order = Array.from({ length: scores.length }, (_, i) => i).sort((a, b) =>
    scores[b] !== scores[a] ? scores[b]! - scores[a]! : ids[a]! < ids[b]! ? -1 : ids[a]! > ids[b]! ? 1 : 0,
  );
  return order.map((i, k) => ({
    rank: k + 1,
    user_id: userIds[i]!,
    score: scores[i]!,
    targeted: scores[i]! >= threshold ? 1 : 0,
    purchased_in_window: options.labels ? options.labels[i]! : -1,
    in_chosen_cut: k < cutSize ? 1 : 0,
    calibrated_probability: options.probabilities ? options.probabilities[i]! : NaN,
  }));
}

/**
 * The list as CSV with a header line (values are numbers and digit-only ids: nothing to quote; a missing
 * probability is an empty field). New columns are appended, so readers of the first five keep working.
 */
export function targetingCsv(rows: readonly TargetRow[]): string {
  const header = 'rank,user_id,score,targeted,purchased_in_window,in_chosen_cut,calibrated_probability';
  const lines = rows.map(
    (r) =>
      `${r.rank},${r.user_id},${r.score},${r.targeted},${r.purchased_in_window},${r.in_chosen_cut},${Number.isNaN(r.calibrated_probability) ? '' : r.calibrated_probability}`,
  );
  return `${[header, ...lines].join('\n')}\n`;
}

/** File name of the full targeting list in a report folder. */
export const HONEST_TARGETS_FILE = 'honest_targets.csv';

/**
 * Cutoff times of the honest (rolling-origin) evaluation. Cutoffs are midnights (UTC, like the data), so a
 * cutoff doubles as the features' reference date for recency.
 *
 *   data start ── history ──▶ T1 ── train label window (H) ──▶ T2 ── test label window (H) ──▶ T2 + H ≤ data end
 *
 * Training sees events before T1 (features) and purchases in [T1, T1 + H) (labels); T1 + H = T2, so nothing at
 * or after the test cutoff T2 reaches training. The test set is the population at T2: features from events
 * before T2, labels from [T2, T2 + H).
 */
import type { Engine } from '../engine/engine';
import { EVENTS_TABLE } from '../data/schema';

const DAY_MS = 86_400_000;

/** The first and last event times of a table ('YYYY-MM-DD HH:MM:SS'). */
export interface EventTimeRange {
  firstEvent: string;
  lastEvent: string;
}

export interface CutoffOptions {
  /** Length of each label window in days (default 14). */
  horizonDays?: number;
  /** Days of history required before the training cutoff (default 14). */
  minHistoryDays?: number;
  /** Training cutoff T1 'YYYY-MM-DD'; default the latest that fits (so the test window ends at the data's end). */
  trainCutoff?: string;
}

/** The cutoffs of one rolling-origin evaluation; all dates 'YYYY-MM-DD' (midnight), ends exclusive. */
export interface RollingCutoffs {
  /** Midnight starting the day of the first event. */
  dataStart: string;
  /** Midnight after the day of the last event (exclusive end of the data). */
  dataEnd: string;
  horizonDays: number;
  /** T1: training features use events before it; training labels are purchases in [T1, trainLabelEnd). */
  trainCutoff: string;
  trainLabelEnd: string;
  /** T2 = T1 + H: test features use events before it; test labels are purchases in [T2, testLabelEnd). */
  testCutoff: string;
  testLabelEnd: string;
  /** Days between dataStart and T1. */
  historyDays: number;
}

/** A 'YYYY-MM-DD' date as epoch milliseconds (UTC), or an error naming `what`. */
export function parseDate(date: string, what: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const ms = m ? Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!) : NaN;
  if (!m || new Date(ms).toISOString().slice(0, 10) !== date) {
    throw new Error(`${what} must be a calendar date YYYY-MM-DD, got '${date}'`);
  }
  return ms;
}

/** `date` plus `days` days, as 'YYYY-MM-DD'. */
export function addDays(date: string, days: number): string {
  return new Date(parseDate(date, 'date') + days * DAY_MS).toISOString().slice(0, 10);
}

function daysBetween(from: string, to: string): number {
  return Math.round((parseDate(to, 'date') - parseDate(from, 'date')) / DAY_MS);
}

/** The first and last event times of `source` (default the raw `events` table). */
export async function eventTimeRange(engine: Engine, source: string = EVENTS_TABLE): Promise<EventTimeRange> {
  const [row] = await engine.all<{ first_event: string | null; last_event: string | null }>(
    `SELECT MIN(event_time) AS first_event, MAX(event_time) AS last_event FROM ${source}`,
  );
  if (!row?.first_event || !row.last_event) throw new Error(`cannot choose cutoffs: ${source} has no events`);
  return { firstEvent: row.first_event, lastEvent: row.last_event };
}

/** The data's day span and the earliest and latest training cutoffs T1 it allows. */
export interface TrainCutoffRange {
  dataStart: string;
  dataEnd: string;
  /** dataStart + minHistoryDays: the first T1 with enough history. */
  earliestTrainCutoff: string;
  /** dataEnd − 2·H: the last T1 whose test window [T1 + H, T1 + 2H) ends by the data's end. */
  latestTrainCutoff: string;
}

/**
 * The range of training cutoffs the data allows (see chooseCutoffs). Throws when the data is shorter than
 * minHistoryDays + 2·H days, or when H or the history is not a whole number of days >= 1.
 */
export function trainCutoffRange(range: EventTimeRange, options: Omit<CutoffOptions, 'trainCutoff'> = {}): TrainCutoffRange {
  const horizonDays = options.horizonDays ?? 14;
  const minHistoryDays = options.minHistoryDays ?? 14;
  if (!Number.isInteger(horizonDays) || horizonDays < 1) throw new Error(`horizon must be a whole number of days >= 1, got ${horizonDays}`);
  if (!Number.isInteger(minHistoryDays) || minHistoryDays < 1)
    throw new Error(`minimum history must be a whole number of days >= 1, got ${minHistoryDays}`);
  const dataStart = range.firstEvent.slice(0, 10);
  const dataEnd = addDays(range.lastEvent.slice(0, 10), 1);
  const span = daysBetween(dataStart, dataEnd);
  if (span < minHistoryDays + 2 * horizonDays) {
    throw new Error(
      `the data covers ${span} days (${dataStart} to ${dataEnd}), too few for ${minHistoryDays} days of history ` +
        `and two ${horizonDays}-day label windows (${minHistoryDays + 2 * horizonDays} days): load more months or shorten the horizon`,
    );
  }
  return {
    dataStart,
    dataEnd,
    earliestTrainCutoff: addDays(dataStart, minHistoryDays),
    latestTrainCutoff: addDays(dataEnd, -2 * horizonDays),
  };
}

/**
 * Choose T1 and T2 = T1 + H inside the data's time range: by default the latest T1 whose test window
 * [T2, T2 + H) still ends by the data's end, so the test window is the data's last H days (for Oct+Nov and
 * H = 14: T1 = Nov 3, T2 = Nov 17). Throws when the data is shorter than minHistoryDays + 2·H days, or when a
 * given T1 leaves too little history or too little room for the two windows.
 */
export function chooseCutoffs(range: EventTimeRange, options: CutoffOptions = {}): RollingCutoffs {
  const horizonDays = options.horizonDays ?? 14;
  const { dataStart, dataEnd, earliestTrainCutoff, latestTrainCutoff } = trainCutoffRange(range, options);
  const minHistoryDays = options.minHistoryDays ?? 14;
  const trainCutoff = options.trainCutoff ?? latestTrainCutoff;
  parseDate(trainCutoff, 'cutoff');
  if (trainCutoff < earliestTrainCutoff || trainCutoff > latestTrainCutoff) {
    throw new Error(
      `cutoff ${trainCutoff} is outside ${earliestTrainCutoff} .. ${latestTrainCutoff}: it needs ${minHistoryDays} days ` +
        `of history after ${dataStart} and two ${horizonDays}-day windows before ${dataEnd}`,
    );
  }
  const testCutoff = addDays(trainCutoff, horizonDays);
  return {
    dataStart,
    dataEnd,
    horizonDays,
    trainCutoff,
    trainLabelEnd: testCutoff,
    testCutoff,
    testLabelEnd: addDays(testCutoff, horizonDays),
    historyDays: daysBetween(dataStart, trainCutoff),
  };
}

/**
 * The data sizes the benchmark measures. Rows per user were measured by generating (Oct+Nov: 7.7 at 125k users,
 * 7.8 at 1.13M; five months: 7.7), and users picked from them: 9M is the generator's
 * full size (FULL_SIZE_USERS, near the real Oct+Nov 8,738,120 rows), 20M the five public months (~20.7M).
 */
import { FULL_SIZE_USERS } from '../lib/data/generate';

export interface BenchSize {
  /** Label used on the command line, in folder names and in the tables, e.g. '9M'. */
  label: string;
  users: number;
  months: string[];
  /** An out-of-core size (50M, 100M): measured only when --sizes names it, and compared per event with 9M. */
  outOfCore?: true;
}

const TWO_MONTHS = ['2019-Oct', '2019-Nov'];
const FIVE_MONTHS = ['2019-Oct', '2019-Nov', '2019-Dec', '2020-Jan', '2020-Feb'];

export const BENCH_SIZES: readonly BenchSize[] = [
  { label: '1M', users: 130_000, months: TWO_MONTHS },
  { label: '4M', users: 515_000, months: TWO_MONTHS },
  { label: '9M', users: FULL_SIZE_USERS, months: TWO_MONTHS },
  { label: '20M', users: 2_700_000, months: FIVE_MONTHS },
  // Out-of-core sizes (not measured unless asked for with --sizes): two months of a store the size of the
  // multi-category REES46 shop (~110M events), at the generator's ~7.8 rows per user.
  { label: '50M', users: 6_400_000, months: TWO_MONTHS, outOfCore: true },
  { label: '100M', users: 12_800_000, months: TWO_MONTHS, outOfCore: true },
];

/**
 * The full size, the real data's (Oct+Nov): the models train on its table, the commands and the cache runs are
 * timed on it, the study stack's reference and the out-of-core sizes' per-event cost are compared with it.
 */
export const FULL_SIZE = '9M';

/** The sizes measured when --sizes is not given (the out-of-core ones take minutes each). */
export const DEFAULT_BENCH_SIZES = ['1M', '4M', '9M', '20M'];

/** Whether the size labelled `label` is an out-of-core one (false for labels not in the catalogue). */
export function isOutOfCore(label: string): boolean {
  return BENCH_SIZES.some((s) => s.label === label && s.outOfCore === true);
}

/** The sizes named in `list` ('1M,4M'), in the catalogue's order; throws on an unknown label. */
export function selectSizes(list: string | undefined): BenchSize[] {
  if (list === undefined) return BENCH_SIZES.filter((s) => DEFAULT_BENCH_SIZES.includes(s.label));
  const wanted = list
    .split(',')
    .map((s) => s.trim().toUpperCase())
    .filter((s) => s !== '');
  for (const w of wanted) {
    if (!BENCH_SIZES.some((s) => s.label === w)) {
      throw new Error(`unknown size '${w}': expected some of ${BENCH_SIZES.map((s) => s.label).join(',')}`);
    }
  }
  return BENCH_SIZES.filter((s) => wanted.includes(s.label));
}

/**
 * Seeded generator of Kaggle-format monthly event files (the project's default data). It simulates users
 * one at a time (see generator/behaviour.ts) and streams their rows to one file per month, so memory stays
 * bounded at any size. Rows of a user are written together: files are NOT sorted by event_time
 * (the loader and every later stage order by time themselves).
 */
import { mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { createRng, DEFAULT_SEED } from '../random';
import { KAGGLE_HEADER, type EventType } from './schema';
import { BEHAVIOUR_PARAMS, ShopperSimulator, type BehaviourParams, type EventSink } from './generator/behaviour';
import { CATALOGUE_PARAMS, buildCatalogue, type CatalogueParams } from './generator/catalogue';
import { MonthFile } from './generator/monthFile';
import { Timeline } from './generator/timeline';

export interface GenerateOptions {
  /** Output directory (created if missing); files are `<month>.csv` or `<month>.csv.gz` inside it. */
  out: string;
  /** Number of distinct raw users (default DEFAULT_USERS). */
  users?: number;
  /** Months to generate, e.g. ['2019-Oct', '2019-Nov'] (the default). */
  months?: string[];
  seed?: number;
  gzip?: boolean;
  /** true: progress lines on stderr; a function: receives them. */
  progress?: boolean | ((line: string) => void);
  /** Overrides of the behaviour knobs (calibration experiments); default BEHAVIOUR_PARAMS. */
  behaviour?: Partial<BehaviourParams>;
  /** Overrides of the catalogue knobs (calibration experiments); default CATALOGUE_PARAMS. */
  catalogue?: Partial<CatalogueParams>;
}

export interface GeneratedFile {
  path: string;
  rows: number;
  bytes: number;
}

export interface GenerateResult {
  files: GeneratedFile[];
  rows: number;
  users: number;
}

/** Default raw users: ~1.07M rows and ~24k modelled users on Oct+Nov, small enough for notebooks to run quickly. */
export const DEFAULT_USERS = 125_000;
/** Raw users giving real-data size on Oct+Nov (~8.8M rows, ~225k modelled users; about 2.7M users give the five months' ~20.7M). */
export const FULL_SIZE_USERS = 1_120_000;
export const DEFAULT_MONTHS = ['2019-Oct', '2019-Nov'];
export { DEFAULT_SEED };

/** Share of rows written twice (exact duplicates, removed by the study's UNION). */
const DUPLICATE_RATE = 0.008;
/**
 * One row in this many has an empty user_session: 8,738,120 / (8,738,120 - 8,736,670). Taken by a row
 * counter rather than by chance, because the share is so small that chance would swing it on small data.
 */
const NULL_SESSION_EVERY = Math.round(8_738_120 / (8_738_120 - 8_736_670));

const TYPE_FIELD: Record<string, string> = {
  view: ',view,',
  cart: ',cart,',
  remove_from_cart: ',remove_from_cart,',
  purchase: ',purchase,',
};

/** Resolve `file` inside `dir` and refuse anything that would land outside it. */
export function insideDirectory(dir: string, file: string): string {
  const root = path.resolve(dir);
  const target = path.resolve(root, file);
  const rel = path.relative(root, target);
  if (rel === '' || rel === '..' || rel.startsWith(`..${path.sep}`) || path.isAbsolute(rel)) {
    throw new Error(`refusing to write '${file}': it resolves outside the output directory ${root}`);
  }
  return target;
}

/** Generate the monthly files; same options give byte-identical files. */
export async function generateKaggleFiles(options: GenerateOptions): Promise<GenerateResult> {
  const users = options.users ?? DEFAULT_USERS;
  if (!Number.isSafeInteger(users) || users < 1) throw new Error(`users must be a positive integer, got ${users}`);
  const seed = options.seed ?? DEFAULT_SEED;
  const timeline = new Timeline(options.months ?? DEFAULT_MONTHS);
  const report = progressReporter(options.progress);
  const root = path.resolve(options.out);
  const ext = options.gzip ? '.csv.gz' : '.csv';
  const paths = timeline.months.map((m) => insideDirectory(root, m.name + ext));
  await mkdir(root, { recursive: true });

  // Separate streams so the catalogue does not depend on the number of users.
  const master = createRng(seed);
  const catalogue = buildCatalogue(master.fork(), { ...CATALOGUE_PARAMS, ...options.catalogue });
  const rng = master.fork();
  const noise = master.fork();

  const files = paths.map((p) => new MonthFile(p, options.gzip === true, KAGGLE_HEADER));
  const lastSecond = timeline.totalSeconds - 1;
  let userId = '';
  // `,user_id,user_session` is the same for every row of a session: render it once per session.
  let suffixSession = '\u0000';
  let suffix = '';
  let nullSuffix = '';
  let counter = 0;
  const write = (t: number, type: string, fields: string, session: string): void => {
    const time = Math.min(t, lastSecond);
    const month = timeline.monthOf(time);
    if (session !== suffixSession) {
      suffixSession = session;
      suffix = `${userId}${session}`;
    }
    const line = timeline.format(month, time) + TYPE_FIELD[type] + fields + (++counter % NULL_SESSION_EVERY === 0 ? nullSuffix : suffix);
    files[month]!.add(line);
    if (noise.next() < DUPLICATE_RATE) files[month]!.add(line);
  };
  const sink: EventSink = {
    event: (t: number, type: EventType, product: number, session: string) => write(t, type, catalogue.fields[product]!, session),
    refund: (t: number, product: number, session: string) => write(t, 'purchase', catalogue.refundFields(product), session),
  };
  const simulator = new ShopperSimulator(rng, catalogue, timeline.totalSeconds, sink, { ...BEHAVIOUR_PARAMS, ...options.behaviour });

  // Distinct user ids spread up to ~6.2e8 like the real ones, increasing with the user's index.
  const stride = Math.max(1, Math.floor(520_000_000 / users));
  const started = Date.now();
  const every = Math.max(1_000, Math.ceil(users / 20));
  try {
    for (let i = 0; i < users; i++) {
      userId = `,${100_000_000 + i * stride + rng.int(stride)},`;
      nullSuffix = userId;
      suffixSession = '\u0000';
      simulator.user();
      for (const f of files) await f.flushIfFull();
      if (report && (i + 1) % every === 0) {
        report(`generated ${i + 1}/${users} users, ${totalRows(files)} rows, ${secondsSince(started)}s`);
      }
    }
    for (const f of files) await f.close();
  } catch (err) {
    for (const f of files) f.destroy();
    throw err;
  }
  const out: GeneratedFile[] = [];
  for (const f of files) out.push({ path: f.path, rows: f.rows, bytes: (await stat(f.path)).size });
  report?.(`done: ${users} users, ${totalRows(files)} rows in ${secondsSince(started)}s`);
  return { files: out, rows: totalRows(files), users };
}

function totalRows(files: MonthFile[]): number {
  return files.reduce((s, f) => s + f.rows, 0);
}

function secondsSince(t: number): string {
  return ((Date.now() - t) / 1000).toFixed(1);
}

function progressReporter(progress: GenerateOptions['progress']): ((line: string) => void) | undefined {
  if (typeof progress === 'function') return progress;
  if (progress === true) return (line) => process.stderr.write(`${line}\n`);
  return undefined;
}

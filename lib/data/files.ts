import fs from 'node:fs';
import path from 'node:path';
import { KAGGLE_MONTHS } from './schema';

/** File name endings the loader reads: plain CSV, or gzip-compressed CSV read directly by DuckDB. */
const EXTENSIONS = ['.csv', '.csv.gz'] as const;

/**
 * The monthly event files to load.
 * - A folder: its Kaggle month files (`2019-Oct.csv`, `2020-Feb.csv.gz`, ...), in month order; other files
 *   are ignored. Fails when none is there, or when one month is present both plain and gzipped.
 * - A file, or a list of files: kept as given (the caller chose the order); each must exist.
 */
export function listEventFiles(source: string | string[]): string[] {
  if (Array.isArray(source)) {
    if (source.length === 0) throw new Error('no input files given');
    for (const file of source) requireFile(file);
    return [...source];
  }
  const stat = statOrNull(source);
  if (!stat) throw new Error(`no such file or folder: ${source}`);
  if (!stat.isDirectory()) {
    requireFile(source);
    return [source];
  }
  return listMonthFiles(source);
}

function listMonthFiles(folder: string): string[] {
  const names = new Set(fs.readdirSync(folder));
  const found: string[] = [];
  for (const month of KAGGLE_MONTHS) {
    const present = EXTENSIONS.map((ext) => month + ext).filter((name) => names.has(name));
    if (present.length > 1) {
      // Loading both would double the month; picking one silently could pick a stale copy.
      throw new Error(`folder ${folder} holds both ${present.join(' and ')}: keep only one of them`);
    }
    if (present.length === 1) found.push(path.join(folder, present[0]!));
  }
  if (found.length === 0) {
    throw new Error(
      `folder ${folder} holds no Kaggle month file: expected names like ${KAGGLE_MONTHS[0]}.csv or ` +
        `${KAGGLE_MONTHS[1]}.csv.gz (months ${KAGGLE_MONTHS.join(', ')})`,
    );
  }
  return found;
}

function requireFile(file: string): void {
  const stat = statOrNull(file);
  if (!stat) throw new Error(`no such file: ${file}`);
  if (!stat.isFile()) throw new Error(`not a regular file: ${file}`);
}

function statOrNull(p: string): fs.Stats | null {
  try {
    return fs.statSync(p);
  } catch {
    return null;
  }
}

/** The Kaggle month a file holds, from its name (`2019-Nov.csv.gz` → `2019-Nov`), or null for other names. */
export function monthOfFile(file: string): string | null {
  const name = path.basename(file);
  const ext = EXTENSIONS.find((e) => name.endsWith(e));
  const month = ext ? name.slice(0, -ext.length) : null;
  return month !== null && (KAGGLE_MONTHS as readonly string[]).includes(month) ? month : null;
}

/**
 * Months missing inside the span of the given month files (Oct and Dec without Nov → Nov), one message per
 * gap. A gap is not an error (a user may mean it), but every span-based feature (recency, range of visits,
 * days between sessions) silently stretches over it, so the loader warns. Files not named after a month
 * are left out of the check.
 */
export function monthGapWarnings(files: readonly string[]): string[] {
  const present = new Set(files.map(monthOfFile).filter((m): m is string => m !== null));
  const indices = KAGGLE_MONTHS.map((m, i) => (present.has(m) ? i : -1)).filter((i) => i >= 0);
  const warnings: string[] = [];
  for (let k = 1; k < indices.length; k++) {
    const missing = KAGGLE_MONTHS.slice(indices[k - 1]! + 1, indices[k]);
    if (missing.length === 0) continue;
    const before = KAGGLE_MONTHS[indices[k - 1]!];
    const after = KAGGLE_MONTHS[indices[k]!];
    warnings.push(
      `month ${missing.join(', ')} missing between ${before} and ${after} (no ${missing.map((m) => `${m}.csv`).join(', ')} ` +
        `or .csv.gz): recency, range of visits and days between sessions will span the gap`,
    );
  }
  return warnings;
}

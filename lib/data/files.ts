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
    if (present.length === 1) found.push(path.join(folder, present[0]));
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

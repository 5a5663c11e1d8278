/**
 * Tables shown in a notebook that the report reuses (the deck's slides). `showRecordedTable(rows, name)`
 * displays the table like `showTable` and, when the run has a figure folder (PURCHASE_FIGURE_DIR), records
 * its rows as `<name>.table.json` beside the figure specs; a notebook run by hand writes nothing.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TableRow } from '../plots/htmlTable';
import { showTable } from '../plots/show';
import { writeFileAtomic } from '../io/atomicWrite';
import { readdirIfExists } from '../io/readdirIfExists';
import { readNotebookParameters } from './contract';
import { checkFigureName } from './figureRecorder';

/** File name ending of a recorded table (figure specs are `<name>.json`). */
export const TABLE_SUFFIX = '.table.json';

/** A recorded table: its name, rows and the decimal places it is shown with. */
export type RecordedTable = { name: string; rows: TableRow[]; digits?: number };

/** Writes `<dir>/<name>.table.json` (a re-run of the cell replaces it). */
export function recordTable(dir: string, table: RecordedTable): string {
  const path = join(dir, `${checkFigureName(table.name)}${TABLE_SUFFIX}`);
  writeFileAtomic(path, JSON.stringify(table));
  return path;
}

/** Displays `rows` as an HTML table and records them under `name` when the run has a figure folder. */
export function showRecordedTable(rows: TableRow[], name: string, options: { digits?: number } = {}): void {
  checkFigureName(name);
  showTable(rows, options);
  const dir = readNotebookParameters().figureDir;
  if (dir) recordTable(dir, { name, rows, ...(options.digits === undefined ? {} : { digits: options.digits }) });
}

/** Every table recorded in `dir`, sorted by name (no folder: none). */
export function readRecordedTables(dir: string): RecordedTable[] {
  return readdirIfExists(dir)
    .filter((f) => f.endsWith(TABLE_SUFFIX) && !f.startsWith('.'))
    .sort()
    .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as RecordedTable);
}

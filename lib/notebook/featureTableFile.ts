/**
 * The hand-off between the two notebooks of a report run: the EDA notebook builds the modelling table
 * once (load, clean and features are most of the run's time) and saves it; the modelling notebook reads
 * it instead of recomputing the pipeline. JSON keeps every value exact (user ids as text, doubles as
 * written by JavaScript) and needs no parser of its own.
 */
import { readFileSync } from 'node:fs';
import type { FeatureTable } from '../features/featureTable';
import { writeFileAtomic } from '../io/atomicWrite';

/** File name of the hand-off inside the report folder. */
export const FEATURE_TABLE_FILE = 'modelling_table.json';

type StoredTable = {
  /** What the table was built from (data folder, backend, mode, reference date): a reader checks it. */
  source: string;
  rows: number;
  userIds: string[];
  purchased: number[];
  rfmScore: string[];
  columns: Record<string, number[]>;
};

/** Writes `table` to `path` (atomically: a stopped run leaves no truncated file), labelled with its `source`. */
export function writeFeatureTableFile(path: string, table: FeatureTable, source: string): void {
  const stored: StoredTable = {
    source,
    rows: table.rows,
    userIds: table.userIds,
    purchased: Array.from(table.purchased),
    rfmScore: table.rfmScore,
    columns: Object.fromEntries(Object.entries(table.columns).map(([name, values]) => [name, Array.from(values)])),
  };
  writeFileAtomic(path, JSON.stringify(stored));
}

/**
 * Reads a table written by {@link writeFeatureTableFile}, checking that every column has `rows` values.
 * Returns undefined when the file was built from another `source` (a stale hand-off of an earlier run).
 */
export function readFeatureTableFile(path: string, source: string): FeatureTable | undefined {
  const stored = JSON.parse(readFileSync(path, 'utf8')) as StoredTable;
  if (stored.source !== source) return undefined;
  const lengths = [
    stored.userIds.length,
    stored.purchased.length,
    stored.rfmScore.length,
    ...Object.values(stored.columns).map((c) => c.length),
  ];
  if (lengths.some((n) => n !== stored.rows))
    throw new Error(`${path}: column lengths ${lengths.join(', ')} differ from ${stored.rows} rows`);
  return {
    rows: stored.rows,
    userIds: stored.userIds,
    purchased: Uint8Array.from(stored.purchased),
    rfmScore: stored.rfmScore,
    columns: Object.fromEntries(Object.entries(stored.columns).map(([name, values]) => [name, Float64Array.from(values)])),
  };
}

/**
 * Model rows of a modelling table, read only as far as a step needs them: the labels of every user, and the
 * feature matrices of chosen rows. From a FeatureTable already in memory, or streamed from an engine table
 * straight into the matrices, so a 0.8M-user table never exists as columns and strings beside its matrix
 * (at 9M events that was ~0.3 GB per cutoff table in the honest evaluation).
 */
import { DuckDbEngine } from '../engine/duckdb';
import type { Engine } from '../engine/engine';
import type { Labels, Matrix } from '../prep/matrix';
import { TARGET_COLUMN } from './columns';
import { entry } from '../entry';
import { countRows, MODELLING_ROW_ORDER, readColumns, readFeatureTable, streamRows, toMatrix, type FeatureTable } from './featureTable';
import { sqlIdentifier } from './sql';

/** Rows of one modelling table: row i is the same user in `labels` and in every matrix asked for. */
export interface RowSource {
  rows: number;
  /** purchased per row (0/1). */
  labels: Labels;
  /**
   * One matrix per entry of `samples`, of the columns `features`: a list of distinct row positions (in that
   * order), or null for every row. All are filled in one pass over the table.
   */
  matrices(features: readonly string[], samples: readonly (ArrayLike<number> | null)[]): Promise<Matrix[]>;
  /** user_id of every row (read when asked for: only targeting lists need them). */
  userIds(): Promise<string[]>;
}

/** A RowSource over a FeatureTable in memory. */
export function tableRowSource(table: FeatureTable): RowSource {
  return {
    rows: table.rows,
    labels: table.purchased,
    matrices: async (features, samples) =>
      samples.map((rows) => {
        if (rows) rowTargets(rows, table.rows, 'the feature table');
        return toMatrix(table, features, rows ?? undefined).X;
      }),
    userIds: async () => table.userIds,
  };
}

/**
 * A RowSource over `table` in the engine: the labels are read now, the matrices when asked for. On DuckDB the
 * rows stream chunk by chunk into the matrices; on PostgreSQL the table is read whole (rows come as objects).
 */
export async function engineRowSource(engine: Engine, table: string): Promise<RowSource> {
  if (!(engine instanceof DuckDbEngine)) return tableRowSource(await readFeatureTable(engine, table));
  const labels = await streamLabels(engine, table);
  return {
    rows: labels.length,
    labels,
    matrices: (features, samples) => streamMatrices(engine, table, labels.length, features, samples),
    userIds: async () => {
      const read = await readColumns(engine, table, { columns: ['user_id'], textColumns: ['user_id'], orderBy: MODELLING_ROW_ORDER });
      return entry(read.text, 'user_id', table);
    },
  };
}

async function streamLabels(engine: DuckDbEngine, table: string): Promise<Labels> {
  const labels = new Uint8Array(await countRows(engine, table));
  await streamRows(
    engine,
    `SELECT CAST(${TARGET_COLUMN} AS DOUBLE) FROM ${table} ORDER BY ${MODELLING_ROW_ORDER}`,
    table,
    labels.length,
    (chunk, offset, n) => {
      const vector = chunk.getColumnVector(0);
      for (let i = 0; i < n; i++) {
        const v = vector.getItem(i);
        if (v !== 0 && v !== 1) throw new Error(`${table}: row ${offset + i}: ${TARGET_COLUMN} must be 0 or 1, got ${v}`);
        labels[offset + i] = v;
      }
    },
  );
  return labels;
}

async function streamMatrices(
  engine: DuckDbEngine,
  table: string,
  rows: number,
  features: readonly string[],
  samples: readonly (ArrayLike<number> | null)[],
): Promise<Matrix[]> {
  const cols = features.length;
  // where each table row goes in each output (-1: not in that sample)
  const targets = samples.map((sample) => (sample === null ? null : rowTargets(sample, rows, table)));
  const out = samples.map((sample) => new Float64Array((sample === null ? rows : sample.length) * cols));
  const select = features.map((f) => `CAST(${sqlIdentifier(f)} AS DOUBLE)`).join(', ');
  await streamRows(engine, `SELECT ${select} FROM ${table} ORDER BY ${MODELLING_ROW_ORDER}`, table, rows, (chunk, offset, n) => {
    for (let j = 0; j < cols; j++) {
      const vector = chunk.getColumnVector(j);
      for (let i = 0; i < n; i++) {
        const r = offset + i;
        let value: number | undefined;
        for (let s = 0; s < out.length; s++) {
          const at = targets[s]!;
          const p = at === null ? r : at[r]!;
          if (p < 0) continue;
          if (value === undefined) {
            const v = vector.getItem(i);
            value = v === null ? NaN : (v as number);
          }
          out[s]![p * cols + j] = value;
        }
      }
    }
  });
  return out.map((data, s) => ({ rows: samples[s] === null ? rows : samples[s]!.length, cols, data, names: [...features] }));
}

/** Where each of `rows` table rows goes in the output of `sample` (-1: not in it); positions must be distinct and in range. */
function rowTargets(sample: ArrayLike<number>, rows: number, table: string): Int32Array {
  const at = new Int32Array(rows).fill(-1);
  for (let k = 0; k < sample.length; k++) {
    const i = sample[k]!;
    if (!(Number.isInteger(i) && i >= 0 && i < rows)) throw new Error(`row index ${i} is outside 0..${rows - 1} of ${table}`);
    if (at[i] !== -1) throw new Error(`row ${i} of ${table} is asked for twice in one sample`);
    at[i] = k;
  }
  return at;
}

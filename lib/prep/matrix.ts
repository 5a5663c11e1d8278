/**
 * The columnar hand-off between the SQL stages and the models: a dense row-major matrix of doubles.
 * Row-major because every model reads whole rows (distances, dot products, tree descents).
 */
export interface Matrix {
  readonly rows: number;
  readonly cols: number;
  /** Row-major values: element (i, j) is data[i * cols + j]. */
  readonly data: Float64Array;
  /** Optional column names (feature names), length `cols`. */
  readonly names?: readonly string[];
}

/** Binary target: 0 or 1 per row. */
export type Labels = Uint8Array;

/** Build a Matrix from an array of rows (small data, tests, notebooks). */
export function matrixFromRows(rows: readonly (readonly number[])[], names?: readonly string[]): Matrix {
  const r = rows.length;
  const c = r === 0 ? (names?.length ?? 0) : rows[0]!.length;
  const data = new Float64Array(r * c);
  for (let i = 0; i < r; i++) {
    if (rows[i]!.length !== c) throw new Error(`row ${i} has ${rows[i]!.length} values, expected ${c}`);
    data.set(rows[i]!, i * c);
  }
  return { rows: r, cols: c, data, names };
}

/**
 * Build a Matrix from named columns of equal length; with `rows`, only those rows, in that order (the same as
 * `takeRows` of the whole matrix, without building it).
 */
export function matrixFromColumns(columns: readonly ArrayLike<number>[], names?: readonly string[], rows?: ArrayLike<number>): Matrix {
  const c = columns.length;
  const length = c === 0 ? 0 : columns[0]!.length;
  const r = rows ? rows.length : length;
  const data = new Float64Array(r * c);
  for (let j = 0; j < c; j++) {
    const col = columns[j]!;
    if (col.length !== length) throw new Error(`column ${names?.[j] ?? j} has ${col.length} values, expected ${length}`);
    if (!rows) {
      for (let i = 0; i < r; i++) data[i * c + j] = col[i]!;
      continue;
    }
    for (let k = 0; k < r; k++) {
      const i = rows[k]!;
      if (!(i >= 0 && i < length)) throw new Error(`row index ${i} is outside 0..${length - 1}`);
      data[k * c + j] = col[i]!;
    }
  }
  return { rows: r, cols: c, data, names };
}

/** Copy of the rows at `indices`, in that order. */
export function takeRows(m: Matrix, indices: ArrayLike<number>): Matrix {
  const data = new Float64Array(indices.length * m.cols);
  for (let k = 0; k < indices.length; k++) {
    const i = indices[k]!;
    data.set(m.data.subarray(i * m.cols, (i + 1) * m.cols), k * m.cols);
  }
  return { rows: indices.length, cols: m.cols, data, names: m.names };
}

/** Values of `y` at `indices`. */
export function takeLabels(y: Labels, indices: ArrayLike<number>): Labels {
  const out = new Uint8Array(indices.length);
  for (let k = 0; k < indices.length; k++) out[k] = y[indices[k]!]!;
  return out;
}

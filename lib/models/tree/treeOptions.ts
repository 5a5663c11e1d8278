import type { GrowOptions } from './growTree';

/** Options shared by the decision tree and the random forest (sklearn's defaults unless stated). */
export interface TreeOptions {
  /** Maximum depth (root = 0); default unlimited. */
  maxDepth?: number;
  /** Minimum rows to split a node; default 2. */
  minSamplesSplit?: number;
  /** Minimum rows in each child; default 1. */
  minSamplesLeaf?: number;
  /** Features searched per node: 'sqrt' = max(1, floor(√p)), 'all', or a count (integer ≥ 1) / fraction (0 < x < 1, of p). */
  maxFeatures?: 'sqrt' | 'all' | number;
  /** 'exact' (sklearn's best splitter) or 'hist' (quantile bins computed once; faster on large tables). */
  splitter?: 'exact' | 'hist';
  /** Histogram splitter: bins per feature, 2..255; default 255. */
  maxBins?: number;
  /** Seed for feature sampling (and a forest's bootstrap); default 0. */
  seed?: number;
}

/** Resolve user options against p features into the numbers the grower uses, rejecting nonsense early. */
export function resolveGrowOptions(
  options: TreeOptions,
  nFeatures: number,
  defaultMaxFeatures: 'sqrt' | 'all',
  modelName: string,
): GrowOptions {
  const maxDepth = options.maxDepth ?? Infinity;
  const minSamplesSplit = options.minSamplesSplit ?? 2;
  const minSamplesLeaf = options.minSamplesLeaf ?? 1;
  if (!(maxDepth >= 0) || (maxDepth !== Infinity && !Number.isInteger(maxDepth)))
    throw new Error(`${modelName}: maxDepth must be a non-negative integer, got ${maxDepth}`);
  if (!Number.isInteger(minSamplesSplit) || minSamplesSplit < 2)
    throw new Error(`${modelName}: minSamplesSplit must be an integer >= 2, got ${minSamplesSplit}`);
  if (!Number.isInteger(minSamplesLeaf) || minSamplesLeaf < 1)
    throw new Error(`${modelName}: minSamplesLeaf must be an integer >= 1, got ${minSamplesLeaf}`);
  const mf = options.maxFeatures ?? defaultMaxFeatures;
  let maxFeatures: number;
  if (mf === 'all') maxFeatures = nFeatures;
  else if (mf === 'sqrt') maxFeatures = Math.max(1, Math.floor(Math.sqrt(nFeatures)));
  else if (typeof mf === 'number' && mf > 0 && mf < 1) maxFeatures = Math.max(1, Math.floor(mf * nFeatures));
  else if (typeof mf === 'number' && Number.isInteger(mf) && mf >= 1 && mf <= nFeatures) maxFeatures = mf;
  else
    throw new Error(
      `${modelName}: maxFeatures must be 'sqrt', 'all', a fraction in (0, 1) or an integer in 1..${nFeatures}, got ${String(mf)}`,
    );
  return { maxDepth, minSamplesSplit, minSamplesLeaf, maxFeatures };
}

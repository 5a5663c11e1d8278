import type { Labels, Matrix } from '../prep/matrix';
import { labelsFromProba, type Classifier } from './estimator';
import { assertFitInput, assertPredictInput } from './validate';
import { featureImportanceOf, parseXGBoostModel, type ImportanceType, type ParsedXGBoostModel } from './xgboostModelDump';

/**
 * XGBoost through ml-xgboost: the real XGBoost C++ library (a pre-1.0 release) compiled to WebAssembly.
 *
 * Things the wrapper takes care of:
 * - The WASM module loads asynchronously while `Classifier.fit` is synchronous: `await loadXGBoost()` once (or
 *   build models with the async `createXGBoostClassifier`) before fitting.
 * - ml-xgboost's defaults differ from XGBoost's (subsample 0.5!); every parameter is passed explicitly.
 * - ml-xgboost builds its DMatrix with missing = −1, so a feature equal to −1 (e.g. after standard scaling)
 *   would silently become "missing". Such values are nudged to the next float32 below −1 (−1 − 2⁻²³), which
 *   keeps their order relative to every other float32 value. XGBoost works in float32 anyway.
 * - WASM memory is not garbage collected: a refit frees the previous booster, `dispose()` frees it explicitly,
 *   and a FinalizationRegistry frees boosters of models that are garbage collected without `dispose()`.
 */

/** The ml-xgboost booster object (untyped JavaScript package). */
interface MlXGBoostBooster {
  train(X: number[][], y: number[]): void;
  predict(X: number[][]): number[];
  toJSON(): { model: number[] };
  free(): void;
}
type MlXGBoostConstructor = new (options: Record<string, unknown>) => MlXGBoostBooster;

let boosterClass: MlXGBoostConstructor | null = null;
let loading: Promise<void> | null = null;

/** Load the XGBoost WebAssembly module (idempotent). Must complete before the first fit. */
export function loadXGBoost(): Promise<void> {
  if (!loading) {
    // Under Node, Emscripten's loader first tries a streaming compile from a file path, fails, says so on the
    // console ("wasm streaming compile failed ... falling back to ArrayBuffer instantiation") and then loads
    // fine. That harmless notice would look like an error in every notebook, so it alone is filtered out.
    const restore = filterConsole(/wasm streaming compile failed|falling back to ArrayBuffer instantiation/);
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const ready = require('ml-xgboost') as Promise<MlXGBoostConstructor>;
      loading = ready.then(
        (cls) => {
          restore();
          boosterClass = cls;
        },
        (err: unknown) => {
          restore();
          throw err;
        },
      );
    } catch (err) {
      restore();
      throw err;
    }
  }
  return loading;
}

/** Drop console.warn/error messages matching `pattern` until the returned function is called. */
function filterConsole(pattern: RegExp): () => void {
  const { warn, error } = console;
  const keep =
    (write: (...args: unknown[]) => void) =>
    (...args: unknown[]) => {
      if (!pattern.test(args.map(String).join(' '))) write(...args);
    };
  console.warn = keep(warn);
  console.error = keep(error);
  return () => {
    console.warn = warn;
    console.error = error;
  };
}

const boosterFinalizer = new FinalizationRegistry<MlXGBoostBooster>((booster) => booster.free());

/** Options of {@link XGBoostClassifier}, named after XGBoost's scikit-learn API (camelCase). */
export interface XGBoostOptions {
  /** Boosting rounds (`n_estimators`), default 100. */
  nEstimators?: number;
  /** Maximum tree depth (`max_depth`), default 3 (the study's). */
  maxDepth?: number;
  /** Shrinkage (`learning_rate` / eta), default 0.1. */
  learningRate?: number;
  /** Row subsampling per tree (`subsample`), default 1 (ml-xgboost's own default of 0.5 is overridden). */
  subsample?: number;
  /** Column subsampling per tree (`colsample_bytree`), default 1. */
  colsampleBytree?: number;
  /** Column subsampling per tree level (`colsample_bylevel`), default 1. This XGBoost has no colsample_bynode. */
  colsampleBylevel?: number;
  /** Minimum hessian sum in a child (`min_child_weight`), default 1. */
  minChildWeight?: number;
  /** Minimum loss reduction to split (`gamma`), default 0. */
  gamma?: number;
  /** L2 penalty on leaf weights (`reg_lambda`), default 1. */
  regLambda?: number;
  /** L1 penalty on leaf weights (`reg_alpha`), default 0. */
  regAlpha?: number;
  /** Initial prediction (`base_score`), default 0.5. */
  baseScore?: number;
  /** Trees grown per round (`num_parallel_tree`), default 1; > 1 makes a boosted random forest. */
  numParallelTree?: number;
  /** Split finding (`tree_method`), default 'exact' (the old library's 'auto' also picks exact at this size). */
  treeMethod?: 'exact' | 'approx';
  /** Random seed (`random_state` / seed), default 0. */
  seed?: number;
}

const DEFAULTS: Required<XGBoostOptions> = {
  nEstimators: 100,
  maxDepth: 3,
  learningRate: 0.1,
  subsample: 1,
  colsampleBytree: 1,
  colsampleBylevel: 1,
  minChildWeight: 1,
  gamma: 0,
  regLambda: 1,
  regAlpha: 0,
  baseScore: 0.5,
  numParallelTree: 1,
  treeMethod: 'exact',
  seed: 0,
};

/** The float32 just below −1: stands in for −1, which ml-xgboost would read as "missing". */
const BELOW_MINUS_ONE = Math.fround(-1 - 2 ** -23);

/**
 * Rows predicted per call of the library: its input is an array of JavaScript arrays (and a copy of it), ~200
 * bytes per row, so scoring 0.8M users at once held ~0.3 GB of transient heap; the scores are the same.
 */
const PREDICT_BATCH_ROWS = 32_768;

/** Rows [start, end) of X as number[][] for ml-xgboost, with −1 (in float32) moved off the missing-value marker. */
function toRowArrays(X: Matrix, start = 0, end = X.rows): number[][] {
  const rows: number[][] = new Array(end - start);
  for (let i = start; i < end; i++) {
    const row = new Array<number>(X.cols);
    for (let j = 0; j < X.cols; j++) {
      const v = X.data[i * X.cols + j]!;
      row[j] = Math.fround(v) === -1 ? BELOW_MINUS_ONE : v;
    }
    rows[i - start] = row;
  }
  return rows;
}

/** Gradient-boosted trees for binary classification (`XGBClassifier(objective='binary:logistic')`). */
export class XGBoostClassifier implements Classifier {
  readonly name: string = 'xgboost';
  readonly options: Required<XGBoostOptions>;
  private booster: MlXGBoostBooster | null = null;
  private parsed: ParsedXGBoostModel | null = null;
  private nFeatures = -1;
  private featureNames: string[] = [];

  constructor(options: XGBoostOptions = {}) {
    this.options = { ...DEFAULTS, ...options };
    const o = this.options;
    if (!Number.isInteger(o.nEstimators) || o.nEstimators < 1) throw new Error(`${this.name}: nEstimators must be a positive integer`);
    if (!Number.isInteger(o.maxDepth) || o.maxDepth < 1) throw new Error(`${this.name}: maxDepth must be a positive integer`);
    for (const key of ['subsample', 'colsampleBytree', 'colsampleBylevel'] as const) {
      if (!(o[key] > 0 && o[key] <= 1)) throw new Error(`${this.name}: ${key} must be in (0, 1], got ${o[key]}`);
    }
  }

  /** The XGBoost parameters sent to the library (its own names), for this many features. */
  protected boosterParams(_nFeatures: number): Record<string, unknown> {
    const o = this.options;
    return {
      booster: 'gbtree',
      objective: 'binary:logistic',
      silent: 1,
      nthread: 1,
      max_depth: o.maxDepth,
      eta: o.learningRate,
      subsample: o.subsample,
      colsample_bytree: o.colsampleBytree,
      colsample_bylevel: o.colsampleBylevel,
      min_child_weight: o.minChildWeight,
      gamma: o.gamma,
      lambda: o.regLambda,
      alpha: o.regAlpha,
      base_score: o.baseScore,
      num_parallel_tree: o.numParallelTree,
      tree_method: o.treeMethod,
      seed: o.seed,
      iterations: o.nEstimators,
    };
  }

  /** Train a fresh booster (the previous one, if any, is freed). */
  fit(X: Matrix, y: Labels): this {
    assertFitInput(X, y, this.name);
    if (!boosterClass) throw new Error(`${this.name}: the XGBoost WebAssembly module is not loaded; await loadXGBoost() first`);
    this.dispose();
    const booster = new boosterClass(this.boosterParams(X.cols));
    booster.train(toRowArrays(X), Array.from(y));
    this.booster = booster;
    boosterFinalizer.register(this, booster, this);
    this.nFeatures = X.cols;
    this.featureNames = Array.from({ length: X.cols }, (_, j) => X.names?.[j] ?? `f${j}`);
    this.parsed = null;
    return this;
  }

  /** P(y = 1) from the booster. */
  predictProba(X: Matrix): Float64Array {
    assertPredictInput(X, this.booster ? this.nFeatures : -1, this.name);
    const out = new Float64Array(X.rows);
    for (let start = 0; start < X.rows; start += PREDICT_BATCH_ROWS) {
      const end = Math.min(X.rows, start + PREDICT_BATCH_ROWS);
      out.set(this.booster!.predict(toRowArrays(X, start, end)), start);
    }
    return out;
  }

  /** 1 where P(y = 1) > 0.5, as XGBClassifier.predict. */
  predict(X: Matrix): Labels {
    return labelsFromProba(this.predictProba(X));
  }

  /** The trained trees, read from the booster's saved model. */
  model(): ParsedXGBoostModel {
    if (!this.booster) throw new Error(`${this.name}: not fitted yet; call fit() before reading the model`);
    if (!this.parsed) this.parsed = parseXGBoostModel(this.booster.toJSON().model);
    return this.parsed;
  }

  /**
   * Feature importance as XGBoost's `get_score(importance_type)`; 'weight' (default) is the number of splits on
   * each feature, the study's bar chart. Sorted by score, largest first (ties by feature order); features never
   * used are left out, as in XGBoost.
   */
  featureImportance(type: ImportanceType = 'weight'): { feature: string; score: number }[] {
    const scores = featureImportanceOf(this.model(), type);
    return [...scores.entries()]
      .sort((a, b) => b[1] - a[1] || a[0] - b[0])
      .map(([f, score]) => ({ feature: this.featureNames[f] ?? `f${f}`, score }));
  }

  /** Free the WebAssembly memory of the booster now (safe to call twice; the model must be refitted to use again). */
  dispose(): void {
    if (this.booster) {
      boosterFinalizer.unregister(this);
      this.booster.free();
      this.booster = null;
      this.parsed = null;
    }
  }
}

/** Options of {@link XGBoostRandomForest}. */
export interface XGBoostRandomForestOptions {
  /** Trees in the forest (`num_parallel_tree` of the single round), default 100. */
  nEstimators?: number;
  /** Maximum depth, default 6 (XGBoost's default; the forest has no shrinkage so depth carries the fit). */
  maxDepth?: number;
  /** Row sample per tree (without replacement, XGBoost has no bootstrap), default 0.632 ≈ a bootstrap's distinct share. */
  subsample?: number;
  /** Features sampled per level; default √d / d (sklearn forest's max_features='sqrt', per level, not per node). */
  colsampleBylevel?: number;
  /** Minimum hessian sum in a child, default 1. */
  minChildWeight?: number;
  /** L2 penalty on leaf weights, default 1e-5 as XGBoost's XGBRFClassifier (leaves ≈ plain averages). */
  regLambda?: number;
  seed?: number;
}

/**
 * XGBoost's random-forest mode (one boosting round of `num_parallel_tree` trees, eta 1, row and column
 * subsampling), for comparison with the project's own random forest. The column sampling is per tree level
 * because this XGBoost build predates `colsample_bynode`.
 */
export class XGBoostRandomForest extends XGBoostClassifier {
  override readonly name: string = 'xgboost_random_forest';
  private readonly colsampleBylevelOption?: number;

  constructor(options: XGBoostRandomForestOptions = {}) {
    super({
      nEstimators: 1,
      numParallelTree: options.nEstimators ?? 100,
      learningRate: 1,
      maxDepth: options.maxDepth ?? 6,
      subsample: options.subsample ?? 0.632,
      minChildWeight: options.minChildWeight ?? 1,
      regLambda: options.regLambda ?? 1e-5,
      seed: options.seed ?? 0,
    });
    this.colsampleBylevelOption = options.colsampleBylevel;
  }

  protected override boosterParams(nFeatures: number): Record<string, unknown> {
    const colsample = this.colsampleBylevelOption ?? Math.max(1, Math.floor(Math.sqrt(nFeatures))) / nFeatures;
    return { ...super.boosterParams(nFeatures), colsample_bylevel: colsample };
  }
}

/** Load the WASM module if needed and return a new classifier (convenience for async callers). */
export async function createXGBoostClassifier(options: XGBoostOptions = {}): Promise<XGBoostClassifier> {
  await loadXGBoost();
  return new XGBoostClassifier(options);
}

/**
 * The library's one public entry: `import { ... } from 'purchase-prediction'` in a notebook, a script or
 * the REPL, from any folder of the checkout (the package's `exports` point here, compiled into dist/).
 * It re-exports what the notebooks use and what a user needs to run the study's steps from code: the
 * pipeline, the models (scikit-learn style: construct, `fit`, `predictProba`), the metrics, the figure
 * builders and the notebook helpers. Everything else in lib/ is internal.
 *
 * Layers keep their names apart, as scikit-learn's `roc_curve` and `RocCurveDisplay`: `rocCurve` computes a curve,
 * `rocFigure` draws one (likewise `precisionRecallCurve` / `precisionRecallFigure`, and the k-NN sweep's
 * `knnSweepFigure`). Every metric is also under `metrics.`.
 */

// Parameters of a notebook run and the notebook helpers.
export { notebookSettings, SETTINGS_DEFAULTS, type NotebookSettings } from './notebook/settings';
export { NOTEBOOK_ENV, readNotebookParameters, REPOSITORY_ROOT, type NotebookParameters } from './notebook/contract';
export { showFigure, type RecordedFigure } from './notebook/figureRecorder';
export { showRecordedTable, type RecordedTable } from './notebook/tableRecorder';
export { eventTypeMix, nonEmptyCounts, systematicSample } from './notebook/eventOverview';
export { describeFrame, frameRows, modellingFrame, showFrame, valueCountRows, type Frame } from './notebook/frames';
export { sampleColumns, sampleRowIndices } from './notebook/userSample';
export { loadModellingTable, saveModellingTable } from './notebook/studyData';
export { modelHyperparameters, modelNumbers, showModel } from './notebook/modelSummary';
export { modelFigures, modelLabel, rocOverlayData, type NamedFigure } from './notebook/modelFigures';
export { MODEL_TABLE_FILES, writeModelTables } from './notebook/modelTableFiles';

// From the month files to the modelling table.
export { openPipeline, runPipeline, type LoadedPipeline, type PipelineOptions, type PipelineResult } from './pipeline/runPipeline';
export { openEngine, type OpenEngineOptions } from './engine/open';
export { BACKENDS, type Backend, type Engine } from './engine/engine';
export { cleanTables, formatFunnel, funnelRows, type Funnel } from './clean/clean';
export { readRfm, type RfmRow } from './features/rfm';
export { MODEL_FEATURES, MODELLING_COLUMNS } from './features/columns';
export { FEATURE_MODES, type FeatureMode } from './features/modes';
export type { FeatureTable } from './features/featureTable';

// Training data and models.
export { prepareStudyData, type PrepareOptions, type Sampling, type StudyData } from './study/prepareData';
export { matrixFromColumns, matrixFromRows, type Labels, type Matrix } from './prep/matrix';
export { StandardScaler } from './prep/scale';
export { labelsFromProba, type Classifier } from './models/estimator';
export { LogisticRegression, type LogisticRegressionOptions } from './models/logisticRegression';
export { KNearestNeighbors, type KNearestNeighborsOptions } from './models/knn';
export { GaussianNaiveBayes, type GaussianNaiveBayesOptions } from './models/gaussianNaiveBayes';
export { DecisionTreeClassifier, type DecisionTreeOptions } from './models/decisionTree';
export { RandomForestClassifier, type RandomForestOptions } from './models/randomForest';
export { createXGBoostClassifier, loadXGBoost, XGBoostClassifier, type XGBoostOptions } from './models/xgboost';
export { VotingClassifier, type VotingClassifierOptions } from './models/voting';

// The study's modelling run.
export { runStudy, type RunStudyOptions, type StudyResult } from './study/runStudy';
export {
  loadStudyModels,
  MODEL_LABELS,
  STUDY_MODEL_NAMES,
  STUDY_MODELS,
  studyModelOptions,
  VOTING_MEMBERS,
  type StudyModelName,
} from './study/studyModels';
export { evaluateModel, type ModelEvaluation } from './study/evaluateModel';
export { performanceRows } from './study/modelsReport';

// Metrics: the everyday ones by name, all of them under `metrics`.
export {
  accuracy,
  averagePrecision,
  bestThresholdByF1,
  confusionMatrix,
  f1,
  fbeta,
  gainsCurve,
  liftAt,
  precision,
  precisionRecallCurve,
  recall,
  rocAuc,
  rocCurve,
  thresholdSweep,
} from './metrics/index';
export * as metrics from './metrics/index';

// Figures and their display in a notebook.
export * from './plots/index';
export { gainsChart, liftChart, type GainsCurveData } from './plots/gainsLift';
export { costCurve } from './plots/costCurve';
export type { TableRow } from './plots/htmlTable';

// The honest, leakage-free evaluation.
export { runHonestEvaluation, type HonestRun, type RunHonestEvaluationOptions } from './honest/runHonestEvaluation';
export { DEFAULT_COSTS } from './honest/evaluate';
export { costByThreshold } from './honest/cost';
export { HONEST_TARGETS_FILE, targetingCsv } from './honest/targeting';
export { calibrationRows, originRows, originSpreadRows, rateShiftText, singleOriginRows, targetingRows } from './honest/tables';
export { calibratedReliability, modelReliability, originLabels, originSeries, profitCurves } from './honest/figureData';
export { RANKING_METRIC_LABELS, RANKING_METRICS } from './honest/scoreMetrics';

// How closely a data set behaves like the real shop (data/README.md).
export {
  calibrationReport,
  featureDifferences,
  formatCalibrationReport,
  CALIBRATION_LIMITS,
  type CalibrationReport,
} from './calibration/calibrationReport';

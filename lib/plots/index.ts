/** Every figure builder and the notebook display functions, for one-line imports in notebooks. */
export type { Figure } from './figure';
export { targetBalance } from './targetBalance';
export { histogram } from './histogram';
export { pairPlot } from './pairPlot';
export { rfmScatter3d } from './rfmScatter3d';
export { funnel } from './funnel';
export { confusionHeatmap } from './confusionHeatmap';
export { precisionRecallVsThreshold, precisionRecallFigure } from './precisionRecall';
export { rocFigure, rocOverlay } from './roc';
export { f1VsThreshold } from './f1VsThreshold';
export { knnSweepFigure } from './knnSweepFigure';
export { featureImportance } from './featureImportance';
export { modelTable } from './modelTable';
export { show, showTable } from './show';
export { featureCalibrationFigure } from './featureCalibrationFigure';
export { metricByOrigin } from './metricByOrigin';
export { reliabilityDiagram } from './reliability';
export { profitCurve } from './profitCurve';

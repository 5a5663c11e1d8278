/** The metrics in one import, for notebooks and the CLI. */
export * from './warnings';
export * from './confusion';
export * from './classification';
export * from './binaryCurve';
export * from './roc';
export * from './precisionRecall';
export * from './threshold';
export * from './summary';
export * from './lift';
export * from './cost';
export * from './calibration';

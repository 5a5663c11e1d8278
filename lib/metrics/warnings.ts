/**
 * Where scikit-learn emits an UndefinedMetricWarning and returns a conventional value (zero_division),
 * we return the same value and, if the caller passes a sink, record why. Pure functions stay pure:
 * nothing is printed, the caller decides whether to show the warnings.
 */
export interface MetricWarning {
  /** The metric that hit the undefined case, e.g. 'precision'. */
  readonly metric: string;
  /** Human-readable reason, phrased like sklearn's warning. */
  readonly message: string;
}

/** Optional last argument of the metric functions: an array that collects warnings. */
export interface WarningSink {
  warnings?: MetricWarning[];
}

/** Append a warning to the sink, if there is one. */
export function warn(sink: WarningSink | undefined, metric: string, message: string): void {
  sink?.warnings?.push({ metric, message });
}

/**
 * The honest evaluation's numbers shaped for its figures (lib/plots builders take plain series and never
 * compute metrics), so a notebook cell is one call per figure.
 */
import { entry } from '../entry';
import type { OriginSeries } from '../plots/metricByOrigin';
import type { ProfitCurveData } from '../plots/profitCurve';
import type { ReliabilityData } from '../plots/reliability';
import { BASELINE_NAMES } from './baselines';
import type { HonestEvaluation } from './evaluate';
import type { OriginResult } from './evaluateOrigins';
import type { RankingMetric } from './scoreMetrics';
import { displayName } from './tables';

/** Test cutoffs of the origins, oldest first: the x axis of the by-origin figures. */
export function originLabels(origins: readonly OriginResult[]): string[] {
  return origins.map((o) => o.cutoffs.testCutoff);
}

/** `metric` at every origin for each origin model, then each baseline. */
export function originSeries(origins: readonly OriginResult[], metric: RankingMetric): OriginSeries[] {
  if (origins.length === 0) return [];
  const models = Object.keys(origins[0]!.models);
  return [
    ...models.map((name) => ({
      name: displayName(name),
      kind: 'model' as const,
      values: origins.map((o) => entry(o.models, name, 'origin models')[metric]),
    })),
    ...BASELINE_NAMES.map((b) => ({ name: displayName(b), kind: 'baseline' as const, values: origins.map((o) => o.baselines[b][metric]) })),
  ];
}

/** The reliability curve of every model of the single origin, as trained (on undersampled rows). */
export function modelReliability(run: HonestEvaluation): ReliabilityData[] {
  return Object.entries(run.calibration.models).map(([name, q]) => ({ name: displayName(name), ...q.curve }));
}

/** The decision model before and after calibration, on the test window. */
export function calibratedReliability(run: HonestEvaluation): ReliabilityData[] {
  const d = run.calibration.decision;
  return [{ name: `${displayName(d.model)}, calibrated (${d.method})`, ...d.calibrated.curve }];
}

/** Profit per user of contacting the top k%: on the held-out T1 users (where k is chosen) and on the test window. */
export function profitCurves(run: HonestEvaluation): ProfitCurveData[] {
  const t = run.targeting;
  const curve = (name: string, points: typeof t.curve) => ({
    name,
    percent: points.map((p) => p.percent),
    profit: points.map((p) => p.profitPerUser),
  });
  return [curve('held-out users at T1 (choose k)', t.calibrationCurve), curve('test window', t.curve)];
}

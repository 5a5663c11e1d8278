/**
 * How closely a data set behaves like the real shop: its cleaning funnel against the published figures and its
 * seed-mode model features against the real data's per-class moments, plus the ROC AUC that the study's
 * real-data Gaussian naive Bayes gets on it. `npx purchase-prediction calibration --data DIR` prints it.
 */
import { cleanTables } from '../clean/clean';
import { column, onlyRow, toNumber, type Engine } from '../engine/engine';
import { entry } from '../entry';
import { EVENTS_TABLE } from '../data/schema';
import { sessionSqlOf } from '../data/sessionType';
import { MODEL_FEATURES } from '../features/columns';
import { FEATURE_TABLES } from '../features/context';
import { readColumns, toMatrix } from '../features/featureTable';
import { rocAuc } from '../metrics/roc';
import type { PipelineResult } from '../pipeline/runPipeline';
import { classMoments } from './classMoments';
import { PUBLISHED, PUBLISHED_FIRST_PURCHASE } from './publishedFigures';
import { realFeatureMoments } from './realFeatureStats';
import { realStatsNaiveBayes } from './realStatsNaiveBayes';

/** Acceptance limits of the default data (issue "Fidelity to the study"). */
export const CALIBRATION_LIMITS = {
  /** Largest |standardized difference| of a per-class mean, in real SDs. */
  mean: 0.25,
  /** Largest average |standardized difference| over all features and classes. */
  averageMean: 0.1,
  /** Largest factor between our per-class SD and the real one, where the real SD is meaningful. */
  sdFactor: 1.5,
  /**
   * A real SD counts as meaningful when it is at most this many times the mean: above it (frequency, views and
   * carts of non-buyers) the SD is set by a handful of extreme users (e.g. 5,710 sessions) and a sample of
   * 26,856 does not pin it down.
   */
  meaningfulCv: 3,
  /** Smallest ROC AUC of the real-statistics Gaussian naive Bayes on the table. */
  realNaiveBayesAuc: 0.86,
} as const;

/** One figure of the data against its published value. */
export interface FigureComparison {
  figure: string;
  ours: number;
  published: number;
  /** ours / published − 1. */
  relative: number;
}

/** One feature in one class against the real data. */
export interface FeatureComparison {
  feature: string;
  cls: 'not_purchased' | 'purchased';
  ours: { mean: number; sd: number };
  real: { mean: number; sd: number };
  /** (our mean − real mean) / real SD. */
  standardizedDifference: number;
  /** our SD / real SD. */
  sdRatio: number;
  /** Whether the real SD is meaningful (see CALIBRATION_LIMITS.meaningfulCv). */
  sdMeaningful: boolean;
}

export interface CalibrationReport {
  funnel: FigureComparison[];
  features: FeatureComparison[];
  summary: {
    maxAbsStandardizedDifference: number;
    meanAbsStandardizedDifference: number;
    /** The largest factor max(ratio, 1 / ratio) over meaningful SDs. */
    worstSdFactor: number;
    /** ROC AUC of the real-statistics Gaussian naive Bayes on the whole table (real test set: 0.89). */
    realNaiveBayesAuc: number;
    rows: number;
    withinLimits: boolean;
  };
}

/**
 * Build the report from a seed-mode pipeline run (recency from the study's run date, as the real moments).
 * @example const run = await runPipeline({ data: 'data/default', mode: 'seed' }); const report = await calibrationReport(run);
 */
export async function calibrationReport(run: Pick<PipelineResult, 'engine' | 'funnel' | 'table'>): Promise<CalibrationReport> {
  const funnel = await funnelComparison(run.engine, run.funnel, run.table.rows);
  const features = featureComparison(run.table);
  const { X, y } = toMatrix(run.table);
  const realNaiveBayesAuc = rocAuc(y, realStatsNaiveBayes().predictProba(X));
  const absDiffs = features.map((f) => Math.abs(f.standardizedDifference));
  const factors = features.filter((f) => f.sdMeaningful).map((f) => Math.max(f.sdRatio, 1 / f.sdRatio));
  const summary = {
    maxAbsStandardizedDifference: Math.max(...absDiffs),
    meanAbsStandardizedDifference: absDiffs.reduce((s, d) => s + d, 0) / absDiffs.length,
    worstSdFactor: Math.max(...factors),
    realNaiveBayesAuc,
    rows: run.table.rows,
  };
  const L = CALIBRATION_LIMITS;
  const withinLimits =
    summary.maxAbsStandardizedDifference <= L.mean &&
    summary.meanAbsStandardizedDifference <= L.averageMean &&
    summary.worstSdFactor <= L.sdFactor &&
    realNaiveBayesAuc >= L.realNaiveBayesAuc;
  return { funnel, features, summary: { ...summary, withinLimits } };
}

/** Our per-class feature moments against the real ones. */
export function featureComparison(table: PipelineResult['table']): FeatureComparison[] {
  const ours = classMoments(table);
  const real = realFeatureMoments();
  const out: FeatureComparison[] = [];
  for (const feature of MODEL_FEATURES) {
    for (const cls of ['not_purchased', 'purchased'] as const) {
      const o = entry(ours, feature, 'our class moments')[cls],
        r = entry(real, feature, 'real class moments')[cls];
      out.push({
        feature,
        cls,
        ours: o,
        real: r,
        standardizedDifference: (o.mean - r.mean) / r.sd,
        sdRatio: o.sd / r.sd,
        sdMeaningful: r.sd <= CALIBRATION_LIMITS.meaningfulCv * Math.abs(r.mean),
      });
    }
  }
  return out;
}

async function funnelComparison(engine: Engine, f: PipelineResult['funnel'], modelRows: number): Promise<FigureComparison[]> {
  const P = PUBLISHED;
  const t = cleanTables();
  const session = await sessionSqlOf(engine, EVENTS_TABLE);
  const raw = onlyRow(
    await engine.all(
      `SELECT COUNT(NULLIF(category_code, '')) AS category_code, COUNT(NULLIF(brand, '')) AS brand,
            COUNT(${session}) AS user_session FROM ${EVENTS_TABLE}`,
    ),
    'non-null counts',
  );
  const mixRows = await engine.all<{ event_type: string; n: number | string }>(
    `SELECT event_type, COUNT(*) AS n FROM ${t.positivePrice} GROUP BY event_type`,
  );
  const mix = Object.fromEntries(mixRows.map((r) => [r.event_type, toNumber(r.n)]));
  const multi = onlyRow(await engine.all(`SELECT COUNT(*) AS n FROM ${t.multiSessionUsers}`), 'multi-session user count');
  const rfm = await readColumns(engine, FEATURE_TABLES.rfm);
  const q = (name: string, p: number) => quantile(entry(rfm.numeric, name, FEATURE_TABLES.rfm), p);
  const pairs: [string, number, number][] = [
    ['step 1 survival (up to first purchase)', f.first_purchase / f.raw, PUBLISHED_FIRST_PURCHASE / P.rows],
    ['step 2 survival (cosmetics only)', f.cosmetics_only / f.first_purchase, P.cosmeticsOnly / PUBLISHED_FIRST_PURCHASE],
    ['step 3 survival (price > 0)', f.positive_price / f.cosmetics_only, P.positivePrice / P.cosmeticsOnly],
    ['step 4 survival (no remove_from_cart)', f.no_remove_from_cart / f.positive_price, P.noRemoveFromCart / P.positivePrice],
    ['step 5 survival (multi-session users)', f.multi_session / f.no_remove_from_cart, P.multiSession / P.noRemoveFromCart],
    ...(['category_code', 'brand', 'user_session'] as const).map((c): [string, number, number] => [
      `non-null share of ${c}`,
      toNumber(column(raw, c)) / f.raw,
      P.nonNull[c] / P.rows,
    ]),
    ...(['view', 'cart', 'remove_from_cart', 'purchase'] as const).map((e): [string, number, number] => [
      `${e} share after step 3`,
      (mix[e] ?? 0) / f.positive_price,
      P.eventMix[e] / P.positivePrice,
    ]),
    ['cleaned users per multi-session user', f.users / toNumber(column(multi, 'n')), P.cleanedUsers / P.multiSessionUsers],
    ['purchase rate of cleaned users', f.purchasers / f.users, P.purchaseRate],
    ['modelled users per raw event (x1000)', (1000 * modelRows) / f.raw, (1000 * P.modellingUsers) / P.rows],
    ['frequency median', q('frequency', 0.5), P.frequency.median],
    ['frequency 75%', q('frequency', 0.75), P.frequency.q75],
    ['monetary_value median', q('monetary_value', 0.5), P.monetaryValue.median],
    ['monetary_value 75%', q('monetary_value', 0.75), P.monetaryValue.q75],
    ['recency min', q('recency', 0), P.recency.min],
    ['recency median', q('recency', 0.5), P.recency.median],
    ['recency max', q('recency', 1), P.recency.max],
  ];
  return pairs.map(([figure, ours, published]) => ({ figure, ours, published, relative: ours / published - 1 }));
}

/** pandas' default quantile: linear interpolation between the order statistics. */
export function quantile(values: Float64Array, p: number): number {
  const sorted = Float64Array.from(values).sort();
  if (sorted.length === 0) return NaN;
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

/** The per-feature rows of {@link featureCalibrationFigure}: both classes' standardized differences. */
export function featureDifferences(report: CalibrationReport): { feature: string; notPurchased: number; purchased: number }[] {
  return MODEL_FEATURES.map((feature) => {
    const of = (cls: FeatureComparison['cls']) =>
      report.features.find((f) => f.feature === feature && f.cls === cls)?.standardizedDifference ?? NaN;
    return { feature, notPurchased: of('not_purchased'), purchased: of('purchased') };
  });
}

/** The report as plain-text tables for a terminal or a notebook log. */
export function formatCalibrationReport(report: CalibrationReport): string {
  const fmt = (x: number) => (Math.abs(x) >= 100 ? x.toFixed(0) : Math.abs(x) >= 1 ? x.toFixed(2) : x.toFixed(4));
  const lines: string[] = ['Funnel and published figures (ours vs real):'];
  const w = Math.max(...report.funnel.map((r) => r.figure.length));
  for (const r of report.funnel) {
    lines.push(
      `  ${r.figure.padEnd(w)}  ${fmt(r.ours).padStart(9)}  ${fmt(r.published).padStart(9)}  ${(100 * r.relative).toFixed(1).padStart(6)}%`,
    );
  }
  lines.push('', 'Model features per class: mean (ours / real), standardized difference in real SDs, SD ratio:');
  for (const f of report.features) {
    const sd = `${f.sdRatio.toFixed(2)}${f.sdMeaningful ? '' : '*'}`;
    lines.push(
      `  ${f.feature.padEnd(22)} ${f.cls.padEnd(13)} ${fmt(f.ours.mean).padStart(8)} / ${fmt(f.real.mean).padStart(8)}  ${f.standardizedDifference >= 0 ? '+' : ''}${f.standardizedDifference.toFixed(2).padStart(5)}  ${sd.padStart(6)}`,
    );
  }
  const s = report.summary;
  const L = CALIBRATION_LIMITS;
  lines.push(
    '  (* real SD not meaningful: SD above 3x the mean, set by a few extreme users)',
    '',
    `max |standardized difference| ${s.maxAbsStandardizedDifference.toFixed(3)} (limit ${L.mean}), ` +
      `average ${s.meanAbsStandardizedDifference.toFixed(3)} (limit ${L.averageMean}), ` +
      `worst SD factor ${s.worstSdFactor.toFixed(2)} (limit ${L.sdFactor})`,
    `real-statistics Gaussian NB ROC AUC on these ${s.rows.toLocaleString('en-US')} rows: ${s.realNaiveBayesAuc.toFixed(3)} ` +
      `(real test set 0.89; limit ${L.realNaiveBayesAuc})`,
    s.withinLimits ? 'within every limit' : 'OUTSIDE the limits',
  );
  return lines.join('\n');
}

/**
 * The honest label: did a user of the population at cutoff T make a first purchase in [T, T + H)?
 * The population has no purchase before T, so any purchase in the window is the first one. A purchase counts
 * when its row passes the same filters as the study's target (cosmetics only, price > 0).
 */
import type { Engine } from '../engine/engine';
import { addDays } from './cutoffs';
import { keptRowSql, midnightSql } from './population';

/** SQL of (user_id, purchased) for every user of `population`: 1 with a kept purchase in [cutoff, cutoff + H). */
export function windowLabelSql(source: string, population: string, cutoff: string, horizonDays: number): string {
  return `SELECT u.user_id,
  CAST(CASE WHEN EXISTS (
    SELECT 1 FROM ${source} p
    WHERE p.user_id = u.user_id AND p.event_type = 'purchase' AND ${keptRowSql('p')}
      AND p.event_time >= ${midnightSql(cutoff)} AND p.event_time < ${midnightSql(addDays(cutoff, horizonDays))}
  ) THEN 1 ELSE 0 END AS INTEGER) AS purchased
FROM ${population} u`;
}

/** (Re)create `labels` (user_id, purchased) for the population at `cutoff`. */
export async function buildWindowLabels(
  engine: Engine,
  options: { source: string; population: string; cutoff: string; horizonDays: number; labels: string },
): Promise<void> {
  await engine.run(`DROP TABLE IF EXISTS ${options.labels}`);
  await engine.run(
    `CREATE TABLE ${options.labels} AS ${windowLabelSql(options.source, options.population, options.cutoff, options.horizonDays)}`,
  );
}

/** The target: purchased = 1 when the user has a purchase row in the cleaned data (spec section 3). */
import type { FeatureContext } from './context';
import { replaceTable } from './sql';

/** Build `feat_target` (user_id, purchased) from `feat_sessions`: one row per user of the source. */
export async function buildTarget(ctx: FeatureContext): Promise<void> {
  await replaceTable(
    ctx.engine,
    ctx.tables.target,
    `SELECT user_id, CAST(MAX(CASE WHEN purchases > 0 THEN 1 ELSE 0 END) AS INTEGER) AS purchased
     FROM ${ctx.tables.sessions}
     GROUP BY user_id`,
  );
}

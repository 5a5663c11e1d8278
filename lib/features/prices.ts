/** Average prices: avg_view_price and avg_cart_price (spec section 4). */
import type { FeatureContext } from './context';
import { replaceTable, roundedRatioSql, DECIMAL_2 } from './sql';

/**
 * Build `feat_prices` (user_id, avg_view_price, avg_cart_price) from `feat_sessions`: mean price of the
 * user's view rows and of the cart rows, 2 places (exact: cents / count, half away from zero).
 * avg_view_price stays NULL for a user without a view row (the merge decides whether that user is kept);
 * avg_cart_price is 0 without a cart row.
 */
export async function buildPrices(ctx: FeatureContext): Promise<void> {
  const mean = (metric: 'view' | 'cart') => roundedRatioSql(ctx.dialect, `SUM(${metric}_cents)`, `100 * SUM(${metric}s)`);
  await replaceTable(
    ctx.engine,
    ctx.tables.prices,
    `SELECT user_id,
       ${mean('view')} AS avg_view_price,
       CAST(COALESCE(${mean('cart')}, 0) AS ${DECIMAL_2}) AS avg_cart_price
     FROM ${ctx.tables.sessions}
     GROUP BY user_id`,
  );
}

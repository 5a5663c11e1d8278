/**
 * Brand affinity (spec section 4): for each (user, brand) the share of the user's views and of the user's
 * carts on that brand; the study's wide table (one column per brand and metric, `other` dropped); and the
 * per-user maxima it modelled, max_perc_user_views and max_perc_user_carts.
 */
import type { Engine, Row } from '../engine/engine';
import { FEATURE_TABLES, type FeatureContext, type FeatureTableNames } from './context';
import { BRAND_SQL, replaceTable, roundedRatioSql, sqlIdentifier, sqlString, DECIMAL_2 } from './sql';
import { readColumns, type Columns } from './featureTable';

/** Brand name given to rows without a brand; it has no wide column (and, with `brandMaximaWithoutOther`, no part in the maxima). */
export const OTHER_BRAND = 'other';

/** PostgreSQL's limit on the columns of a table. */
const POSTGRES_MAX_COLUMNS = 1600;

/**
 * Build `feat_brand_affinity_long` (user_id, brand, views, carts, perc_user_views, perc_user_carts):
 * one row per (user, brand) with a view or cart row; shares rounded to 2 places, 0 when the user has no
 * view (resp. cart) at all.
 */
export async function buildBrandAffinityLong(ctx: FeatureContext): Promise<void> {
  const share = (part: string, whole: string) => `CAST(COALESCE(${roundedRatioSql(ctx.dialect, part, whole)}, 0) AS ${DECIMAL_2})`;
  await replaceTable(
    ctx.engine,
    ctx.tables.brandAffinityLong,
    `WITH per_brand AS (
       SELECT user_id, ${BRAND_SQL} AS brand,
         CAST(SUM(CASE WHEN event_type = 'view' THEN 1 ELSE 0 END) AS INTEGER) AS views,
         CAST(SUM(CASE WHEN event_type = 'cart' THEN 1 ELSE 0 END) AS INTEGER) AS carts
       FROM ${ctx.source}
       WHERE event_type IN ('view', 'cart')
       GROUP BY user_id, ${BRAND_SQL}
     ),
     per_user AS (
       SELECT user_id, SUM(views) AS user_views, SUM(carts) AS user_carts FROM per_brand GROUP BY user_id
     )
     SELECT b.user_id, b.brand, b.views, b.carts,
       ${share('b.views', 'u.user_views')} AS perc_user_views,
       ${share('b.carts', 'u.user_carts')} AS perc_user_carts
     FROM per_brand b JOIN per_user u ON u.user_id = b.user_id`,
  );
}

/**
 * Build `feat_brand_affinity_max` (user_id, max_perc_user_views, max_perc_user_carts) from the long table:
 * the largest share over all of the user's (user, brand) rows, `other` included, as the study's
 * `brand_dist.groupby('user_id').max()`; with `brandMaximaWithoutOther` over the branded rows only (the wide
 * table's columns), 0 for a user who only touched unbranded products.
 */
export async function buildBrandAffinityMax(ctx: FeatureContext): Promise<void> {
  const maximum = (column: string) =>
    ctx.switches.brandMaximaWithoutOther
      ? `CAST(MAX(CASE WHEN brand <> ${sqlString(OTHER_BRAND)} THEN ${column} ELSE 0 END) AS ${DECIMAL_2})`
      : `CAST(MAX(${column}) AS ${DECIMAL_2})`;
  await replaceTable(
    ctx.engine,
    ctx.tables.brandAffinityMax,
    `SELECT user_id,
       ${maximum('perc_user_views')} AS max_perc_user_views,
       ${maximum('perc_user_carts')} AS max_perc_user_carts
     FROM ${ctx.tables.brandAffinityLong}
     GROUP BY user_id`,
  );
}

/** One wide column: which brand and metric it holds. */
export interface BrandWideColumn {
  name: string;
  brand: string;
  metric: 'views' | 'carts';
}

/**
 * Column names of the wide table for `brands` (sorted, `other` excluded): `perc_views_<brand>` then
 * `perc_carts_<brand>`, with the brand lower-cased and non-alphanumerics as `_` (suffix `_2`, … on clashes).
 */
export function brandWideColumns(brands: readonly string[]): BrandWideColumn[] {
  const slugs = new Map<string, string>();
  const used = new Set<string>();
  for (const brand of [...brands].filter((b) => b !== OTHER_BRAND).sort()) {
    const base =
      brand
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '_')
        .replace(/^_+|_+$/g, '') || 'brand';
    let slug = base;
    for (let i = 2; used.has(slug); i++) slug = `${base}_${i}`;
    used.add(slug);
    slugs.set(brand, slug);
  }
  const columns: BrandWideColumn[] = [];
  for (const metric of ['views', 'carts'] as const) {
    for (const [brand, slug] of slugs) columns.push({ name: `perc_${metric}_${slug}`, brand, metric });
  }
  return columns;
}

/**
 * Build `feat_brand_affinity_wide` (user_id, then the columns of `brandWideColumns`), one row per user with a
 * branded view or cart; a brand the user never touched has share 0. Returns the columns.
 */
export async function buildBrandAffinityWide(ctx: FeatureContext): Promise<BrandWideColumn[]> {
  const long = ctx.tables.brandAffinityLong;
  const brands = (await ctx.engine.all<{ brand: string }>(`SELECT DISTINCT brand FROM ${long}`)).map((r) => r.brand);
  const columns = brandWideColumns(brands);
  if (ctx.engine.backend === 'postgres' && columns.length + 1 > POSTGRES_MAX_COLUMNS) {
    throw new Error(
      `the wide brand table would have ${columns.length + 1} columns, above PostgreSQL's ${POSTGRES_MAX_COLUMNS}; ` +
        'build without the wide table (wideBrandTable: false) and use the long table',
    );
  }
  const pivot = ctx.dialect.pivotMax(
    `(SELECT user_id, brand, perc_user_views, perc_user_carts FROM ${long} WHERE brand <> ${sqlString(OTHER_BRAND)}) branded`,
    'user_id',
    'brand',
    columns.map((c) => ({ keyValue: c.brand, value: `perc_user_${c.metric}`, alias: c.name })),
  );
  const filled = columns.map((c) => `CAST(COALESCE(${sqlIdentifier(c.name)}, 0) AS ${DECIMAL_2}) AS ${sqlIdentifier(c.name)}`);
  await replaceTable(ctx.engine, ctx.tables.brandAffinityWide, `SELECT ${['user_id', ...filled].join(',\n  ')}\nFROM (${pivot}) wide`);
  return columns;
}

export interface BrandAffinityRow extends Row {
  user_id: string;
  brand: string;
  views: number;
  carts: number;
  /** Exact 2-place decimal text. */
  perc_user_views: string;
  perc_user_carts: string;
}

/** The rows of the long brand-affinity table, ordered by user and brand. */
export async function readBrandAffinityLong(engine: Engine, tables: FeatureTableNames = FEATURE_TABLES): Promise<BrandAffinityRow[]> {
  return engine.all<BrandAffinityRow>(
    `SELECT user_id, brand, views, carts, perc_user_views, perc_user_carts
     FROM ${tables.brandAffinityLong} ORDER BY user_id, brand`,
  );
}

export interface BrandAffinityMaxRow extends Row {
  user_id: string;
  max_perc_user_views: string;
  max_perc_user_carts: string;
}

/** The per-user maxima, ordered by user. */
export async function readBrandAffinityMax(engine: Engine, tables: FeatureTableNames = FEATURE_TABLES): Promise<BrandAffinityMaxRow[]> {
  return engine.all<BrandAffinityMaxRow>(
    `SELECT user_id, max_perc_user_views, max_perc_user_carts FROM ${tables.brandAffinityMax} ORDER BY user_id`,
  );
}

/** The wide table in columnar form (user ids + one Float64Array per brand column), ordered by user. */
export async function readBrandAffinityWide(engine: Engine, tables: FeatureTableNames = FEATURE_TABLES): Promise<Columns> {
  return readColumns(engine, tables.brandAffinityWide, { textColumns: ['user_id'], orderBy: 'user_id' });
}

/** The modelling table's column names and the model's features (spec sections 4 and 5). */

/** The 19 columns of the modelling table, in the study's order. */
export const MODELLING_COLUMNS = [
  'user_id',
  'purchased',
  'recency',
  'frequency',
  'monetary_value',
  'r',
  'f',
  'm',
  'rfm_score',
  'rfm_int',
  'num_views',
  'adds_to_cart',
  'add_to_cart_rate',
  'max_perc_user_views',
  'max_perc_user_carts',
  'range_visits',
  'avg_days_btw_sessions',
  'avg_view_price',
  'avg_cart_price',
] as const;

export type ModellingColumn = (typeof MODELLING_COLUMNS)[number];

/** Name of the target column. */
export const TARGET_COLUMN = 'purchased';

/** Columns held as text: the exact 64-bit user id and the three-digit score. */
export const TEXT_COLUMNS: readonly ModellingColumn[] = ['user_id', 'rfm_score'];

/** The 15 model inputs: the table without rfm_int, rfm_score, user_id and the target, in table order. */
export const MODEL_FEATURES: readonly ModellingColumn[] = MODELLING_COLUMNS.filter(
  (c) => !['rfm_int', 'rfm_score', 'user_id', TARGET_COLUMN].includes(c),
);

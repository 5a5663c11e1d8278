/**
 * The two feature modes and the named switches that separate them. `seed` reproduces the study's SQL,
 * quirks included; `fixed` corrects each quirk of spec section 7 that lives in the feature stage.
 * One switch per difference, so any single correction can be turned on alone (e.g. in a notebook).
 */

/** Feature-stage corrections of spec section 7; `false` everywhere is the study's behaviour. */
export interface FeatureSwitches {
  /**
   * Quintiles r, f, m by NTILE(5) over users (one row per user). The study ran NTILE over event rows, so a
   * user counts once per event and a user whose rows straddle a bin edge gets two (or more) rows.
   */
  ntileOverUsers: boolean;
  /**
   * add_to_cart_rate = sessions with a cart row / sessions. The study divided cart rows by all rows
   * (its "sessions" were rows).
   */
  rateOverSessions: boolean;
  /**
   * Keep users without a view row (their avg_view_price is 0). The study's inner join on view prices
   * dropped them from the modelling table.
   */
  keepUsersWithoutViews: boolean;
  /**
   * max_perc_user_views / max_perc_user_carts over branded rows only (`other`, the unbranded products, is not a
   * brand). The study took the maxima over its long per-brand table with `other` included (it dropped `other`
   * only from the wide per-brand columns), so a user who mostly views unbranded products gets a high maximum.
   */
  brandMaximaWithoutOther: boolean;
}

export type FeatureMode = 'seed' | 'fixed';
export const FEATURE_MODES: readonly FeatureMode[] = ['seed', 'fixed'];

/** The preset switches of each mode. */
export const MODE_SWITCHES: Readonly<Record<FeatureMode, Readonly<FeatureSwitches>>> = {
  seed: { ntileOverUsers: false, rateOverSessions: false, keepUsersWithoutViews: false, brandMaximaWithoutOther: false },
  fixed: { ntileOverUsers: true, rateOverSessions: true, keepUsersWithoutViews: true, brandMaximaWithoutOther: true },
};

/** One line per switch, for help texts and reports. */
export const SWITCH_DESCRIPTIONS: Readonly<Record<keyof FeatureSwitches, string>> = {
  ntileOverUsers: 'r/f/m quintiles over users, not over event rows (no duplicated users)',
  rateOverSessions: 'add_to_cart_rate over sessions, not over rows',
  keepUsersWithoutViews: 'users without a view row stay in the table (avg_view_price 0)',
  brandMaximaWithoutOther: "brand maxima over branded rows only ('other' is not a brand)",
};

/** The switches of `mode` (default `seed`) with `overrides` applied on top. */
export function resolveSwitches(mode: FeatureMode = 'seed', overrides: Partial<FeatureSwitches> = {}): FeatureSwitches {
  const preset = MODE_SWITCHES[mode];
  if (!preset) throw new Error(`unknown feature mode '${String(mode)}': expected seed or fixed`);
  return { ...preset, ...overrides };
}

/**
 * Degenerate data, named before it turns into an empty or one-class table further down: the cleaning step
 * that left nothing, a modelling table emptied by the merge, a target with one class. The CLI and the
 * pipeline stop with these messages instead of failing later with NaN tables or a model's internal error.
 */
import { FUNNEL_STEPS, type Funnel, type FunnelStepKey } from '../clean/funnel';

/** Each cleaning step's short name, and why it can remove every row, in the data's terms. */
const EMPTYING_STEPS: Record<Exclude<FunnelStepKey, 'raw'>, { step: string; reason: string }> = {
  first_purchase: { step: 'step 1 (up to the first purchase)', reason: "no event lies at or before its user's first purchase" },
  cosmetics_only: {
    step: 'step 2 (cosmetics only)',
    reason: 'every row has a category_code, and the study keeps cosmetics (empty category_code) only',
  },
  positive_price: { step: 'step 3 (positive prices)', reason: 'no row has a price above 0' },
  no_remove_from_cart: { step: 'step 4 (no remove_from_cart)', reason: 'every remaining row is a remove_from_cart event' },
  multi_session: {
    step: 'step 5 (more than one session)',
    reason: 'no user has more than one session (all users are one-time visitors), and the study keeps only users with two or more',
  },
};

/** The error for a cleaning run that left no row (naming the step that emptied the data), or null. */
export function emptyCleaningMessage(funnel: Funnel): string | null {
  if (funnel.multi_session > 0) return null;
  if (funnel.raw === 0) return 'the events table is empty: the input files hold no data row';
  for (let i = 1; i < FUNNEL_STEPS.length; i++) {
    const key = FUNNEL_STEPS[i]!.key as Exclude<FunnelStepKey, 'raw'>;
    if (funnel[key] === 0) {
      const before = funnel[FUNNEL_STEPS[i - 1]!.key].toLocaleString('en-US');
      const { step, reason } = EMPTYING_STEPS[key];
      return `cleaning ${step} leaves no rows (${before} before it): ${reason}`;
    }
  }
  return 'cleaning leaves no rows';
}

/** A warning when the cleaned users are all of one class (no model can be trained on them), or null. */
export function oneClassWarning(funnel: Pick<Funnel, 'users' | 'purchasers'>): string | null {
  const users = `${funnel.users.toLocaleString('en-US')} ${funnel.users === 1 ? 'user' : 'users'}`;
  if (funnel.users > 0 && funnel.purchasers === 0) {
    return `the cleaned data has no purchasers (${users}): the target has one class, so no model can be trained on it`;
  }
  if (funnel.users > 0 && funnel.purchasers === funnel.users) {
    return `every cleaned user is a purchaser (${users}): the target has one class, so no model can be trained on it`;
  }
  return null;
}

/** The error for an empty modelling table built from a non-empty cleaned table, or null. */
export function emptyModellingTableMessage(rows: number, funnel: Pick<Funnel, 'users'>): string | null {
  if (rows > 0) return null;
  return (
    `the modelling table is empty although ${funnel.users.toLocaleString('en-US')} users survived cleaning: ` +
    "none of them has a view row, and the study's inner join on view prices drops users without views " +
    '(the fixed mode keeps them)'
  );
}

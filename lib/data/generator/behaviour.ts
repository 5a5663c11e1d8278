/**
 * How one simulated shopper behaves. Most users visit once; about a fifth come back. A returning user is a
 * browser or a buyer, and carries an engagement level shared by everything they do (sessions, views, carts),
 * so the features move together as in the real shop. The behaviour behind the real per-class figures:
 * - buyers come back more often before their first purchase, view more and cart far more (about 0.37 of their
 *   rows are carts), and cart within few brands; browsers mostly only look, and only about a third ever cart;
 * - every session has a focus: one of the user's favourite brands, or the unbranded products (the study's
 *   `other`), and most of its views and carts stay there, so a user's views concentrate on one brand;
 * - users have a price taste: some browse expensive products, buyers less so, and everyone carts cheaper items
 *   than they view;
 * - buyers keep browsing and buying after their first purchase, which the study's first cleaning step cuts away.
 */
import type { Rng } from '../../random';
import type { EventType } from '../schema';
import type { Catalogue } from './catalogue';
import { geometric, lomax, uuidLike } from './sampling';

/** Receives the simulated events of one user (virtual time in seconds). */
export interface EventSink {
  event(t: number, type: EventType, product: number, session: string): void;
  /** A refund: a purchase row with a negative price. */
  refund(t: number, product: number, session: string): void;
}

/**
 * Calibration knobs of the behaviour model, tuned against spec section 1 (the funnel) and the real per-class
 * feature statistics (`npx purchase-prediction calibration --data DIR` prints both comparisons).
 */
export const BEHAVIOUR_PARAMS = {
  /** Share of users with more than one session: 223,977 of ~1.1M. */
  multiSessionShare: 0.204,
  /** One-visit users. */
  singleBuyRate: 0.035,
  singleViews: 0.45,
  singleCarts: 0.4,
  /** Share of returning users who buy at some point. */
  buyerShare: 0.18,
  /** Returning users' sessions up to (and with) the first purchase: 2 + Lomax(scale · e^(engagement · z), shape). */
  sessionScaleBrowser: 1.1,
  sessionScaleBuyer: 4.5,
  sessionShape: 1.3,
  /** Buyers' sessions before the first purchase have a lighter tail than browsers'. */
  sessionShapeBuyer: 1.75,
  sessionEngagement: 0.35,
  maxSessions: 5_700,
  /** Views per session: geometric with mean exp(base + engagement · z + activity). */
  viewBaseBrowser: 0.45,
  viewBaseBuyer: 1.1,
  viewEngagement: 0.2,
  /** A browser carts at all iff z + noise > this (about a third do). */
  browserCartThreshold: 0.5,
  /** Carts per session of a user who carts: geometric with mean exp(base + engagement · z + activity). */
  cartBaseBrowser: 0.5,
  cartBaseBuyer: 0.6,
  cartEngagement: 0.35,
  /** Spread of a user's own liking for the cart, beside engagement and activity. */
  cartSpread: 0.8,
  /** Rows per session scale with sessions^-sessionDecay (frequent visitors make short visits). */
  sessionDecay: 0.25,
  /** Standard deviation of the per-user activity level (some people simply click more). */
  activitySpread: 0.6,
  /**
   * The visit that ends in a buyer's first order is where buyers differ most (the study's leak): it carts far
   * more, views more, stays on its focus and goes for cheaper items than the user's visits before it. Factors
   * of the user's own rates; before that visit a buyer carts at `beforePurchaseCarting` of its rate.
   */
  beforePurchaseCarting: 0.35,
  purchaseVisitCarting: 5.5,
  purchaseVisitViews: 2.5,
  purchaseVisitPrice: 0.2,
  purchaseVisitFocusViews: 0.5,
  /** Chance that a carted item is removed later in the session. */
  removeRate: 0.6,
  /** Extra basket items beyond the first (mean). */
  basketExtra: 4.5,
  /** Sessions after the first purchase (mean; cut by the first cleaning step). */
  afterSessions: 5,
  /** Chance a session after the first purchase holds another purchase. */
  repeatPurchase: 0.35,
  /** Browsing after checkout in the same session (cut by the first cleaning step). */
  afterPurchaseChance: 0.5,
  afterPurchaseViews: 2.5,
  /** Share of sessions focused on the unbranded products rather than on a favourite brand. */
  unbrandedFocus: 0.42,
  /** Favourite brands beyond the first (mean). */
  extraFavourites: 0.5,
  /** Chance a view (a cart) is taken from the session's focus instead of anywhere in the shop. */
  focusViews: 0.85,
  focusCarts: 0.7,
  /**
   * Price taste: a user looks for products priced within a factor `priceBand` of a centre
   * exp(log(centre) + spread · z) (a few tries, so some others get through); carts centre lower.
   */
  priceCentre: 12,
  priceCentreSpread: 1.55,
  priceBand: 2.0,
  cartPriceCut: 0.3,
  /** Active span of a returning user: (length of the data) · U^spanSkew, U uniform. */
  spanSkew: 2.0,
  /** Chance of revisiting a recently seen product instead of a fresh one. */
  revisit: 0.3,
  refundRate: 0.002,
  /** Mean seconds between events inside a session. */
  eventGap: 45,
};

export type BehaviourParams = typeof BEHAVIOUR_PARAMS;

/** Simulates users one at a time, writing their events to a sink. */
export class ShopperSimulator {
  private readonly recent: number[] = [];
  private readonly viewed: number[] = [];
  private readonly carted: number[] = [];
  private readonly favourites: number[] = [];
  private clock = 0;
  /** The centre of the current user's price taste for views and for carts. */
  private viewCentre = 1;
  private cartCentre = 1;
  /** Pool (brand, or the unbranded products) the current session focuses on. */
  private focus = 0;

  constructor(
    private readonly rng: Rng,
    private readonly catalogue: Catalogue,
    private readonly totalSeconds: number,
    private readonly sink: EventSink,
    private readonly p: BehaviourParams = BEHAVIOUR_PARAMS,
  ) {}

  /** Simulate one user's whole history. */
  user(): void {
    const { rng, p } = this;
    const T = this.totalSeconds;
    this.recent.length = 0;
    if (rng.next() >= p.multiSessionShare) {
      const buyer = rng.next() < p.singleBuyRate;
      this.taste(p.priceCentre, rng.normal());
      this.session(rng.next() * (T - 3600), p.singleViews, p.singleCarts, buyer);
      return;
    }
    const buyer = rng.next() < p.buyerShare;
    const z = rng.normal();
    const scale = buyer ? p.sessionScaleBuyer : p.sessionScaleBrowser;
    const shape = buyer ? p.sessionShapeBuyer : p.sessionShape;
    const before = Math.min(p.maxSessions, 2 + Math.floor(lomax(rng, scale * Math.exp(p.sessionEngagement * z), shape)));
    const after = buyer ? geometric(rng, p.afterSessions) : 0;
    const sessions = Math.min(p.maxSessions, before + after);
    // Active span: a random length placed uniformly, so activity is spread evenly over the months.
    const span = (T - 3600) * rng.next() ** p.spanSkew;
    const start = rng.next() * (T - 3600 - span);
    const times = new Float64Array(sessions);
    for (let j = 0; j < sessions; j++) times[j] = start + rng.next() * span;
    times.sort();
    const first = buyer ? before - 1 : -1;
    const activity = p.activitySpread * rng.normal();
    const carts = buyer || z + rng.normal() > p.browserCartThreshold;
    // Many sessions mean short visits: rows per session fall with the number of sessions.
    const perSession = sessions ** -p.sessionDecay;
    const views = perSession * Math.exp((buyer ? p.viewBaseBuyer : p.viewBaseBrowser) + p.viewEngagement * z + activity);
    const cartMean = carts
      ? perSession * Math.exp((buyer ? p.cartBaseBuyer : p.cartBaseBrowser) + p.cartEngagement * z + activity + p.cartSpread * rng.normal())
      : 0;
    this.taste(p.priceCentre, rng.normal());
    this.chooseFavourites(p.extraFavourites);
    for (let j = 0; j < sessions; j++) {
      const purchase = j === first || (buyer && j > first && rng.next() < p.repeatPurchase);
      if (j === first) {
        this.session(
          times[j]!,
          views * p.purchaseVisitViews,
          cartMean * p.purchaseVisitCarting,
          true,
          p.purchaseVisitPrice,
          p.purchaseVisitFocusViews,
        );
      } else {
        // A buyer mostly browses until the visit that ends in the order, where the carting happens.
        this.session(times[j]!, views, buyer && j < first ? cartMean * p.beforePurchaseCarting : cartMean, purchase);
      }
    }
  }

  /** Set the centres of the user's price taste around `median` (z: the user's taste, standard normal). */
  private taste(median: number, z: number): void {
    this.viewCentre = median * Math.exp(this.p.priceCentreSpread * z);
    this.cartCentre = this.viewCentre * this.p.cartPriceCut;
  }

  /** The user's favourite brands: one, plus a geometric number more, drawn by brand popularity. */
  private chooseFavourites(extraMean: number): void {
    const { favourites, catalogue, rng } = this;
    favourites.length = 0;
    const n = 1 + geometric(rng, extraMean);
    for (let i = 0; i < n; i++) {
      let pool = catalogue.drawPool(rng);
      // The unbranded products are a focus of their own (unbrandedFocus), not a favourite brand.
      for (let tries = 0; pool === catalogue.brands && tries < 8; tries++) pool = catalogue.drawPool(rng);
      favourites.push(pool);
    }
  }

  /** Time of the next event in the current session. */
  private step(): number {
    this.clock += 1 + geometric(this.rng, this.p.eventGap);
    return this.clock;
  }

  /**
   * A product for a view or a cart: a recently seen one, or one from the session's focus, or any product;
   * products priced outside the user's taste around `centre` are skipped (a few tries, so some get through).
   */
  private pick(focusChance: number, centre: number): number {
    const { rng, recent, catalogue } = this;
    if (recent.length > 0 && rng.next() < this.p.revisit) return recent[rng.int(recent.length)]!;
    let product = 0;
    if (rng.next() < focusChance) {
      // Within the focus brand the choice is small: skip a product outside the taste a few times at most.
      for (let tries = 0; tries < 4; tries++) {
        product = catalogue.drawFromPool(rng, this.focus);
        const price = catalogue.price[product]!;
        if (price <= centre * this.p.priceBand && price * this.p.priceBand >= centre) break;
      }
    } else {
      product = catalogue.drawNearPrice(rng, centre, this.p.priceBand);
    }
    if (recent.length < 12) recent.push(product);
    else recent[rng.int(12)] = product;
    return product;
  }

  /** One visit; `priceFactor` scales the user's price taste and `focusViews` overrides the views' focus chance. */
  private session(
    start: number,
    meanViews: number,
    meanCarts: number,
    purchase: boolean,
    priceFactor = 1,
    focusViews = this.p.focusViews,
  ): void {
    const { rng, p, sink, viewed, carted, favourites, catalogue } = this;
    const viewCentre = this.viewCentre * priceFactor,
      cartCentre = this.cartCentre * priceFactor;
    const focusCarts = p.focusCarts;
    const id = uuidLike(rng);
    this.clock = start;
    this.focus = favourites.length === 0 || rng.next() < p.unbrandedFocus ? catalogue.brands : favourites[rng.int(favourites.length)]!;
    let nViews = geometric(rng, meanViews);
    const nCarts = geometric(rng, meanCarts);
    if (nViews + nCarts === 0 && !purchase) nViews = 1;
    viewed.length = 0;
    carted.length = 0;
    for (let i = 0; i < nViews; i++) {
      const product = this.pick(focusViews, viewCentre);
      viewed.push(product);
      sink.event(this.step(), 'view', product, id);
    }
    for (let i = 0; i < nCarts; i++) {
      const product = viewed.length > 0 && rng.next() < 0.5 ? viewed[rng.int(viewed.length)]! : this.pick(focusCarts, cartCentre);
      carted.push(product);
      sink.event(this.step(), 'cart', product, id);
    }
    // Removals come after the carting; the survivors are the basket.
    let kept = 0;
    for (let i = 0; i < carted.length; i++) {
      if (rng.next() < p.removeRate) sink.event(this.step(), 'remove_from_cart', carted[i]!, id);
      else carted[kept++] = carted[i]!;
    }
    carted.length = kept;
    if (!purchase) return;
    // An order lists each product once (quantities are not in the data).
    const basket = 1 + geometric(rng, p.basketExtra);
    const distinct = [...new Set(carted)];
    for (let tries = 0; distinct.length < basket && tries < basket * 3; tries++) {
      const product = this.pick(focusCarts, cartCentre);
      if (distinct.includes(product)) continue;
      distinct.push(product);
      sink.event(this.step(), 'cart', product, id);
    }
    carted.length = 0;
    carted.push(...distinct);
    const checkout = this.step();
    for (const product of carted) sink.event(checkout, 'purchase', product, id);
    if (rng.next() < p.refundRate) sink.refund(checkout, carted[0]!, id); // the basket has at least one product
    if (rng.next() < p.afterPurchaseChance) {
      const more = 1 + geometric(rng, p.afterPurchaseViews);
      for (let i = 0; i < more; i++) sink.event(this.step(), 'view', this.pick(focusViews, viewCentre), id);
    }
  }
}

/**
 * How one simulated shopper behaves. Most users visit once; about a fifth come back. Returning users carry
 * a latent purchase intent that raises how much they view, cart and return, and (with noise) whether they
 * buy, so the study's behavioural features carry real but imperfect signal about purchase. Buyers keep
 * browsing and buying after their first purchase, which is what the study's first cleaning step cuts away.
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

/** Calibration knobs of the behaviour model (tuned against spec section 1 with scratch calibration runs). */
export const BEHAVIOUR_PARAMS = {
  /** Share of users with more than one session: 223,977 of ~1.1M. */
  multiSessionShare: 0.204,
  /** One-visit users. */
  singleBuyRate: 0.035,
  singleViews: 0.45,
  singleCarts: 0.4,
  /** Returning users: sessions = 2 + Lomax(scale * e^(sessionIntent * u), shape), capped. */
  sessionScale: 1.42,
  sessionShape: 1.3,
  sessionIntent: 0.35,
  maxSessions: 5_700,
  /** Buyer iff u + buyNoise * z > buyThreshold (u, z standard normal). */
  buyNoise: 0.9,
  buyThreshold: 1.26,
  /** Per-session means: exp(base + intent * u). */
  viewBase: 0.3,
  viewIntent: 0.3,
  cartBase: -0.35,
  cartIntent: 0.45,
  /** Chance that a carted item is removed later in the session. */
  removeRate: 0.64,
  /** Standard deviation of the log activity level of returning users. */
  activitySpread: 0.95,
  /** Extra basket items beyond the first (mean). */
  basketExtra: 5.8,
  /** Chance a later session of a buyer holds another purchase. */
  repeatPurchase: 0.35,
  /** Browsing after checkout in the same session (cut by the first cleaning step). */
  afterPurchaseChance: 0.5,
  afterPurchaseViews: 2.5,
  /** Where the first purchase falls among a buyer's sessions: index = floor(S * U^firstPurchaseSkew). */
  firstPurchaseSkew: 1.6,
  /** Chance of revisiting a recently seen product instead of a fresh one. */
  revisit: 0.35,
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
  private clock = 0;

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
      this.session(rng.next() * (T - 3600), p.singleViews, p.singleCarts, buyer);
      return;
    }
    const u = rng.normal();
    const buyer = u + p.buyNoise * rng.normal() > p.buyThreshold;
    const sessions = Math.min(p.maxSessions,
      2 + Math.floor(lomax(rng, p.sessionScale * Math.exp(p.sessionIntent * u), p.sessionShape)));
    // Active span: a random length placed uniformly, so activity is spread evenly over the months.
    const span = (T - 3600) * Math.pow(rng.next(), 1.5);
    const start = rng.next() * (T - 3600 - span);
    const times = new Float64Array(sessions);
    for (let j = 0; j < sessions; j++) times[j] = start + rng.next() * span;
    times.sort();
    const first = buyer ? Math.floor(sessions * Math.pow(rng.next(), p.firstPurchaseSkew)) : -1;
    // A per-user activity level independent of intent: some people simply click more.
    const activity = p.activitySpread * rng.normal();
    const views = Math.exp(p.viewBase + p.viewIntent * u + activity);
    const carts = Math.exp(p.cartBase + p.cartIntent * u + activity);
    for (let j = 0; j < sessions; j++) {
      const purchase = j === first || (buyer && j > first && rng.next() < p.repeatPurchase);
      this.session(times[j], views, carts, purchase);
    }
  }

  /** Time of the next event in the current session. */
  private step(): number {
    this.clock += 1 + geometric(this.rng, this.p.eventGap);
    return this.clock;
  }

  private pick(): number {
    const { rng, recent } = this;
    if (recent.length > 0 && rng.next() < this.p.revisit) return recent[rng.int(recent.length)];
    const product = this.catalogue.draw(rng);
    if (recent.length < 12) recent.push(product);
    else recent[rng.int(12)] = product;
    return product;
  }

  private session(start: number, meanViews: number, meanCarts: number, purchase: boolean): void {
    const { rng, p, sink, viewed, carted } = this;
    const id = uuidLike(rng);
    this.clock = start;
    let nViews = geometric(rng, meanViews);
    const nCarts = geometric(rng, meanCarts);
    if (nViews + nCarts === 0 && !purchase) nViews = 1;
    viewed.length = 0;
    carted.length = 0;
    for (let i = 0; i < nViews; i++) {
      const product = this.pick();
      viewed.push(product);
      sink.event(this.step(), 'view', product, id);
    }
    for (let i = 0; i < nCarts; i++) {
      const product = viewed.length > 0 && rng.next() < 0.6 ? viewed[rng.int(viewed.length)] : this.pick();
      carted.push(product);
      sink.event(this.step(), 'cart', product, id);
    }
    // Removals come after the carting; the survivors are the basket.
    let kept = 0;
    for (let i = 0; i < carted.length; i++) {
      if (rng.next() < p.removeRate) sink.event(this.step(), 'remove_from_cart', carted[i], id);
      else carted[kept++] = carted[i];
    }
    carted.length = kept;
    if (!purchase) return;
    // An order lists each product once (quantities are not in the data).
    const basket = 1 + geometric(rng, p.basketExtra);
    const distinct = [...new Set(carted)];
    for (let tries = 0; distinct.length < basket && tries < basket * 3; tries++) {
      const product = this.pick();
      if (distinct.includes(product)) continue;
      distinct.push(product);
      sink.event(this.step(), 'cart', product, id);
    }
    carted.length = 0;
    carted.push(...distinct);
    const checkout = this.step();
    for (const product of carted) sink.event(checkout, 'purchase', product, id);
    if (rng.next() < p.refundRate) sink.refund(checkout, carted[0], id);
    if (rng.next() < p.afterPurchaseChance) {
      const more = 1 + geometric(rng, p.afterPurchaseViews);
      for (let i = 0; i < more; i++) sink.event(this.step(), 'view', this.pick(), id);
    }
  }
}

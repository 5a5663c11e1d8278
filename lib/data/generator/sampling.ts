/** Small sampling helpers over the shared seeded generator, used by the data generator. */
import type { Rng } from '../../random';

/** Geometric count on {0, 1, 2, ...} with the given mean (0 when mean <= 0). */
export function geometric(rng: Rng, mean: number): number {
  if (mean <= 0) return 0;
  const q = mean / (1 + mean);
  let u = rng.next();
  while (u === 0) u = rng.next();
  return Math.floor(Math.log(u) / Math.log(q));
}

/** Lomax (Pareto II) deviate with scale `scale` and shape `shape`: heavy tailed, starts at 0. */
export function lomax(rng: Rng, scale: number, shape: number): number {
  let u = rng.next();
  while (u === 0) u = rng.next();
  return scale * (u ** (-1 / shape) - 1);
}

/**
 * Walker's alias table: O(1) draws from a fixed discrete distribution, which keeps per-row product
 * choice cheap enough for millions of rows per second.
 */
export class AliasTable {
  private readonly prob: Float64Array;
  private readonly alias: Int32Array;

  constructor(weights: ArrayLike<number>) {
    const n = weights.length;
    if (n === 0) throw new Error('AliasTable needs at least one weight');
    let total = 0;
    for (let i = 0; i < n; i++) total += weights[i]!;
    this.prob = new Float64Array(n);
    this.alias = new Int32Array(n);
    const scaled = new Float64Array(n);
    const small: number[] = [];
    const large: number[] = [];
    for (let i = 0; i < n; i++) {
      scaled[i] = (weights[i]! * n) / total;
      (scaled[i]! < 1 ? small : large).push(i);
    }
    while (small.length > 0 && large.length > 0) {
      const s = small.pop()!;
      const l = large.pop()!;
      this.prob[s] = scaled[s]!;
      this.alias[s] = l;
      scaled[l] = scaled[l]! + scaled[s]! - 1;
      (scaled[l]! < 1 ? small : large).push(l);
    }
    // Leftovers are 1 up to rounding error.
    for (const i of large) this.prob[i] = 1;
    for (const i of small) this.prob[i] = 1;
  }

  /** Draw one index. */
  sample(rng: Rng): number {
    const x = rng.next() * this.prob.length;
    const i = Math.floor(x);
    return x - i < this.prob[i]! ? i : this.alias[i]!;
  }
}

/** Zipf-like weights 1/(rank+1)^s for ranks 0..n-1. */
export function zipfWeights(n: number, s: number): Float64Array {
  const w = new Float64Array(n);
  for (let i = 0; i < n; i++) w[i] = 1 / (i + 1) ** s;
  return w;
}

/**
 * Pick items (visited in the given order) so their weight is `share` of the total weight, to within
 * one item: an item is taken only if the running picked share stays at or below `share`. This keeps
 * the null shares of the generated rows on target at every data size, instead of leaving them to
 * the luck of which popular product happened to get a flag.
 */
export function pickWeightShare(weights: ArrayLike<number>, order: ArrayLike<number>, share: number): Uint8Array {
  const picked = new Uint8Array(weights.length);
  let seen = 0;
  let taken = 0;
  for (let k = 0; k < order.length; k++) {
    const i = order[k]!;
    const w = weights[i]!;
    seen += w;
    if (taken + w <= share * seen) {
      picked[i] = 1;
      taken += w;
    }
  }
  return picked;
}

const HEX_BYTE = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

function hex8(x: number): string {
  return HEX_BYTE[(x >>> 24) & 255]! + HEX_BYTE[(x >>> 16) & 255]! + HEX_BYTE[(x >>> 8) & 255] + HEX_BYTE[x & 255];
}

/** A UUID-shaped string (8-4-4-4-12 hex) from the generator: deterministic, not cryptographic. */
export function uuidLike(rng: Rng): string {
  const a = hex8(rng.int(4294967296));
  const b = hex8(rng.int(4294967296));
  const c = hex8(rng.int(4294967296));
  const d = hex8(rng.int(4294967296));
  return `${a}-${b.slice(0, 4)}-4${b.slice(5)}-${c.slice(0, 4)}-${c.slice(4)}${d}`;
}

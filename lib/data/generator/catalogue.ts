/**
 * The shop's product catalogue: every product keeps one price, brand, category id and category code
 * for the whole data set, as in the real files. Popularity is skewed (Zipf), and which products carry a
 * brand, a non-cosmetic category code or a zero price is chosen by weight so the row shares of those
 * match the published figures.
 */
import type { Rng } from '../../random';
import { AliasTable, pickWeightShare, zipfWeights } from './sampling';

/** Non-cosmetic category codes seen in the real files (spec section 1). */
export const NON_COSMETIC_CODES = [
  'appliances.environment.vacuum',
  'stationery.cartrige',
  'apparel.glove',
  'furniture.living_room.cabinet',
  'accessories.bag',
  'furniture.bathroom.bath',
  'appliances.personal.hair_cutter',
  'accessories.cosmetic_bag',
  'appliances.environment.air_conditioner',
  'furniture.living_room.chair',
  'sport.diving',
] as const;

/** Calibration knobs of the catalogue. */
export const CATALOGUE_PARAMS = {
  products: 24_000,
  /** Zipf exponent of product popularity. */
  productSkew: 0.75,
  brands: 280,
  brandSkew: 1.05,
  cosmeticCategories: 470,
  /** Row share with a category code: 143,225 / 8,738,120. */
  categoryCodeShare: 143_225 / 8_738_120,
  /** Row share without a brand: 1 - 5,092,830 / 8,738,120. */
  brandNullShare: 1 - 5_092_830 / 8_738_120,
  /** Row share with price 0 (the part of step 3's drop that is not refunds). */
  zeroPriceShare: 0.0018,
  /** Median product price (lognormal around a per-category base). */
  medianPrice: 4.5,
  /** Log-scale spread of product prices around their category's base. */
  priceSpread: 1.1,
};

export type CatalogueParams = typeof CATALOGUE_PARAMS;

/** The catalogue, with each product's fields pre-rendered as the CSV text between product_id and price. */
export interface Catalogue {
  size: number;
  /** `product_id,category_id,category_code,brand,price` for each product, ready to write. */
  fields: string[];
  price: Float64Array;
  /** Draw a product index by popularity. */
  draw(rng: Rng): number;
  /** Number of brands; products without a brand form one more pool, index `brands`. */
  brands: number;
  /** Draw a pool (a brand, or `brands` for the unbranded products) with probability its share of the popularity. */
  drawPool(rng: Rng): number;
  /** Draw a product of one pool by popularity. */
  drawFromPool(rng: Rng, pool: number): number;
  /** Draw by popularity among the products priced within a factor `band` of `centre` (any product if none). */
  drawNearPrice(rng: Rng, centre: number, band: number): number;
  /** Field text of refund rows (negative price), as `fields`. */
  refundFields(product: number): string;
}

const SYLLABLES = [
  'ka',
  'ri',
  'lo',
  'mi',
  'ne',
  'sa',
  'to',
  'vi',
  'ze',
  'bu',
  'da',
  'fe',
  'go',
  'ha',
  'ju',
  'lu',
  'ma',
  'no',
  'pe',
  'ro',
  'si',
  'ta',
  'ul',
  'ver',
  'xo',
  'yan',
  'el',
  'ar',
  'is',
  'on',
];

/** A few hundred pronounceable, distinct brand names. */
function brandNames(rng: Rng, n: number): string[] {
  const names = new Set<string>();
  while (names.size < n) {
    const parts = 2 + rng.int(2);
    let s = '';
    for (let i = 0; i < parts; i++) s += SYLLABLES[rng.int(SYLLABLES.length)];
    names.add(s);
  }
  return [...names];
}

/** Distinct 64-bit category ids between ~1.49e18 and ~2.29e18 (all above 2^53), as exact decimal text. */
function categoryIds(rng: Rng, n: number): string[] {
  const ids = new Set<string>();
  while (ids.size < n) {
    const hi = BigInt(Math.floor(rng.next() * 800_000_000));
    const lo = BigInt(rng.int(1_000_000_000));
    ids.add((1_487_580_004_807_115_987n + hi * 1_000_000_000n + lo).toString());
  }
  return [...ids];
}

/** Build the catalogue from its own generator (independent of the number of users). */
export function buildCatalogue(rng: Rng, p: CatalogueParams = CATALOGUE_PARAMS): Catalogue {
  const n = p.products;
  const popularity = zipfWeights(n, p.productSkew);
  const brands = brandNames(rng, p.brands);
  const brandTable = new AliasTable(zipfWeights(p.brands, p.brandSkew));
  const cosmeticIds = categoryIds(rng, p.cosmeticCategories + NON_COSMETIC_CODES.length * 2);
  const codeIds = cosmeticIds.splice(p.cosmeticCategories);
  const categoryTable = new AliasTable(zipfWeights(p.cosmeticCategories, 0.9));
  const categoryBase = Array.from({ length: p.cosmeticCategories }, () => p.medianPrice * Math.exp(0.75 * rng.normal()));

  // Product ids: distinct, spread up to ~5.9M, unrelated to popularity rank.
  const stride = Math.floor(5_850_000 / n);
  const ids = Array.from({ length: n }, (_, i) => 3_752 + i * stride + rng.int(stride));
  rng.shuffle(ids);

  const order = (): Int32Array => rng.shuffle(Int32Array.from({ length: n }, (_, i) => i));
  const hasCode = pickWeightShare(popularity, order(), p.categoryCodeShare);
  const noBrand = pickWeightShare(popularity, order(), p.brandNullShare);
  const zeroPriced = pickWeightShare(popularity, order(), p.zeroPriceShare);

  const poolOf = new Int32Array(n);
  const fields: string[] = new Array(n);
  const price = new Float64Array(n);
  const prefix: string[] = new Array(n);
  for (let i = 0; i < n; i++) {
    let categoryId: string;
    let code = '';
    let base: number;
    if (hasCode[i]) {
      const c = rng.int(NON_COSMETIC_CODES.length);
      code = NON_COSMETIC_CODES[c]!;
      categoryId = codeIds[c * 2 + rng.int(2)]!;
      base = p.medianPrice * 1.5;
    } else {
      const c = categoryTable.sample(rng);
      categoryId = cosmeticIds[c]!;
      base = categoryBase[c]!;
    }
    const b = noBrand[i] ? p.brands : brandTable.sample(rng);
    poolOf[i] = b;
    const brand = b === p.brands ? '' : brands[b];
    let cents = Math.round(base * Math.exp(p.priceSpread * rng.normal()) * 100);
    cents = Math.min(Math.max(cents, 5), 32_799);
    if (zeroPriced[i]) cents = 0;
    price[i] = cents / 100;
    prefix[i] = `${ids[i]},${categoryId},${code},${brand},`;
    fields[i] = prefix[i] + (cents / 100).toFixed(2);
  }
  const table = new AliasTable(popularity);
  // Per pool: its products and their popularity, so a shopper can stay within a brand.
  const members: number[][] = Array.from({ length: p.brands + 1 }, () => []);
  for (let i = 0; i < n; i++) members[poolOf[i]!]!.push(i);
  const poolWeight = new Float64Array(p.brands + 1);
  for (let i = 0; i < n; i++) poolWeight[poolOf[i]!]! += popularity[i]!;
  // A brand that got no product keeps weight 0 and is never drawn; give it a placeholder member anyway.
  const poolTables = members.map((m) => (m.length > 0 ? new AliasTable(m.map((i) => popularity[i]!)) : null));
  const poolTable = new AliasTable(poolWeight);
  // Products by price with running popularity, so a draw within a price range is two binary searches.
  const byPrice = Int32Array.from({ length: n }, (_, i) => i).sort((a, b) => price[a]! - price[b]! || a - b);
  const sortedPrice = Float64Array.from(byPrice, (i) => price[i]!);
  const cumulative = new Float64Array(n + 1);
  for (let k = 0; k < n; k++) cumulative[k + 1] = cumulative[k]! + popularity[byPrice[k]!]!;
  const firstAtLeast = (a: Float64Array, x: number, lo: number, hi: number): number => {
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (a[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  return {
    size: n,
    fields,
    price,
    draw: (r) => table.sample(r),
    brands: p.brands,
    drawPool: (r) => poolTable.sample(r),
    drawNearPrice: (r, centre, band) => {
      const lo = firstAtLeast(sortedPrice, centre / band, 0, n);
      const hi = firstAtLeast(sortedPrice, centre * band + 1e-9, lo, n);
      if (hi <= lo) return table.sample(r);
      const target = cumulative[lo]! + r.next() * (cumulative[hi]! - cumulative[lo]!);
      const k = Math.min(hi - 1, Math.max(lo, firstAtLeast(cumulative, target, lo + 1, hi + 1) - 1));
      return byPrice[k]!;
    },
    drawFromPool: (r, pool) => {
      const t = poolTables[pool];
      return t ? members[pool]![t.sample(r)]! : table.sample(r);
    },
    refundFields: (i) => `${prefix[i]}-${Math.max(price[i]!, 0.5).toFixed(2)}`,
  };
}

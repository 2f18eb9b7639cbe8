/** A Beta distribution held as pseudo-counts above a prior; the unit every belief is made of. */
export interface BetaCounts {
  alpha: number;
  beta: number;
}

export const betaMean = (b: BetaCounts) => b.alpha / (b.alpha + b.beta);

/**
 * How much the belief rests on consistent evidence rather than the prior, 0..1. Evidence above the
 * prior counts in proportion to how one-sided it is, so contradicting evidence visibly lowers
 * confidence instead of adding to it; 4 consistent observations' worth ≈ 0.5.
 */
export function betaConfidence(b: BetaCounts, prior: BetaCounts, halfAt = 4): number {
  const pro = Math.max(0, b.alpha - prior.alpha);
  const con = Math.max(0, b.beta - prior.beta);
  const total = pro + con;
  if (total === 0) return 0;
  const consistent = total * (1 - Math.min(pro, con) / Math.max(pro, con));
  return consistent / (consistent + halfAt);
}

/** Moves a belief back toward its prior, keeping `keep` (0..1) of what evidence added. */
export function decayToward(b: BetaCounts, prior: BetaCounts, keep: number): void {
  b.alpha = prior.alpha + (b.alpha - prior.alpha) * keep;
  b.beta = prior.beta + (b.beta - prior.beta) * keep;
}

/**
 * Bayesian update with volatility: evidence that contradicts a confident belief first discounts the old
 * counts in proportion to the surprise, so a changed mind shows as lower confidence rather than a
 * belief that only ever grows more certain.
 */
export function addEvidence(b: BetaCounts, prior: BetaCounts, weight: number): void {
  const mean = betaMean(b);
  const surprise = weight > 0 ? Math.max(0, 0.5 - mean) * 2 : Math.max(0, mean - 0.5) * 2;
  if (surprise > 0) decayToward(b, prior, 1 - 0.6 * surprise);
  if (weight >= 0) b.alpha += weight;
  else b.beta -= weight;
}

/** Draws from Beta(alpha, beta) with a seeded uniform source (Marsaglia–Tsang via two gammas). */
export function sampleBeta(b: BetaCounts, random: () => number): number {
  const x = sampleGamma(b.alpha, random);
  const y = sampleGamma(b.beta, random);
  return x / (x + y);
}

function sampleGamma(shape: number, random: () => number): number {
  if (shape < 1) return sampleGamma(shape + 1, random) * random() ** (1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = gaussian(random);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = random();
    if (u < 1 - 0.0331 * x ** 4 || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
  }
}

function gaussian(random: () => number): number {
  const u = Math.max(random(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

/** mulberry32: a tiny seeded PRNG whose whole state is one 32-bit integer (serializable). */
export function nextRandom(state: { seed: number }): number {
  state.seed = (state.seed + 0x6d2b79f5) | 0;
  let t = state.seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

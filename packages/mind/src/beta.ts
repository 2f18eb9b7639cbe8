/** A Beta distribution held as pseudo-counts above a prior; the unit every belief is made of. */
export interface BetaCounts {
  alpha: number;
  beta: number;
  /** Evidence weight that contradicted the belief's lean when it arrived (fades with the belief). */
  conflict?: number | undefined;
}

export const betaMean = (b: BetaCounts) => b.alpha / (b.alpha + b.beta);

/**
 * How much the belief rests on consistent evidence rather than the prior, 0..1: the evidence beyond
 * the prior, less three times what contradicted it, squashed (4 consistent observations' worth ≈ 0.5). So
 * contradicting evidence visibly lowers confidence instead of adding to it.
 */
export function betaConfidence(b: BetaCounts, prior: BetaCounts, halfAt = 4): number {
  const extra = Math.max(0, b.alpha + b.beta - prior.alpha - prior.beta);
  const effective = Math.max(0, extra - 3 * (b.conflict ?? 0));
  return effective / (effective + halfAt);
}

/** Moves a belief back toward its prior, keeping `keep` (0..1) of what evidence added. */
export function decayToward(b: BetaCounts, prior: BetaCounts, keep: number): void {
  b.alpha = prior.alpha + (b.alpha - prior.alpha) * keep;
  b.beta = prior.beta + (b.beta - prior.beta) * keep;
  if (b.conflict) b.conflict *= keep;
}

/**
 * Bayesian update with volatility. `weight` is how many observations the evidence is worth (its sign
 * gives the direction); `value` (0..1), when given, is a soft observation of where the quantity lies
 * (e.g. "uses basic terms correctly" ≈ 0.65 of mastery), so evidence can pull toward the middle, not
 * only toward 0 or 1. Evidence on the other side of a belief that leans discounts the old counts in
 * proportion to the surprise and is remembered as conflict (lowering confidence).
 */
export function addEvidence(b: BetaCounts, prior: BetaCounts, weight: number, value?: number): void {
  const w = Math.abs(weight);
  const v = value ?? (weight >= 0 ? 1 : 0);
  const mean = betaMean(b);
  const opposite = (v - 0.5) * (mean - 0.5) < 0 && Math.abs(mean - 0.5) > 0.05 && Math.abs(v - 0.5) > 0.1;
  if (opposite) {
    const surprise = Math.min(1, Math.abs(v - mean));
    decayToward(b, prior, 1 - 0.6 * surprise);
    b.conflict = (b.conflict ?? 0) + w * surprise;
  }
  b.alpha += w * v;
  b.beta += w * (1 - v);
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

/**
 * Multi-output linear models on hashed features, trained with FTRL-Proximal (per-coordinate AdaGrad
 * step sizes with L1 + L2; McMahan et al. 2013). L1 keeps the weight files small; the seeded shuffle
 * makes training deterministic.
 */
import type { Features } from "../../src/learned/featurize.js";

export interface TrainOptions {
  bits: number;
  epochs: number;
  /** FTRL α (learning rate scale), β (smoothing), λ1, λ2. */
  alpha: number;
  beta: number;
  l1: number;
  l2: number;
  seed: number;
  /** Gradient multiplier for positive examples, per head (logistic loss only). */
  posWeight?: number[];
  loss: "logistic" | "squared";
  /** Called after each epoch. */
  onEpoch?: (epoch: number, model: LinearWeights) => void;
}

export interface LinearWeights {
  k: number;
  bits: number;
  /** Row-major [bucket][head]. */
  w: Float32Array;
  bias: Float64Array;
}

/** mulberry32: a tiny seeded PRNG. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function shuffled(n: number, seed: number): Int32Array {
  const r = rng(seed);
  const a = new Int32Array(n);
  for (let i = 0; i < n; i++) a[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    const t = a[i] ?? 0;
    a[i] = a[j] ?? 0;
    a[j] = t;
  }
  return a;
}

/**
 * Trains k heads at once. `targets[h][i]` is example i's target for head h (0/1 for logistic, any real
 * for squared; NaN = no label for that head).
 */
export function trainFtrl(xs: Features[], targets: Float32Array[], opt: TrainOptions): LinearWeights {
  const k = targets.length;
  const size = (1 << opt.bits) * k;
  const z = new Float64Array(size);
  const nAcc = new Float64Array(size);
  const bias = new Float64Array(k);
  const biasN = new Float64Array(k);
  const { alpha, beta, l1, l2 } = opt;
  const weightAt = (j: number) => {
    const zj = z[j] ?? 0;
    if (Math.abs(zj) <= l1) return 0;
    return -(zj - Math.sign(zj) * l1) / ((beta + Math.sqrt(nAcc[j] ?? 0)) / alpha + l2);
  };
  const snapshot = (): LinearWeights => {
    const w = new Float32Array(size);
    for (let j = 0; j < size; j++) w[j] = weightAt(j);
    return { k, bits: opt.bits, w, bias: Float64Array.from(bias) };
  };
  const cur = new Float64Array(k);
  const grad = new Float64Array(k);
  for (let epoch = 0; epoch < opt.epochs; epoch++) {
    const order = shuffled(xs.length, opt.seed + epoch * 7919);
    for (const i of order) {
      const x = xs[i];
      if (!x) continue;
      const { idx, val } = x;
      for (let h = 0; h < k; h++) cur[h] = bias[h] ?? 0;
      for (let f = 0; f < idx.length; f++) {
        const base = (idx[f] ?? 0) * k;
        const v = val[f] ?? 0;
        for (let h = 0; h < k; h++) cur[h] = (cur[h] ?? 0) + weightAt(base + h) * v;
      }
      for (let h = 0; h < k; h++) {
        const t = targets[h]?.[i] ?? Number.NaN;
        if (Number.isNaN(t)) {
          grad[h] = 0;
          continue;
        }
        const zh = cur[h] ?? 0;
        if (opt.loss === "logistic") {
          const p = 1 / (1 + Math.exp(-Math.max(-35, Math.min(35, zh))));
          grad[h] = (p - t) * (t >= 0.5 ? (opt.posWeight?.[h] ?? 1) : 1);
        } else {
          grad[h] = zh - t;
        }
      }
      for (let f = 0; f < idx.length; f++) {
        const base = (idx[f] ?? 0) * k;
        const v = val[f] ?? 0;
        for (let h = 0; h < k; h++) {
          const g0 = grad[h] ?? 0;
          if (g0 === 0) continue;
          const j = base + h;
          const g = g0 * v;
          const nj = nAcc[j] ?? 0;
          const sigma = (Math.sqrt(nj + g * g) - Math.sqrt(nj)) / alpha;
          z[j] = (z[j] ?? 0) + g - sigma * weightAt(j);
          nAcc[j] = nj + g * g;
        }
      }
      for (let h = 0; h < k; h++) {
        const g = grad[h] ?? 0;
        if (g === 0) continue;
        biasN[h] = (biasN[h] ?? 0) + g * g;
        bias[h] = (bias[h] ?? 0) - (alpha * g) / (beta + Math.sqrt(biasN[h] ?? 0));
      }
    }
    opt.onEpoch?.(epoch, snapshot());
  }
  return snapshot();
}

/** Raw scores (logits or regression outputs) of head h for each example. */
export function scoreAll(m: LinearWeights, xs: Features[], h: number): Float64Array {
  const out = new Float64Array(xs.length);
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i];
    if (!x) continue;
    let s = m.bias[h] ?? 0;
    for (let f = 0; f < x.idx.length; f++) s += (m.w[(x.idx[f] ?? 0) * m.k + h] ?? 0) * (x.val[f] ?? 0);
    out[i] = s;
  }
  return out;
}

/**
 * Linear models over hashed features, as shipped in `packages/mind/weights/*.json`.
 *
 * File format ("attune-linear/1"): the featurizer configuration the model was trained with, the head
 * names, a bias per head, and the non-zero rows of the [bucket × head] weight matrix: `rows` holds the
 * bucket indices delta-encoded (each entry is the gap from the previous row), `w` the row-major integer
 * weights of those rows, to be multiplied by `scale`. Anything else (calibration, thresholds, metrics)
 * lives in `extra`, typed by each reader.
 */
import { FEATURIZER, type Features, type FeaturizerConfig } from "./featurize.js";

export interface LinearFile {
  format: string;
  featurizer: FeaturizerConfig;
  heads: string[];
  bias: number[];
  scale: number;
  rows: number[];
  w: number[];
}

export interface LinearModel {
  heads: string[];
  k: number;
  bias: Float64Array;
  /**
   * Dense row-major [bucket][head] weights (a module-level singleton per model); rows are padded to
   * 8 floats when k ≤ 8 (see rowStride).
   */
  w: Float32Array;
}

/** Floats per row of LinearModel.w. */
export function rowStride(k: number): number {
  return Math.max(k, 8);
}

function sameConfig(a: FeaturizerConfig, b: FeaturizerConfig): boolean {
  return (Object.keys(b) as (keyof FeaturizerConfig)[]).every((key) => a[key] === b[key]);
}

/** Decodes one weights file into a dense model. */
export function decodeLinear(file: LinearFile, expected: FeaturizerConfig = FEATURIZER): LinearModel {
  return fuseLinear([file], expected).model;
}

/**
 * Decodes several weights files into one dense model whose heads are the files' heads side by side
 * (file i's heads start at offsets[i]), so one pass over a text's features scores every head and
 * each feature touches a single row of memory.
 */
export function fuseLinear(
  files: LinearFile[],
  expected: FeaturizerConfig = FEATURIZER,
): { model: LinearModel; offsets: number[] } {
  const k = files.reduce((n, f) => n + f.heads.length, 0);
  const stride = rowStride(k);
  const w = new Float32Array((1 << expected.bits) * stride);
  const bias = new Float64Array(k);
  const heads: string[] = [];
  const offsets: number[] = [];
  for (const file of files) {
    if (file.format !== "attune-linear/1") throw new Error(`unknown weights format ${file.format}`);
    if (!sameConfig(file.featurizer, expected)) {
      throw new Error("weights were trained with a different featurizer configuration: retrain (pnpm train)");
    }
    const off = heads.length;
    const kf = file.heads.length;
    offsets.push(off);
    heads.push(...file.heads);
    file.bias.forEach((b, h) => {
      bias[off + h] = b;
    });
    let row = 0;
    for (let r = 0; r < file.rows.length; r++) {
      row += file.rows[r] ?? 0;
      for (let h = 0; h < kf; h++) w[row * stride + off + h] = (file.w[r * kf + h] ?? 0) * file.scale;
    }
  }
  return { model: { heads, k, bias, w }, offsets };
}

/** Raw outputs (logits for logistic heads) of every head, into `out` (length ≥ k). */
export function linearScores(model: LinearModel, x: Features, out: Float64Array): Float64Array {
  const { k, w, bias } = model;
  const { idx, val } = x;
  const n = idx.length;
  if (k <= 8) {
    // Eight register accumulators over rows padded to 8 floats (32 bytes: one cache-line half).
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    let s4 = 0;
    let s5 = 0;
    let s6 = 0;
    let s7 = 0;
    for (let f = 0; f < n; f++) {
      const base = (idx[f] as number) << 3;
      const v = val[f] as number;
      s0 += (w[base] as number) * v;
      s1 += (w[base + 1] as number) * v;
      s2 += (w[base + 2] as number) * v;
      s3 += (w[base + 3] as number) * v;
      s4 += (w[base + 4] as number) * v;
      s5 += (w[base + 5] as number) * v;
      s6 += (w[base + 6] as number) * v;
      s7 += (w[base + 7] as number) * v;
    }
    const acc = [s0, s1, s2, s3, s4, s5, s6, s7];
    for (let h = 0; h < k; h++) out[h] = (bias[h] ?? 0) + (acc[h] ?? 0);
    return out;
  }
  for (let h = 0; h < k; h++) out[h] = bias[h] ?? 0;
  for (let f = 0; f < n; f++) {
    const base = (idx[f] as number) * k;
    const v = val[f] as number;
    for (let h = 0; h < k; h++) out[h] = (out[h] as number) + (w[base + h] as number) * v;
  }
  return out;
}

export function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

/** Platt scaling parameters: p = sigmoid(a·z + b). */
export interface Platt {
  a: number;
  b: number;
}

export function calibrated(z: number, c: Platt): number {
  return sigmoid(c.a * z + c.b);
}

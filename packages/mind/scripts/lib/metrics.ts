/** Evaluation metrics and calibration helpers (pure; shared by the trainer and the benchmark). */

/** ROC AUC with ties counted as half (Mann–Whitney U). `y` is 1 for the positive class. */
export function auc(scores: ArrayLike<number>, y: ArrayLike<number>): number {
  const n = scores.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => (scores[a] ?? 0) - (scores[b] ?? 0));
  let pos = 0;
  let rankSum = 0;
  let i = 0;
  while (i < n) {
    let j = i;
    while (j + 1 < n && scores[order[j + 1] ?? 0] === scores[order[i] ?? 0]) j++;
    const rank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) {
      if (y[order[k] ?? 0] === 1) {
        pos++;
        rankSum += rank;
      }
    }
    i = j + 1;
  }
  const neg = n - pos;
  if (pos === 0 || neg === 0) return Number.NaN;
  return (rankSum - (pos * (pos + 1)) / 2) / (pos * neg);
}

export interface Confusion {
  tp: number;
  fp: number;
  fn: number;
  tn: number;
}

export function confusion(pred: ArrayLike<number>, y: ArrayLike<number>): Confusion {
  const c = { tp: 0, fp: 0, fn: 0, tn: 0 };
  for (let i = 0; i < y.length; i++) {
    const p = pred[i] === 1;
    const t = y[i] === 1;
    if (p && t) c.tp++;
    else if (p) c.fp++;
    else if (t) c.fn++;
    else c.tn++;
  }
  return c;
}

export function f1Of(c: Confusion): number {
  return c.tp === 0 ? 0 : (2 * c.tp) / (2 * c.tp + c.fp + c.fn);
}

/** F1 of the positive class when predicting positive for score ≥ threshold. */
export function f1At(scores: ArrayLike<number>, y: ArrayLike<number>, threshold: number): number {
  const pred = Array.from(scores, (s) => (s >= threshold ? 1 : 0));
  return f1Of(confusion(pred, y));
}

/** The threshold (midpoint between adjacent distinct scores) that maximises positive-class F1. */
export function bestThreshold(scores: ArrayLike<number>, y: ArrayLike<number>): { threshold: number; f1: number } {
  const n = scores.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => (scores[b] ?? 0) - (scores[a] ?? 0));
  let totalPos = 0;
  for (let i = 0; i < n; i++) totalPos += y[i] === 1 ? 1 : 0;
  let tp = 0;
  let fp = 0;
  let best = { threshold: Number.POSITIVE_INFINITY, f1: 0 };
  for (let k = 0; k < n; k++) {
    const i = order[k] ?? 0;
    if (y[i] === 1) tp++;
    else fp++;
    const s = scores[i] ?? 0;
    const next = k + 1 < n ? (scores[order[k + 1] ?? 0] ?? 0) : Number.NEGATIVE_INFINITY;
    if (next === s) continue;
    const f1 = (2 * tp) / (tp + fp + totalPos);
    if (f1 > best.f1) best = { threshold: Number.isFinite(next) ? (s + next) / 2 : s, f1 };
  }
  return best;
}

/** Multi-class F1 per class, macro and support-weighted (sklearn's "weighted" average). */
export function multiclassF1(pred: ArrayLike<number>, y: ArrayLike<number>, classes: number[]) {
  const per = new Map<number, number>();
  let weighted = 0;
  let macro = 0;
  for (const c of classes) {
    const cm = confusion(
      Array.from(pred, (p) => (p === c ? 1 : 0)),
      Array.from(y, (t) => (t === c ? 1 : 0)),
    );
    const f = f1Of(cm);
    per.set(c, f);
    macro += f / classes.length;
    weighted += (f * (cm.tp + cm.fn)) / y.length;
  }
  let correct = 0;
  for (let i = 0; i < y.length; i++) correct += pred[i] === y[i] ? 1 : 0;
  return { per, macro, weighted, accuracy: correct / y.length };
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

/**
 * Platt scaling: a, b minimising log loss of sigmoid(a·z + b) on held-out (z, y), with Platt's
 * smoothed targets. Newton's method on two parameters; deterministic.
 */
export function plattFit(z: ArrayLike<number>, y: ArrayLike<number>): { a: number; b: number } {
  let pos = 0;
  for (let i = 0; i < y.length; i++) pos += y[i] === 1 ? 1 : 0;
  const neg = y.length - pos;
  const hi = (pos + 1) / (pos + 2);
  const lo = 1 / (neg + 2);
  let a = 1;
  let b = 0;
  for (let it = 0; it < 100; it++) {
    let ga = 0;
    let gb = 0;
    let haa = 1e-9;
    let hab = 0;
    let hbb = 1e-9;
    for (let i = 0; i < z.length; i++) {
      const zi = z[i] ?? 0;
      const t = y[i] === 1 ? hi : lo;
      const p = sigmoid(a * zi + b);
      const d = p - t;
      const w = p * (1 - p);
      ga += d * zi;
      gb += d;
      haa += w * zi * zi;
      hab += w * zi;
      hbb += w;
    }
    const det = haa * hbb - hab * hab;
    if (Math.abs(det) < 1e-12) break;
    const da = (hbb * ga - hab * gb) / det;
    const db = (haa * gb - hab * ga) / det;
    a -= da;
    b -= db;
    if (Math.abs(da) + Math.abs(db) < 1e-9) break;
  }
  return { a, b };
}

/** Mean log loss of probabilities p against y. */
export function logLoss(p: ArrayLike<number>, y: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < y.length; i++) {
    const q = Math.min(1 - 1e-7, Math.max(1e-7, p[i] ?? 0));
    s -= y[i] === 1 ? Math.log(q) : Math.log(1 - q);
  }
  return s / y.length;
}

/** Expected calibration error over `bins` equal-width probability bins. */
export function ece(p: ArrayLike<number>, y: ArrayLike<number>, bins = 10): number {
  const cnt = new Array<number>(bins).fill(0);
  const conf = new Array<number>(bins).fill(0);
  const acc = new Array<number>(bins).fill(0);
  for (let i = 0; i < y.length; i++) {
    const q = p[i] ?? 0;
    const b = Math.min(bins - 1, Math.floor(q * bins));
    cnt[b] = (cnt[b] ?? 0) + 1;
    conf[b] = (conf[b] ?? 0) + q;
    acc[b] = (acc[b] ?? 0) + (y[i] === 1 ? 1 : 0);
  }
  let e = 0;
  for (let b = 0; b < bins; b++) {
    const c = cnt[b] ?? 0;
    if (c > 0) e += Math.abs((acc[b] ?? 0) - (conf[b] ?? 0));
  }
  return e / y.length;
}

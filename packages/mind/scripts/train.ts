/**
 * Retrains the learned readers from the real data in ../shared/eval (override: ATTUNE_EVAL_DIR) and
 * writes packages/mind/weights/{states,satisfaction,clarification}.json.
 *
 *   pnpm --filter @attune/mind train            # all three
 *   pnpm --filter @attune/mind train states     # or: satisfaction, clarification
 *
 * Deterministic: fixed seeds, no clock or Math.random in anything written. Uses train parts for fitting
 * and dev parts (or cross-validation inside train+dev) for calibration, thresholds and the few choices
 * made here; test parts are never read (see bench/real-data.ts for the test numbers).
 */
import { execFileSync } from "node:child_process";
import { existsSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { FEATURIZER, type Features, featurize } from "../src/learned/featurize.js";
import {
  decodeLinear,
  type LinearFile,
  type LinearModel,
  linearScores,
  type Platt,
  sigmoid,
} from "../src/learned/model.js";
import {
  type ClariqRequest,
  clamber,
  clariq,
  dissatisfied,
  evalDir,
  goEmotions,
  REPO_ROOT,
  STATES,
  stateLabel,
  unitHash,
  ussSplit,
  ussTurns,
} from "./lib/data.js";
import { auc, bestThreshold, ece, f1At, logLoss, multiclassF1, plattFit } from "./lib/metrics.js";
import { type LinearWeights, scoreAll, type TrainOptions, trainFtrl } from "./lib/trainer.js";

const SEED = 1234;
const WEIGHTS_DIR = resolve(REPO_ROOT, "packages/mind/weights");
const cfg = FEATURIZER;
const base: TrainOptions = {
  bits: cfg.bits,
  epochs: 5,
  alpha: 0.3,
  beta: 1,
  l1: 0.5,
  l2: 1,
  seed: SEED,
  loss: "logistic",
};

const t0 = performance.now();
const log = (msg: string) => console.log(`[${((performance.now() - t0) / 1000).toFixed(1).padStart(5)}s] ${msg}`);
const fmt = (x: number) => x.toFixed(3);
const round = (x: number, digits = 6) => Number(x.toPrecision(digits));

/**
 * Quantises to integers (4 significant digits relative to the largest weight), drops all-zero rows and
 * delta-encodes the row indices.
 */
function encode(m: LinearWeights, heads: string[], extra: unknown): LinearFile & { extra: unknown } {
  let maxAbs = 0;
  for (const v of m.w) maxAbs = Math.max(maxAbs, Math.abs(v));
  const scale = round(maxAbs / 9999 || 1, 4);
  const rows: number[] = [];
  const w: number[] = [];
  let last = 0;
  const q = new Int32Array(m.k);
  for (let r = 0; r < 1 << m.bits; r++) {
    let any = false;
    for (let h = 0; h < m.k; h++) {
      q[h] = Math.round((m.w[r * m.k + h] ?? 0) / scale);
      if (q[h] !== 0) any = true;
    }
    if (!any) continue;
    rows.push(r - last);
    last = r;
    for (let h = 0; h < m.k; h++) w.push(q[h] ?? 0);
  }
  return {
    format: "attune-linear/1",
    featurizer: { ...cfg },
    heads,
    bias: Array.from(m.bias, (b) => round(b)),
    scale,
    rows,
    w,
    extra,
  };
}

function write(name: string, file: LinearFile & { extra: unknown }): LinearModel {
  const path = resolve(WEIGHTS_DIR, `${name}.json`);
  const text = `${JSON.stringify(file)}\n`;
  writeFileSync(path, text);
  log(
    `wrote weights/${name}.json (${(text.length / 1024).toFixed(0)} KB before formatting): ${file.rows.length} non-zero rows × ${file.heads.length} heads`,
  );
  return decodeLinear(file);
}

/** Head h's raw outputs: of a decoded (shipped) model, or of a training snapshot. */
function scores(m: LinearModel | LinearWeights, xs: Features[], h: number): number[] {
  if (!("heads" in m)) return Array.from(scoreAll(m, xs, h));
  const out = new Float64Array(Math.max(8, m.k));
  return xs.map((x) => linearScores(m, x, out)[h] ?? 0);
}

function stack(parts: LinearWeights[]): LinearWeights {
  const k = parts.length;
  const bits = parts[0]?.bits ?? cfg.bits;
  const w = new Float32Array((1 << bits) * k);
  parts.forEach((p, h) => {
    for (let r = 0; r < 1 << bits; r++) w[r * k + h] = p.w[r] ?? 0;
  });
  return { k, bits, w, bias: Float64Array.from(parts, (p) => p.bias[0] ?? 0) };
}

// ------------------------------------------------------------------ states (GoEmotions)

function trainStates(): void {
  log("states: loading GoEmotions train/dev");
  const train = goEmotions("train");
  const dev = goEmotions("dev");
  const xs = train.map((e) => featurize(e.text));
  const xd = dev.map((e) => featurize(e.text));
  const targets = STATES.map((s) => Float32Array.from(train, (e) => stateLabel(e, s)));
  log(`states: ${train.length} train / ${dev.length} dev comments; training 4 heads`);
  const m = trainFtrl(xs, targets, {
    ...base,
    alpha: 0.5,
    l1: 2,
    onEpoch: (ep, snap) =>
      log(
        `  epoch ${ep + 1}: dev AUC ${STATES.map(
          (s, h) =>
            `${s} ${fmt(
              auc(
                scores(snap, xd, h),
                dev.map((e) => stateLabel(e, s)),
              ),
            )}`,
        ).join(", ")}`,
      ),
  });
  // Calibrate and threshold the quantised model, i.e. exactly what ships.
  const draft = decodeLinear(encode(m, [...STATES], {}));
  const calibration: Platt[] = [];
  const thresholds: number[] = [];
  const devMetrics: Record<string, unknown> = {};
  for (const [h, s] of STATES.entries()) {
    const z = scores(draft, xd, h);
    const y = dev.map((e) => stateLabel(e, s));
    const c = plattFit(z, y);
    const p = z.map((v) => sigmoid(c.a * v + c.b));
    const { threshold, f1 } = bestThreshold(p, y);
    calibration.push({ a: round(c.a), b: round(c.b) });
    thresholds.push(round(threshold, 4));
    devMetrics[s] = { auc: round(auc(p, y), 4), f1: round(f1, 4), ece: round(ece(p, y), 4) };
    log(
      `  ${s.padEnd(10)} dev AUC ${fmt(auc(p, y))}  F1 ${fmt(f1)} @ p≥${threshold.toFixed(3)}  ` +
        `log loss ${fmt(logLoss(p, y))}  ECE ${fmt(ece(p, y))} (raw sigmoid ECE ${fmt(ece(z.map(sigmoid), y))})`,
    );
  }
  write("states", encode(m, [...STATES], { calibration, thresholds, dev: devMetrics }));
}

// ------------------------------------------------------------------ satisfaction (USS MWOZ+SGD)

function trainSatisfaction(): void {
  log("satisfaction: loading USS MWOZ + SGD (split by dialogue 70/15/15; the 15 % test slice is not read here)");
  const all = [...ussTurns("MWOZ"), ...ussTurns("SGD")];
  const train = all.filter((t) => ussSplit(t) === "train");
  const dev = all.filter((t) => ussSplit(t) === "dev" && dissatisfied(t) !== undefined);
  const yd = dev.map((t) => dissatisfied(t) ?? 0);
  log(
    `satisfaction: ${train.length} rated user turns for training (regression on (mean − 3) / 2); dev: ` +
      `${yd.filter((y) => y === 1).length} dissatisfied vs ${yd.filter((y) => y === 0).length} satisfied`,
  );
  const xd = dev.map((t) => featurize(t.text));
  const m = trainFtrl(
    train.map((t) => featurize(t.text)),
    [Float32Array.from(train, (t) => (t.mean - 3) / 2)],
    {
      ...base,
      loss: "squared",
      onEpoch: (ep, snap) =>
        log(
          `  epoch ${ep + 1}: dev AUC ${fmt(
            auc(
              scores(snap, xd, 0).map((s) => -s),
              yd,
            ),
          )}`,
        ),
    },
  );
  const draft = decodeLinear(encode(m, ["satisfaction"], {}));
  const s = scores(draft, xd, 0).map((v) => Math.max(-1, Math.min(1, v)));
  const { threshold, f1 } = bestThreshold(
    s.map((v) => -v),
    yd,
  );
  const at = round(-threshold, 4);
  log(
    `  dev dissatisfied-vs-satisfied AUC ${fmt(
      auc(
        s.map((v) => -v),
        yd,
      ),
    )}  dissatisfied F1 ${fmt(f1)} @ score ≤ ${at}`,
  );
  write(
    "satisfaction",
    encode(m, ["satisfaction"], {
      dissatisfiedAtOrBelow: at,
      dev: {
        auc: round(
          auc(
            s.map((v) => -v),
            yd,
          ),
          4,
        ),
        f1: round(f1, 4),
      },
    }),
  );
}

// ------------------------------------------------------------------ clarification (ClariQ + CLAMBER)

/** Three ascending cuts (searched over 5 % quantiles) maximising weighted F1 of the 4 levels. */
function levelCuts(s: number[], need: number[]): { cuts: number[]; weighted: number } {
  const sorted = [...s].sort((a, b) => a - b);
  const q = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
  let best = { cuts: [0, 0, 0], weighted: -1 };
  for (let a = 0; a <= 20; a++)
    for (let b = a; b <= 20; b++)
      for (let c = b; c <= 20; c++) {
        const cuts = [q(a / 20), q(b / 20), q(c / 20)];
        const pred = s.map((v) => 1 + cuts.filter((t) => v >= t).length);
        const { weighted } = multiclassF1(pred, need, [1, 2, 3, 4]);
        if (weighted > best.weighted + 1e-12) best = { cuts, weighted };
      }
  return best;
}

function trainClarification(): void {
  log("clarification: loading ClariQ (deduped by topic) and CLAMBER (hash split 60/20/20 by question)");
  const cqPool: ClariqRequest[] = [...clariq("train"), ...clariq("dev")];
  const clT = clamber("train");
  const clD = clamber("dev");
  log(`clarification: ClariQ train+dev ${cqPool.length} requests, CLAMBER ${clT.length} train / ${clD.length} dev`);
  const vagueTarget = (c: ClariqRequest) => (c.need - 2.5) / 1.5;
  const vagueOpt: TrainOptions = { ...base, loss: "squared", l1: 0.3 };
  const ambOpt: TrainOptions = { ...base, l1: 0.3 };

  // ClariQ is tiny (237 requests): 5-fold cross-validation over train+dev for the cuts and calibration.
  const fold = (c: ClariqRequest) => Math.floor(unitHash(`clariq-cv:${c.topicId}`) * 5);
  const xq = cqPool.map((c) => featurize(c.text));
  const oof = new Array<number>(cqPool.length).fill(0);
  for (let k = 0; k < 5; k++) {
    const inTrain = cqPool.map((c) => fold(c) !== k);
    const m = trainFtrl(
      xq.filter((_, i) => inTrain[i]),
      [
        Float32Array.from(
          cqPool.filter((_, i) => inTrain[i]),
          vagueTarget,
        ),
      ],
      { ...vagueOpt, seed: SEED + k },
    );
    const held = cqPool.map((_, i) => i).filter((i) => !inTrain[i]);
    const s = scores(
      m,
      held.map((i) => xq[i] as Features),
      0,
    );
    held.forEach((i, j) => {
      oof[i] = s[j] ?? 0;
    });
  }
  const needs = cqPool.map((c) => c.need);
  const yq = cqPool.map((c) => (c.need >= 3 ? 1 : 0));
  const cuts = levelCuts(oof, needs);
  const vagueCal = plattFit(oof, yq);
  log(
    `  ClariQ vague head, 5-fold out-of-fold: AUC(need ≥ 3) ${fmt(auc(oof, yq))}  ` +
      `4-level weighted F1 ${fmt(cuts.weighted)} (cuts ${cuts.cuts.map((c) => c.toFixed(3)).join(", ")})`,
  );
  const vague = trainFtrl(xq, [Float32Array.from(cqPool, vagueTarget)], vagueOpt);

  const xa = clT.map((c) => featurize(c.question));
  const xad = clD.map((c) => featurize(c.question));
  const ya = clD.map((c) => c.needsClarification);
  const amb = trainFtrl(xa, [Float32Array.from(clT, (c) => c.needsClarification)], ambOpt);
  const both = stack([amb, vague]);
  const draft = decodeLinear(encode(both, ["ambiguous", "vague"], {}));
  const za = scores(draft, xad, 0);
  const ambCal = plattFit(za, ya);
  log(`  CLAMBER ambiguous head, dev: AUC ${fmt(auc(za, ya))}`);

  // Mix weight: the best mean AUC over CLAMBER dev and ClariQ out-of-fold.
  const pa = (z: number) => sigmoid(ambCal.a * z + ambCal.b);
  const pv = (z: number) => sigmoid(vagueCal.a * z + vagueCal.b);
  const ambOnClariq = scores(draft, xq, 0).map(pa);
  const vagueOnClamber = scores(draft, xad, 1).map(pv);
  const ambOnClamber = za.map(pa);
  const vagueOof = oof.map(pv);
  let mix = 0.5;
  let bestMean = -1;
  for (let i = 0; i <= 10; i++) {
    const l = i / 10;
    const a1 = auc(
      ambOnClamber.map((p, j) => l * (vagueOnClamber[j] ?? 0) + (1 - l) * p),
      ya,
    );
    const a2 = auc(
      ambOnClariq.map((p, j) => l * (vagueOof[j] ?? 0) + (1 - l) * p),
      yq,
    );
    log(
      `    mix ${l.toFixed(1)} (vague share): CLAMBER dev AUC ${fmt(a1)}  ClariQ OOF AUC ${fmt(a2)}  mean ${fmt((a1 + a2) / 2)}`,
    );
    if ((a1 + a2) / 2 > bestMean + 1e-9) {
      bestMean = (a1 + a2) / 2;
      mix = l;
    }
  }
  const needClamber = ambOnClamber.map((p, j) => mix * (vagueOnClamber[j] ?? 0) + (1 - mix) * p);
  const needClariq = ambOnClariq.map((p, j) => mix * (vagueOof[j] ?? 0) + (1 - mix) * p);
  const tClamber = bestThreshold(needClamber, ya);
  const tClariq = bestThreshold(needClariq, yq);
  log(
    `  need = ${mix} · vague + ${round(1 - mix, 2)} · ambiguous: CLAMBER dev F1 ${fmt(tClamber.f1)} @ ${tClamber.threshold.toFixed(3)} ` +
      `(AUC ${fmt(auc(needClamber, ya))}), ClariQ OOF F1 ${fmt(tClariq.f1)} @ ${tClariq.threshold.toFixed(3)} (AUC ${fmt(auc(needClariq, yq))})`,
  );
  write(
    "clarification",
    encode(both, ["ambiguous", "vague"], {
      ambiguousCalibration: { a: round(ambCal.a), b: round(ambCal.b) },
      vagueCalibration: { a: round(vagueCal.a), b: round(vagueCal.b) },
      mix,
      levelCuts: cuts.cuts.map((c) => round(c)),
      thresholds: { clariq: round(tClariq.threshold, 4), clamber: round(tClamber.threshold, 4) },
      dev: {
        clamberAuc: round(auc(needClamber, ya), 4),
        clamberF1: round(f1At(needClamber, ya, tClamber.threshold), 4),
        clariqOofAuc: round(auc(needClariq, yq), 4),
        clariqOofLevelWeightedF1: round(cuts.weighted, 4),
      },
    }),
  );
}

/** Formats the written files the way `biome check` expects (the repo lints JSON too). */
function formatWithBiome(names: string[]): void {
  const biome = resolve(REPO_ROOT, "node_modules/.bin/biome");
  const paths = names.map((n) => resolve(WEIGHTS_DIR, `${n}.json`));
  if (!existsSync(biome)) {
    log("biome not found: weights left unformatted (run `npx biome format --write packages/mind/weights`)");
    return;
  }
  execFileSync(biome, ["format", "--write", ...paths], { cwd: REPO_ROOT, stdio: "ignore" });
  log(`formatted ${names.map((n) => `weights/${n}.json`).join(", ")} with biome`);
}

const only = process.argv[2];
log(`training from ${evalDir()} → ${WEIGHTS_DIR}`);
const tasks = { states: trainStates, satisfaction: trainSatisfaction, clarification: trainClarification };
if (only && !(only in tasks)) throw new Error(`unknown task ${only}: use one of ${Object.keys(tasks).join(", ")}`);
const chosen = only ? [only as keyof typeof tasks] : (Object.keys(tasks) as (keyof typeof tasks)[]);
for (const name of chosen) tasks[name]();
formatWithBiome(chosen);
log("done");

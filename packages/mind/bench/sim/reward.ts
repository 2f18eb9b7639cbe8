import type { Plan } from "@attune/model";
import {
  band,
  type Context,
  DIM_VALUES,
  DIMS,
  type Dim,
  type DimValue,
  dimValue,
  isOn,
  type Profile,
} from "./model.js";
import { TOPICS } from "./topics.js";

/**
 * What this person wants from the next reply, right now: per plan dimension the value that fits best and how
 * much that dimension matters to them in this context.
 */
export type Wants = Record<Dim, { value: DimValue; weight: number }>;

const BASE_WEIGHT: Record<Dim, number> = {
  length: 1.2,
  depth: 1.5,
  structure: 1.0,
  examples: 0.8,
  tone: 0.7,
  pace: 0.7,
  ask: 0.8,
  challenge: 0.7,
  explore: 0.7,
};
/** A yes/no behaviour nobody asked for costs less than missing one that was needed. */
const UNNEEDED_BOOLEAN = 0.35;

const LENGTHS = ["brief", "standard", "thorough"] as const;
const DEPTHS = ["overview", "working", "expert"] as const;

/** Score of `got` when `want` is wanted, 0..1 (1 when equal). Rows: wanted value; columns: given value. */
const SIMILARITY: Partial<Record<Dim, Record<string, Record<string, number>>>> = {
  structure: {
    prose: { prose: 1, steps: 0.2, bullets: 0.25, "code-first": 0 },
    steps: { prose: 0.1, steps: 1, bullets: 0.45, "code-first": 0.3 },
    bullets: { prose: 0.15, steps: 0.45, bullets: 1, "code-first": 0.1 },
    "code-first": { prose: 0, steps: 0.35, bullets: 0.15, "code-first": 1 },
  },
  examples: {
    none: { none: 1, "concrete-first": 0.3, analogy: 0.2, "theory-first": 0.2 },
    "concrete-first": { none: 0.1, "concrete-first": 1, analogy: 0.45, "theory-first": 0.15 },
    analogy: { none: 0.1, "concrete-first": 0.4, analogy: 1, "theory-first": 0.1 },
    "theory-first": { none: 0.3, "concrete-first": 0.2, analogy: 0.1, "theory-first": 1 },
  },
  tone: {
    warm: { warm: 1, neutral: 0.4, precise: 0, playful: 0.45 },
    neutral: { warm: 0.5, neutral: 1, precise: 0.5, playful: 0.2 },
    precise: { warm: 0, neutral: 0.45, precise: 1, playful: 0 },
    playful: { warm: 0.5, neutral: 0.2, precise: 0, playful: 1 },
  },
};

/** 0..1 similarity of a given value to the wanted one on one dimension. */
export function similarity(dim: Dim, want: DimValue, got: DimValue): number {
  if (want === got) return 1;
  if (dim === "length" || dim === "depth") {
    const order: readonly string[] = dim === "length" ? LENGTHS : DEPTHS;
    const a = order.indexOf(String(want));
    const b = order.indexOf(String(got));
    if (a < 0 || b < 0) return 0;
    return Math.abs(a - b) === 1 ? 0.35 : 0;
  }
  const table = SIMILARITY[dim];
  if (table) return table[String(want)]?.[String(got)] ?? 0;
  return 0; // pace and the booleans: right or wrong
}

/**
 * The hidden preference model: how context (topic knowledge, intent, states, directives) and traits combine
 * into what the person wants now.
 */
export function wantsOf(p: Profile, c: Context): Wants {
  const k = p.knowledge[c.topic];
  const level = Math.max(0, band(k) - (isOn(c, "confused") ? 1 : 0));
  const rushed = isOn(c, "rushed");
  const confused = isOn(c, "confused");
  const frustrated = isOn(c, "frustrated");
  const codeTopic = TOPICS[c.topic].code;
  const s = p.sensitivity;
  const w = (dim: Dim, factor = 1) => BASE_WEIGHT[dim] * s[dim] * factor;

  // Length: a baseline appetite, pushed by what they are doing and how they feel.
  let v = p.verbosity;
  if (c.intent === "learn") v += 0.9 * p.learnDepth;
  if (c.intent === "create" || c.intent === "persuade") v += 0.3;
  if (c.intent === "explore") v += 0.25;
  if (c.intent === "debug" || c.intent === "unstuck") v -= 0.8 * p.rushBrief;
  if (c.intent === "decide") v -= 0.2;
  if (c.intent === "chat") v -= 0.7;
  if (rushed) v -= 1.3;
  if (frustrated) v -= 0.3;
  if (confused) v -= 0.25;
  if (isOn(c, "engaged")) v += 0.2;
  const length = v < -0.35 ? "brief" : v > 0.35 ? "thorough" : "standard";

  const depth = DEPTHS[level] ?? "working";

  let structure: string;
  if ((c.intent === "debug" || c.intent === "create") && p.codeFirst && codeTopic && k >= 0.35)
    structure = "code-first";
  else if (c.intent === "debug" || c.intent === "unstuck") structure = "steps";
  else if (rushed || c.intent === "decide") structure = "bullets";
  else if (c.intent === "chat" || c.intent === "persuade") structure = "prose";
  else structure = p.structureHabit ?? (p.stepwise > 0.6 && c.intent === "learn" ? "steps" : "prose");

  let examples: string;
  if (c.intent === "chat" || rushed) examples = "none";
  else if (level === 2)
    examples =
      p.examples === "theory-first"
        ? "theory-first"
        : c.intent === "learn" || c.intent === "explore" || c.intent === "create"
          ? "concrete-first"
          : "none";
  else if (c.intent === "debug" || c.intent === "unstuck" || c.intent === "create") examples = "concrete-first";
  else examples = p.examples;

  let tone = p.warmth > 0.35 ? "warm" : p.warmth < -0.35 ? "precise" : "neutral";
  if ((isOn(c, "playful") || c.intent === "chat") && p.playfulness > 0.45) tone = "playful";
  if (isOn(c, "skeptical")) tone = "precise";
  if (frustrated) tone = p.warmth > -0.2 ? "warm" : "precise";

  const oneStep =
    confused ||
    (c.intent === "unstuck" && p.stepwise > 0.3) ||
    (c.intent === "learn" && p.stepwise > 0.55 && level < 2) ||
    (c.intent === "debug" && p.stepwise > 0.75 && level === 0);
  const pace = oneStep && !(rushed && !confused) ? "one-step" : "complete";

  const ask = c.vague && p.clarifyTolerance > 0.4 && !rushed;
  const challenge =
    (c.claim && p.challengeAppetite > 0.2) ||
    ((c.intent === "decide" || c.intent === "persuade") && p.challengeAppetite > 0.6);
  const explore =
    c.intent === "explore" ||
    (p.novelty > 0.6 && (c.intent === "learn" || c.intent === "chat") && !rushed && !frustrated && !confused);

  const wants: Wants = {
    length: { value: length, weight: w("length", rushed ? 1.5 : 1) },
    depth: { value: depth, weight: w("depth", confused ? 1.3 : 1) },
    structure: { value: structure, weight: w("structure") },
    examples: { value: examples, weight: w("examples", c.intent === "learn" ? 1.3 : c.intent === "chat" ? 0.4 : 1) },
    tone: { value: tone, weight: w("tone", frustrated ? 1.4 : 1) },
    pace: { value: pace, weight: w("pace", confused ? 1.5 : 1) },
    ask: { value: ask, weight: w("ask", (ask ? 1 : UNNEEDED_BOOLEAN) * (rushed ? 1.6 : 1) * (c.vague ? 1.4 : 1)) },
    challenge: { value: challenge, weight: w("challenge", (challenge ? 1 : UNNEEDED_BOOLEAN) * (c.claim ? 1.4 : 1)) },
    explore: { value: explore, weight: w("explore", explore ? 1 : UNNEEDED_BOOLEAN) },
  };
  // What they told us to do wins, and matters more than anything else on that dimension.
  for (const d of c.directives) {
    const current = wants[d.dim];
    wants[d.dim] = { value: d.value, weight: Math.max(current.weight, BASE_WEIGHT[d.dim]) * 1.8 };
  }
  return wants;
}

export interface Score {
  /** 0..1: weighted share of what the person wanted that the plan delivered. */
  reward: number;
  /** Per dimension: 0..1 fit and weighted loss. */
  dims: Record<Dim, { fit: number; weight: number; loss: number; want: DimValue; got: DimValue }>;
}

/** Reward of a plan against what the person wants now; the oracle plan scores 1. */
export function score(plan: Plan, wants: Wants): Score {
  let total = 0;
  let got = 0;
  const dims = {} as Score["dims"];
  for (const dim of DIMS) {
    const { value, weight } = wants[dim];
    const given = dimValue(plan, dim);
    const fit = similarity(dim, value, given);
    total += weight;
    got += weight * fit;
    dims[dim] = { fit, weight, loss: weight * (1 - fit), want: value, got: given };
  }
  return { reward: total > 0 ? got / total : 1, dims };
}

/** The plan with full knowledge of the hidden profile: every dimension at its wanted value. */
export function oraclePlan(wants: Wants): Plan {
  return planOf((dim) => wants[dim].value, ["oracle"]);
}

/** Builds a plan from per-dimension values (invalid values fall back to the first option). */
export function planOf(choose: (dim: Dim) => DimValue, rationale: string[] = []): Plan {
  const get = <T extends DimValue>(dim: Dim): T => {
    const v = choose(dim);
    return (DIM_VALUES[dim].includes(v) ? v : DIM_VALUES[dim][0]) as T;
  };
  return {
    length: get("length"),
    depth: get("depth"),
    structure: get("structure"),
    examples: get("examples"),
    tone: get("tone"),
    pace: get("pace"),
    askClarifyingQuestion: get("ask"),
    challenge: get("challenge"),
    explore: get("explore"),
    skipTopics: [],
    rationale,
    predictedSatisfaction: 0,
  };
}

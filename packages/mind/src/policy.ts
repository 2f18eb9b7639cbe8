import type { Plan } from "@attune/model";
import { type BetaCounts, betaMean, nextRandom, sampleBeta } from "./beta.js";
import type { IntentName, StateName } from "./dimensions.js";
import type { FeedbackTarget } from "./signals.js";

/** The plan dimensions the policy chooses, with their arms in a fixed order. */
export const ARMS = {
  length: ["brief", "standard", "thorough"],
  depth: ["overview", "working", "expert"],
  structure: ["prose", "steps", "bullets", "code-first"],
  examples: ["none", "concrete-first", "analogy", "theory-first"],
  tone: ["warm", "neutral", "precise", "playful"],
  pace: ["one-step", "complete"],
  ask: ["false", "true"],
  challenge: ["false", "true"],
  explore: ["false", "true"],
} as const satisfies Record<FeedbackTarget, readonly string[]>;
export type PlanDimension = keyof typeof ARMS;
export const PLAN_DIMENSIONS = Object.keys(ARMS) as PlanDimension[];

/** Ordinal dimensions: a complaint about one arm also says which side the right one lies on. */
const ORDINAL: Partial<Record<PlanDimension, true>> = { length: true, depth: true };

const PRIOR_SCALE = 3;
/** How present a state is beyond its base rate (0.2), 0..1 (one explicit cue ≈ 0.5). */
const on = (p: number) => Math.min(1, Math.max(0, (p - 0.2) / 0.45));
const SHARPEN = 8;

/**
 * Per-arm Beta counts (success, failure) for every dimension, flattened into one Float32Array
 * (`OFFSET[d] + 2 * arm`): thousands of minds stay in memory, and one typed array per context is
 * several times smaller than nested arrays.
 */
export type ArmStats = Float32Array;

export const OFFSET = {} as Record<PlanDimension, number>;
let width = 0;
for (const d of Object.keys(ARMS) as PlanDimension[]) {
  OFFSET[d] = width;
  width += ARMS[d].length * 2;
}
const STATS_WIDTH = width;

export function emptyStats(): ArmStats {
  return new Float32Array(STATS_WIDTH);
}

/** Serializable form: dimension → [α0, β0, α1, β1, …]. */
export function statsToJSON(stats: ArmStats): Record<string, number[]> {
  const out: Record<string, number[]> = {};
  for (const d of Object.keys(ARMS) as PlanDimension[]) {
    out[d] = Array.from(stats.subarray(OFFSET[d], OFFSET[d] + ARMS[d].length * 2), (v) => Math.round(v * 1000) / 1000);
  }
  return out;
}

export function statsFromJSON(json: Record<string, number[]>): ArmStats {
  const stats = emptyStats();
  for (const d of Object.keys(ARMS) as PlanDimension[]) {
    const src = json[d];
    if (src) for (let i = 0; i < ARMS[d].length * 2; i++) stats[OFFSET[d] + i] = src[i] ?? 0;
  }
  return stats;
}

/** What the policy knows about the moment it plans for. */
export interface PolicyContext {
  intent: IntentName;
  /** The dominant state, or `calm`. */
  state: StateName | "calm";
  states: Record<StateName, number>;
  /** Mean knowledge of the topics in focus (0.5 when unknown) and how sure we are of it. */
  knowledge: { level: number; confidence: number };
  /** How much the request looks like it needs a clarifying question, 0..1. */
  clarificationNeed: number;
  /** Preference means 0..1 (0.5 = neutral). */
  preferences: Record<
    "verbosity" | "examplesFirst" | "pace" | "warmth" | "novelty" | "ambiguityTolerance" | "challenge",
    number
  >;
  turn: number;
  hasCode: boolean;
  /** The request asserts a contestable claim. */
  claim: boolean;
}

export const contextKey = (c: Pick<PolicyContext, "intent" | "state">) => `${c.intent}|${c.state}`;

/**
 * The population prior: what tends to work for people in this context, as pseudo-counts per arm
 * (success, failure). Person- and context-level experience is added on top and soon dominates.
 */
function populationPrior(c: PolicyContext, d: PlanDimension): BetaCounts[] {
  const arms = ARMS[d];
  const prior = arms.map(() => ({ alpha: 1, beta: 1.5 }));
  const favour = (arm: string, raw: number) => {
    const i = (arms as readonly string[]).indexOf(arm);
    if (i < 0) return;
    // Population knowledge is worth a couple of observations per cue: enough for sensible first
    // plans, little enough that a person's own reactions soon outweigh it.
    const strength = raw * PRIOR_SCALE;
    const p = prior[i] as BetaCounts;
    if (strength >= 0) p.alpha += strength;
    else p.beta -= strength;
  };
  const s = c.states;
  const pref = c.preferences;
  const k = c.knowledge;
  const is = (intent: IntentName) => c.intent === intent;
  switch (d) {
    case "length":
      favour("brief", 3 * on(s.rushed) + 1.5 * on(s.frustrated) + (is("debug") ? 1.5 : 0) + 3 * (0.5 - pref.verbosity));
      favour(
        "thorough",
        (is("learn") ? 1.5 : 0) + (is("explore") ? 0.5 : 0) + 3 * (pref.verbosity - 0.5) - 3 * on(s.rushed),
      );
      favour("standard", 1);
      break;
    case "depth": {
      // Knowledge is the strongest cue; with little evidence it stays near "working".
      const w = 1 + 5 * k.confidence;
      favour("expert", w * (k.level - 0.6) * 4);
      favour("overview", w * (0.4 - k.level) * 4 + 2 * on(s.confused));
      favour("working", 1.5 - 2 * k.confidence);
      break;
    }
    case "structure":
      favour("steps", (is("debug") || is("unstuck") ? 2 : 0) + 2 * on(s.confused));
      favour("bullets", 2 * on(s.rushed) + (is("decide") ? 1.5 : 0));
      favour("code-first", c.hasCode ? (is("debug") || is("create") ? 2.5 : 1) : -1);
      favour("prose", is("learn") || is("chat") || is("persuade") || is("explore") ? 1.5 : 0);
      break;
    case "examples": {
      // Examples help whoever is still building a picture; someone fluent who is fixing or deciding
      // something, or in a hurry, wants the answer without them.
      const fluent = k.level > 0.65;
      const building = is("learn") || is("explore") || is("create");
      favour(
        "concrete-first",
        3 * (pref.examplesFirst - 0.5) +
          1.5 * on(s.confused) +
          (k.level < 0.45 ? 1 : 0) +
          ((is("debug") || is("unstuck") || is("create")) && !fluent ? 1 : 0),
      );
      favour("theory-first", 3 * (0.5 - pref.examplesFirst) + (k.level > 0.7 ? 0.5 : 0));
      favour("none", 2.5 * on(s.rushed) + (is("chat") ? 2 : 0) + (fluent && !building ? 1.5 : 0) - 0.5);
      favour("analogy", is("learn") ? 0.5 : 0);
      break;
    }
    case "tone":
      favour("warm", 3 * on(s.frustrated) + 2 * (pref.warmth - 0.5));
      favour("precise", 2 * (0.5 - pref.warmth) + 2 * on(s.skeptical) + on(s.rushed));
      favour("playful", 3 * on(s.playful) - 2 * on(s.frustrated) - 1);
      favour("neutral", 1);
      break;
    case "pace":
      favour(
        "one-step",
        2.5 * on(s.confused) + (is("unstuck") ? 1.5 : 0) + (is("learn") ? 0.5 : 0) + 2 * (0.5 - pref.pace),
      );
      // Most people want the whole answer; going one step at a time is for confusion or getting unstuck.
      favour("complete", 1 + 2 * on(s.rushed) + (is("create") || is("debug") ? 1 : 0) + 2 * (pref.pace - 0.5));
      break;
    case "ask":
      favour(
        "true",
        4 * (c.clarificationNeed - 0.5) + 3 * (0.5 - pref.ambiguityTolerance) - 3 * s.rushed - (c.turn > 1 ? 1 : 0),
      );
      favour("false", 1.5);
      break;
    case "challenge":
      favour(
        "true",
        (c.claim ? 3 : 0) +
          (is("decide") || is("persuade") ? 1.5 : -1) +
          3 * (pref.challenge - 0.5) -
          2 * on(s.frustrated),
      );
      favour("false", 1);
      break;
    case "explore":
      favour("true", (is("explore") ? 3 : -1) + 3 * (pref.novelty - 0.5) - 2 * on(s.rushed));
      favour("false", 1);
      break;
  }
  return prior;
}

export interface PolicyState {
  seed: number;
  /** Person-level experience, all contexts pooled. */
  global: ArmStats;
  /** Experience per context (intent × state). */
  contexts: Record<string, ArmStats>;
}

export interface Choice {
  arms: Record<PlanDimension, string>;
  /** Posterior mean of each chosen arm: the reaction the plan expects, 0..1. */
  expected: Record<PlanDimension, number>;
  /** Dimensions whose posterior is still wide (where sampling explored). */
  uncertain: PlanDimension[];
}

/** How much pooled person-level experience counts inside a context it was not gathered in. */
const GLOBAL_SHARE = 0.5;

/**
 * Thompson sampling per plan dimension: sample each arm's success rate from population prior +
 * person experience + context experience, take the best. Uncertain arms get tried; settled ones win.
 */
export function choose(state: PolicyState, c: PolicyContext, fixed: Partial<Record<PlanDimension, string>>): Choice {
  const ctx = state.contexts[contextKey(c)];
  const random = () => nextRandom(state);
  const arms = {} as Record<PlanDimension, string>;
  const expected = {} as Record<PlanDimension, number>;
  const uncertain: PlanDimension[] = [];
  for (const d of PLAN_DIMENSIONS) {
    const prior = populationPrior(c, d);
    const o = OFFSET[d];
    const posts = prior.map((p, i) => ({
      alpha: p.alpha + GLOBAL_SHARE * (state.global[o + 2 * i] ?? 0) + (ctx?.[o + 2 * i] ?? 0),
      beta: p.beta + GLOBAL_SHARE * (state.global[o + 2 * i + 1] ?? 0) + (ctx?.[o + 2 * i + 1] ?? 0),
    }));
    const forced = fixed[d];
    let best = forced !== undefined ? (ARMS[d] as readonly string[]).indexOf(forced) : -1;
    if (best < 0 && d === "depth") {
      // Depth follows what the person knows of the topic at hand (reactions about depth update that
      // knowledge, not a context-wide habit); confusion lowers it one notch.
      const level = c.knowledge.level - (c.states.confused >= 0.45 ? 0.2 : 0);
      best = level > 0.64 ? 2 : level < 0.38 ? 0 : 1;
    }
    if (best < 0 && d === "ask") {
      // Asking costs the person a turn: decide it greedily from how ambiguous the request reads
      // (0.5 = the reader's dev-chosen boundary), their tolerance, their hurry, and how asking has
      // gone with them before — no exploration.
      const s = c.states;
      const [no, yes] = posts as [BetaCounts, BetaCounts];
      const seen = (state.global[o + 2] ?? 0) + (state.global[o + 3] ?? 0);
      const personal = seen >= 2 ? 4 * (betaMean(yes) - betaMean(no)) : 0;
      const score =
        6 * (c.clarificationNeed - 0.5) +
        3 * (0.5 - c.preferences.ambiguityTolerance) -
        4 * Math.max(0, s.rushed - 0.2) -
        (c.turn > 1 ? 0.5 : 0) +
        personal;
      best = score > 0 ? 1 : 0;
    }
    if (best < 0) {
      let bestDraw = -1;
      posts.forEach((p, i) => {
        // Sharpened Thompson sampling: counts × 8 keep the posterior's mean with ~35 % of its spread, so
        // it still explores where it knows little. Full-width sampling explored so much that it lost
        // more than it learned (simulated users: 0.694 vs 0.682 reward at ×2, 0.661 at ×1).
        const draw = sampleBeta({ alpha: p.alpha * SHARPEN, beta: p.beta * SHARPEN }, random);
        if (draw > bestDraw) {
          bestDraw = draw;
          best = i;
        }
      });
    }
    const chosen = posts[best] as BetaCounts;
    arms[d] = ARMS[d][best] as string;
    expected[d] = betaMean(chosen);
    if (chosen.alpha + chosen.beta < 8) uncertain.push(d);
  }
  return { arms, expected, uncertain };
}

/**
 * Learns from the reaction to a plan: overall satisfaction nudges every chosen arm a little; a
 * specific complaint ("too long", "over my head") moves its own dimension hard, and for ordinal
 * dimensions also credits the arms on the side the person pointed to.
 */
export function learn(
  state: PolicyState,
  c: Pick<PolicyContext, "intent" | "state">,
  chosen: Record<PlanDimension, string>,
  reaction: { satisfaction: number | undefined; feedback: { target: PlanDimension; wants: string }[] },
): void {
  const key = contextKey(c);
  state.contexts[key] ??= emptyStats();
  const ctx = state.contexts[key];
  const bump = (d: PlanDimension, arm: number, success: number, weight: number) => {
    const i = OFFSET[d] + 2 * arm;
    for (const stats of [ctx, state.global]) {
      stats[i] = (stats[i] ?? 0) + success * weight;
      stats[i + 1] = (stats[i + 1] ?? 0) + (1 - success) * weight;
    }
  };
  const explicit = new Set(reaction.feedback.map((f) => f.target));
  if (reaction.satisfaction !== undefined) {
    const success = (reaction.satisfaction + 1) / 2;
    for (const d of PLAN_DIMENSIONS) {
      if (explicit.has(d)) continue;
      const arm = (ARMS[d] as readonly string[]).indexOf(chosen[d]);
      if (arm >= 0) bump(d, arm, success, 0.6);
    }
  }
  for (const f of reaction.feedback) {
    const arms = ARMS[f.target] as readonly string[];
    const had = arms.indexOf(chosen[f.target]);
    let wanted = arms.indexOf(f.wants);
    if (wanted < 0) continue;
    // On an ordered scale a complaint is relative: "too long" after a thorough answer asks for one
    // step shorter (standard), not for the other extreme.
    if (ORDINAL[f.target] && had >= 0 && wanted !== had) wanted = had + Math.sign(wanted - had);
    if (had === wanted) {
      bump(f.target, wanted, 1, 1.5);
      continue;
    }
    bump(f.target, wanted, 1, 2.5);
    if (had >= 0) bump(f.target, had, 0, 2.5);
    if (ORDINAL[f.target] && had >= 0) {
      // "Too long" after a standard answer also says thorough would have been worse.
      const direction = Math.sign(wanted - had);
      arms.forEach((_, i) => {
        if (i !== had && i !== wanted && Math.sign(i - had) !== direction) bump(f.target, i, 0, 1);
      });
    }
  }
}

/** Converts chosen arms to a Plan (without rationale, filled by the mind). */
export function toPlan(
  arms: Record<PlanDimension, string>,
): Omit<Plan, "skipTopics" | "rationale" | "predictedSatisfaction"> {
  return {
    length: arms.length as Plan["length"],
    depth: arms.depth as Plan["depth"],
    structure: arms.structure as Plan["structure"],
    examples: arms.examples as Plan["examples"],
    tone: arms.tone as Plan["tone"],
    pace: arms.pace as Plan["pace"],
    askClarifyingQuestion: arms.ask === "true",
    challenge: arms.challenge === "true",
    explore: arms.explore === "true",
  };
}

/** Reads a Plan back into arms (to learn from plans chosen elsewhere, e.g. a replayed transcript). */
export function fromPlan(plan: Plan): Record<PlanDimension, string> {
  return {
    length: plan.length,
    depth: plan.depth,
    structure: plan.structure,
    examples: plan.examples,
    tone: plan.tone,
    pace: plan.pace,
    ask: String(plan.askClarifyingQuestion),
    challenge: String(plan.challenge),
    explore: String(plan.explore),
  };
}

import { AttuneError, type Belief, type Dimension, type Evidence, type Plan, type Visibility } from "@attune/model";
import { z } from "zod";
import { fnv1a } from "./hash.js";
import { extractSignals } from "./signals.js";

const STATES = ["confused", "rushed", "skeptical", "frustrated", "playful", "engaged"] as const;
const INTENTS = ["learn", "explore", "debug", "decide", "persuade", "create", "unstuck", "chat"] as const;

/** Prior pseudo-counts per dimension: states and intents are absent until shown. */
const PRIORS: Record<Dimension, { alpha: number; beta: number }> = {
  knowledge: { alpha: 1, beta: 1 },
  preference: { alpha: 1, beta: 1 },
  state: { alpha: 1, beta: 4 },
  intent: { alpha: 1, beta: 3 },
  directive: { alpha: 1, beta: 9 },
};

/**
 * How much of the evidence above the prior survives one user turn. States and intents fade within a
 * few turns; traits barely move per turn and fade over weeks (see `TRAIT_HALF_LIFE_MS`).
 */
const TURN_RETENTION: Record<Dimension, number> = {
  knowledge: 1,
  preference: 1,
  state: 0.6,
  intent: 0.6,
  directive: 1,
};
const STATE_HALF_LIFE_MS = 10 * 60_000;
const TRAIT_HALF_LIFE_MS = 30 * 24 * 3_600_000;
const MAX_EVIDENCE_PER_BELIEF = 20;
/** A state counts as present from this probability on (one explicit cue reaches it). */
const STATE_ON = 0.5;

const BeliefStateSchema = z.object({
  dimension: z.enum(["knowledge", "preference", "state", "intent", "directive"]),
  key: z.string().min(1).max(200),
  alpha: z.number().positive(),
  beta: z.number().positive(),
  version: z.number().int().nonnegative(),
  validFrom: z.string(),
  evidenceIds: z.array(z.string()),
  /** For directives: the scope the person gave. */
  scope: z.enum(["turn", "session", "persistent"]).optional(),
});
type BeliefState = z.infer<typeof BeliefStateSchema>;

/** Versioned serialized form of a mind; `fromJSON` validates it. */
export const MindJSONSchema = z.object({
  format: z.literal("attune.mind"),
  version: z.literal(1),
  workspaceId: z.string(),
  observerId: z.string(),
  subjectId: z.string(),
  turns: z.number().int().nonnegative(),
  lastObservedAt: z.string().nullable(),
  /** Topics of the subject's latest message: what the next reply is about. */
  focusTopics: z.array(z.string()).default([]),
  beliefs: z.array(BeliefStateSchema),
});
export type MindJSON = z.infer<typeof MindJSONSchema>;

export interface ObserveOptions {
  /** Id of the message the text came from (evidence links to it). */
  messageId: string;
  /** Who wrote the text; only the subject's own words become evidence about the subject. */
  speakerId: string;
  text: string;
  /** ISO timestamp of the message. @default now */
  at?: string;
}

export interface Observation {
  evidence: Evidence[];
  /** New versions of the beliefs this observation changed. */
  beliefs: Belief[];
}

export interface MindSnapshot {
  state: Record<(typeof STATES)[number], number>;
  intent: { top: (typeof INTENTS)[number]; distribution: Record<(typeof INTENTS)[number], number> };
  knowledge: Record<string, { level: number; confidence: number }>;
  directives: { text: string; scope: "turn" | "session" | "persistent" }[];
}

const mean = (b: { alpha: number; beta: number }) => b.alpha / (b.alpha + b.beta);
/** Concentration beyond the prior, squashed to 0..1: ~0.5 after a handful of observations. */
const confidenceOf = (b: BeliefState) => {
  const prior = PRIORS[b.dimension];
  const extra = Math.max(0, b.alpha + b.beta - prior.alpha - prior.beta);
  return extra / (extra + 4);
};

/**
 * One observer's theory of mind of one subject: beliefs held as Beta distributions, updated from
 * evidence with decay, and turned into a Plan. Pure and deterministic.
 *
 * @example
 * const mind = createMind({ workspaceId: "acme", observerId: "assistant", subjectId: "ada" });
 * mind.observe({ messageId: "m1", speakerId: "ada", text: "our KV cache blows the latency budget" });
 * mind.plan().depth; // "expert" once enough evidence agrees
 */
export class Mind {
  readonly workspaceId: string;
  readonly observerId: string;
  readonly subjectId: string;
  #turns = 0;
  #lastObservedAt: string | null = null;
  readonly #beliefs = new Map<string, BeliefState>();
  #lastTopics: string[] = [];

  constructor(options: { workspaceId: string; observerId: string; subjectId: string }) {
    this.workspaceId = options.workspaceId;
    this.observerId = options.observerId;
    this.subjectId = options.subjectId;
  }

  /** Folds one message into the mind; returns the evidence taken and the belief versions it created. */
  observe(options: ObserveOptions): Observation {
    const at = options.at ?? new Date().toISOString();
    if (options.speakerId !== this.subjectId) {
      // Agent speech, or another person's words, is context for the turn, never evidence about the subject.
      return { evidence: [], beliefs: [] };
    }
    this.#decay(at);
    this.#turns += 1;
    this.#lastObservedAt = at;

    const signals = extractSignals(options.text);
    const evidence: Evidence[] = signals.map((s, i) => ({
      id: `${options.messageId}.e${i}`,
      workspaceId: this.workspaceId,
      messageId: options.messageId,
      speakerId: options.speakerId,
      subjectId: this.subjectId,
      dimension: s.dimension,
      key: s.key,
      signal: s.signal,
      weight: s.weight,
      excerpt: s.excerpt.slice(0, 500),
      observedAt: at,
    }));
    this.#lastTopics = [...new Set(signals.filter((s) => s.dimension === "knowledge").map((s) => s.key))];

    const touched = new Set<string>();
    for (const e of evidence) {
      const belief = this.#belief(e.dimension, e.key, at);
      if (e.weight >= 0) belief.alpha += e.weight;
      else belief.beta += -e.weight;
      if (e.dimension === "directive") belief.scope = e.signal === "directive-persistent" ? "persistent" : "session";
      belief.evidenceIds = [...belief.evidenceIds, e.id].slice(-MAX_EVIDENCE_PER_BELIEF);
      touched.add(beliefKey(e.dimension, e.key));
    }
    const beliefs: Belief[] = [];
    for (const key of touched) {
      const belief = this.#beliefs.get(key);
      if (!belief) continue;
      belief.version += 1;
      belief.validFrom = at;
      beliefs.push(this.#toBelief(belief, at));
    }
    return { evidence, beliefs };
  }

  /** All current beliefs in the wire format (what `mind-update` sends and the graph stores). */
  beliefs(at: string = this.#lastObservedAt ?? new Date().toISOString()): Belief[] {
    return [...this.#beliefs.values()].map((b) => this.#toBelief(b, at));
  }

  snapshot(): MindSnapshot {
    const p = (dimension: Dimension, key: string) => {
      const b = this.#beliefs.get(beliefKey(dimension, key));
      return b ? mean(b) : mean(PRIORS[dimension]);
    };
    const state = Object.fromEntries(STATES.map((s) => [s, p("state", s)])) as MindSnapshot["state"];
    const raw = INTENTS.map((i) => [i, p("intent", i)] as const);
    const total = raw.reduce((sum, [, v]) => sum + v, 0);
    const distribution = Object.fromEntries(
      raw.map(([i, v]) => [i, v / total]),
    ) as MindSnapshot["intent"]["distribution"];
    const top = raw.reduce((best, cur) => (cur[1] > best[1] ? cur : best))[0];
    const knowledge: MindSnapshot["knowledge"] = {};
    const directives: MindSnapshot["directives"] = [];
    for (const b of this.#beliefs.values()) {
      if (b.dimension === "knowledge") knowledge[b.key] = { level: mean(b), confidence: confidenceOf(b) };
      if (b.dimension === "directive" && mean(b) > 0.25) directives.push({ text: b.key, scope: b.scope ?? "session" });
    }
    return { state, intent: { top, distribution }, knowledge, directives };
  }

  /** Chooses how to answer the next reply from the current beliefs, with its reasons. */
  plan(): Plan {
    const s = this.snapshot();
    const rationale: string[] = [];
    const has = (text: string) => s.directives.some((d) => d.text === text);
    const topics = this.#lastTopics.map((t) => [t, s.knowledge[t]] as const).filter(([, k]) => k);
    const expertise = topics.length > 0 ? Math.max(...topics.map(([, k]) => k?.level ?? 0.5)) : 0.5;
    const novice = topics.some(([, k]) => k && k.level < 0.35 && k.confidence > 0.2);

    // Each choice records its reason, so "why did it answer like that?" always has an answer.
    const choose = <T>(value: T, reason?: string): T => {
      if (reason) rationale.push(reason);
      return value;
    };
    const length: Plan["length"] = has("brief")
      ? choose("brief", "directive: keep it brief")
      : has("thorough")
        ? choose("thorough", "directive: go into detail")
        : s.state.rushed > 0.4
          ? choose("brief", `rushed (${s.state.rushed.toFixed(2)})`)
          : "standard";
    const depth: Plan["depth"] = has("simple")
      ? choose("overview", "directive: simple terms")
      : novice
        ? choose("overview", "new to the topic")
        : expertise > 0.7
          ? choose("expert", `technical vocabulary (${expertise.toFixed(2)})`)
          : "working";
    const structure: Plan["structure"] =
      s.intent.top === "debug" && s.intent.distribution.debug > 0.2
        ? choose("steps", "debugging")
        : s.state.confused >= STATE_ON
          ? choose("steps", "confused: one step at a time")
          : length === "brief"
            ? "bullets"
            : "prose";

    const examples: Plan["examples"] =
      depth === "expert" ? "none" : s.state.confused >= STATE_ON || depth === "overview" ? "concrete-first" : "analogy";
    const tone: Plan["tone"] =
      s.state.frustrated >= STATE_ON
        ? "warm"
        : s.state.playful >= STATE_ON
          ? "playful"
          : depth === "expert" || s.state.skeptical >= STATE_ON
            ? "precise"
            : "neutral";
    if (tone === "warm") rationale.push("frustrated: acknowledge first");
    const pace: Plan["pace"] = s.state.confused >= STATE_ON || s.intent.top === "learn" ? "one-step" : "complete";
    const intentSure = s.intent.distribution[s.intent.top] > 0.15;
    // Ask only when nothing in the conversation hints at a goal yet (the prior is uniform at 1/8).
    const noGoalCue = s.intent.distribution[s.intent.top] < 0.13;
    const askClarifyingQuestion = noGoalCue && s.state.rushed < 0.4 && this.#turns <= 1;
    if (askClarifyingQuestion) rationale.push("goal unclear: ask first");
    const challenge = (s.intent.top === "decide" || s.intent.top === "persuade") && intentSure;
    const explore = s.intent.top === "explore" && intentSure;
    const predictedSatisfaction = Math.max(-1, Math.min(1, 0.4 - s.state.frustrated * 0.6 - s.state.confused * 0.3));
    return {
      length,
      depth,
      structure,
      examples,
      tone,
      pace,
      askClarifyingQuestion,
      challenge,
      explore,
      skipTopics: topics.filter(([, k]) => (k?.level ?? 0) > 0.8).map(([t]) => t),
      rationale,
      predictedSatisfaction,
    };
  }

  toJSON(): MindJSON {
    return {
      format: "attune.mind",
      version: 1,
      workspaceId: this.workspaceId,
      observerId: this.observerId,
      subjectId: this.subjectId,
      turns: this.#turns,
      lastObservedAt: this.#lastObservedAt,
      focusTopics: [...this.#lastTopics],
      beliefs: [...this.#beliefs.values()].map((b) => ({ ...b, evidenceIds: [...b.evidenceIds] })),
    };
  }

  /** Restores a mind serialized by `toJSON`; rejects anything else with `invalid-payload`. */
  static fromJSON(json: unknown): Mind {
    const parsed = MindJSONSchema.safeParse(typeof json === "string" ? safeJSON(json) : json);
    if (!parsed.success) {
      throw new AttuneError({
        code: "invalid-payload",
        message: "not a serialized attune mind",
        details: parsed.error.issues,
      });
    }
    const data = parsed.data;
    const mind = new Mind(data);
    mind.#turns = data.turns;
    mind.#lastObservedAt = data.lastObservedAt;
    mind.#lastTopics = [...data.focusTopics];
    for (const b of data.beliefs) mind.#beliefs.set(beliefKey(b.dimension, b.key), { ...b });
    return mind;
  }

  #belief(dimension: Dimension, key: string, at: string): BeliefState {
    const id = beliefKey(dimension, key);
    let belief = this.#beliefs.get(id);
    if (!belief) {
      belief = { dimension, key, ...PRIORS[dimension], version: 0, validFrom: at, evidenceIds: [] };
      this.#beliefs.set(id, belief);
    }
    return belief;
  }

  #decay(at: string) {
    const elapsed = this.#lastObservedAt ? Math.max(0, Date.parse(at) - Date.parse(this.#lastObservedAt)) : 0;
    for (const [id, b] of this.#beliefs) {
      if (b.dimension === "directive" && b.scope === "turn") {
        this.#beliefs.delete(id);
        continue;
      }
      const halfLife = b.dimension === "state" || b.dimension === "intent" ? STATE_HALF_LIFE_MS : TRAIT_HALF_LIFE_MS;
      const keep = TURN_RETENTION[b.dimension] * 0.5 ** (elapsed / halfLife);
      if (b.dimension === "directive") continue;
      const prior = PRIORS[b.dimension];
      b.alpha = prior.alpha + (b.alpha - prior.alpha) * keep;
      b.beta = prior.beta + (b.beta - prior.beta) * keep;
    }
  }

  #toBelief(b: BeliefState, at: string): Belief {
    const visibility: Visibility = "private";
    return {
      id: `b${fnv1a(`${this.observerId}|${this.subjectId}|${b.dimension}|${b.key}`)}.v${b.version}`,
      workspaceId: this.workspaceId,
      observerId: this.observerId,
      subjectId: this.subjectId,
      dimension: b.dimension,
      key: b.key,
      distribution: { alpha: b.alpha, beta: b.beta },
      mean: mean(b),
      confidence: confidenceOf(b),
      evidenceIds: [...b.evidenceIds],
      validFrom: b.validFrom,
      validTo: null,
      recordedAt: at,
      visibility,
    };
  }
}

function beliefKey(dimension: Dimension, key: string): string {
  return `${dimension}:${key}`;
}

function safeJSON(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * Creates an empty mind (priors only).
 *
 * @example
 * const mind = createMind({ workspaceId: "acme", observerId: "assistant", subjectId: "ada" });
 */
export function createMind(options: { workspaceId: string; observerId: string; subjectId: string }): Mind {
  return new Mind(options);
}

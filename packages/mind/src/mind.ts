import {
  AttuneError,
  type Belief,
  type Dimension,
  DimensionSchema,
  type Evidence,
  type Plan,
  type Visibility,
} from "@attune/model";
import { z } from "zod";
import { addEvidence, type BetaCounts, betaConfidence, betaMean, decayToward } from "./beta.js";
import { detach } from "./detach.js";
import {
  DIRECTIVE_SCOPES,
  type DirectiveScope,
  INTENTS,
  type IntentName,
  PREFERENCES,
  type PreferenceName,
  STATES,
  type StateName,
} from "./dimensions.js";
import { fnv1a } from "./hash.js";
import {
  CLARIFICATION_THRESHOLDS,
  DISSATISFIED_AT_OR_BELOW,
  readClarificationNeed,
  readSatisfaction,
  readStates,
  STATE_THRESHOLDS,
} from "./learned/index.js";
import {
  ARMS,
  choose,
  emptyStats,
  fromPlan,
  learn,
  PLAN_DIMENSIONS,
  type PlanDimension,
  type PolicyContext,
  type PolicyState,
  statsFromJSON,
  statsToJSON,
  toPlan,
} from "./policy.js";
import { type Feedback, GENERAL_TOPIC, type Perception, perceive, type Signal } from "./signals.js";
import { requestVagueness } from "./vagueness.js";
import { sharedVocabulary, type Vocabulary } from "./vocabulary.js";

/** Prior pseudo-counts per dimension: states and intents are absent until shown. */
const PRIORS: Record<Dimension, BetaCounts> = {
  knowledge: { alpha: 1, beta: 1 },
  preference: { alpha: 2, beta: 2 },
  state: { alpha: 1, beta: 4 },
  intent: { alpha: 1, beta: 3 },
  directive: { alpha: 1, beta: 9 },
};

/** Decay settings: how fast moods fade and how slowly traits do. */
export interface DecayOptions {
  /** Share of a state's evidence that survives one user turn. @default 0.6 */
  stateTurnRetention?: number;
  /** Share of an intent's evidence that survives one user turn. @default 0.5 */
  intentTurnRetention?: number;
  /** States and intents halve in this time, on top of per-turn fading. @default 600_000 (10 min) */
  stateHalfLifeMs?: number;
  /** Knowledge and preferences halve in this time. @default 2_592_000_000 (30 days) */
  traitHalfLifeMs?: number;
  /** A gap this long starts a new session (session directives end). @default 1_800_000 (30 min) */
  sessionGapMs?: number;
}

/**
 * How each mood lasts relative to the others: a deadline stays until it passes, confusion clears once
 * something is explained, a joke is a moment.
 */
const STATE_PERSISTENCE: Record<StateName, number> = {
  rushed: 1.35,
  frustrated: 1.05,
  engaged: 1,
  skeptical: 0.95,
  playful: 0.85,
  confused: 0.85,
};

const DEFAULT_DECAY: Required<DecayOptions> = {
  stateTurnRetention: 0.6,
  intentTurnRetention: 0.7,
  stateHalfLifeMs: 10 * 60_000,
  traitHalfLifeMs: 30 * 24 * 3_600_000,
  sessionGapMs: 30 * 60_000,
};

/** Learned or external readers of text the mind consults beside its cue rules (all optional). */
export interface MindReaders {
  /** Probabilities 0..1 of frames of mind shown by the text. */
  states?: (text: string) => Partial<Record<StateName, number>>;
  /** Per-state probability above which `states` counts as evidence. @default 0.5 */
  stateThresholds?: Partial<Record<StateName, number>>;
  /** How the person received the previous reply, −1..1. */
  satisfaction?: (text: string) => number;
  /** How much the request needs a clarifying question, 0..1. */
  clarificationNeed?: (text: string) => number;
}

const MAX_EVIDENCE_PER_BELIEF = 2;
const EVIDENCE_LOG = 5;
const NO_DIRECTIVES: Map<PlanDimension, DirectiveState> = new Map();
const EXPERIMENT_LOG = 3;
/** A state counts as present from this probability on (one explicit cue reaches it). */
const STATE_ON = 0.45;

const BeliefStateSchema = z.object({
  dimension: DimensionSchema,
  key: z.string().min(1).max(200),
  alpha: z.number().positive(),
  beta: z.number().positive(),
  version: z.number().int().nonnegative(),
  validFrom: z.string(),
  evidenceIds: z.array(z.string()),
  scope: z.enum(DIRECTIVE_SCOPES).optional(),
  conflict: z.number().nonnegative().optional(),
});
type BeliefState = z.infer<typeof BeliefStateSchema>;

const DirectiveStateSchema = z.object({
  key: z.string(),
  target: z.enum(PLAN_DIMENSIONS as [PlanDimension, ...PlanDimension[]]),
  value: z.string(),
  scope: z.enum(DIRECTIVE_SCOPES),
  text: z.string(),
  at: z.string(),
  messageId: z.string(),
});
type DirectiveState = z.infer<typeof DirectiveStateSchema>;

const EvidenceRecordSchema = z.object({
  messageId: z.string(),
  dimension: DimensionSchema,
  key: z.string(),
  signal: z.string(),
  weight: z.number(),
  excerpt: z.string(),
  at: z.string(),
});
type EvidenceRecord = z.infer<typeof EvidenceRecordSchema>;

const ExperimentSchema = z.object({
  context: z.string(),
  /** The plan's arms, in `PLAN_DIMENSIONS` order, joined by commas (compact: minds must stay small). */
  arms: z.string(),
  predicted: z.number(),
  observed: z.number().nullable(),
  surprise: z.number().nullable(),
  at: z.string(),
  /** The topic in focus when the plan was made (what cross-person strategy learning groups by). */
  topic: z.string().optional(),
});
export type Experiment = z.infer<typeof ExperimentSchema>;

const StatsSchema = z.record(z.string(), z.array(z.number()));

/** Versioned serialized form of a mind; `fromJSON` validates it (and upgrades version 1). */
export const MindJSONSchema = z.object({
  format: z.literal("attune.mind"),
  version: z.literal(2),
  workspaceId: z.string(),
  observerId: z.string(),
  subjectId: z.string(),
  turns: z.number().int().nonnegative(),
  seq: z.number().int().nonnegative(),
  lastObservedAt: z.string().nullable(),
  sessionStartedAt: z.string().nullable(),
  focusTopics: z.array(z.string()),
  lastSatisfaction: z.number().nullable(),
  lastClarificationNeed: z.number(),
  lastHadCode: z.boolean(),
  lastClaim: z.boolean().default(false),
  lastAsked: z.boolean().default(false),
  /** The person's usual pace between messages in a session: mean and count of log-gaps (ms). */
  replyPace: z.object({ mean: z.number(), n: z.number().int().nonnegative() }).default({ mean: 0, n: 0 }),
  beliefs: z.array(BeliefStateSchema),
  directives: z.array(DirectiveStateSchema),
  policy: z.object({ seed: z.number().int(), global: StatsSchema, contexts: z.record(z.string(), StatsSchema) }),
  // The experiment a plan opened, before the next message settles it.
  pending: ExperimentSchema.pick({ context: true, arms: true, predicted: true, at: true, topic: true }).nullable(),
  experiments: z.array(ExperimentSchema),
  evidence: z.array(EvidenceRecordSchema),
});
export type MindJSON = z.infer<typeof MindJSONSchema>;

const MindJSONv1Schema = z.object({
  format: z.literal("attune.mind"),
  version: z.literal(1),
  workspaceId: z.string(),
  observerId: z.string(),
  subjectId: z.string(),
  turns: z.number().int().nonnegative(),
  lastObservedAt: z.string().nullable(),
  focusTopics: z.array(z.string()).default([]),
  beliefs: z.array(BeliefStateSchema),
});

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
  /** The previous plan's prediction against the reaction read from this message, when there was one. */
  experiment?: Experiment;
}

/** A mind's prior: population or team experience to start from (see `derivePrior`). */
export interface MindPrior {
  /** Preference means 0..1 and how many observations they are worth. */
  preferences?: Partial<Record<PreferenceName, { mean: number; weight: number }>>;
  /** Arm statistics, pooled and per context, scaled to a few observations' worth (see `derivePrior`). */
  policy?: { global: Float32Array; contexts: Record<string, Float32Array> };
}

export interface MindOptions {
  workspaceId: string;
  observerId: string;
  subjectId: string;
  /** Team or population prior to start from. */
  prior?: MindPrior;
  /** Seed of the policy's sampling (plans are deterministic given seed and inputs). @default hash of the ids */
  seed?: number;
  /** Topic vocabulary. @default the process-wide shared vocabulary */
  vocabulary?: Vocabulary;
  /** Text readers beside the cue rules. @default LEARNED_READERS (pass `{}` for cue rules only) */
  readers?: MindReaders;
  decay?: DecayOptions;
}

/** The evaluation contract's snapshot (docs/mind-eval.md). */
export interface MindSnapshot {
  state: Record<StateName, number>;
  reaction: { satisfaction: number };
  intent: { top: IntentName; distribution: Record<IntentName, number> };
  knowledge: Record<string, { level: number; confidence: number }>;
  preferences: Record<PreferenceName, { value: number; confidence: number }>;
  directives: { text: string; scope: DirectiveScope }[];
}

export interface Explanation {
  dimension: Dimension;
  key: string;
  /** Expected value 0..1 and confidence 0..1; undefined when the mind holds no belief about it. */
  belief: { mean: number; confidence: number; version: number; since: string } | undefined;
  evidence: { messageId: string; signal: string; weight: number; excerpt: string; at: string }[];
  summary: string;
}

/** How each directive reads back to a person. */
const DIRECTIVE_TEXT: Record<string, string> = {
  "length=brief": "keep answers brief",
  "length=thorough": "go into detail",
  "depth=expert": "skip the basics; technical terms are fine",
  "depth=overview": "explain in simple terms",
  "examples=concrete-first": "start with a concrete example",
  "examples=theory-first": "explain the principle first",
  "examples=none": "no examples",
  "structure=steps": "use numbered steps",
  "structure=bullets": "use bullet points",
  "structure=code-first": "lead with code",
  "structure=prose": "write in prose, not lists",
  "examples=analogy": "explain with an analogy",
  "tone=neutral": "keep a neutral tone",
  "pace=one-step": "one step at a time",
  "pace=complete": "give the whole answer at once",
  "ask=false": "don't ask clarifying questions",
  "ask=true": "ask before answering when unclear",
  "challenge=true": "push back on my assumptions",
  "challenge=false": "don't challenge, just help",
  "explore=true": "suggest alternatives",
  "explore=false": "stay on the question",
  "tone=precise": "be direct, no fluff",
  "tone=warm": "be gentle",
  "tone=playful": "keep it light",
};

/** Which preference a directive or complaint speaks to, and in which direction (+1 toward the pole). */
const PREFERENCE_OF: Record<string, [PreferenceName, number]> = {
  "length=brief": ["verbosity", -1],
  "length=thorough": ["verbosity", 1],
  "examples=concrete-first": ["examplesFirst", 1],
  "examples=theory-first": ["examplesFirst", -1],
  "pace=one-step": ["pace", -1],
  "pace=complete": ["pace", 1],
  "tone=warm": ["warmth", 1],
  "tone=playful": ["warmth", 1],
  "tone=precise": ["warmth", -1],
  "explore=true": ["novelty", 1],
  "explore=false": ["novelty", -1],
  "ask=false": ["ambiguityTolerance", 1],
  "ask=true": ["ambiguityTolerance", -1],
  "challenge=true": ["challenge", 1],
  "challenge=false": ["challenge", -1],
};

/** Belief map keys are interned: 10,000 minds share one copy of "knowledge:databases". */
const KEYS = new Map<string, Map<string, string>>();
const beliefKey = (dimension: Dimension, key: string) => {
  let byKey = KEYS.get(dimension);
  if (!byKey) {
    byKey = new Map();
    KEYS.set(dimension, byKey);
  }
  let interned = byKey.get(key);
  if (interned === undefined) {
    interned = `${dimension}:${key}`;
    if (byKey.size < 100_000) byKey.set(key, interned);
  }
  return interned;
};
const clamp = (x: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, x));
const logit = (p: number) => Math.log(clamp(p, 1e-4, 1 - 1e-4) / (1 - clamp(p, 1e-4, 1 - 1e-4)));

/**
 * One observer's theory of mind of one subject: beliefs held as Beta distributions, updated from
 * evidence with decay, and turned into a Plan by a per-person contextual policy that learns from the
 * reactions to its own plans. Pure and deterministic given its seed.
 *
 * @example
 * const mind = createMind({ workspaceId: "acme", observerId: "assistant", subjectId: "ada" });
 * mind.observe({ messageId: "m1", speakerId: "ada", text: "our KV cache blows the latency budget" });
 * const plan = mind.plan();
 */
export class Mind {
  readonly workspaceId: string;
  readonly observerId: string;
  readonly subjectId: string;
  readonly #vocabulary: Vocabulary;
  readonly #readers: MindReaders;
  readonly #decay: Required<DecayOptions>;
  #turns = 0;
  /** Version numbers come from one counter per mind, so a pruned belief can return without reusing an id. */
  #seq = 0;
  #lastObservedAt: string | null = null;
  #sessionStartedAt: string | null = null;
  #focusTopics: string[] = [];
  #lastSatisfaction: number | null = null;
  #lastClarificationNeed = 0.3;
  #replyPace = { mean: 0, n: 0 };
  #lastHadCode = false;
  #lastClaim = false;
  #lastAsked = false;
  readonly #beliefs = new Map<string, BeliefState>();
  /** Shared empty map until the first directive: most people never give one, and minds must stay small. */
  #directives: Map<PlanDimension, DirectiveState> = NO_DIRECTIVES;
  #policy: PolicyState;
  #pending: MindJSON["pending"] = null;
  #experiments: Experiment[] = [];
  #evidence: EvidenceRecord[] = [];

  constructor(options: MindOptions) {
    this.workspaceId = options.workspaceId;
    this.observerId = options.observerId;
    this.subjectId = options.subjectId;
    this.#vocabulary = options.vocabulary ?? sharedVocabulary;
    this.#readers = options.readers ?? LEARNED_READERS;
    this.#decay = options.decay ? { ...DEFAULT_DECAY, ...options.decay } : DEFAULT_DECAY;
    const seed =
      options.seed ??
      Number.parseInt(fnv1a(`${options.workspaceId}|${options.observerId}|${options.subjectId}`), 16) | 0;
    this.#policy = { seed, global: emptyStats(), contexts: {} };
    if (options.prior) this.#applyPrior(options.prior);
  }

  /** Number of the subject's own messages observed. */
  get turns(): number {
    return this.#turns;
  }

  /** Folds one message into the mind; returns the evidence taken and the belief versions it created. */
  observe(options: ObserveOptions): Observation {
    const at = options.at ?? new Date().toISOString();
    if (options.speakerId !== this.subjectId) {
      // Agent speech, or another person's words, is context for the turn, never evidence about the subject.
      return { evidence: [], beliefs: [] };
    }
    const perception = perceive(options.text, { vocabulary: this.#vocabulary });
    this.#vocabulary.learn(perception.tokens, perception.topics.keys());
    const hurried = this.#replyLatency(at, perception);
    this.#advanceTime(at, perception);
    this.#turns += 1;
    this.#lastObservedAt = at;
    this.#lastHadCode = perception.pasted;
    this.#lastClaim = perception.claim;
    // With no intent cue at all, a question is most likely someone trying to understand something.
    this.#lastAsked =
      perception.questions > 0 ||
      /^\s*(how|what|why|when|where|which|who|can|could|should|is|are|do|does)\b/i.test(perception.own);

    const signals = [...perception.signals];
    if (hurried) signals.push(hurried);
    const learned = this.#readers;
    const own = perception.own;
    if (learned.states && own.trim().length > 0) {
      const p = learned.states(own);
      for (const state of STATES) {
        const value = p[state];
        // GoEmotions' "confusion" (Reddit) fires on ordinary how/why questions; in a conversation
        // with an assistant those are the norm, so the reader alone needs a much stronger reading.
        const threshold = Math.min(0.95, (learned.stateThresholds?.[state] ?? 0.5) * (state === "confused" ? 3 : 1));
        // A reader's probability enters as log-odds evidence beyond its decision threshold, so a
        // reader calibrated on another population's base rates cannot swamp the cue rules.
        // Continuous in the reader's log-odds (1.5 at the threshold), skipped when negligible.
        const weight = value === undefined ? 0 : 3 / (1 + Math.exp(-1.2 * (logit(value) - logit(threshold))));
        if (weight >= 0.25) {
          signals.push({ signal: "learned-reader", dimension: "state", key: state, weight, excerpt: own.slice(0, 80) });
        }
      }
    }
    let satisfaction = perception.satisfaction;
    if (learned.satisfaction && own.trim().length > 0 && this.#pending) {
      const read = learned.satisfaction(own);
      satisfaction =
        satisfaction === undefined ? (Math.abs(read) > 0.3 ? read : undefined) : 0.6 * satisfaction + 0.4 * read;
    }
    // A learned reader knows search-style ambiguity; a conversation adds its own tell (a request whose
    // words are all generic: "can you look at this"), which the search-trained reader misses.
    const conversational = requestVagueness(own.toLowerCase(), perception.pasted);
    const read = learned.clarificationNeed?.(own);
    this.#lastClarificationNeed =
      read === undefined
        ? cueClarificationNeed(perception, conversational)
        : Math.max(read, conversational >= 0.75 ? conversational : 0);

    // A reaction only exists when there was a reply to react to.
    const experiment = this.#settleExperiment(perception.feedback, satisfaction, at);
    if (experiment) this.#lastSatisfaction = experiment.observed;
    this.#updateDirectives(perception, options.messageId, at);

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
      ...(s.value === undefined ? {} : { value: s.value }),
      excerpt: s.excerpt.slice(0, 500),
      observedAt: at,
    }));
    // Knowledge evidence that is about the topic in focus (or, with none, the person's level overall).
    const aboutFocus = (signal: string, weight: number, value: number, excerpt: string) => {
      for (const topic of this.#focusTopics.length > 0 ? this.#focusTopics : [GENERAL_TOPIC]) {
        evidence.push({
          id: `${options.messageId}.e${evidence.length}`,
          workspaceId: this.workspaceId,
          messageId: options.messageId,
          speakerId: options.speakerId,
          subjectId: this.subjectId,
          dimension: "knowledge",
          key: topic,
          signal,
          weight,
          value,
          excerpt: excerpt.slice(0, 500),
          observedAt: at,
        });
      }
    };
    // "Too basic" / "over my head" is about what the person knows of the topic the reply covered,
    // relative to the depth the reply had: "too basic" after an overview means working level.
    const depthFeedback = perception.feedback.find((f) => f.target === "depth");
    if (depthFeedback && this.#pending) {
      const up = depthFeedback.wants === "expert";
      const value = up
        ? this.#pending.arms.includes(",overview,")
          ? 0.6
          : 0.88
        : this.#pending.arms.includes(",expert,")
          ? 0.5
          : 0.15;
      aboutFocus("reaction-depth", up ? 2.5 : -2, value, depthFeedback.excerpt);
    }
    // Asking for something substantial without a single term of the field is how newcomers talk
    // (experts sometimes speak plainly too, so it is weak evidence, pointing below "working").
    const asksSomething = perception.signals.some((s) => s.dimension === "intent" && s.key !== "chat" && s.weight > 0);
    if (asksSomething && perception.topics.size === 0 && !perception.pasted && perception.wordCount >= 8) {
      aboutFocus("plain-words", 0.5, 0.3, perception.own.slice(0, 120));
    }
    for (const f of perception.feedback) {
      const pref = PREFERENCE_OF[`${f.target}=${f.wants}`];
      if (!pref) continue;
      evidence.push({
        id: `${options.messageId}.e${evidence.length}`,
        workspaceId: this.workspaceId,
        messageId: options.messageId,
        speakerId: options.speakerId,
        subjectId: this.subjectId,
        dimension: "preference",
        key: pref[0],
        signal: perception.directives.some((d) => d.target === f.target) ? "stated-preference" : "reaction-to-reply",
        weight: pref[1] * (perception.directives.some((d) => d.target === f.target) ? 3 : 1.5),
        excerpt: f.excerpt.slice(0, 500),
        observedAt: at,
      });
    }
    const topics = [...perception.topics.keys()];
    if (topics.length > 0) this.#focusTopics = topics;
    else if (perception.pastedTopics.length > 0) this.#focusTopics = perception.pastedTopics;

    const touched = new Set<string>();
    const turnIds = new Map<string, string[]>();
    for (const e of evidence) {
      const belief = this.#belief(e.dimension, e.key, at);
      addEvidence(belief, PRIORS[e.dimension], e.weight, e.value);
      if (e.dimension === "directive") belief.scope = e.signal.replace("directive-", "") as DirectiveScope;
      const key = beliefKey(e.dimension, e.key);
      if (e.dimension === "state" || e.dimension === "intent") {
        // Moods and intents change by the turn: only this turn's evidence explains the new version,
        // and it is not kept in memory afterwards (the graph links it to that version).
        const ids = turnIds.get(key);
        if (ids) ids.push(e.id);
        else turnIds.set(key, [e.id]);
      } else {
        belief.evidenceIds = [...belief.evidenceIds, e.id].slice(-MAX_EVIDENCE_PER_BELIEF);
      }
      touched.add(key);
      this.#evidence.push({
        messageId: e.messageId,
        dimension: e.dimension,
        key: e.key,
        signal: e.signal,
        weight: e.weight,
        excerpt: detach(e.excerpt.slice(0, 48)),
        at,
      });
    }
    if (this.#evidence.length > EVIDENCE_LOG) this.#evidence = this.#evidence.slice(-EVIDENCE_LOG);
    const beliefs: Belief[] = [];
    for (const key of touched) {
      const belief = this.#beliefs.get(key);
      if (!belief) continue;
      belief.version = ++this.#seq;
      belief.validFrom = at;
      beliefs.push(this.#toBelief(belief, at, turnIds.get(key)));
    }
    return experiment ? { evidence, beliefs, experiment } : { evidence, beliefs };
  }

  /**
   * Records the reply that answered the subject and the plan it followed, so the subject's next message
   * is read as the reaction to that plan. `plan()` does this itself; call this when the reply followed
   * another plan (a replayed transcript, an agent that overrode the plan).
   */
  observeReply(options: { plan?: Plan; at?: string }): void {
    if (!options.plan) return;
    const context = this.#context();
    this.#pending = {
      context: `${context.intent}|${context.state}`,
      arms: packArms(fromPlan(options.plan)),
      predicted: options.plan.predictedSatisfaction,
      at: options.at ?? this.#lastObservedAt ?? new Date().toISOString(),
      ...(this.#focusTopics[0] ? { topic: this.#focusTopics[0] } : {}),
    };
  }

  /** All current beliefs in the wire format (what `mind-update` sends and the graph stores). */
  beliefs(at: string = this.#lastObservedAt ?? new Date().toISOString()): Belief[] {
    return [...this.#beliefs.values()].map((b) => this.#toBelief(b, at));
  }

  snapshot(): MindSnapshot {
    const p = (dimension: Dimension, key: string) => {
      const b = this.#beliefs.get(beliefKey(dimension, key));
      return b ? betaMean(b) : betaMean(PRIORS[dimension]);
    };
    const state = Object.fromEntries(STATES.map((s) => [s, p("state", s)])) as MindSnapshot["state"];
    const raw = INTENTS.map((i) => [i, p("intent", i)] as const);
    const total = raw.reduce((sum, [, v]) => sum + v, 0);
    const distribution = Object.fromEntries(
      raw.map(([i, v]) => [i, v / total]),
    ) as MindSnapshot["intent"]["distribution"];
    const top = raw.reduce((best, cur) => (cur[1] > best[1] ? cur : best))[0];
    const knowledge: MindSnapshot["knowledge"] = {};
    const preferences = {} as MindSnapshot["preferences"];
    for (const name of PREFERENCES) {
      const b = this.#beliefs.get(beliefKey("preference", name));
      preferences[name] = b
        ? { value: 2 * betaMean(b) - 1, confidence: betaConfidence(b, PRIORS.preference) }
        : { value: 0, confidence: 0 };
    }
    for (const b of this.#beliefs.values()) {
      if (b.dimension === "knowledge")
        knowledge[b.key] = { level: betaMean(b), confidence: betaConfidence(b, PRIORS.knowledge) };
    }
    const directives = [...this.#directives.values()].map((d) => ({
      text: DIRECTIVE_TEXT[d.key] ?? d.key,
      scope: d.scope,
    }));
    return {
      state,
      reaction: { satisfaction: this.#lastSatisfaction ?? 0 },
      intent: { top, distribution },
      knowledge,
      preferences,
      directives,
    };
  }

  /**
   * Chooses how to answer the next reply, with its reasons and the reaction it predicts, and records
   * it as the pending experiment that the subject's next message will settle.
   */
  plan(): Plan {
    const context = this.#context();
    const fixed: Partial<Record<PlanDimension, string>> = {};
    const rationale: string[] = [];
    for (const d of this.#directives.values()) {
      fixed[d.target] = d.value;
      rationale.push(`directive (${d.scope}): ${DIRECTIVE_TEXT[d.key] ?? d.key}`);
    }
    const choice = choose(this.#policy, context, fixed);
    const plan = toPlan(choice.arms);
    const s = context.states;
    if (!fixed.length && plan.length === "brief" && s.rushed >= STATE_ON)
      rationale.push(`rushed (${s.rushed.toFixed(2)}): brief`);
    if (!fixed.depth) {
      if (plan.depth === "expert")
        rationale.push(`knows the topic (${context.knowledge.level.toFixed(2)}): expert depth`);
      if (plan.depth === "overview")
        rationale.push(`new to the topic (${context.knowledge.level.toFixed(2)}): overview`);
    }
    if (plan.structure === "steps" && (context.intent === "debug" || s.confused >= STATE_ON))
      rationale.push(`${context.intent === "debug" ? "debugging" : "confused"}: steps`);
    if (plan.tone === "warm" && s.frustrated >= STATE_ON) rationale.push("frustrated: acknowledge first");
    if (plan.askClarifyingQuestion)
      rationale.push(`request looks ambiguous (${context.clarificationNeed.toFixed(2)}): ask first`);
    if (plan.challenge) rationale.push(`${context.intent}: test an assumption`);
    if (plan.explore) rationale.push("open to new directions: suggest one");
    const exploring = choice.uncertain.filter((d) => !fixed[d]);
    if (exploring.length > 0 && this.#turns > 0)
      rationale.push(`still learning this person's preference for ${exploring.slice(0, 3).join(", ")}`);
    rationale.push(`context: ${context.intent} × ${context.state}`);
    const expectedMean = PLAN_DIMENSIONS.reduce((sum, d) => sum + choice.expected[d], 0) / PLAN_DIMENSIONS.length;
    const predictedSatisfaction = clamp(2 * expectedMean - 1, -1, 1);
    const skipTopics = this.#focusTopics.filter((t) => {
      const b = this.#beliefs.get(beliefKey("knowledge", t));
      return b !== undefined && betaMean(b) > 0.8 && betaConfidence(b, PRIORS.knowledge) > 0.4;
    });
    this.#pending = {
      context: `${context.intent}|${context.state}`,
      arms: packArms(choice.arms),
      predicted: predictedSatisfaction,
      at: this.#lastObservedAt ?? new Date().toISOString(),
      ...(this.#focusTopics[0] ? { topic: this.#focusTopics[0] } : {}),
    };
    // Turn-scoped directives applied to this reply; they end with it.
    for (const [target, d] of this.#directives) if (d.scope === "turn") this.#directives.delete(target);
    return { ...plan, skipTopics, rationale, predictedSatisfaction };
  }

  /** Why the mind believes what it does about one dimension and key, with the evidence behind it. */
  explain(options: { dimension: Dimension; key: string }): Explanation {
    const b = this.#beliefs.get(beliefKey(options.dimension, options.key));
    const evidence = this.#evidence
      .filter((e) => e.dimension === options.dimension && e.key === options.key)
      .map(({ messageId, signal, weight, excerpt, at }) => ({ messageId, signal, weight, excerpt, at }));
    if (!b) {
      return {
        ...options,
        belief: undefined,
        evidence,
        summary: `No belief about ${options.dimension} "${options.key}" yet.`,
      };
    }
    const mean = betaMean(b);
    const confidence = betaConfidence(b, PRIORS[options.dimension]);
    const summary =
      `${options.dimension} "${options.key}": ${(mean * 100).toFixed(0)}% (confidence ${(confidence * 100).toFixed(0)}%) ` +
      `from ${b.evidenceIds.length} recent observation(s)` +
      (evidence.length > 0
        ? `, e.g. ${evidence
            .slice(-2)
            .map((e) => `${e.signal} in "${e.excerpt}"`)
            .join("; ")}`
        : "");
    return { ...options, belief: { mean, confidence, version: b.version, since: b.validFrom }, evidence, summary };
  }

  /**
   * A person's own correction of what the mind believes ("I'm not an expert in X"): directive-strength
   * evidence toward `value` (0..1), which moves the belief decisively but keeps it a distribution.
   */
  correct(options: {
    dimension: Dimension;
    key: string;
    value: number;
    messageId: string;
    text?: string;
    at?: string;
  }): Observation {
    const at = options.at ?? new Date().toISOString();
    const belief = this.#belief(options.dimension, options.key, at);
    const prior = PRIORS[options.dimension];
    // Reset to the prior, then add strong evidence: the person's word outranks anything inferred.
    belief.alpha = prior.alpha + 6 * clamp(options.value, 0, 1);
    belief.beta = prior.beta + 6 * (1 - clamp(options.value, 0, 1));
    const e: Evidence = {
      // Several corrections can ride on one message: the version counter keeps their ids apart.
      id: `${options.messageId}.correction${this.#seq + 1}`,
      workspaceId: this.workspaceId,
      messageId: options.messageId,
      speakerId: this.subjectId,
      subjectId: this.subjectId,
      dimension: options.dimension,
      key: options.key,
      signal: "self-correction",
      weight: 6 * (2 * clamp(options.value, 0, 1) - 1),
      excerpt: (options.text ?? `set to ${options.value}`).slice(0, 500),
      observedAt: at,
    };
    belief.evidenceIds = [...belief.evidenceIds, e.id].slice(-MAX_EVIDENCE_PER_BELIEF);
    belief.version = ++this.#seq;
    belief.validFrom = at;
    this.#evidence = [
      ...this.#evidence,
      {
        messageId: e.messageId,
        dimension: e.dimension,
        key: e.key,
        signal: e.signal,
        weight: e.weight,
        excerpt: detach(e.excerpt.slice(0, 48)),
        at,
      },
    ].slice(-EVIDENCE_LOG);
    return { evidence: [e], beliefs: [this.#toBelief(belief, at)] };
  }

  /**
   * Merges slow-path hypotheses (from an LLM reflection) as weighted evidence. Each counts at most
   * `weight` observations, so reflection can tilt beliefs but never overwrite the calibrated state.
   */
  mergeHypotheses(options: {
    hypotheses: { dimension: Dimension; key: string; value: number; confidence: number; rationale: string }[];
    /** Observations' worth of the most confident hypothesis. @default 1 */
    weight?: number;
    messageId: string;
    at?: string;
  }): Observation {
    const at = options.at ?? new Date().toISOString();
    const maxWeight = options.weight ?? 1;
    const evidence: Evidence[] = [];
    const beliefs: Belief[] = [];
    options.hypotheses.forEach((h, i) => {
      const weight = clamp(
        (2 * clamp(h.value, 0, 1) - 1) * clamp(h.confidence, 0, 1) * maxWeight,
        -maxWeight,
        maxWeight,
      );
      if (Math.abs(weight) < 0.05) return;
      const e: Evidence = {
        id: `${options.messageId}.h${i}`,
        workspaceId: this.workspaceId,
        messageId: options.messageId,
        speakerId: this.observerId,
        subjectId: this.subjectId,
        dimension: h.dimension,
        key: h.key,
        signal: "reflection",
        weight,
        excerpt: h.rationale.slice(0, 500),
        observedAt: at,
      };
      const belief = this.#belief(h.dimension, h.key, at);
      addEvidence(belief, PRIORS[h.dimension], weight);
      belief.evidenceIds = [...belief.evidenceIds, e.id].slice(-MAX_EVIDENCE_PER_BELIEF);
      belief.version = ++this.#seq;
      belief.validFrom = at;
      evidence.push(e);
      beliefs.push(this.#toBelief(belief, at));
    });
    return { evidence, beliefs };
  }

  /** Recent experiments: each plan's predicted reaction against the observed one. */
  experiments(): readonly Experiment[] {
    return this.#experiments;
  }

  toJSON(): MindJSON {
    return {
      format: "attune.mind",
      version: 2,
      workspaceId: this.workspaceId,
      observerId: this.observerId,
      subjectId: this.subjectId,
      turns: this.#turns,
      seq: this.#seq,
      lastObservedAt: this.#lastObservedAt,
      sessionStartedAt: this.#sessionStartedAt,
      focusTopics: [...this.#focusTopics],
      lastSatisfaction: this.#lastSatisfaction,
      lastClarificationNeed: this.#lastClarificationNeed,
      lastHadCode: this.#lastHadCode,
      lastClaim: this.#lastClaim,
      lastAsked: this.#lastAsked,
      replyPace: { ...this.#replyPace },
      beliefs: [...this.#beliefs.values()].map((b) => ({ ...b, evidenceIds: [...b.evidenceIds] })),
      directives: [...this.#directives.values()].map((d) => ({ ...d })),
      policy: {
        seed: this.#policy.seed,
        global: statsToJSON(this.#policy.global),
        contexts: Object.fromEntries(Object.entries(this.#policy.contexts).map(([k, v]) => [k, statsToJSON(v)])),
      },
      pending: this.#pending ? { ...this.#pending } : null,
      experiments: this.#experiments.map((e) => ({ ...e })),
      evidence: this.#evidence.map((e) => ({ ...e })),
    };
  }

  /** Restores a mind serialized by `toJSON` (version 1 or 2); rejects anything else with `invalid-payload`. */
  static fromJSON(json: unknown, options: Pick<MindOptions, "vocabulary" | "readers" | "decay"> = {}): Mind {
    const input = typeof json === "string" ? safeJSON(json) : json;
    const v1 = MindJSONv1Schema.safeParse(input);
    const parsed = v1.success ? { success: true as const, data: upgradeV1(v1.data) } : MindJSONSchema.safeParse(input);
    if (!parsed.success) {
      throw new AttuneError({
        code: "invalid-payload",
        message: "not a serialized attune mind",
        details: parsed.error.issues,
      });
    }
    const data = parsed.data;
    const mind = new Mind({ ...data, ...options, seed: data.policy.seed });
    mind.#turns = data.turns;
    mind.#seq = data.seq;
    mind.#lastObservedAt = data.lastObservedAt;
    mind.#sessionStartedAt = data.sessionStartedAt;
    mind.#focusTopics = [...data.focusTopics];
    mind.#lastSatisfaction = data.lastSatisfaction;
    mind.#lastClarificationNeed = data.lastClarificationNeed;
    mind.#lastHadCode = data.lastHadCode;
    mind.#lastClaim = data.lastClaim;
    mind.#lastAsked = data.lastAsked;
    mind.#replyPace = { ...data.replyPace };
    for (const b of data.beliefs) {
      mind.#beliefs.set(beliefKey(b.dimension, b.key), {
        dimension: b.dimension,
        key: b.key,
        alpha: b.alpha,
        beta: b.beta,
        version: b.version,
        validFrom: b.validFrom,
        evidenceIds: [...b.evidenceIds],
        scope: b.scope,
        conflict: b.conflict ?? 0,
      });
    }
    if (data.directives.length > 0) mind.#directives = new Map(data.directives.map((d) => [d.target, { ...d }]));
    mind.#policy = {
      seed: data.policy.seed,
      global: statsFromJSON(data.policy.global),
      contexts: Object.fromEntries(Object.entries(data.policy.contexts).map(([k, v]) => [k, statsFromJSON(v)])),
    };
    mind.#pending = data.pending;
    mind.#experiments = data.experiments;
    mind.#evidence = data.evidence;
    return mind;
  }

  // ------------------------------------------------------------------------------------------------

  #context(): PolicyContext {
    const s = this.snapshot();
    let dominant: StateName | "calm" = "calm";
    let best = STATE_ON;
    for (const name of ["frustrated", "confused", "rushed", "skeptical", "playful"] as const) {
      if (s.state[name] >= best) {
        best = s.state[name];
        dominant = name;
      }
    }
    const focus = this.#focusTopics
      .map((t) => s.knowledge[t])
      .filter((k): k is { level: number; confidence: number } => k !== undefined);
    // Topics in focus speak for themselves; an unknown topic borrows the person's overall level
    // (every topic they have shown, plus what they said about themselves), shrunk toward the middle.
    const all = Object.values(s.knowledge);
    const overallWeight = all.reduce((sum, k) => sum + k.confidence, 0);
    const overall = overallWeight > 0 ? all.reduce((sum, k) => sum + k.level * k.confidence, 0) / overallWeight : 0.5;
    const overallConfidence = all.length > 0 ? Math.max(...all.map((k) => k.confidence)) * 0.5 : 0;
    // What the person said about themselves in general shades every topic (weighted by how sure
    // each reading is), so "I'm not technical at all" lowers depth even on a topic shown before.
    const general = s.knowledge[GENERAL_TOPIC];
    const readings = general ? [...focus, { level: general.level, confidence: 0.7 * general.confidence }] : focus;
    const knowledge =
      focus.length > 0
        ? {
            level:
              readings.reduce((sum, k) => sum + k.level * (0.1 + k.confidence), 0) /
              readings.reduce((sum, k) => sum + 0.1 + k.confidence, 0),
            confidence: Math.max(...readings.map((k) => k.confidence)),
          }
        : { level: 0.5 + (overall - 0.5) * Math.min(1, 2 * overallConfidence), confidence: overallConfidence };
    const pref = (name: PreferenceName) => (s.preferences[name].value + 1) / 2;
    return {
      // Intents persist over an episode: any lean beyond the uniform 1/8 counts.
      intent: s.intent.distribution[s.intent.top] > 0.13 ? s.intent.top : this.#lastAsked ? "learn" : "chat",
      state: dominant,
      states: s.state,
      knowledge,
      clarificationNeed: this.#lastClarificationNeed,
      preferences: {
        verbosity: pref("verbosity"),
        examplesFirst: pref("examplesFirst"),
        pace: pref("pace"),
        warmth: pref("warmth"),
        novelty: pref("novelty"),
        ambiguityTolerance: pref("ambiguityTolerance"),
        challenge: pref("challenge"),
      },
      turn: this.#turns,
      hasCode: this.#lastHadCode,
      claim: this.#lastClaim,
    };
  }

  #settleExperiment(feedback: Feedback[], satisfaction: number | undefined, at: string): Experiment | undefined {
    const pending = this.#pending;
    if (!pending) return undefined;
    this.#pending = null;
    const [intent, state] = pending.context.split("|") as [PolicyContext["intent"], PolicyContext["state"]];
    const arms = unpackArms(pending.arms);
    learn(this.#policy, { intent, state }, arms, {
      satisfaction,
      feedback: feedback.filter((f) => f.target in ARMS).map((f) => ({ target: f.target, wants: f.wants })),
    });
    // Silence is weak approval: people mostly complain when a reply misses.
    const observed = satisfaction ?? (feedback.length > 0 ? -0.3 : 0.1);
    const experiment: Experiment = {
      context: pending.context,
      arms: pending.arms,
      predicted: pending.predicted,
      observed,
      surprise: observed - pending.predicted,
      at,
      ...(pending.topic ? { topic: pending.topic } : {}),
    };
    this.#experiments = [...this.#experiments, experiment].slice(-EXPERIMENT_LOG);
    return experiment;
  }

  #updateDirectives(perception: Perception, messageId: string, at: string) {
    if (perception.directives.length > 0 && this.#directives === NO_DIRECTIVES) this.#directives = new Map();
    for (const d of perception.directives) {
      // The latest instruction about a dimension wins; a "turn" one applies to the next reply only.
      this.#directives.set(d.target as PlanDimension, {
        key: d.key,
        target: d.target as PlanDimension,
        value: d.value,
        scope: d.scope,
        text: detach(d.text.slice(0, 120)),
        at,
        messageId,
      });
    }
  }

  /**
   * Reply latency against the person's own usual pace in a session: a message that comes far sooner
   * than they usually write back, and short, reads as hurry. People differ (some always reply
   * in seconds), so only the person's own baseline counts, after a few gaps.
   */
  #replyLatency(at: string, perception: Perception): Signal | undefined {
    const last = this.#lastObservedAt ? Date.parse(this.#lastObservedAt) : Number.NaN;
    const gap = Date.parse(at) - last;
    if (!Number.isFinite(gap) || gap <= 0 || gap > this.#decay.sessionGapMs) return undefined;
    const logGap = Math.log(gap);
    const pace = this.#replyPace;
    const fast = pace.n >= 3 && logGap < pace.mean - 1 && perception.wordCount <= 40;
    // A running mean that forgets slowly, so a change of habit is followed.
    pace.n = Math.min(pace.n + 1, 50);
    pace.mean += (logGap - pace.mean) / pace.n;
    if (!fast) return undefined;
    return {
      signal: "fast-reply",
      dimension: "state",
      key: "rushed",
      weight: Math.min(2, 0.8 * (pace.mean - logGap)),
      excerpt: `replied in ${Math.round(gap / 1000)} s (usually ~${Math.round(Math.exp(pace.mean) / 1000)} s)`,
    };
  }

  #advanceTime(at: string, perception: Perception) {
    const now = Date.parse(at);
    const last = this.#lastObservedAt ? Date.parse(this.#lastObservedAt) : Number.NaN;
    const elapsed = Number.isFinite(last) ? Math.max(0, now - last) : 0;
    if (!this.#sessionStartedAt || elapsed > this.#decay.sessionGapMs) {
      this.#sessionStartedAt = at;
      for (const [target, d] of this.#directives) if (d.scope !== "persistent") this.#directives.delete(target);
    }
    const topicShift =
      this.#focusTopics.length > 0 &&
      perception.topics.size > 0 &&
      ![...perception.topics.keys()].some((t) => this.#focusTopics.includes(t));
    for (const b of this.#beliefs.values()) {
      if (b.dimension === "directive") continue;
      const fast = b.dimension === "state" || b.dimension === "intent";
      const halfLife = fast ? this.#decay.stateHalfLifeMs : this.#decay.traitHalfLifeMs;
      const perTurn =
        b.dimension === "state"
          ? this.#decay.stateTurnRetention * (STATE_PERSISTENCE[b.key as StateName] ?? 1)
          : b.dimension === "intent"
            ? this.#decay.intentTurnRetention * (topicShift ? 0.6 : 1)
            : 1;
      const prior = PRIORS[b.dimension];
      decayToward(b, prior, perTurn * 0.5 ** (elapsed / halfLife));
      // A faded mood or intent is back at its prior: drop it (the graph keeps its history).
      if (fast && Math.abs(b.alpha - prior.alpha) + Math.abs(b.beta - prior.beta) < 0.15) {
        this.#beliefs.delete(beliefKey(b.dimension, b.key));
      }
    }
  }

  #applyPrior(prior: MindPrior) {
    for (const [name, p] of Object.entries(prior.preferences ?? {})) {
      if (!p) continue;
      const b = this.#belief("preference", name, new Date(0).toISOString());
      b.alpha = PRIORS.preference.alpha + clamp(p.mean, 0, 1) * p.weight;
      b.beta = PRIORS.preference.beta + (1 - clamp(p.mean, 0, 1)) * p.weight;
    }
    if (prior.policy) {
      this.#policy.global = prior.policy.global.slice();
      this.#policy.contexts = Object.fromEntries(Object.entries(prior.policy.contexts).map(([k, v]) => [k, v.slice()]));
    }
  }

  #belief(dimension: Dimension, key: string, at: string): BeliefState {
    const id = beliefKey(dimension, key);
    let belief = this.#beliefs.get(id);
    if (!belief) {
      // Every belief gets the same fields in the same order: one hidden class, in-object properties.
      const prior = PRIORS[dimension];
      belief = {
        dimension,
        key,
        alpha: prior.alpha,
        beta: prior.beta,
        version: 0,
        validFrom: at,
        evidenceIds: [],
        scope: undefined,
        conflict: 0,
      };
      this.#beliefs.set(id, belief);
    }
    return belief;
  }

  #toBelief(b: BeliefState, at: string, evidenceIds: string[] = b.evidenceIds): Belief {
    const visibility: Visibility = "private";
    return {
      id: `b${fnv1a(`${this.observerId}|${this.subjectId}|${b.dimension}|${b.key}`)}.v${b.version}`,
      workspaceId: this.workspaceId,
      observerId: this.observerId,
      subjectId: this.subjectId,
      dimension: b.dimension,
      key: b.key,
      distribution: { alpha: b.alpha, beta: b.beta },
      mean: betaMean(b),
      confidence: betaConfidence(b, PRIORS[b.dimension]),
      evidenceIds: [...evidenceIds],
      validFrom: b.validFrom,
      validTo: null,
      recordedAt: at,
      visibility,
    };
  }
}

/** Cue-based clarification need when no learned reader is configured: short, vague, pronoun-led requests. */
function cueClarificationNeed(p: Perception, conversational: number): number {
  const short = p.wordCount <= 6 ? 0.1 : 0;
  return clamp(conversational + short, 0, 1);
}

/**
 * The learned readers (packages/mind/src/learned, trained on public data): states from GoEmotions,
 * satisfaction from USS, clarification need from ClariQ + CLAMBER. Satisfaction is rescaled around
 * its dev-chosen dissatisfaction threshold (the raw regression stays near 0 on chat).
 */
export const LEARNED_READERS: MindReaders = {
  states: readStates,
  stateThresholds: STATE_THRESHOLDS,
  satisfaction: (text) => Math.tanh(4 * (readSatisfaction(text) - DISSATISFIED_AT_OR_BELOW - 0.05)),
  clarificationNeed: (text) => {
    // Centre the reader on its dev-chosen ClariQ threshold: 0.5 means "at the decision boundary".
    const need = readClarificationNeed(text);
    const t = (CLARIFICATION_THRESHOLDS.clariq + CLARIFICATION_THRESHOLDS.clamber) / 2;
    return need <= t ? (0.5 * need) / t : 0.5 + (0.5 * (need - t)) / (1 - t);
  },
};

function packArms(arms: Record<PlanDimension, string>): string {
  return PLAN_DIMENSIONS.map((d) => arms[d]).join(",");
}

function unpackArms(packed: string): Record<PlanDimension, string> {
  const values = packed.split(",");
  return Object.fromEntries(PLAN_DIMENSIONS.map((d, i) => [d, values[i] ?? ARMS[d][0]])) as Record<
    PlanDimension,
    string
  >;
}

function upgradeV1(v1: z.infer<typeof MindJSONv1Schema>): MindJSON {
  return {
    format: "attune.mind",
    version: 2,
    workspaceId: v1.workspaceId,
    observerId: v1.observerId,
    subjectId: v1.subjectId,
    turns: v1.turns,
    seq: Math.max(0, ...v1.beliefs.map((b) => b.version)),
    lastObservedAt: v1.lastObservedAt,
    sessionStartedAt: v1.lastObservedAt,
    focusTopics: v1.focusTopics,
    lastSatisfaction: null,
    lastClarificationNeed: 0.3,
    lastHadCode: false,
    lastClaim: false,
    lastAsked: false,
    replyPace: { mean: 0, n: 0 },
    beliefs: v1.beliefs.filter((b) => b.dimension !== "directive"),
    directives: [],
    policy: {
      seed: Number.parseInt(fnv1a(`${v1.workspaceId}|${v1.observerId}|${v1.subjectId}`), 16) | 0,
      global: statsToJSON(emptyStats()),
      contexts: {},
    },
    pending: null,
    experiments: [],
    evidence: [],
  };
}

function safeJSON(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * Creates a mind, from priors only or from a team/population prior.
 *
 * @example
 * const mind = createMind({ workspaceId: "acme", observerId: "assistant", subjectId: "ada" });
 */
export function createMind(options: MindOptions): Mind {
  return new Mind(options);
}

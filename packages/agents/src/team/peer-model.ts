import { sharedVocabulary, type Vocabulary } from "@attune/mind";
import { AttuneError, type Plan } from "@attune/model";
import { z } from "zod";
import {
  type AgentOutcomeKind,
  type AgentProfile,
  AgentProfileSchema,
  type BeliefSlice,
  type SecondOrderBelief,
  SecondOrderBeliefSchema,
} from "./types.js";

/** Tunables of a peer model; serialized with it so a restored model behaves the same. */
export interface PeerModelOptions {
  /**
   * Pseudo-observations the declared profile is worth as a prior on each skill. Small on purpose: what
   * an agent claims is a hint, and a handful of real outcomes should outweigh it.
   * @default 3
   */
  priorStrength?: number;
  /**
   * Half-life of outcome evidence, in days. Agents change (new model, new prompt), so old outcomes fade
   * back toward the prior instead of freezing a verdict forever.
   * @default 30
   */
  outcomeHalfLifeDays?: number;
  /** Half-life of the recent-work rate, in minutes. @default 30 */
  loadHalfLifeMinutes?: number;
  /** Open turns at which the load score reaches 0.5. @default 4 */
  capacity?: number;
}

const DEFAULTS: Required<PeerModelOptions> = {
  priorStrength: 3,
  outcomeHalfLifeDays: 30,
  loadHalfLifeMinutes: 30,
  capacity: 4,
};

/** Prior of reliability and of handoff success: a new peer is given modest benefit of the doubt (0.6). */
const TRUST_PRIOR = { alpha: 1.5, beta: 1 } as const;
/** Evidence that makes confidence 0.5 (as in the mind engine: four consistent observations). */
const CONFIDENCE_HALF_AT = 4;
/** Topics, context keys and topic × context cells kept per model (the least-evidenced go first). */
const MAX_SKILLS = 1000;
const MAX_PEOPLE = 500;
const MAX_BELIEFS_PER_PERSON = 60;
const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

/** Successes and failures seen, above whatever prior applies (the prior is computed when read). */
const CountsSchema = z.object({ s: z.number().nonnegative(), f: z.number().nonnegative() });
type Counts = z.infer<typeof CountsSchema>;

export const PeerModelJSONSchema = z.object({
  format: z.literal("attune.peer-model"),
  version: z.literal(1),
  observerId: z.string().min(1),
  subject: AgentProfileSchema,
  options: z.object({
    priorStrength: z.number().positive(),
    outcomeHalfLifeDays: z.number().positive(),
    loadHalfLifeMinutes: z.number().positive(),
    capacity: z.number().positive(),
  }),
  reliability: CountsSchema,
  handoff: CountsSchema,
  skills: z.array(z.object({ topic: z.string().min(1).max(400) }).extend(CountsSchema.shape)).max(MAX_SKILLS),
  outcomes: z.number().int().nonnegative(),
  lastOutcomeAt: z.string().nullable(),
  load: z.object({ open: z.number().int().nonnegative(), recent: z.number().nonnegative(), at: z.string().nullable() }),
  beliefs: z.array(SecondOrderBeliefSchema).max(MAX_PEOPLE * MAX_BELIEFS_PER_PERSON),
});
export type PeerModelJSON = z.infer<typeof PeerModelJSONSchema>;

/** A learned estimate: posterior mean 0..1 and how much of it rests on evidence rather than the prior. */
export interface Estimate {
  mean: number;
  confidence: number;
}

/** What a peer model believes about one skill, topic or context key. */
export interface SkillEstimate extends Estimate {
  /** How strongly the declared profile claims it, 0..1 (the prior's source). */
  declared: number;
  /** Effective outcomes observed on it (after forgetting). */
  evidence: number;
}

/** The subject's current load as the observer sees it. */
export interface LoadEstimate {
  /** Turns assigned and not yet finished. */
  open: number;
  /** Exponentially decayed count of recent assignments (finished or not). */
  recent: number;
  /** 0..1: 0 idle, 0.5 at capacity, toward 1 swamped. */
  score: number;
}

/** Milliseconds of an ISO timestamp; anything else throws `invalid-payload` naming `what`. */
export const toMs = (at: string, what: string): number => {
  const ms = Date.parse(at);
  if (Number.isNaN(ms))
    throw new AttuneError({ code: "invalid-payload", message: `${what}: "${at}" is not a timestamp` });
  return ms;
};

/** A recent-work count recorded at `since` (ms), decayed to `at` with the half-life (minutes). */
export const decayedRecent = (recent: number, since: number | null, at: number, halfLifeMinutes: number) =>
  since === null || at <= since ? recent : recent * 0.5 ** ((at - since) / (halfLifeMinutes * MINUTE_MS));

/** A load estimate: open turns plus half the recent ones, against the capacity (0.5 at capacity). */
export function loadEstimate(open: number, recent: number, capacity: number): LoadEstimate {
  const pressure = open + 0.5 * recent;
  return { open, recent, score: pressure / (pressure + capacity) };
}
const clamp01 = (x: number) => Math.max(0, Math.min(1, x));
const confidenceOf = (evidence: number) => evidence / (evidence + CONFIDENCE_HALF_AT);

/** Lowercase, hyphen-joined slug: "LoRA fine tuning" → "lora-fine-tuning". */
export function slug(text: string): string {
  return text
    .toLowerCase()
    .trim()
    .replace(/[\s_/]+/g, "-")
    .replace(/[^a-z0-9+#.-]/g, "")
    .replace(/-+/g, "-")
    .replace(/^-|-$/g, "");
}

/** Crude English stem so "reviewer"/"reviews"/"review" and "debugging"/"debug" meet. */
function stem(word: string): string {
  return word.length > 5 ? word.replace(/(?:ings?|ers?|ions?|ments?|ed|es|s)$/, "") : word;
}

/**
 * Context keys (see `routingKeys` in routing.ts) and the words in a role or skill list that claim them.
 * Matching is by prefix on the profile's words, so "reviews", "reviewer" and "code-review" all claim
 * `plan:challenge`. These only seed priors: the router learns real fit from outcomes under the same keys.
 */
export const CAPABILITY_WORDS: Record<string, readonly string[]> = {
  "intent:debug": ["debug", "troubleshoot", "incident", "ops", "on-call", "oncall", "sre", "fix", "diagnos", "bug"],
  "intent:unstuck": ["debug", "troubleshoot", "tutor", "teach", "mentor", "coach", "unblock"],
  "intent:learn": ["teach", "tutor", "explain", "mentor", "educat", "coach", "learn", "instruct", "lesson"],
  "intent:explore": ["research", "explor", "literature", "idea", "brainstorm", "survey", "investigat", "paper"],
  "intent:decide": ["review", "advis", "tradeoff", "trade-off", "strateg", "analy", "architect", "evaluat", "decision"],
  "intent:persuade": ["writ", "pitch", "communicat", "persua", "copy", "edit", "story"],
  "intent:create": ["writ", "draft", "build", "implement", "develop", "author", "create", "prototyp"],
  "intent:chat": ["chat", "host", "concierge", "general", "assistant"],
  "depth:overview": ["tutor", "teach", "beginner", "explain", "plain", "mentor", "educat", "intro", "eli5", "coach"],
  "depth:expert": ["research", "expert", "specialist", "senior", "deep", "advanced", "scien", "principal"],
  "plan:challenge": ["review", "critic", "critique", "challeng", "audit", "skeptic", "devil", "assess"],
  "plan:explore": ["research", "explor", "brainstorm", "idea", "creativ"],
};

/** Whether `key` is a context key (intent, depth, plan flag) rather than a topic. */
export const isContextKey = (key: string) => /^(?:intent|depth|plan|structure):/.test(key);

/**
 * How strongly a profile's declared skills claim a topic, 0..1: exact slug 1; the skill is a term of the
 * topic in the vocabulary ("lora" → `fine-tuning`, "kubernetes" → `infrastructure`) 0.9; one slug's
 * words contained in the other's ("lora" vs "lora-fine-tuning") 0.8; partial word overlap less.
 */
export function declaredTopicMatch(options: {
  skills: readonly string[];
  topic: string;
  /** @default the shared vocabulary */
  vocabulary?: Vocabulary;
}): number {
  const vocabulary = options.vocabulary ?? sharedVocabulary;
  const topic = slug(options.topic);
  if (!topic) return 0;
  const topicWords = new Set(topic.split("-").map(stem));
  const topicTopic = vocabulary.topicOf(options.topic) ?? vocabulary.topicOf(options.topic.replaceAll("-", " "));
  let best = 0;
  for (const raw of options.skills) {
    const skill = slug(raw);
    if (!skill) continue;
    if (skill === topic) return 1;
    const skillTopic = vocabulary.topicOf(raw) ?? vocabulary.topicOf(raw.replaceAll("-", " "));
    if (skillTopic === topic || (topicTopic !== undefined && (topicTopic === skill || topicTopic === skillTopic)))
      best = Math.max(best, 0.9);
    const skillWords = new Set(skill.split("-").map(stem));
    const shared = [...skillWords].filter((w) => topicWords.has(w)).length;
    if (shared === 0) continue;
    if (shared === skillWords.size || shared === topicWords.size) best = Math.max(best, 0.8);
    else best = Math.max(best, (0.6 * shared) / new Set([...skillWords, ...topicWords]).size);
  }
  return best;
}

/** How strongly a profile's role and skills claim a context key (`intent:debug`, `plan:challenge`…), 0..1. */
export function declaredContextMatch(options: { profile: AgentProfile; key: string }): number {
  const [kind, value = ""] = options.key.split(":") as [string, string | undefined];
  // A joint key ("intent:decide+learn", a message with two equally strong cues) claims the mean of its parts.
  const parts = value.split("+").filter(Boolean);
  if (parts.length > 1) {
    return (
      parts.reduce((sum, p) => sum + declaredContextMatch({ profile: options.profile, key: `${kind}:${p}` }), 0) /
      parts.length
    );
  }
  const stems = CAPABILITY_WORDS[options.key];
  if (!stems) return 0;
  const words = `${options.profile.role} ${options.profile.skills.join(" ")}`.toLowerCase().match(/[a-z0-9-]+/g) ?? [];
  const tokens = new Set(words.flatMap((w) => [w, ...w.split("-")]));
  const matched = stems.filter((s) => [...tokens].some((w) => w.startsWith(s))).length;
  return matched === 0 ? 0 : Math.min(1, 0.5 + 0.25 * matched);
}

/**
 * What one agent (the observer) believes about another (the subject): per-topic skill, reliability,
 * handoff success, current load, and what the subject believes about each person (second-order beliefs).
 *
 * Every estimate is a Beta posterior: declared skills set a weak prior (worth `priorStrength`
 * observations), outcomes move it (accepted → success, corrected → failure), and old evidence fades with
 * `outcomeHalfLifeDays`. Time is always passed in (`at`), never read from the clock, so a replayed
 * history gives the same model.
 *
 * @example
 * const tutorOfReviewer = PeerModel.create({ observerId: "tutor", subject: reviewerProfile });
 * tutorOfReviewer.recordOutcome({ kind: "accepted", topic: "code-review", at: "2025-01-01T10:00:00Z" });
 * tutorOfReviewer.skill("code-review"); // { mean: 0.8, confidence: 0.2, … }
 */
export class PeerModel {
  readonly observerId: string;
  #subject: AgentProfile;
  readonly #options: Required<PeerModelOptions>;
  readonly #vocabulary: Vocabulary;
  #reliability: Counts = { s: 0, f: 0 };
  #handoff: Counts = { s: 0, f: 0 };
  readonly #skills = new Map<string, Counts>();
  #outcomes = 0;
  #lastOutcomeAt: number | null = null;
  #load = { open: 0, recent: 0, at: null as number | null };
  /** personId → `${dimension}:${key}` → belief, in insertion order (oldest person first). */
  readonly #beliefs = new Map<string, Map<string, SecondOrderBelief>>();

  private constructor(options: {
    observerId: string;
    subject: AgentProfile;
    options: Required<PeerModelOptions>;
    vocabulary: Vocabulary;
  }) {
    this.observerId = options.observerId;
    this.#subject = options.subject;
    this.#options = options.options;
    this.#vocabulary = options.vocabulary;
  }

  /**
   * A model from the subject's declared profile only (no outcomes yet).
   *
   * @example
   * const model = PeerModel.create({ observerId: "router", subject: { id: "tutor", name: "Tess", role: "explains ML", skills: ["lora"] } });
   */
  static create(options: {
    observerId: string;
    subject: AgentProfile;
    options?: PeerModelOptions;
    /** Used to match declared skills to topics. @default the shared vocabulary */
    vocabulary?: Vocabulary;
  }): PeerModel {
    const subject = AgentProfileSchema.safeParse(options.subject);
    if (!subject.success || !options.observerId) {
      throw new AttuneError({
        code: "invalid-payload",
        message: "a peer model needs an observer id and a valid agent profile",
        details: subject.success ? undefined : subject.error.issues,
      });
    }
    return new PeerModel({
      observerId: options.observerId,
      subject: subject.data,
      options: { ...DEFAULTS, ...options.options },
      vocabulary: options.vocabulary ?? sharedVocabulary,
    });
  }

  get subjectId(): string {
    return this.#subject.id;
  }

  get subject(): AgentProfile {
    return this.#subject;
  }

  /** Number of outcomes recorded (before forgetting). */
  get outcomes(): number {
    return this.#outcomes;
  }

  /** Replaces the declared profile (new skills change priors; learned evidence is kept). */
  setSubject(subject: AgentProfile): void {
    if (subject.id !== this.#subject.id) {
      throw new AttuneError({ code: "conflict", message: `profile ${subject.id} is not ${this.#subject.id}` });
    }
    this.#subject = AgentProfileSchema.parse(subject);
  }

  /**
   * Learns from one outcome of the subject's work. `accepted`/`corrected` move reliability and the skill
   * on each given topic or context key; `handoff-*` move handoff success.
   */
  recordOutcome(options: {
    kind: AgentOutcomeKind;
    /** Topic slug(s) or context keys (`intent:debug`) the work was about. */
    topic?: string | readonly string[];
    at: string;
    /** Observations' worth of this outcome (a strong correction may count more). @default 1 */
    weight?: number;
  }): void {
    const at = toMs(options.at, "recordOutcome");
    this.#forget(at);
    const w = Math.max(0, options.weight ?? 1);
    const success = options.kind === "accepted" || options.kind === "handoff-succeeded";
    const add = (c: Counts) => {
      if (success) c.s += w;
      else c.f += w;
    };
    if (options.kind === "handoff-succeeded" || options.kind === "handoff-failed") add(this.#handoff);
    else {
      add(this.#reliability);
      const topics = typeof options.topic === "string" ? [options.topic] : (options.topic ?? []);
      for (const raw of new Set(topics.map(normalizeKey))) {
        if (!raw) continue;
        let c = this.#skills.get(raw);
        if (!c) {
          if (this.#skills.size >= MAX_SKILLS) this.#evictWeakestSkill();
          c = { s: 0, f: 0 };
          this.#skills.set(raw, c);
        }
        add(c);
      }
    }
    this.#outcomes += 1;
  }

  /** The subject took on a turn at `at`. */
  recordAssigned(options: { at: string }): void {
    const at = toMs(options.at, "recordAssigned");
    this.#load.recent = this.#recentAt(at) + 1;
    this.#load.at = Math.max(at, this.#load.at ?? at);
    this.#load.open += 1;
  }

  /** The subject finished a turn at `at` (extra calls never drive the count below zero). */
  recordFinished(options: { at: string }): void {
    const at = toMs(options.at, "recordFinished");
    this.#load.recent = this.#recentAt(at);
    this.#load.at = Math.max(at, this.#load.at ?? at);
    this.#load.open = Math.max(0, this.#load.open - 1);
  }

  /**
   * Posterior of the subject's skill on a topic slug or context key: the declared prior (fuzzy slug
   * and vocabulary match for topics, role words for context keys) plus the outcomes seen on it.
   */
  skill(topic: string): SkillEstimate {
    const key = normalizeKey(topic);
    const { mean: priorMean, declared } = this.prior(key);
    const k = this.#options.priorStrength;
    const c = this.#skills.get(key) ?? { s: 0, f: 0 };
    const evidence = c.s + c.f;
    return {
      mean: (k * priorMean + c.s) / (k + evidence),
      confidence: confidenceOf(evidence),
      declared,
      evidence,
    };
  }

  /**
   * The declared prior of a key before any outcome: topics 0.3 (unclaimed) to 0.75 (claimed exactly),
   * context keys 0.4 to 0.7 by role words; a context signature (`intent:learn&depth:overview`) averages
   * its parts.
   */
  prior(key: string): { mean: number; declared: number } {
    const k = normalizeKey(key);
    if (k.includes("&")) {
      const parts = k.split("&").map((p) => this.prior(p));
      return {
        mean: parts.reduce((sum, p) => sum + p.mean, 0) / parts.length,
        declared: parts.reduce((sum, p) => sum + p.declared, 0) / parts.length,
      };
    }
    if (isContextKey(k)) {
      const declared = declaredContextMatch({ profile: this.#subject, key: k });
      return { mean: 0.4 + 0.3 * declared, declared };
    }
    const declared = declaredTopicMatch({ skills: this.#subject.skills, topic: k, vocabulary: this.#vocabulary });
    return { mean: 0.3 + 0.45 * declared, declared };
  }

  /** Outcomes seen on a key (after forgetting), without any prior: for callers that build their own prior. */
  evidence(key: string): { successes: number; failures: number } {
    const c = this.#skills.get(normalizeKey(key));
    return { successes: c?.s ?? 0, failures: c?.f ?? 0 };
  }

  /** Topics and context keys with outcome evidence, strongest evidence first. */
  knownSkills(): { topic: string; estimate: SkillEstimate }[] {
    return [...this.#skills.keys()]
      .map((topic) => ({ topic, estimate: this.skill(topic) }))
      .sort((a, b) => b.estimate.evidence - a.estimate.evidence || a.topic.localeCompare(b.topic));
  }

  /** Probability the subject's next answer is accepted, across topics (prior 0.6). */
  reliability(): Estimate {
    return betaEstimate(this.#reliability);
  }

  /** Probability a handoff from or to the subject succeeds (prior 0.6). */
  handoffSuccess(): Estimate {
    return betaEstimate(this.#handoff);
  }

  /**
   * How much the observer should rely on what the subject says, 0..1: the posterior mean of one Beta
   * that pools answer outcomes (accepted vs corrected) with handoff outcomes (succeeded vs failed) on the
   * 0.6 prior. Pooling rather than multiplying keeps a peer with few handoffs from being judged on a
   * couple of events, and a peer that is often corrected loses trust even if its handoffs went fine.
   * A handoff's evidence weight is scaled by this number.
   */
  trust(): number {
    return betaEstimate({ s: this.#reliability.s + this.#handoff.s, f: this.#reliability.f + this.#handoff.f }).mean;
  }

  /** The subject's load at `at` (the recent-work rate decays to `at`; nothing is mutated). */
  load(at: string): LoadEstimate {
    return loadEstimate(this.#load.open, this.#recentAt(toMs(at, "load")), this.#options.capacity);
  }

  /**
   * Records what the subject believes about a person ("the reviewer thinks Ada knows LoRA well"), from
   * a handoff packet, an observed reply, or the subject saying so. A belief replaces an older one on the
   * same dimension and key; an older report than the one held, or one that repeats it (same mean,
   * confidence and source), is ignored. Returns the beliefs that changed the model.
   */
  recordBeliefsAbout(options: {
    personId: string;
    beliefs: readonly BeliefSlice[];
    source: SecondOrderBelief["source"];
    at: string;
  }): SecondOrderBelief[] {
    const atMs = toMs(options.at, "recordBeliefsAbout");
    const current = this.#beliefs.get(options.personId);
    // A report of what is already held, from the same kind of source, teaches nothing: the model is
    // left as it is (the belief keeps the time it was first reported), so it need not be stored again.
    const news = options.beliefs.filter((slice) => {
      const previous = current?.get(`${slice.dimension}:${slice.key}`);
      if (!previous) return true;
      if (Date.parse(previous.at) > atMs) return false;
      return (
        previous.source !== options.source ||
        previous.mean !== clamp01(slice.mean) ||
        previous.confidence !== clamp01(slice.confidence)
      );
    });
    if (news.length === 0) return [];
    const held = current ?? new Map<string, SecondOrderBelief>();
    // Re-inserted last: the map's order is recency, so eviction drops the person not heard of longest.
    this.#beliefs.delete(options.personId);
    this.#beliefs.set(options.personId, held);
    const recorded: SecondOrderBelief[] = [];
    for (const slice of news) {
      const id = `${slice.dimension}:${slice.key}`;
      const belief: SecondOrderBelief = {
        dimension: slice.dimension,
        key: slice.key,
        mean: clamp01(slice.mean),
        confidence: clamp01(slice.confidence),
        observerId: this.observerId,
        holderId: this.#subject.id,
        subjectId: options.personId,
        source: options.source,
        at: options.at,
      };
      held.delete(id);
      held.set(id, belief);
      recorded.push(belief);
    }
    while (held.size > MAX_BELIEFS_PER_PERSON) held.delete(held.keys().next().value as string);
    while (this.#beliefs.size > MAX_PEOPLE) this.#beliefs.delete(this.#beliefs.keys().next().value as string);
    return recorded;
  }

  /**
   * Reads the subject's beliefs about a person off a reply it wrote: answering at expert depth implies
   * it thinks the person knows the topics; an overview implies it thinks they are new to them. Weak
   * (confidence 0.3): a depth choice is an indirect cue.
   */
  recordObservedReply(options: { personId: string; plan: Plan; topics: readonly string[]; at: string }) {
    const mean = options.plan.depth === "expert" ? 0.85 : options.plan.depth === "overview" ? 0.2 : 0.55;
    return this.recordBeliefsAbout({
      personId: options.personId,
      beliefs: options.topics.map((key) => ({ dimension: "knowledge" as const, key, mean, confidence: 0.3 })),
      source: "observed-reply",
      at: options.at,
    });
  }

  /** What the observer believes the subject believes about a person, most recent first. */
  beliefsAbout(personId: string): SecondOrderBelief[] {
    return [...(this.#beliefs.get(personId)?.values() ?? [])].reverse().map((b) => ({ ...b }));
  }

  /** People the subject is believed to hold beliefs about. */
  people(): string[] {
    return [...this.#beliefs.keys()];
  }

  /**
   * Drops every second-order belief about a person (erasure): afterwards nothing in the model names
   * them. Resolves with how many beliefs were dropped.
   */
  forgetPerson(personId: string): number {
    const dropped = this.#beliefs.get(personId)?.size ?? 0;
    this.#beliefs.delete(personId);
    return dropped;
  }

  /** A short human-readable summary of this model. */
  explain(): string {
    const r = this.reliability();
    const skills = this.knownSkills().filter(
      (s) => !isContextKey(s.topic) && !s.topic.includes("|") && !s.topic.includes("&"),
    );
    const strong = skills
      .filter((s) => s.estimate.mean >= 0.6)
      .slice(0, 3)
      .map((s) => `${s.topic} ${s.estimate.mean.toFixed(2)}`);
    const weak = skills
      .filter((s) => s.estimate.mean < 0.45)
      .slice(0, 3)
      .map((s) => `${s.topic} ${s.estimate.mean.toFixed(2)}`);
    const name = `${this.#subject.name} (${this.#subject.id})`;
    const parts = [
      `${this.observerId}'s view of ${name}: trust ${this.trust().toFixed(2)}, reliability ${r.mean.toFixed(2)} from ${this.#reliability.s + this.#reliability.f > 0 ? `${Math.round(this.#reliability.s + this.#reliability.f)} outcome(s)` : "no outcomes yet (declared skills only)"}`,
    ];
    if (strong.length > 0) parts.push(`strong on ${strong.join(", ")}`);
    if (weak.length > 0) parts.push(`weak on ${weak.join(", ")}`);
    if (skills.length === 0 && this.#subject.skills.length > 0)
      parts.push(`claims ${this.#subject.skills.slice(0, 5).join(", ")}`);
    if (this.#load.open > 0) parts.push(`${this.#load.open} turn(s) in progress`);
    if (this.#beliefs.size > 0) parts.push(`holds beliefs about ${this.#beliefs.size} person(s)`);
    return `${parts.join("; ")}.`;
  }

  toJSON(): PeerModelJSON {
    return {
      format: "attune.peer-model",
      version: 1,
      observerId: this.observerId,
      subject: { ...this.#subject, skills: [...this.#subject.skills] },
      options: { ...this.#options },
      reliability: { ...this.#reliability },
      handoff: { ...this.#handoff },
      skills: [...this.#skills].map(([topic, c]) => ({ topic, ...c })),
      outcomes: this.#outcomes,
      lastOutcomeAt: this.#lastOutcomeAt === null ? null : new Date(this.#lastOutcomeAt).toISOString(),
      load: {
        open: this.#load.open,
        recent: this.#load.recent,
        at: this.#load.at === null ? null : new Date(this.#load.at).toISOString(),
      },
      beliefs: [...this.#beliefs.values()].flatMap((m) => [...m.values()].map((b) => ({ ...b }))),
    };
  }

  /** Restores a model from `toJSON` output (object or JSON text); anything else throws `invalid-payload`. */
  static fromJSON(json: unknown, options: { vocabulary?: Vocabulary } = {}): PeerModel {
    const input = typeof json === "string" ? parseJSONText(json) : json;
    const parsed = PeerModelJSONSchema.safeParse(input);
    if (!parsed.success) {
      throw new AttuneError({
        code: "invalid-payload",
        message: "not a serialized attune peer model",
        details: parsed.error.issues,
      });
    }
    const data = parsed.data;
    const model = new PeerModel({
      observerId: data.observerId,
      subject: data.subject,
      options: data.options,
      vocabulary: options.vocabulary ?? sharedVocabulary,
    });
    model.#reliability = { ...data.reliability };
    model.#handoff = { ...data.handoff };
    for (const { topic, s, f } of data.skills) model.#skills.set(topic, { s, f });
    model.#outcomes = data.outcomes;
    model.#lastOutcomeAt = data.lastOutcomeAt === null ? null : toMs(data.lastOutcomeAt, "lastOutcomeAt");
    model.#load = {
      open: data.load.open,
      recent: data.load.recent,
      at: data.load.at === null ? null : toMs(data.load.at, "load.at"),
    };
    for (const b of data.beliefs) {
      let held = model.#beliefs.get(b.subjectId);
      if (!held) {
        held = new Map();
        model.#beliefs.set(b.subjectId, held);
      }
      held.set(`${b.dimension}:${b.key}`, b);
    }
    return model;
  }

  /** Fades outcome evidence by the time passed since the last outcome. */
  #forget(at: number) {
    if (this.#lastOutcomeAt !== null && at > this.#lastOutcomeAt) {
      const keep = 0.5 ** ((at - this.#lastOutcomeAt) / (this.#options.outcomeHalfLifeDays * DAY_MS));
      if (keep < 0.999) {
        for (const c of [this.#reliability, this.#handoff, ...this.#skills.values()]) {
          c.s *= keep;
          c.f *= keep;
        }
      }
    }
    this.#lastOutcomeAt = Math.max(at, this.#lastOutcomeAt ?? at);
  }

  #recentAt(at: number): number {
    return decayedRecent(this.#load.recent, this.#load.at, at, this.#options.loadHalfLifeMinutes);
  }

  #evictWeakestSkill() {
    let weakest: string | undefined;
    let least = Number.POSITIVE_INFINITY;
    for (const [topic, c] of this.#skills) {
      if (c.s + c.f < least) {
        least = c.s + c.f;
        weakest = topic;
      }
    }
    if (weakest !== undefined) this.#skills.delete(weakest);
  }
}

function betaEstimate(c: Counts): Estimate {
  const alpha = TRUST_PRIOR.alpha + c.s;
  const beta = TRUST_PRIOR.beta + c.f;
  return { mean: alpha / (alpha + beta), confidence: confidenceOf(c.s + c.f) };
}

/**
 * Keys are normalized so spellings meet: topics become slugs, context keys keep their prefix
 * (`intent:decide+learn`), context signatures join context keys with `&`, and cells join a topic and a
 * signature with `|` (`fine-tuning|intent:learn&depth:overview`); each part is normalized on its own.
 */
export function normalizeKey(key: string): string {
  if (key.includes("|")) return key.split("|").map(normalizeKey).join("|");
  if (key.includes("&")) return key.split("&").map(normalizeKey).join("&");
  const i = key.indexOf(":");
  return i > 0 && isContextKey(key)
    ? `${key.slice(0, i)}:${key
        .slice(i + 1)
        .split("+")
        .map(slug)
        .join("+")}`
    : slug(key);
}

function parseJSONText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new AttuneError({ code: "invalid-payload", message: "peer model JSON does not parse", cause });
  }
}

export const TeamModelsJSONSchema = z.object({
  format: z.literal("attune.team-models"),
  version: z.literal(1),
  profiles: z.array(AgentProfileSchema),
  options: z
    .object({
      priorStrength: z.number().positive().optional(),
      outcomeHalfLifeDays: z.number().positive().optional(),
      loadHalfLifeMinutes: z.number().positive().optional(),
      capacity: z.number().positive().optional(),
    })
    .default({}),
  models: z.array(PeerModelJSONSchema),
});

/** `TeamModelsJSONSchema` with each model left for `PeerModel.fromJSON` to validate. */
const TeamModelsEnvelopeSchema = TeamModelsJSONSchema.extend({ models: z.array(z.unknown()) });

export type TeamModelsJSON = z.infer<typeof TeamModelsJSONSchema>;

/**
 * Every peer model held on a team: for each observer (an agent, or the router), its model of each other
 * agent. Models are created lazily from the profiles the first time they are asked for.
 *
 * @example
 * const models = TeamModels.create({ profiles: [tutor, reviewer] });
 * models.get("tutor", "reviewer").recordOutcome({ kind: "accepted", topic: "lora", at });
 */
export class TeamModels {
  readonly #profiles = new Map<string, AgentProfile>();
  readonly #models = new Map<string, PeerModel>();
  readonly #options: PeerModelOptions;
  readonly #vocabulary: Vocabulary;

  private constructor(options: { options: PeerModelOptions; vocabulary: Vocabulary }) {
    this.#options = options.options;
    this.#vocabulary = options.vocabulary;
  }

  /** @example const models = TeamModels.create({ profiles }); */
  static create(options: {
    profiles: readonly AgentProfile[];
    /** Tunables for every model created. */
    options?: PeerModelOptions;
    vocabulary?: Vocabulary;
  }): TeamModels {
    const team = new TeamModels({
      options: options.options ?? {},
      vocabulary: options.vocabulary ?? sharedVocabulary,
    });
    for (const p of options.profiles) team.upsertProfile(p);
    return team;
  }

  profiles(): AgentProfile[] {
    return [...this.#profiles.values()];
  }

  /** Adds or updates an agent profile; existing models of it keep what they learned. */
  upsertProfile(profile: AgentProfile): void {
    const parsed = AgentProfileSchema.safeParse(profile);
    if (!parsed.success) {
      throw new AttuneError({
        code: "invalid-payload",
        message: "invalid agent profile",
        details: parsed.error.issues,
      });
    }
    this.#profiles.set(parsed.data.id, parsed.data);
    for (const model of this.#models.values()) if (model.subjectId === parsed.data.id) model.setSubject(parsed.data);
  }

  has(observerId: string, subjectId: string): boolean {
    return this.#models.has(`${observerId}\u0000${subjectId}`);
  }

  /**
   * The observer's model of the subject, created from the subject's profile on first use. Throws
   * `not-found` for a subject with no profile.
   */
  get(observerId: string, subjectId: string): PeerModel {
    const id = `${observerId}\u0000${subjectId}`;
    let model = this.#models.get(id);
    if (!model) {
      const subject = this.#profiles.get(subjectId);
      if (!subject) throw new AttuneError({ code: "not-found", message: `no agent profile for ${subjectId}` });
      model = PeerModel.create({ observerId, subject, options: this.#options, vocabulary: this.#vocabulary });
      this.#models.set(id, model);
    }
    return model;
  }

  /** The observer's models of every other agent, by subject id (created as needed). */
  forObserver(observerId: string): Map<string, PeerModel> {
    const out = new Map<string, PeerModel>();
    for (const id of this.#profiles.keys()) if (id !== observerId) out.set(id, this.get(observerId, id));
    return out;
  }

  /** Every model held (only those created so far). */
  all(): PeerModel[] {
    return [...this.#models.values()];
  }

  toJSON(): TeamModelsJSON {
    return {
      format: "attune.team-models",
      version: 1,
      profiles: this.profiles().map((p) => ({ ...p, skills: [...p.skills] })),
      options: { ...this.#options },
      models: this.all().map((m) => m.toJSON()),
    };
  }

  /** Restores from `toJSON` output (object or JSON text); anything else throws `invalid-payload`. */
  static fromJSON(json: unknown, options: { vocabulary?: Vocabulary } = {}): TeamModels {
    const input = typeof json === "string" ? parseJSONText(json) : json;
    // Each model is validated once, by PeerModel.fromJSON below (zod was half of loading a team).
    const parsed = TeamModelsEnvelopeSchema.safeParse(input);
    if (!parsed.success) {
      throw new AttuneError({
        code: "invalid-payload",
        message: "not serialized attune team models",
        details: parsed.error.issues,
      });
    }
    const team = TeamModels.create({
      profiles: parsed.data.profiles,
      options: stripUndefined(parsed.data.options),
      ...(options.vocabulary ? { vocabulary: options.vocabulary } : {}),
    });
    for (const m of parsed.data.models) {
      const model = PeerModel.fromJSON(m, { vocabulary: team.#vocabulary });
      team.#models.set(`${model.observerId}\u0000${model.subjectId}`, model);
    }
    return team;
  }
}

function stripUndefined(o: Record<string, number | undefined>): PeerModelOptions {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as PeerModelOptions;
}

/**
 * A stored mind state with a person removed, for erasure: agent→agent minds (peer models) lose their
 * second-order beliefs about the person; any other state comes back unchanged (a person's own minds
 * are deleted by the erasure, not scrubbed).
 *
 * @example
 * await erasePerson({ connection, workspaceId, personId: "ada", by: "ada", scrubMindState: forgetPersonInState });
 */
export function forgetPersonInState(options: { state: string; personId: string }): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(options.state);
  } catch {
    return options.state;
  }
  if ((parsed as { format?: unknown } | null)?.format !== "attune.peer-model") return options.state;
  const model = PeerModel.fromJSON(parsed);
  return model.forgetPerson(options.personId) > 0 ? JSON.stringify(model.toJSON()) : options.state;
}

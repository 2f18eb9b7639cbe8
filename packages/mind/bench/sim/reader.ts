import type { Plan } from "@attune/model";
import type { PolicySpec } from "./baselines.js";
import {
  band,
  type Context,
  type Cue,
  DIMS,
  type Dim,
  type DimValue,
  type Directive,
  type ExampleStyle,
  type Intent,
  type Profile,
  STATES,
  type StateName,
  type StructureHabit,
  TOPIC_IDS,
  type TopicId,
} from "./model.js";
import { planOf, wantsOf } from "./reward.js";

/**
 * Reference reader: an upper bound for a perceptive engine. It never sees the hidden profile or context; it
 * reads the generator's annotation of what each message *expresses* (the cues a careful human reader would
 * pick up: topic, vocabulary tier, stated or hinted states, intent, vagueness, claims, reactions to the last
 * reply, directives, volunteered preferences) and keeps common-sense estimates of the person, updated from
 * their reactions. It shows what is achievable from the text, so the targets are honest.
 */
export const reader: PolicySpec = {
  name: "reader (reference)",
  create(personId) {
    return new Reader(personId);
  },
};

const FADE: Record<StateName, number> = {
  rushed: 0.8,
  frustrated: 0.6,
  confused: 0.45,
  playful: 0.5,
  skeptical: 0.55,
  engaged: 0.6,
};
/** P(what they say | knowledge band novice, working, expert): how a careful reader weighs vocabulary. */
const LIKELIHOOD: Record<string, [number, number, number]> = {
  lay: [0.45, 0.2, 0.04],
  definitional: [0.3, 0.04, 0.01],
  misuse: [0.2, 0.02, 0.01],
  basic: [0.03, 0.7, 0.25],
  advanced: [0.02, 0.04, 0.7],
  "background:novice": [0.9, 0.1, 0.02],
  "background:expert": [0.02, 0.1, 0.9],
  "band:0": [0.9, 0.08, 0.02],
  "band:1": [0.08, 0.84, 0.08],
  "band:2": [0.02, 0.08, 0.9],
};
const BAND_PRIOR: [number, number, number] = [0.45, 0.3, 0.25];
const BAND_CENTER = [0.15, 0.52, 0.85] as const;
const DEPTH_BAND: Record<string, number> = { overview: 0, working: 1, expert: 2 };

class Reader {
  readonly #p: Profile;
  readonly #posterior = new Map<TopicId, [number, number, number]>();
  #states = Object.fromEntries(STATES.map((s) => [s, 0])) as Record<StateName, number>;
  #topic: TopicId = "databases";
  #intent: Intent = "learn";
  #persistent: Directive[] = [];
  /** Learned wants per (dimension, situation), from complaints. */
  readonly #learned = new Map<string, DimValue>();
  #last: { ctx: Context; plan: Plan } | null = null;

  constructor(personId: string) {
    this.#p = {
      id: personId,
      index: -1,
      archetype: "unknown",
      knowledge: Object.fromEntries(TOPIC_IDS.map((t) => [t, 0.5])) as Record<TopicId, number>,
      topicWeights: Object.fromEntries(TOPIC_IDS.map((t) => [t, 1])) as Record<TopicId, number>,
      intentWeights: { learn: 1, explore: 1, debug: 1, decide: 1, persuade: 1, create: 1, unstuck: 1, chat: 1 },
      verbosity: -0.05,
      learnDepth: 0.6,
      rushBrief: 0.6,
      examples: "concrete-first",
      structureHabit: null,
      codeFirst: false,
      warmth: 0,
      playfulness: 0.4,
      challengeAppetite: 0.45,
      novelty: 0.5,
      clarifyTolerance: 0.45,
      stepwise: 0.4,
      sensitivity: Object.fromEntries(DIMS.map((d) => [d, 1])) as Record<Dim, number>,
      proneness: Object.fromEntries(STATES.map((s) => [s, 0.3])) as Record<StateName, number>,
      expressiveness: 0.5,
      assertiveness: 0.3,
      disclosure: 0.3,
      vagueness: 0.25,
      earlyDirectives: [],
      style: { lowercase: false, typo: 0, emoji: 0, filler: 0, greet: 0, signoff: 0 },
    };
  }

  act(turn: { turn: number; cues: Cue[] }): Plan {
    const p = this.#p;
    for (const s of STATES) this.#states[s] *= FADE[s];
    const turnDirectives: Directive[] = [];
    let vague = false;
    let claim = false;
    for (const c of turn.cues) {
      switch (c.kind) {
        case "topic":
          this.#topic = c.topic;
          break;
        case "intent":
          this.#intent = c.intent;
          break;
        case "knowledge":
          this.#know(c.topic, c.tier);
          break;
        case "background":
          this.#know(c.topic, `background:${c.level}`);
          break;
        case "state":
          this.#states[c.state] = Math.max(this.#states[c.state], c.explicit ? 1 : 0.7);
          break;
        case "vague":
          vague = true;
          break;
        case "claim":
          claim = true;
          break;
        case "directive":
          if (c.scope === "persistent") this.#persistent.push({ dim: c.dim, value: c.value, scope: "persistent" });
          else turnDirectives.push({ dim: c.dim, value: c.value, scope: "turn" });
          break;
        case "preference":
          this.#prefer(c.trait, String(c.value));
          break;
        case "reaction":
          this.#learn(c.dim, c.want);
          break;
        default:
          break;
      }
    }
    const ctx: Context = {
      turn: turn.turn,
      topic: this.#topic,
      intent: this.#intent,
      states: { ...this.#states },
      vague,
      claim,
      directives: [...this.#persistent, ...turnDirectives],
    };
    const wants = wantsOf(p, ctx);
    const plan = planOf((dim) => this.#learned.get(this.#key(dim, ctx)) ?? wants[dim].value, ["reader"]);
    // Directives still win over anything learned.
    const forced = new Map(ctx.directives.map((d) => [d.dim, d.value] as const));
    const final = planOf((dim) => (forced.has(dim) ? (forced.get(dim) as DimValue) : dimOf(plan, dim)), ["reader"]);
    this.#last = { ctx, plan: final };
    return final;
  }

  #key(dim: Dim, ctx: Context): string {
    const rushed = ctx.states.rushed >= 0.5;
    const level = band(this.#p.knowledge[ctx.topic]);
    switch (dim) {
      case "length":
      case "structure":
      case "examples":
        return `${dim}|${ctx.intent}|${rushed}|${dim === "examples" ? level : ""}`;
      case "depth":
        return `${dim}|${ctx.topic}`;
      default:
        return `${dim}|${ctx.intent}`;
    }
  }

  /** Bayesian update of the knowledge band of a topic; the estimate is the centre of the most likely band. */
  #know(topic: TopicId, evidence: string) {
    const like = LIKELIHOOD[evidence];
    if (!like) return;
    const prior = this.#posterior.get(topic) ?? BAND_PRIOR;
    const post = prior.map((p, i) => p * (like[i] ?? 1)) as [number, number, number];
    const z = post[0] + post[1] + post[2];
    const norm = post.map((x) => x / z) as [number, number, number];
    this.#posterior.set(topic, norm);
    const best = norm.indexOf(Math.max(...norm));
    this.#p.knowledge[topic] = BAND_CENTER[best] ?? 0.5;
  }

  #prefer(trait: string, value: string) {
    const p = this.#p;
    switch (trait) {
      case "examples":
        p.examples = value as ExampleStyle;
        break;
      case "structure":
        p.structureHabit = value as StructureHabit;
        break;
      case "warmth":
        p.warmth = value === "warm" ? 0.6 : -0.6;
        break;
      case "playfulness":
        p.playfulness = 0.8;
        break;
      case "challenge":
        p.challengeAppetite = value === "high" ? 0.8 : 0.1;
        break;
      case "novelty":
        p.novelty = value === "high" ? 0.85 : 0.2;
        break;
      case "clarify":
        p.clarifyTolerance = value === "high" ? 0.8 : 0.1;
        break;
      case "rushBrief":
        p.rushBrief = 0.9;
        break;
      case "learnDepth":
        p.learnDepth = 0.85;
        break;
      case "verbosity":
        p.verbosity = value === "low" ? -0.6 : 0.6;
        break;
      case "stepwise":
        p.stepwise = 0.85;
        break;
      case "codeFirst":
        p.codeFirst = true;
        break;
      default:
        break;
    }
  }

  /** A complaint about the last reply: remember the wanted value for that situation, and nudge the traits. */
  #learn(dim: Dim, want: DimValue | null) {
    const last = this.#last;
    if (!last || want === null) return;
    const { ctx } = last;
    const p = this.#p;
    this.#learned.set(this.#key(dim, ctx), want);
    const teaching = ctx.intent === "learn" || ctx.intent === "explore" || ctx.intent === "create";
    switch (dim) {
      case "length": {
        const down = want === "brief" || (want === "standard" && last.plan.length === "thorough");
        if (ctx.intent === "learn") p.learnDepth = Math.max(0, Math.min(1, p.learnDepth + (down ? -0.35 : 0.35)));
        else if (ctx.intent === "debug" || ctx.intent === "unstuck")
          p.rushBrief = Math.max(0, Math.min(1, p.rushBrief + (down ? 0.35 : -0.35)));
        p.verbosity = Math.max(-1, Math.min(1, p.verbosity + (down ? -0.3 : 0.3)));
        break;
      }
      case "depth": {
        const confused = ctx.states.confused >= 0.5;
        const b = Math.min(2, (DEPTH_BAND[String(want)] ?? 1) + (confused ? 1 : 0));
        this.#know(ctx.topic, `band:${b}`);
        break;
      }
      case "structure":
        if (want === "code-first") p.codeFirst = true;
        else if (teaching) p.structureHabit = want as StructureHabit;
        else if (ctx.intent === "debug" && want === "steps") p.codeFirst = false;
        break;
      case "examples":
        if (want !== "none" && teaching) p.examples = want as ExampleStyle;
        break;
      case "tone":
        if (want === "warm") p.warmth = 0.6;
        else if (want === "precise") p.warmth = -0.6;
        else if (want === "playful") p.playfulness = 0.8;
        else {
          p.playfulness = 0.2;
          p.warmth = 0;
        }
        break;
      case "pace":
        p.stepwise = want === "one-step" ? 0.85 : 0.15;
        break;
      case "ask":
        p.clarifyTolerance = want ? 0.8 : 0.1;
        break;
      case "challenge":
        p.challengeAppetite = want ? 0.75 : ctx.claim ? 0.1 : 0.4;
        break;
      case "explore":
        p.novelty = want ? 0.85 : 0.3;
        break;
    }
  }
}

function dimOf(plan: Plan, dim: Dim): DimValue {
  return dim === "ask" ? plan.askClarifyingQuestion : plan[dim];
}

import type { Plan } from "@attune/model";

/** The simulator's vocabulary of hidden facts about a person and a turn. */

export const TOPIC_IDS = [
  "databases",
  "kubernetes",
  "react",
  "machine-learning",
  "llm-apps",
  "networking",
  "security",
  "distributed-systems",
  "git",
  "statistics",
  "concurrency",
  "investing",
] as const;
export type TopicId = (typeof TOPIC_IDS)[number];

export const INTENTS = ["learn", "explore", "debug", "decide", "persuade", "create", "unstuck", "chat"] as const;
export type Intent = (typeof INTENTS)[number];

export const STATES = ["confused", "rushed", "frustrated", "playful", "skeptical", "engaged"] as const;
export type StateName = (typeof STATES)[number];

/** The plan dimensions the reward scores (skipTopics, rationale and predictedSatisfaction are not scored). */
export const DIMS = [
  "length",
  "depth",
  "structure",
  "examples",
  "tone",
  "pace",
  "ask",
  "challenge",
  "explore",
] as const;
export type Dim = (typeof DIMS)[number];

/** The value of one scored dimension of a plan (booleans for ask / challenge / explore). */
export type DimValue = string | boolean;

export const DIM_VALUES: Record<Dim, readonly DimValue[]> = {
  length: ["brief", "standard", "thorough"],
  depth: ["overview", "working", "expert"],
  structure: ["prose", "steps", "bullets", "code-first"],
  examples: ["none", "concrete-first", "analogy", "theory-first"],
  tone: ["warm", "neutral", "precise", "playful"],
  pace: ["one-step", "complete"],
  ask: [false, true],
  challenge: [false, true],
  explore: [false, true],
};

export function dimValue(plan: Plan, dim: Dim): DimValue {
  switch (dim) {
    case "ask":
      return plan.askClarifyingQuestion;
    default:
      return plan[dim];
  }
}

/** An instruction the person gave about how to answer; it overrides what they would otherwise want. */
export interface Directive {
  dim: Dim;
  value: DimValue;
  scope: "turn" | "persistent";
}

export type ExampleStyle = "concrete-first" | "analogy" | "theory-first";
export type StructureHabit = "prose" | "bullets" | "steps";

/** What the simulated person is like: never shown to a policy (only the oracle reads it). */
export interface Profile {
  id: string;
  index: number;
  archetype: string;
  /** 0..1 per topic: < 0.35 novice, < 0.7 working knowledge, else expert. */
  knowledge: Record<TopicId, number>;
  /** How often each topic comes up for this person. */
  topicWeights: Record<TopicId, number>;
  intentWeights: Record<Intent, number>;
  /** Baseline appetite for length, -1 (terse) .. 1 (long). */
  verbosity: number;
  /** 0..1: how much longer they want answers when learning. */
  learnDepth: number;
  /** 0..1: how much shorter they want answers when debugging or stuck. */
  rushBrief: number;
  examples: ExampleStyle;
  /** Layout they like when the task does not dictate one (learning, exploring, writing). */
  structureHabit: StructureHabit | null;
  /** Wants the code before the words when debugging / creating in a code topic they know. */
  codeFirst: boolean;
  /** -1 (precise, dry) .. 1 (warm). */
  warmth: number;
  /** 0..1: enjoys a playful tone. */
  playfulness: number;
  /** 0..1: wants to be pushed back on. */
  challengeAppetite: number;
  /** 0..1: likes tangents (`explore`). */
  novelty: number;
  /** 0..1: welcomes a clarifying question when their ask is vague (low: "just guess"). */
  clarifyTolerance: number;
  /** 0..1: prefers one step at a time when learning / stuck. */
  stepwise: number;
  /** Per-dimension multiplier of how much each plan dimension matters to this person. */
  sensitivity: Record<Dim, number>;
  proneness: Record<StateName, number>;
  /** 0..1: how often they say what they think of an answer. */
  expressiveness: number;
  /** 0..1: how often a complaint becomes an instruction ("shorter please", "from now on ..."). */
  assertiveness: number;
  /** 0..1: how often they volunteer how they like to be answered ("I learn best from examples"). */
  disclosure: number;
  /** 0..1: how often their requests are underspecified. */
  vagueness: number;
  /** Persistent instructions they state in the first turns, whatever happens. */
  earlyDirectives: Directive[];
  style: {
    lowercase: boolean;
    typo: number;
    emoji: number;
    filler: number;
    greet: number;
    signoff: number;
  };
}

/** The hidden situation of one turn: what the person is doing and feeling right now. */
export interface Context {
  turn: number;
  topic: TopicId;
  intent: Intent;
  /** State intensities 0..1; a state is "on" from `STATE_ON`. */
  states: Record<StateName, number>;
  /** The request is underspecified (a clarifying question can help). */
  vague: boolean;
  /** The request asserts something dubious (pushing back can help). */
  claim: boolean;
  /** Directives in force for this turn (persistent ones and this turn's). */
  directives: Directive[];
}

export const STATE_ON = 0.5;
export const isOn = (ctx: Context, state: StateName) => ctx.states[state] >= STATE_ON;

/** Knowledge band: 0 novice, 1 working, 2 expert. */
export function band(k: number): 0 | 1 | 2 {
  return k < 0.35 ? 0 : k < 0.7 ? 1 : 2;
}

/**
 * What a reader of the text could know: the generator's annotation of what each turn *expresses* (not the
 * hidden values). Only the reference reader policy uses these; baselines and Attune read the text.
 */
export type Cue =
  | { kind: "topic"; topic: TopicId }
  | { kind: "knowledge"; topic: TopicId; tier: "lay" | "definitional" | "misuse" | "basic" | "advanced" }
  | { kind: "background"; topic: TopicId; level: "novice" | "expert" }
  | { kind: "state"; state: StateName; explicit: boolean }
  | { kind: "intent"; intent: Intent }
  | { kind: "vague" }
  | { kind: "claim" }
  | { kind: "pasted" }
  | { kind: "reaction"; dim: Dim; got: DimValue; want: DimValue | null }
  | { kind: "praise"; dim: Dim | null }
  | { kind: "sentiment"; value: -1 | 0 | 1 }
  | { kind: "directive"; dim: Dim; value: DimValue; scope: "turn" | "persistent" }
  | { kind: "preference"; trait: string; value: string | number };

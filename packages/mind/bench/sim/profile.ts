import {
  DIMS,
  type Dim,
  type Directive,
  type ExampleStyle,
  INTENTS,
  type Intent,
  type Profile,
  STATES,
  type StateName,
  type StructureHabit,
  TOPIC_IDS,
  type TopicId,
} from "./model.js";
import { Rng } from "./rng.js";

/** Rough kinds of people; every trait is then drawn around the archetype, so no two are alike. */
interface Archetype {
  name: string;
  share: number;
  /** Topics they know, with a mean knowledge level. Unlisted topics are drawn low. */
  known: Partial<Record<TopicId, number>>;
  /** Topics they ask about besides the known ones. */
  curious: TopicId[];
  intents: Partial<Record<Intent, number>>;
  verbosity: number;
  learnDepth: number;
  rushBrief: number;
  examples: Record<ExampleStyle, number>;
  structure: Record<StructureHabit | "none", number>;
  codeFirst: number;
  warmth: number;
  playfulness: number;
  challenge: number;
  novelty: number;
  clarify: number;
  stepwise: number;
  proneness: Partial<Record<StateName, number>>;
}

const ARCHETYPES: Archetype[] = [
  {
    name: "senior backend engineer",
    share: 0.14,
    known: {
      databases: 0.85,
      "distributed-systems": 0.8,
      concurrency: 0.8,
      git: 0.85,
      networking: 0.6,
      kubernetes: 0.6,
    },
    curious: ["machine-learning", "llm-apps", "react", "investing", "statistics"],
    intents: { debug: 3, decide: 2, create: 2, learn: 1.2, persuade: 1, explore: 0.6, unstuck: 0.6, chat: 0.3 },
    verbosity: -0.4,
    learnDepth: 0.5,
    rushBrief: 0.7,
    examples: { "concrete-first": 0.5, analogy: 0.15, "theory-first": 0.35 },
    structure: { none: 0.5, bullets: 0.3, prose: 0.15, steps: 0.05 },
    codeFirst: 0.65,
    warmth: -0.45,
    playfulness: 0.25,
    challenge: 0.6,
    novelty: 0.4,
    clarify: 0.3,
    stepwise: 0.2,
    proneness: { rushed: 0.6, frustrated: 0.4, skeptical: 0.5, confused: 0.2, playful: 0.2 },
  },
  {
    name: "junior developer",
    share: 0.16,
    known: { react: 0.5, git: 0.45, databases: 0.35, concurrency: 0.25 },
    curious: ["kubernetes", "security", "distributed-systems", "llm-apps", "networking"],
    intents: { learn: 3, debug: 3, unstuck: 2, create: 1.2, explore: 0.6, decide: 0.5, chat: 0.5 },
    verbosity: 0.15,
    learnDepth: 0.75,
    rushBrief: 0.45,
    examples: { "concrete-first": 0.6, analogy: 0.3, "theory-first": 0.1 },
    structure: { none: 0.4, steps: 0.4, bullets: 0.1, prose: 0.1 },
    codeFirst: 0.4,
    warmth: 0.5,
    playfulness: 0.5,
    challenge: 0.25,
    novelty: 0.5,
    clarify: 0.6,
    stepwise: 0.7,
    proneness: { confused: 0.7, frustrated: 0.6, rushed: 0.4, playful: 0.4, skeptical: 0.15 },
  },
  {
    name: "product manager",
    share: 0.12,
    known: { statistics: 0.45, "llm-apps": 0.35, git: 0.3 },
    curious: ["databases", "security", "machine-learning", "kubernetes", "distributed-systems", "investing"],
    intents: { decide: 3, persuade: 2, learn: 2, explore: 1.2, create: 1, chat: 0.5, debug: 0.3 },
    verbosity: -0.3,
    learnDepth: 0.3,
    rushBrief: 0.5,
    examples: { "concrete-first": 0.45, analogy: 0.5, "theory-first": 0.05 },
    structure: { bullets: 0.6, none: 0.3, prose: 0.1, steps: 0 },
    codeFirst: 0.05,
    warmth: 0.15,
    playfulness: 0.4,
    challenge: 0.55,
    novelty: 0.5,
    clarify: 0.5,
    stepwise: 0.3,
    proneness: { rushed: 0.8, skeptical: 0.4, confused: 0.4, frustrated: 0.3, playful: 0.3 },
  },
  {
    name: "data scientist",
    share: 0.12,
    known: { "machine-learning": 0.85, statistics: 0.85, "llm-apps": 0.6, databases: 0.5 },
    curious: ["kubernetes", "concurrency", "distributed-systems", "react", "investing"],
    intents: { learn: 2, debug: 2, decide: 1.5, explore: 1.5, create: 1.5, persuade: 0.6, unstuck: 0.6, chat: 0.4 },
    verbosity: 0.15,
    learnDepth: 0.6,
    rushBrief: 0.5,
    examples: { "theory-first": 0.5, "concrete-first": 0.4, analogy: 0.1 },
    structure: { none: 0.6, prose: 0.2, bullets: 0.15, steps: 0.05 },
    codeFirst: 0.5,
    warmth: -0.15,
    playfulness: 0.3,
    challenge: 0.6,
    novelty: 0.65,
    clarify: 0.45,
    stepwise: 0.3,
    proneness: { skeptical: 0.6, frustrated: 0.35, rushed: 0.35, confused: 0.25, playful: 0.3 },
  },
  {
    name: "student",
    share: 0.13,
    known: { "machine-learning": 0.35, statistics: 0.4, git: 0.3, react: 0.3 },
    curious: ["concurrency", "databases", "llm-apps", "networking", "security", "investing"],
    intents: { learn: 4, unstuck: 2, debug: 1, explore: 1.2, chat: 1, create: 0.8, decide: 0.4 },
    verbosity: 0.35,
    learnDepth: 0.8,
    rushBrief: 0.4,
    examples: { "concrete-first": 0.4, analogy: 0.25, "theory-first": 0.35 },
    structure: { none: 0.5, steps: 0.3, bullets: 0.1, prose: 0.1 },
    codeFirst: 0.25,
    warmth: 0.35,
    playfulness: 0.6,
    challenge: 0.35,
    novelty: 0.6,
    clarify: 0.6,
    stepwise: 0.6,
    proneness: { confused: 0.7, rushed: 0.5, playful: 0.6, frustrated: 0.45, skeptical: 0.2 },
  },
  {
    name: "SRE",
    share: 0.11,
    known: { kubernetes: 0.85, networking: 0.8, security: 0.65, "distributed-systems": 0.7, git: 0.75 },
    curious: ["databases", "concurrency", "llm-apps", "statistics", "investing"],
    intents: { debug: 4, unstuck: 1.5, decide: 1, create: 1, learn: 1, explore: 0.3, persuade: 0.4, chat: 0.3 },
    verbosity: -0.6,
    learnDepth: 0.4,
    rushBrief: 0.9,
    examples: { "concrete-first": 0.6, analogy: 0.1, "theory-first": 0.3 },
    structure: { none: 0.5, bullets: 0.35, steps: 0.1, prose: 0.05 },
    codeFirst: 0.6,
    warmth: -0.5,
    playfulness: 0.3,
    challenge: 0.4,
    novelty: 0.2,
    clarify: 0.2,
    stepwise: 0.15,
    proneness: { rushed: 0.9, frustrated: 0.55, skeptical: 0.35, confused: 0.15, playful: 0.2 },
  },
  {
    name: "curious hobbyist",
    share: 0.1,
    known: { "llm-apps": 0.45, networking: 0.4, git: 0.35 },
    curious: ["machine-learning", "react", "security", "investing", "statistics", "concurrency", "databases"],
    intents: { explore: 3, learn: 2, chat: 2, create: 1.2, debug: 0.6, decide: 0.4, unstuck: 0.4 },
    verbosity: 0.3,
    learnDepth: 0.6,
    rushBrief: 0.3,
    examples: { analogy: 0.5, "concrete-first": 0.4, "theory-first": 0.1 },
    structure: { none: 0.6, prose: 0.25, bullets: 0.1, steps: 0.05 },
    codeFirst: 0.2,
    warmth: 0.6,
    playfulness: 0.75,
    challenge: 0.4,
    novelty: 0.85,
    clarify: 0.5,
    stepwise: 0.4,
    proneness: { playful: 0.8, confused: 0.4, rushed: 0.15, frustrated: 0.25, skeptical: 0.25 },
  },
  {
    name: "new investor",
    share: 0.07,
    known: { investing: 0.3, statistics: 0.2 },
    curious: ["security", "llm-apps", "statistics"],
    intents: { learn: 3, decide: 3, explore: 1, chat: 1, persuade: 0.5, create: 0.6, unstuck: 0.4 },
    verbosity: 0.05,
    learnDepth: 0.6,
    rushBrief: 0.4,
    examples: { "concrete-first": 0.55, analogy: 0.4, "theory-first": 0.05 },
    structure: { none: 0.4, bullets: 0.3, steps: 0.2, prose: 0.1 },
    codeFirst: 0,
    warmth: 0.55,
    playfulness: 0.35,
    challenge: 0.45,
    novelty: 0.45,
    clarify: 0.55,
    stepwise: 0.55,
    proneness: { confused: 0.65, skeptical: 0.45, rushed: 0.25, frustrated: 0.3, playful: 0.25 },
  },
  {
    name: "security specialist",
    share: 0.05,
    known: { security: 0.9, networking: 0.75, kubernetes: 0.55, git: 0.6, concurrency: 0.5 },
    curious: ["llm-apps", "machine-learning", "investing", "distributed-systems"],
    intents: { debug: 2, decide: 2, learn: 1.5, persuade: 1.5, create: 1, explore: 0.8, chat: 0.3, unstuck: 0.3 },
    verbosity: 0,
    learnDepth: 0.5,
    rushBrief: 0.6,
    examples: { "theory-first": 0.45, "concrete-first": 0.45, analogy: 0.1 },
    structure: { none: 0.4, bullets: 0.35, prose: 0.2, steps: 0.05 },
    codeFirst: 0.4,
    warmth: -0.6,
    playfulness: 0.2,
    challenge: 0.75,
    novelty: 0.45,
    clarify: 0.35,
    stepwise: 0.2,
    proneness: { skeptical: 0.85, rushed: 0.4, frustrated: 0.35, confused: 0.1, playful: 0.15 },
  },
];

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

function categorical<K extends string>(rng: Rng, dist: Record<K, number>): K {
  // One in five people does not follow their archetype's habits at all.
  if (rng.chance(0.2)) return rng.pick(Object.keys(dist) as K[]);
  return rng.weighted(dist);
}

/** Draws one person from the population. Deterministic in (seed, index). */
export function sampleProfile(seed: number, index: number): Profile {
  const rng = Rng.of(seed, "profile", index);
  const shares = Object.fromEntries(ARCHETYPES.map((a, i) => [String(i), a.share])) as Record<string, number>;
  const a = ARCHETYPES[Number(rng.weighted(shares))] as Archetype;

  const knowledge = {} as Record<TopicId, number>;
  const topicWeights = {} as Record<TopicId, number>;
  const hobby = rng.pick(TOPIC_IDS);
  for (const t of TOPIC_IDS) {
    const mean = a.known[t] ?? 0.15;
    knowledge[t] = clamp(mean + 0.15 * rng.normal() + (t === hobby ? 0.3 : 0), 0.02, 0.98);
    topicWeights[t] = a.known[t] !== undefined ? 3 * rng.range(0.5, 1.5) : 0.12;
  }
  // Everyone also asks about a few things they do not know well: that is where depth must differ.
  for (const t of rng.shuffle(a.curious).slice(0, rng.int(2, 3))) topicWeights[t] = 1.8;
  topicWeights[hobby] = Math.max(topicWeights[hobby], 1.2);

  const intentWeights = {} as Record<Intent, number>;
  for (const i of INTENTS) intentWeights[i] = (a.intents[i] ?? 0.2) * rng.range(0.5, 1.5);

  const trait = (mean: number, spread = 0.22) => rng.around(mean, spread);
  const signed = (mean: number, spread = 0.35) => clamp(mean + spread * rng.normal(), -1, 1);
  const structure = categorical(rng, a.structure);
  const sensitivity = {} as Record<Dim, number>;
  for (const d of DIMS) sensitivity[d] = clamp(1 + 0.4 * rng.normal(), 0.3, 1.9);
  const proneness = {} as Record<StateName, number>;
  for (const s of STATES) proneness[s] = trait(a.proneness[s] ?? 0.3, 0.2);

  const profile: Profile = {
    id: `sim-${seed}-${index}`,
    index,
    archetype: a.name,
    knowledge,
    topicWeights,
    intentWeights,
    verbosity: signed(a.verbosity),
    learnDepth: trait(a.learnDepth),
    rushBrief: trait(a.rushBrief),
    examples: categorical(rng, a.examples),
    structureHabit: structure === "none" ? null : structure,
    codeFirst: rng.chance(a.codeFirst),
    warmth: signed(a.warmth, 0.4),
    playfulness: trait(a.playfulness),
    challengeAppetite: trait(a.challenge, 0.25),
    novelty: trait(a.novelty, 0.25),
    clarifyTolerance: trait(a.clarify, 0.25),
    stepwise: trait(a.stepwise),
    sensitivity,
    proneness,
    expressiveness: trait(0.55, 0.25),
    assertiveness: trait(0.35, 0.25),
    disclosure: trait(0.3, 0.25),
    vagueness: trait(0.25, 0.15),
    earlyDirectives: [],
    style: { lowercase: false, typo: 0, emoji: 0, filler: 0, greet: 0, signoff: 0 },
  };
  // How people write loosely mirrors how they like to be written to: terse writers skip the niceties,
  // warm ones greet and thank, playful ones use emoji. Loosely: plenty of exceptions.
  const { verbosity, warmth, playfulness } = profile;
  profile.style = {
    lowercase: rng.chance(0.35 - 0.1 * verbosity),
    typo: clamp(0.02 + 0.025 * rng.normal(), 0, 0.08),
    emoji: trait(0.05 + 0.25 * playfulness + 0.05 * warmth, 0.1),
    filler: trait(0.2 + 0.1 * verbosity, 0.15),
    greet: trait(0.25 + 0.15 * warmth + 0.1 * verbosity, 0.2),
    signoff: trait(0.2 + 0.15 * warmth, 0.15),
  };
  profile.earlyDirectives = earlyDirectives(profile, rng);
  return profile;
}

/** Some people set ground rules at the start ("keep it short from now on"); most never do. */
function earlyDirectives(p: Profile, rng: Rng): Directive[] {
  if (!rng.chance(0.15 + 0.35 * p.assertiveness)) return [];
  const candidates: Directive[] = [];
  const d = (dim: Dim, value: string | boolean): Directive => ({ dim, value, scope: "persistent" });
  if (p.verbosity < -0.45) candidates.push(d("length", "brief"));
  if (p.verbosity > 0.6) candidates.push(d("length", "thorough"));
  if (p.structureHabit === "bullets") candidates.push(d("structure", "bullets"));
  if (p.warmth < -0.55) candidates.push(d("tone", "precise"));
  if (p.clarifyTolerance < 0.2) candidates.push(d("ask", false));
  if (p.novelty < 0.2) candidates.push(d("explore", false));
  if (p.examples === "concrete-first" && p.learnDepth > 0.6) candidates.push(d("examples", "concrete-first"));
  return rng.shuffle(candidates).slice(0, rng.int(1, 2));
}

export function samplePopulation(seed: number, count: number): Profile[] {
  return Array.from({ length: count }, (_, i) => sampleProfile(seed, i));
}

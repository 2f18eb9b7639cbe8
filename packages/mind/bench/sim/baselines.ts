import type { Plan } from "@attune/model";
import { DIM_VALUES, DIMS, type Dim, type DimValue, TOPIC_IDS, type TopicId } from "./model.js";
import { oraclePlan, planOf, similarity, type Wants } from "./reward.js";
import type { TurnTruth, UserTurn } from "./simulator.js";
import { jargonOf, TOPICS } from "./topics.js";

/** Chooses the plan for the reply to each user turn of one conversation. */
export interface Policy {
  /** `truth` is the hidden state of the turn: only the oracle may read it. */
  act(turn: UserTurn, truth: TurnTruth): Plan;
}

export interface PolicySpec {
  name: string;
  /** A fresh policy for one simulated person. */
  create(personId: string): Policy;
}

export const oracle: PolicySpec = {
  name: "oracle",
  create: () => ({ act: (_turn, truth) => oraclePlan(truth.wants) }),
};

/** The single plan that maximises mean reward over a sample of turns (exact: the reward is separable). */
export function bestFixedPlan(samples: Wants[]): Plan {
  return planOf(
    (dim) => {
      let best: DimValue = DIM_VALUES[dim][0] as DimValue;
      let bestScore = -1;
      for (const v of DIM_VALUES[dim]) {
        let total = 0;
        for (const w of samples) {
          const sum = DIMS.reduce((s, d) => s + w[d].weight, 0);
          total += (w[dim].weight / sum) * similarity(dim, w[dim].value, v);
        }
        if (total > bestScore) {
          bestScore = total;
          best = v;
        }
      }
      return best;
    },
    ["fixed average plan"],
  );
}

export function fixedPolicy(plan: Plan): PolicySpec {
  return { name: "fixed", create: () => ({ act: () => ({ ...plan }) }) };
}

const withOverrides = (base: Plan, overrides: Map<Dim, DimValue>, rationale: string[]): Plan =>
  planOf((dim) => (overrides.has(dim) ? (overrides.get(dim) as DimValue) : dimOf(base, dim)), rationale);

function dimOf(plan: Plan, dim: Dim): DimValue {
  return dim === "ask" ? plan.askClarifyingQuestion : plan[dim];
}

/** Removes fenced code blocks (the one thing simple baselines know is not the person's prose). */
function stripFences(text: string): string {
  return text.replace(/```[\s\S]*?(```|$)/g, " ");
}

type Rule = [RegExp, Dim, DimValue];

/** Explicit instructions, by simple rules. Order matters: negations before the positive forms. */
const DIRECTIVE_RULES: Rule[] = [
  [
    /\b(shorter|short (answer|version|answers)|brief|concise|tl;?dr|too long|keep (it|replies|answers) short|less text|wordy|trim|condense|just the gist|one or two lines)\b/,
    "length",
    "brief",
  ],
  [
    /\b(more detail|in detail|go into detail|elaborate|expand on|longer version|full explanation|go deeper|thorough|flesh (that|it) out|say more|(skimp|hold back) on detail)\b/,
    "length",
    "thorough",
  ],
  [
    /\b(simpler|simple terms|explain (it|things) simply|plain english|eli5|like i'?m (five|5|new)|dumb (it|that) down|i'?m a beginner|too technical|over my head|assume i know nothing|keep it simple)\b/,
    "depth",
    "overview",
  ],
  [
    /\b(skip the basics|too basic|more technical|get technical|assume i know|expert[- ]level|don'?t dumb it down)\b/,
    "depth",
    "expert",
  ],
  [/\b(no bullet|stop using bullet|no more lists|less listy|fewer bullets|write normally)\b/, "structure", "prose"],
  [/\b(bullets?|as a list|list form|list that out)\b/, "structure", "bullets"],
  [/\b(step by step|numbered steps|break it into steps)\b/, "structure", "steps"],
  [/\b(just (show|give) me the code|code first|lead with the code|show me a snippet)\b/, "structure", "code-first"],
  [/\b(no examples|skip the examples|no need for examples|fewer examples|no examples needed)\b/, "examples", "none"],
  [
    /\b(an example|example please|include an example|show me examples|concrete example)\b/,
    "examples",
    "concrete-first",
  ],
  [/\banalog(y|ies)\b/, "examples", "analogy"],
  [/\b(less fluff|no fluff|pleasantries|pep talk|be blunt|get to the point|sugar-?coat)\b/, "tone", "precise"],
  [/\b(be gentle|gentler|friendlier)\b/, "tone", "warm"],
  [/\b(one step at a time|one thing at a time|baby steps)\b/, "pace", "one-step"],
  [/\b(whole thing|all the steps|full solution)\b/, "pace", "complete"],
  [/\b(don'?t ask|just answer|no questions|stop asking|never ask)\b/, "ask", false],
  [/\b(no tangents|stay (on topic|focused)|rabbit hole)\b/, "explore", false],
  [/\b(push back|devil'?s advocate|poke holes|challenge me)\b/, "challenge", true],
];
const PERSISTENT =
  /\b(from now on|going forward|always|in general|every time|moving forward|for the rest of|remember|never)\b/;

function matchRules(text: string, rules: Rule[]): Map<Dim, DimValue> {
  const out = new Map<Dim, DimValue>();
  for (const [re, dim, value] of rules) if (!out.has(dim) && re.test(text)) out.set(dim, value);
  return out;
}

/** Baseline 1.0: the fixed plan, plus explicit directives ("keep it short", "from now on ...") by rules. */
export function directivesPolicy(base: Plan): PolicySpec {
  return {
    name: "1.0 directives",
    create() {
      const persistent = new Map<Dim, DimValue>();
      return {
        act(turn) {
          const text = stripFences(turn.text).toLowerCase();
          const found = matchRules(text, DIRECTIVE_RULES);
          if (PERSISTENT.test(text)) for (const [d, v] of found) persistent.set(d, v);
          return withOverrides(base, new Map([...persistent, ...found]), ["directives"]);
        },
      };
    },
  };
}

/** Preference statements a memory feature would save ("I learn best from examples"). */
const PREFERENCE_MARKER =
  /\b(i (prefer|like|love|hate|appreciate|learn (best|better)|generally|think in|read code|find|enjoy|don'?t mind)|i'?m a [\w-]+ (kind of )?person|i'?m a skimmer|help(s)? me|easier for me|works for me|i'?d rather)\b/;
const PREFERENCE_RULES: Rule[] = [
  [/\b(examples help|learn-by-example|learn best from examples)\b/, "examples", "concrete-first"],
  [/\b(analog|metaphor|everyday stuff)\w*/, "examples", "analogy"],
  [/\b(why before the how|first-principles|the theory|the concept)\b/, "examples", "theory-first"],
  [/\b(bullet|lists are easier)\b/, "structure", "bullets"],
  [/\b(full sentences|lists hard to follow)\b/, "structure", "prose"],
  [/\b(broken into steps)\b/, "structure", "steps"],
  [/\b(code before|read code)\b/, "structure", "code-first"],
  [/\b(directness|sugarcoat|dry and to the point)\b/, "tone", "precise"],
  [/\b(friendly tone|be gentle|anxious)\b/, "tone", "warm"],
  [/\b(humor|too serious)\b/, "tone", "playful"],
  [/\b(short answers|skimmer|skip the lecture|keep it short|just want the fix)\b/, "length", "brief"],
  [/\b(detailed answers|long answers|thorough explanations|like depth)\b/, "length", "thorough"],
  [/\b(one step at a time|small chunks)\b/, "pace", "one-step"],
  [/\b(tangents|rabbit holes|curious about everything)\b/, "explore", true],
  [/\b(stay focused)\b/, "explore", false],
  [/\b(being challenged|good argument|ideas are bad)\b/, "challenge", true],
  [/\b(argued with|second-guess)\b/, "challenge", false],
  [/\b(being asked clarifying|just guess)\b/, "ask", false],
];
const CONDITIONS: [RegExp, RegExp][] = [
  [
    /\b(debugging|something'?s broken|a bug)\b/,
    /\b(error|bug|broken|fix|crash\w*|fails?|failing|exception|doesn'?t work|not working|issue|stuck)\b/,
  ],
  [/\b(learning|studying)\b/, /\b(explain|understand|learn\w*|how does|why does|what is|teach|walk me through)\b/],
];

const DEFINITIONAL = /\b(what(?:'s| is| are| does)|what even is|mean\?|means|never heard)\b/;
const NOVICE_SELF = /\b(i'?m (pretty )?new to|beginner|not technical|never worked with|completely new)\b/;
const EXPERT_SELF =
  /\b(i'?ve been a|i'?m an? (?!beginner)\w+ (engineer|developer|analyst|planner|scientist)|inside out|every day|for a living)\b/;

/**
 * Baseline 2.0 (ChatGPT-memory-like): directives, plus a memory of explicit preference statements kept across
 * turns (conditional ones applied when the message looks like that situation), plus depth from a keyword list
 * of technical terms per topic.
 */
export function memoryPolicy(base: Plan): PolicySpec {
  const lexicon = TOPIC_IDS.map((id) => ({
    id,
    terms: jargonOf(TOPICS[id]).map((t) => ({
      re: new RegExp(`\\b${t.toLowerCase().replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}`),
      weight: TOPICS[id].advanced.includes(t) ? 1 : 0.5,
    })),
    names: TOPICS[id].nick.map((n) => n.toLowerCase()),
  }));
  return {
    name: "2.0 memory+keywords",
    create() {
      const persistent = new Map<Dim, DimValue>();
      const conditional: { when: RegExp; dim: Dim; value: DimValue }[] = [];
      const expertise = new Map<TopicId, number>();
      let topic: TopicId | null = null;
      return {
        act(turn) {
          const text = stripFences(turn.text).toLowerCase();
          const found = matchRules(text, DIRECTIVE_RULES);
          if (PERSISTENT.test(text)) for (const [d, v] of found) persistent.set(d, v);

          // Memory: explicit statements about themselves, per sentence.
          for (const sentence of text.split(/[.!?\n]+/)) {
            // Any first-person statement about how they like answers is saved (as a memory feature would).
            const stated = matchRules(sentence, PREFERENCE_RULES);
            const aboutMe = PREFERENCE_MARKER.test(sentence) || (stated.size > 0 && /\b(i|me|my|i'm)\b/.test(sentence));
            if (!aboutMe) continue;
            const prefs = new Map([...matchRules(sentence, DIRECTIVE_RULES), ...stated]);
            const condition = CONDITIONS.find(([cond]) => cond.test(sentence));
            for (const [dim, value] of prefs) {
              if (condition) conditional.push({ when: condition[1], dim, value });
              else persistent.set(dim, value);
            }
          }

          // Keyword expertise.
          let bestHits = 0;
          for (const entry of lexicon) {
            let hits = 0;
            for (const term of entry.terms) if (term.re.test(text)) hits += term.weight;
            const named = entry.names.some((n) => text.includes(n));
            if (hits === 0 && !named) continue;
            if (hits + (named ? 0.1 : 0) > bestHits) {
              bestHits = hits + (named ? 0.1 : 0);
              topic = entry.id;
            }
            const delta = DEFINITIONAL.test(text) && hits > 0 ? -2 : hits;
            expertise.set(entry.id, (expertise.get(entry.id) ?? 0) + delta);
          }
          if (topic && NOVICE_SELF.test(text)) expertise.set(topic, -3);
          if (topic && EXPERT_SELF.test(text)) expertise.set(topic, Math.max(3, expertise.get(topic) ?? 0));

          const overrides = new Map<Dim, DimValue>();
          const score = topic ? (expertise.get(topic) ?? 0) : 0;
          if (score >= 2) overrides.set("depth", "expert");
          else if (score <= -1) overrides.set("depth", "overview");
          for (const [d, v] of persistent) overrides.set(d, v);
          for (const c of conditional) if (c.when.test(text)) overrides.set(c.dim, c.value);
          for (const [d, v] of found) overrides.set(d, v);
          return withOverrides(base, overrides, ["memory+keywords"]);
        },
      };
    },
  };
}

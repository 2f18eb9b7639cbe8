import type { MindSnapshot } from "@attune/mind";
import type { Plan } from "@attune/model";

/** Knowledge levels (0..1) a tutor teaches by: below `shaky` one step at a time, from `mastered` skip it. */
export const TUTOR_LEVELS = { shaky: 0.45, mastered: 0.75 } as const;
/** How sure the mind must be of mastery before the tutor skips a topic. */
const MASTERY_CONFIDENCE = 0.4;
/** A confusion reading from which the tutor slows down whatever the topic. */
const CONFUSED = 0.45;

/** Where a learner stands on one topic. */
export interface TopicProgress {
  topic: string;
  level: number;
  confidence: number;
  status: "shaky" | "working" | "mastered";
}

/** The plan dimensions a person's own directive fixes, by the directive's text as the mind reports it. */
const DIRECTIVE_FIXES: Readonly<Record<string, keyof Plan>> = {
  "keep answers brief": "length",
  "go into detail": "length",
  "skip the basics; technical terms are fine": "depth",
  "explain in simple terms": "depth",
  "start with a concrete example": "examples",
  "explain the principle first": "examples",
  "no examples": "examples",
  "explain with an analogy": "examples",
  "use numbered steps": "structure",
  "use bullet points": "structure",
  "lead with code": "structure",
  "write in prose, not lists": "structure",
  "one step at a time": "pace",
  "give the whole answer at once": "pace",
  "suggest alternatives": "explore",
  "stay on the question": "explore",
};

const statusOf = (level: number, confidence: number): TopicProgress["status"] =>
  level < TUTOR_LEVELS.shaky
    ? "shaky"
    : level >= TUTOR_LEVELS.mastered && confidence >= MASTERY_CONFIDENCE
      ? "mastered"
      : "working";

/**
 * The learner's knowledge per topic, as the tutor's mind holds it (the catch-all `general` reading
 * excluded), sorted by topic.
 *
 * @example
 * learnerProgress({ snapshot: mind.snapshot() }); // [{ topic: "machine-learning", level: 0.3, confidence: 0.5, status: "shaky" }]
 */
export function learnerProgress(options: { snapshot: MindSnapshot }): TopicProgress[] {
  return Object.entries(options.snapshot.knowledge)
    .filter(([topic]) => topic !== "general")
    .map(([topic, k]) => ({ topic, level: k.level, confidence: k.confidence, status: statusOf(k.level, k.confidence) }))
    .sort((a, b) => (a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : 0));
}

/**
 * A tutor's teaching policy on top of the mind's plan, for the turn's topics: on a topic the learner
 * is new or shaky on (or when they are confused) go one step at a time, lead with a concrete example,
 * stay out of expert depth and keep the step short; on topics they have mastered, give the whole
 * answer, skip the topic's basics and point somewhere new. The person's own directives always win
 * (a dimension they fixed is never changed), and a topic the mind has no reading of is treated as new.
 * Returns the plan and one line per change (also appended to the plan's rationale).
 *
 * @example
 * const { plan, adjustments } = tutorPlan({ plan: mind.plan(), snapshot: mind.snapshot(), topics: ["machine-learning"] });
 */
export function tutorPlan(options: { plan: Plan; snapshot: MindSnapshot; topics: readonly string[] }): {
  plan: Plan;
  adjustments: string[];
} {
  const { snapshot } = options;
  const fixed = new Set(snapshot.directives.map((d) => DIRECTIVE_FIXES[d.text]).filter((d) => d !== undefined));
  const topics = options.topics.filter((t) => t !== "general");
  const plan: Plan = { ...options.plan, skipTopics: [...options.plan.skipTopics] };
  const adjustments: string[] = [];
  const set = <K extends keyof Plan>(dimension: K, value: Plan[K], why: string) => {
    if (fixed.has(dimension) || plan[dimension] === value) return;
    plan[dimension] = value;
    adjustments.push(`tutor: ${String(dimension)} → ${String(value)} (${why})`);
  };

  const readings = topics.map((topic) => {
    const k = snapshot.knowledge[topic];
    return { topic, status: k ? statusOf(k.level, k.confidence) : ("shaky" as const) };
  });
  const learning = readings.filter((r) => r.status === "shaky").map((r) => r.topic);
  const mastered = readings.filter((r) => r.status === "mastered").map((r) => r.topic);
  const confused = snapshot.state.confused >= CONFUSED;

  if (learning.length > 0 || confused) {
    const why = learning.length > 0 ? `new to ${learning.join(", ")}` : "confused";
    set("pace", "one-step", why);
    if (plan.examples === "none" || plan.examples === "theory-first") set("examples", "concrete-first", why);
    if (plan.depth === "expert") set("depth", "working", why);
    if (plan.length === "thorough") set("length", "standard", `${why}: one step is short`);
  } else if (topics.length > 0 && mastered.length === topics.length) {
    const why = `has mastered ${mastered.join(", ")}`;
    set("pace", "complete", why);
    set("explore", true, why);
    const skip = mastered.filter((t) => !plan.skipTopics.includes(t));
    if (skip.length > 0) {
      plan.skipTopics = [...plan.skipTopics, ...skip];
      adjustments.push(`tutor: skip the basics of ${skip.join(", ")} (${why})`);
    }
  }
  plan.rationale = [...plan.rationale, ...adjustments].slice(0, 50);
  return { plan, adjustments };
}

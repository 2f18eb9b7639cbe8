import { z } from "zod";

/** The adaptation decision for one response (DESIGN §2 "Plan"). */
export const PlanSchema = z.object({
  length: z.enum(["brief", "standard", "thorough"]),
  depth: z.enum(["overview", "working", "expert"]),
  structure: z.enum(["prose", "steps", "bullets", "code-first"]),
  examples: z.enum(["none", "concrete-first", "analogy", "theory-first"]),
  tone: z.enum(["warm", "neutral", "precise", "playful"]),
  pace: z.enum(["one-step", "complete"]),
  askClarifyingQuestion: z.boolean(),
  challenge: z.boolean(),
  explore: z.boolean(),
  skipTopics: z.array(z.string().max(200)).max(50),
  rationale: z.array(z.string().max(500)).max(50),
  /** The reaction the plan expects, -1..1; compared with the observed one on the next turn. */
  predictedSatisfaction: z.number().min(-1).max(1),
});
export type Plan = z.infer<typeof PlanSchema>;

/**
 * A plan that adapts nothing (standard length, working depth, prose, no examples, neutral tone,
 * nothing to ask, challenge, explore or skip), with the given fields changed: what is said to someone
 * nobody has a model of yet. A fresh object each call, so no two plans share an array.
 *
 * @example
 * neutralPlan({ structure: "bullets" });
 */
export const neutralPlan = (overrides: Partial<Plan> = {}): Plan => ({
  length: "standard",
  depth: "working",
  structure: "prose",
  examples: "none",
  tone: "neutral",
  pace: "complete",
  askClarifyingQuestion: false,
  challenge: false,
  explore: false,
  skipTopics: [],
  rationale: [],
  predictedSatisfaction: 0,
  ...overrides,
});

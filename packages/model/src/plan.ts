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

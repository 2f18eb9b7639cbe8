import { BeliefSchema, EvidenceSchema, PlanSchema, QueuedCorrectionSchema } from "@attune/model";
import { z } from "zod";

/** The state of one turn as it moves through perceive → update mind → plan → respond → persist. */
export const TurnStateSchema = z.object({
  workspaceId: z.string(),
  channelId: z.string(),
  assistant: z.object({ id: z.string(), name: z.string() }),
  person: z.object({ id: z.string(), name: z.string() }),
  /** The person's message, already stored when the turn starts. */
  message: z.object({ id: z.string(), text: z.string(), createdAt: z.string() }),
  /** The id the reply will be stored under (chosen up front so clients can follow its deltas). */
  replyId: z.string(),
  history: z.array(z.object({ role: z.enum(["person", "assistant"]), name: z.string(), text: z.string() })).default([]),
  /** Serialized mind (JSON text) before and after this turn's update. */
  mindState: z.string().optional(),
  /** Corrections the person made through the API since the last turn, to apply before observing. */
  corrections: z.array(QueuedCorrectionSchema).default([]),
  /** The queue entries applied this turn (removed from the queue when the turn is stored). */
  appliedCorrections: z.array(z.string()).default([]),
  /** The previous plan's outcome, as read from this message (cross-person strategy learning). */
  experiment: z
    .object({
      context: z.string(),
      arms: z.string(),
      predicted: z.number(),
      observed: z.number(),
      at: z.string(),
      topic: z.string(),
    })
    .optional(),
  evidence: z.array(EvidenceSchema).default([]),
  changedBeliefs: z.array(BeliefSchema).default([]),
  beliefs: z.array(BeliefSchema).default([]),
  plan: PlanSchema.optional(),
  replyText: z.string().optional(),
  replyAt: z.string().optional(),
  /** Milliseconds spent per node, for the latency benchmark. */
  timings: z.record(z.string(), z.number()).default({}),
});
export type TurnState = z.infer<typeof TurnStateSchema>;
export type TurnInput = z.input<typeof TurnStateSchema>;

/** Custom stream events the graph writes (read with `streamMode: "custom"`). */
export type TurnStreamEvent = { type: "reply-delta"; replyId: string; delta: string };

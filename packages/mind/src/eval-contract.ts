import { type Plan, PlanSchema } from "@attune/model";
import { z } from "zod";
import { fnv1a } from "./hash.js";
import { createMind, type MindSnapshot } from "./mind.js";

/**
 * The evaluation contract (stable; keep it backward compatible): one conversation per input line, one
 * snapshot + plan per output line. Documented in docs/mind-eval.md.
 */
export const EvalConversationSchema = z.object({
  id: z.union([z.string(), z.number()]).transform(String),
  turns: z
    .array(
      z.object({
        role: z.enum(["user", "assistant"]),
        text: z.string().max(100_000),
        at: z.string().optional(),
      }),
    )
    .max(10_000),
});
export type EvalConversation = z.input<typeof EvalConversationSchema>;

export interface EvalOutputLine {
  id: string;
  /** Index in `turns` of the user turn this line follows (only with `perTurn`). */
  turn?: number;
  snapshot: MindSnapshot;
  plan: Plan;
}

const BASE_TIME = Date.UTC(2026, 0, 1, 9, 0, 0);

/**
 * Runs a fresh mind over one conversation: user turns are observed, assistant turns settle the plan
 * the mind made for them. Deterministic: missing timestamps are one minute apart, the seed derives
 * from the conversation id.
 *
 * @example
 * const lines = evaluateConversation({ conversation: { id: "c1", turns: [{ role: "user", text: "hi" }] } });
 */
export function evaluateConversation(options: { conversation: EvalConversation; perTurn?: boolean }): EvalOutputLine[] {
  const conversation = EvalConversationSchema.parse(options.conversation);
  const mind = createMind({
    workspaceId: "eval",
    observerId: "assistant",
    subjectId: "user",
    seed: seedOf(conversation.id),
  });
  const out: EvalOutputLine[] = [];
  let plan: Plan | undefined;
  conversation.turns.forEach((turn, index) => {
    const at =
      turn.at && !Number.isNaN(Date.parse(turn.at))
        ? new Date(turn.at).toISOString()
        : new Date(BASE_TIME + index * 60_000).toISOString();
    if (turn.role === "user") {
      mind.observe({ messageId: `t${index}`, speakerId: "user", text: turn.text, at });
      plan = mind.plan();
      if (options.perTurn) out.push({ id: conversation.id, turn: index, snapshot: mind.snapshot(), plan });
    }
    // An assistant turn is the reply the pending plan stood for. One that opens the conversation had
    // no plan yet: plan now, so the user's next message is read as the reaction to it.
    else if (plan === undefined) plan = mind.plan();
  });
  if (!options.perTurn) out.push({ id: conversation.id, snapshot: mind.snapshot(), plan: plan ?? mind.plan() });
  for (const line of out) PlanSchema.parse(line.plan);
  return out;
}

/** The conversation's seed: FNV-1a of its id, so a rerun samples the same plans. */
function seedOf(id: string): number {
  return Number.parseInt(fnv1a(id), 16) | 0;
}

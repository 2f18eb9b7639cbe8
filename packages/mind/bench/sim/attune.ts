import type { Plan } from "@attune/model";
import { createMind } from "../../src/index.js";
import type { PolicySpec } from "./baselines.js";

/** What the adapter needs from the engine (the engine's own types may be richer). */
interface MindLike {
  observe(options: { messageId: string; speakerId: string; text: string; at?: string }): unknown;
  plan(): Plan;
  observeReply?: (options: { messageId: string; text: string; plan: Plan; at: string }) => unknown;
}

/** A canned assistant reply shaped like the plan (its words are never evidence about the person). */
export function cannedReply(plan: Plan): string {
  const lead = plan.askClarifyingQuestion ? "Before I dive in: which part do you mean exactly? " : "";
  const body =
    plan.structure === "steps"
      ? "1. First, check the setup.\n2. Then apply the change.\n3. Finally, verify it works."
      : plan.structure === "bullets"
        ? "- The main point.\n- The trade-off.\n- What to do next."
        : plan.structure === "code-first"
          ? "```\n// the change\n```\nThat is the whole fix."
          : "Here is how it fits together, in a few sentences.";
  return `${lead}${body}`;
}

/** Attune: a fresh mind per simulated person; observe each user turn, plan, then record the reply. */
export const attune: PolicySpec = {
  name: "Attune",
  create(personId) {
    const mind = createMind({
      workspaceId: "sim",
      observerId: "assistant",
      subjectId: personId,
    }) as unknown as MindLike;
    let replies = 0;
    return {
      act(turn) {
        mind.observe({ messageId: turn.messageId, speakerId: turn.speakerId, text: turn.text, at: turn.at });
        const plan = mind.plan();
        if (typeof mind.observeReply === "function") {
          replies += 1;
          const at = new Date(Date.parse(turn.at) + 5_000).toISOString();
          mind.observeReply({ messageId: `${personId}-a${replies}`, text: cannedReply(plan), plan, at });
        }
        return plan;
      },
    };
  },
};

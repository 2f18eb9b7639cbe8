import type { MindSnapshot } from "@attune/mind";
import type { Plan } from "@attune/model";
import { inferTurnTopics, turnIntent } from "../routing.js";
import type { TeamState } from "../team-state.js";
import { loadMind, mindKey, saveMind, since, type TeamRuntime } from "./runtime.js";

/**
 * An agent's plans for everyone the reply answers, from its own minds of them. Planning records the
 * pending experiment the person's next message settles, so the planned minds are returned to be
 * committed only if this agent answers.
 */
export function planFor(options: { state: Pick<TeamState, "workspaceId" | "minds" | "addressees">; agentId: string }): {
  plans: Record<string, Plan>;
  minds: Record<string, string>;
  /** Each mind as it stood when it planned. */
  snapshots: Record<string, MindSnapshot>;
} {
  const plans: Record<string, Plan> = {};
  const minds: Record<string, string> = {};
  const snapshots: Record<string, MindSnapshot> = {};
  for (const a of options.state.addressees) {
    const mind = loadMind(options.state, options.agentId, a.id);
    snapshots[a.id] = mind.snapshot();
    plans[a.id] = mind.plan();
    minds[mindKey(options.agentId, a.id)] = saveMind(mind);
  }
  return { plans, minds, snapshots };
}

/**
 * plan: the agent holding the conversation plans the reply for each person from its own minds; the
 * turn's topics and the person's intent are read too, for routing.
 */
export function createPlanNode(runtime: TeamRuntime) {
  return function plan(state: TeamState): Partial<TeamState> {
    const start = performance.now();
    const plannerId = state.activeAgentId ?? runtime.routerId;
    const planned = planFor({ state, agentId: plannerId });
    const person = state.addressees.find((a) => a.id === state.person.id);
    const topics = inferTurnTopics({ text: (person?.messages ?? [state.message]).map((m) => m.text).join("\n") });
    const snapshot = planned.snapshots[state.person.id];
    const intent = snapshot ? turnIntent({ distribution: snapshot.intent.distribution }) : undefined;
    return {
      plannerId,
      plans: planned.plans,
      plannedMinds: planned.minds,
      topics,
      ...(intent ? { intent } : {}),
      timings: { ...state.timings, plan: since(start) },
    };
  };
}

import { type CreateTeamNodesOptions, createTeamNodes, TeamStateSchema } from "@attune/agents";
import { createMind, Mind } from "@attune/mind";
import type { Plan } from "@attune/model";
import { END, START, StateGraph, StateSchema } from "@langchain/langgraph";
import { z } from "zod";

/**
 * # A custom graph from Attune's nodes
 *
 * Attune's team turn is a set of LangGraph nodes over one zod state (`TeamStateSchema`), exported by
 * `createTeamNodes`: `perceive` (read the channel and the stored minds), `updateMinds` (each agent
 * reads the new messages into its minds), `plan`, `route` (pick the agent; hand over the person's
 * model), `respond` (write the reply from the plans), `persist` (one transaction) and `reflect`
 * (the slow path, off the reply's path). `createTeamGraph` wires them in that order; you can wire
 * your own graph from the same nodes and put your logic in between.
 *
 * This example keeps perceive, updateMinds, respond and persist and replaces plan + route with one
 * custom node, `decide`: a support desk's house rules on top of the agent's mind of the person.
 *
 * ```
 * START → perceive → updateMinds → decide (yours) → respond → persist → END
 * ```
 *
 * What a custom node must leave for the nodes after it (the state contract):
 * - `plans[personId]` for every addressee: the Plan `respond` writes from (depth, length, structure, examples, tone, pace,
 *   whether to ask / challenge / explore) — from the agent's mind, adjusted as you like;
 * - `activeAgentId`: the agent that answers (`respond` uses its model, `persist` credits it);
 * - `minds["agentId~personId"]`: the mind after planning. `mind.plan()` records the experiment the
 *   person's next message settles; if you change the plan, call `mind.observeReply({ plan })` so the
 *   mind learns from the plan actually used.
 *
 * Any other state you need goes in an extension of the schema (`TeamStateSchema.extend`), here
 * `decisions` (graphs are built on `new StateSchema(shape)`, as `TeamGraphState` is). Compile with the checkpointer of your choice (`createCheckpointer` from `@attune/agents`).
 *
 * @example
 * const app = createSupportDeskGraph({
 *   agent: { id: "desk", name: "Dana", role: "support desk for the billing product", model },
 *   store: (ws) => graphStore.workspace(ws),
 * }).compile();
 * const out = await app.invoke({ workspaceId, channelId, person: { id: "ada", name: "Ada" }, message, replyId });
 * out.decisions.ada; // "frustrated (0.63): brief, warm, numbered steps, no questions back"
 */
export const SupportDeskStateSchema = TeamStateSchema.extend({
  /** Why the desk shaped each person's answer as it did (one line a person can read), by person id. */
  decisions: z.record(z.string(), z.string()).default({}),
});
export type SupportDeskState = z.infer<typeof SupportDeskStateSchema>;
export type SupportDeskInput = z.input<typeof SupportDeskStateSchema>;
/** The same state as LangGraph's per-channel `StateSchema` (cheaper update validation, like `TeamGraphState`). */
export const SupportDeskGraphState = new StateSchema(SupportDeskStateSchema.shape);

export interface CreateSupportDeskGraphOptions extends Omit<CreateTeamNodesOptions, "agents" | "routeTo" | "router"> {
  /** The one agent at the desk. */
  agent: CreateTeamNodesOptions["agents"][number];
  /** A frustration reading (0..1) from which the house rules apply. @default 0.45 */
  frustrated?: number;
}

/**
 * The desk's house rules: someone frustrated gets a brief, warm answer in numbered steps — never a
 * question back first, never a challenge or a detour — whatever the mind would have tried; anyone
 * else gets the mind's plan unchanged.
 */
export function houseRules(options: { plan: Plan; frustration: number; threshold: number }): {
  plan: Plan;
  decision: string;
} {
  const { plan, frustration, threshold } = options;
  if (frustration < threshold) return { plan, decision: "the mind's plan as it is" };
  const decision = `frustrated (${frustration.toFixed(2)}): brief, warm, numbered steps, no questions back`;
  return {
    plan: {
      ...plan,
      tone: "warm",
      structure: "steps",
      length: "brief",
      askClarifyingQuestion: false,
      challenge: false,
      explore: false,
      rationale: [...plan.rationale, `house rule: ${decision}`],
    },
    decision,
  };
}

/**
 * A support desk built from Attune's exported nodes plus one custom `decide` node (see the module
 * documentation above for the state contract a custom node follows). Returns an uncompiled
 * StateGraph.
 */
export function createSupportDeskGraph(options: CreateSupportDeskGraphOptions) {
  const { agent, frustrated = 0.45, ...rest } = options;
  const nodes = createTeamNodes({ ...rest, agents: [agent] });

  const decide = (state: SupportDeskState): Partial<SupportDeskState> => {
    const plans: Record<string, Plan> = {};
    const minds = { ...state.minds };
    const decisions: Record<string, string> = {};
    // Everyone the reply answers (in a team channel, whoever is waiting) needs a plan for respond.
    const people = state.addressees.length > 0 ? state.addressees : [state.person];
    for (const person of people) {
      const key = `${agent.id}~${person.id}`;
      const stored = minds[key];
      const mind = stored
        ? Mind.fromJSON(stored)
        : createMind({ workspaceId: state.workspaceId, observerId: agent.id, subjectId: person.id });
      const ruled = houseRules({
        plan: mind.plan(),
        frustration: mind.snapshot().state.frustrated,
        threshold: frustrated,
      });
      // The person's next message judges the plan the desk actually used.
      mind.observeReply({ plan: ruled.plan, at: state.message.createdAt });
      plans[person.id] = ruled.plan;
      minds[key] = JSON.stringify(mind.toJSON());
      decisions[person.id] = ruled.decision;
    }
    return { activeAgentId: agent.id, plannerId: agent.id, plans, minds, decisions };
  };

  return new StateGraph(SupportDeskGraphState)
    .addNode("perceive", nodes.perceive)
    .addNode("updateMinds", nodes.updateMinds)
    .addNode("decide", decide)
    .addNode("respond", nodes.respond)
    .addNode("persist", nodes.persist)
    .addEdge(START, "perceive")
    .addEdge("perceive", "updateMinds")
    .addEdge("updateMinds", "decide")
    .addEdge("decide", "respond")
    .addEdge("respond", "persist")
    .addEdge("persist", END);
}

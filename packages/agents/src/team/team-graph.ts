import { END, START, StateGraph } from "@langchain/langgraph";
import { createPerceiveNode } from "./nodes/perceive.js";
import { createPersistNode } from "./nodes/persist.js";
import { createPlanNode } from "./nodes/plan.js";
import { createReflectNode } from "./nodes/reflect.js";
import { createRespondNode } from "./nodes/respond.js";
import { createRouteNode } from "./nodes/route.js";
import { createRuntime, type TeamNodesOptions } from "./nodes/runtime.js";
import { createUpdateMindsNode } from "./nodes/update-minds.js";
import { TeamGraphState } from "./team-state.js";

export interface CreateTeamNodesOptions extends TeamNodesOptions {
  /** Node the route node's `Command` goes to. @default "respond" */
  routeTo?: string;
}

/**
 * The team turn's nodes, for agent developers who compose their own graph over `TeamGraphState`
 * (add a node between plan and route, replace respond, stream to another sink…). Each takes and
 * returns `TeamState`; `route` returns a `Command` to `routeTo`, so add it with `{ ends: [routeTo] }`.
 *
 * @example
 * const nodes = createTeamNodes({ agents, store: (ws) => graphStore.workspace(ws) });
 * const graph = new StateGraph(TeamGraphState)
 *   .addNode("perceive", nodes.perceive)
 *   .addNode("updateMinds", nodes.updateMinds)
 *   .addNode("plan", nodes.plan)
 *   .addNode("route", nodes.route, { ends: ["respond"] })
 *   .addNode("respond", nodes.respond)
 *   .addNode("persist", nodes.persist)
 *   .addEdge(START, "perceive")
 *   .addEdge("perceive", "updateMinds")
 *   .addEdge("updateMinds", "plan")
 *   .addEdge("plan", "route")
 *   .addEdge("respond", "persist")
 *   .addEdge("persist", END);
 */
export function createTeamNodes(options: CreateTeamNodesOptions) {
  const runtime = createRuntime(options);
  return {
    perceive: createPerceiveNode(runtime),
    updateMinds: createUpdateMindsNode(runtime),
    plan: createPlanNode(runtime),
    route: createRouteNode(runtime, options.routeTo ? { goto: options.routeTo } : {}),
    respond: createRespondNode(runtime),
    persist: createPersistNode(runtime),
    reflect: createReflectNode(runtime),
  };
}

export type TeamNodes = ReturnType<typeof createTeamNodes>;

/** Options of {@link createTeamGraph}. */
export type CreateTeamGraphOptions = TeamNodesOptions;

/**
 * A team of agents sharing a channel: perceive → updateMinds → plan → route → respond → persist →
 * reflect. Each agent keeps its own minds of people and its models of the other agents; routing picks
 * the agent from the router's models and the person's plan, handing the person's model over when the
 * answer moves; the answering agent's prompt comes from its own plan of each person it addresses.
 * Returns an uncompiled StateGraph so the caller chooses the checkpointer.
 *
 * Reply text streams as custom events (`{ type: "reply-delta" }`, and `{ type: "route" }` once the
 * agent is chosen) with `streamMode: "custom"`.
 *
 * @example
 * const app = createTeamGraph({
 *   agents: [
 *     { id: "tutor", name: "Tess", role: "explains ML concepts", skills: ["fine-tuning"], model },
 *     { id: "reviewer", name: "Rex", role: "reviews code", skills: ["code-review"], model },
 *   ],
 *   store: (ws) => graphStore.workspace(ws),
 * }).compile();
 * await app.invoke({ workspaceId, channelId, person, message, replyId });
 */
export function createTeamGraph(options: CreateTeamGraphOptions) {
  const nodes = createTeamNodes(options);
  return new StateGraph(TeamGraphState)
    .addNode("perceive", nodes.perceive)
    .addNode("updateMinds", nodes.updateMinds)
    .addNode("plan", nodes.plan)
    .addNode("route", nodes.route, { ends: ["respond"] })
    .addNode("respond", nodes.respond)
    .addNode("persist", nodes.persist)
    .addNode("reflect", nodes.reflect)
    .addEdge(START, "perceive")
    .addEdge("perceive", "updateMinds")
    .addEdge("updateMinds", "plan")
    .addEdge("plan", "route")
    .addEdge("respond", "persist")
    .addEdge("persist", "reflect")
    .addEdge("reflect", END);
}

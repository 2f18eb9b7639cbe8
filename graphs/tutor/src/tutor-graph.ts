import { type CreateTeamNodesOptions, createTeamNodes } from "@attune/agents";
import { Mind } from "@attune/mind";
import { AttuneError } from "@attune/model";
import { END, START, StateGraph } from "@langchain/langgraph";
import { TutorGraphState, type TutorState } from "./state.js";
import { learnerProgress, tutorPlan } from "./tutor-policy.js";

export interface CreateTutorGraphOptions extends Omit<CreateTeamNodesOptions, "agents" | "routeTo" | "router"> {
  /** The tutor: one agent with its chat model (its role and instructions give it a teaching voice). */
  tutor: CreateTeamNodesOptions["agents"][number];
}

const mindKey = (observerId: string, subjectId: string) => `${observerId}~${subjectId}`;

/**
 * A tutor for one person, with deep adaptation: every turn the tutor's mind of the learner plans the
 * answer (depth, length, structure, examples, clarifying question), a teaching policy adjusts that
 * plan to the learner's level on the turn's topics (`tutorPlan`: one step at a time with a concrete
 * example when they are new or confused, the whole answer and a new direction once they have
 * mastered it, never against their own directives), the reply is written from it, the knowledge
 * beliefs are stored and reported as `progress`, and the reflection scheduler (if given) decides
 * whether to run the slow path — every N turns or on a large surprise — off the reply's path.
 *
 * Built from Attune's team nodes (`createTeamNodes`) with one agent and one custom node (`teach`).
 * Returns an uncompiled StateGraph; the reply streams as `{ type: "reply-delta" }` custom events.
 *
 * @example
 * const app = createTutorGraph({
 *   tutor: { id: "tutor", name: "Tess", role: "patient machine-learning tutor", skills: ["machine-learning"], model },
 *   store: (ws) => graphStore.workspace(ws),
 *   reflection: createReflectionScheduler({ reflector: createLlmReflector({ model }) }),
 * }).compile({ checkpointer });
 * await app.invoke({ workspaceId, channelId: "dm-ada", person: { id: "ada", name: "Ada" }, message, replyId });
 */
export function createTutorGraph(options: CreateTutorGraphOptions) {
  const { tutor, ...rest } = options;
  const nodes = createTeamNodes({ ...rest, agents: [tutor], routeTo: "respond" });

  /** teach: the tutor's policy on top of the mind's plan, recorded as the plan the reply follows. */
  const teach = (state: TutorState): Partial<TutorState> => {
    const plannerId = state.plannerId ?? tutor.id;
    const key = mindKey(plannerId, state.person.id);
    const planned = state.plannedMinds[key] ?? state.minds[key];
    const plan = state.plans[state.person.id];
    if (!planned || !plan) throw new AttuneError({ code: "internal", message: "teach ran before the plan" });
    const mind = Mind.fromJSON(planned);
    const adjusted = tutorPlan({ plan, snapshot: mind.snapshot(), topics: state.topics });
    if (adjusted.adjustments.length === 0) return { tutoring: [] };
    // The learner's next message judges the plan actually used, so the experiment records it.
    mind.observeReply({ plan: adjusted.plan, at: state.message.createdAt });
    return {
      plans: { ...state.plans, [state.person.id]: adjusted.plan },
      plannedMinds: { ...state.plannedMinds, [key]: JSON.stringify(mind.toJSON()) },
      tutoring: adjusted.adjustments,
    };
  };

  /** trackProgress: where the learner stands on every topic the tutor's mind has read. */
  const trackProgress = (state: TutorState): Partial<TutorState> => {
    const stored = state.minds[mindKey(state.activeAgentId ?? tutor.id, state.person.id)];
    return { progress: stored ? learnerProgress({ snapshot: Mind.fromJSON(stored).snapshot() }) : [] };
  };

  return new StateGraph(TutorGraphState)
    .addNode("perceive", nodes.perceive)
    .addNode("updateMinds", nodes.updateMinds)
    .addNode("plan", nodes.plan)
    .addNode("teach", teach)
    .addNode("route", nodes.route, { ends: ["respond"] })
    .addNode("respond", nodes.respond)
    .addNode("persist", nodes.persist)
    .addNode("trackProgress", trackProgress)
    .addNode("reflect", nodes.reflect)
    .addEdge(START, "perceive")
    .addEdge("perceive", "updateMinds")
    .addEdge("updateMinds", "plan")
    .addEdge("plan", "teach")
    .addEdge("teach", "route")
    .addEdge("respond", "persist")
    .addEdge("persist", "trackProgress")
    .addEdge("trackProgress", "reflect")
    .addEdge("reflect", END);
}

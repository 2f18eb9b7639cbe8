import {
  type AgentSpec,
  createTeamGraph,
  type LoadBoard,
  mindKey,
  type TeamReflection,
  type TeamState,
} from "@attune/agents";
import { Mind } from "@attune/mind";
import { AttuneError } from "@attune/model";
import type { TurnGraph } from "./turn-runner.js";

export interface TeamTurnGraphOptions {
  /** The team; the first agent leads (it routes, and answers when nobody fits better). At least one. */
  agents: readonly AgentSpec[];
  /** Slow-path reflection, off the reply path. */
  reflection?: TeamReflection;
  /** Agents' live load; share one board between runners serving the same team. @default a new board */
  loadBoard?: LoadBoard;
}

/**
 * Serves a team of agents in the workspace instead of one shared assistant: every turn is routed to
 * the agent the router's models say fits the person and their plan (or the one they @-mention),
 * which answers from its own minds; replies and `mind-update`s carry the answering agent's id.
 *
 * @example
 * const server = createAttuneServer({
 *   store, model, secret,
 *   agents: [
 *     { id: "tutor", name: "Tess", role: "explains ML concepts", skills: ["fine-tuning"], model },
 *     { id: "ops", name: "Oz", role: "debugs production incidents", skills: ["kubernetes"], model },
 *   ],
 * });
 */
export function teamTurnGraph(options: TeamTurnGraphOptions): TurnGraph {
  if (options.agents.length === 0) {
    throw new AttuneError({ code: "invalid-payload", message: "a team turn graph needs at least one agent" });
  }
  const agents = [...options.agents];
  return {
    build: ({ store }) =>
      createTeamGraph({
        agents,
        store,
        ...(options.reflection ? { reflection: options.reflection } : {}),
        ...(options.loadBoard ? { loadBoard: options.loadBoard } : {}),
      }),
    // The team graph resets its per-turn fields itself (perceive), so a thread's last turn never leaks in.
    input: (turn) => {
      const requested = mentionedAgent(agents, turn.message.text);
      return {
        workspaceId: turn.workspaceId,
        channelId: turn.channelId,
        person: turn.person,
        message: {
          id: turn.message.id,
          authorId: turn.person.id,
          authorKind: "person",
          authorName: turn.person.name,
          text: turn.message.text,
          createdAt: turn.message.createdAt,
        },
        replyId: turn.replyId,
        // Cleared when not mentioned: a request is for one turn only.
        requestedAgentId: requested,
      };
    },
    view: (values) => {
      const state = values as Partial<TeamState>;
      const personId = state.person?.id as string;
      const authorId = state.activeAgentId ?? (agents[0] as AgentSpec).id;
      return {
        workspaceId: state.workspaceId as string,
        channelId: state.channelId as string,
        personId,
        messageId: state.message?.id as string,
        replyId: state.replyId as string,
        authorId,
        replyText: state.replyText,
        plan: state.plans?.[personId],
        beliefs: () => {
          const key = mindKey(authorId, personId);
          const json = state.minds?.[key] ?? state.plannedMinds?.[key];
          return json === undefined ? [] : Mind.fromJSON(json).beliefs(state.message?.createdAt);
        },
        timings: state.timings ?? {},
      };
    },
  };
}

/** The agent a message @-mentions by id or name (`@ops`, `@Oz`), first mention first. */
function mentionedAgent(agents: readonly AgentSpec[], text: string): string | undefined {
  for (const [, handle] of text.matchAll(/(?:^|[^\w@])@([\w.-]+)/g)) {
    const wanted = handle?.toLowerCase();
    const agent = agents.find((a) => a.id.toLowerCase() === wanted || a.name.toLowerCase() === wanted);
    if (agent) return agent.id;
  }
  return undefined;
}

import type { Addressee, TeamHistoryEntry, TeamState } from "../team-state.js";
import { mindKey, since, type TeamRuntime } from "./runtime.js";

/**
 * The agent that last answered a person in the history window: the author of the latest agent reply
 * to one of the person's messages.
 */
export function lastResponderTo(options: {
  history: readonly TeamHistoryEntry[];
  personId: string;
  agentIds: ReadonlySet<string>;
}): string | undefined {
  return lastReplyTo(options)?.agentId;
}

/** The latest agent reply to one of the person's messages in the window, and when that message was sent. */
export function lastReplyTo(options: {
  history: readonly TeamHistoryEntry[];
  personId: string;
  agentIds: ReadonlySet<string>;
}): { agentId: string; answeredAt: string } | undefined {
  const byId = new Map(options.history.map((h) => [h.id, h]));
  for (let i = options.history.length - 1; i >= 0; i--) {
    const h = options.history[i] as TeamHistoryEntry;
    if (h.authorKind !== "agent" || !options.agentIds.has(h.authorId) || h.replyTo === undefined) continue;
    const answered = byId.get(h.replyTo);
    if (answered?.authorId === options.personId) return { agentId: h.authorId, answeredAt: answered.createdAt };
  }
  return undefined;
}

/**
 * Who the reply answers, with their messages since the last agent message (a turn that failed, or
 * messages no turn ran for, are still waiting). In a direct channel, only the person. In a team
 * channel, everyone who wrote since, in the order they first did; the person who started the turn is
 * always among them, their new message last.
 */
export function findAddressees(state: Pick<TeamState, "history" | "person" | "message" | "channelKind">): Addressee[] {
  const current = { id: state.message.id, text: state.message.text, createdAt: state.message.createdAt };
  let lastAgent = -1;
  state.history.forEach((h, i) => {
    if (h.authorKind === "agent") lastAgent = i;
  });
  const waiting = new Map<string, Addressee>();
  for (const h of state.history.slice(lastAgent + 1)) {
    if (h.authorKind !== "person") continue;
    let a = waiting.get(h.authorId);
    if (!a) {
      a = { id: h.authorId, name: h.authorName, messages: [] };
      waiting.set(h.authorId, a);
    }
    a.messages.push({ id: h.id, text: h.text, createdAt: h.createdAt });
  }
  const person = waiting.get(state.person.id) ?? { ...state.person, messages: [] };
  person.messages.push(current);
  if (state.channelKind === "direct") return [person];
  waiting.set(state.person.id, person);
  return [...waiting.values()];
}

/**
 * What one turn computes, cleared when the next begins: with a checkpointer a thread's state carries
 * over between turns, and last turn's evidence or handoff must not be written again.
 */
const TURN_RESET: Partial<TeamState> = {
  plannedMinds: {},
  changes: {},
  changedPeers: [],
  experiments: [],
  outcomes: [],
  plans: {},
  topics: [],
  plannerId: undefined,
  intent: undefined,
  routeDecision: undefined,
  handoff: undefined,
  replyText: undefined,
  replyAt: undefined,
  reflections: [],
};

/**
 * perceive: one read of the store — the channel's recent history and every stored mind the team holds
 * of the people waiting for an answer and of each other — then who the reply answers and which agent
 * the person was talking to.
 */
export function createPerceiveNode(runtime: TeamRuntime) {
  const agentIds = [...runtime.agents.keys()];
  const agentSet = new Set(agentIds);
  return async function perceive(state: TeamState): Promise<Partial<TeamState>> {
    const start = performance.now();
    const context = await runtime.options.store(state.workspaceId).readTeamContext({
      agentIds,
      personId: state.person.id,
      channelId: state.channelId,
      beforeMessageId: state.message.id,
      historyLimit: runtime.historyLimit,
    });
    const minds: Record<string, string> = {};
    const peers: Record<string, string> = {};
    const corrections: TeamState["corrections"] = {};
    for (const m of context.minds) {
      const key = mindKey(m.observerId, m.subjectId);
      if (agentSet.has(m.subjectId)) peers[key] = m.state;
      else {
        minds[key] = m.state;
        if (m.corrections.length > 0) corrections[key] = m.corrections;
      }
    }
    const history: TeamHistoryEntry[] = context.history.map((h) => ({
      id: h.id,
      authorId: h.authorId,
      authorKind: h.authorKind === "agent" ? "agent" : "person",
      authorName: h.authorName,
      text: h.text,
      createdAt: h.createdAt,
      ...(typeof h.replyTo === "string" ? { replyTo: h.replyTo } : {}),
    }));
    const requested =
      state.requestedAgentId !== undefined && agentSet.has(state.requestedAgentId) ? state.requestedAgentId : undefined;
    const lastInChannel = history.findLast((h) => h.authorKind === "agent" && agentSet.has(h.authorId))?.authorId;
    const activeAgentId =
      requested ??
      lastResponderTo({ history, personId: state.person.id, agentIds: agentSet }) ??
      lastInChannel ??
      runtime.routerId;
    return {
      ...TURN_RESET,
      history,
      addressees: findAddressees({ ...state, history }),
      minds,
      peers,
      corrections,
      activeAgentId,
      timings: { perceive: since(start) },
    };
  };
}

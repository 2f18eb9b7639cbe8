import { type ApprovalOutcome, requestSharingApproval, streamModelText } from "@attune/agents";
import { type GraphStore, type HelperCandidate, whoCanHelp } from "@attune/graph";
import { Mind } from "@attune/mind";
import { AttuneError } from "@attune/model";
import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import { END, type LangGraphRunnableConfig, START, StateGraph } from "@langchain/langgraph";
import { clusterIdeas } from "./cluster-ideas.js";
import { extractIdeas } from "./extract-ideas.js";
import { type KnowledgeHint, routeFollowUps } from "./route-follow-ups.js";
import {
  type BrainstormMessage,
  type BrainstormState,
  BrainstormStateSchema,
  type BrainstormStreamEvent,
} from "./state.js";
import { buildSynthesisMessages } from "./synthesis-prompt.js";

/**
 * What the graph may read besides the messages it is given; each part is optional, and without it
 * the matching step just has less to go on (no channel read, no knowledge-based follow-ups).
 */
export interface BrainstormSource {
  /** The channel's most recent messages, oldest first. */
  readChannel?(options: { channelId: string; limit: number; agentId: string }): Promise<BrainstormMessage[]>;
  /** The agent's stored mind of a person (its knowledge beliefs route follow-ups). */
  readMindState?(options: { observerId: string; subjectId: string }): Promise<string | undefined>;
  /** People who know a topic better than the seeker and allowed that to be shared. */
  whoCanHelp?(options: { seekerId: string; topic: string; limit: number }): Promise<HelperCandidate[]>;
}

/**
 * The Neo4j source of one workspace: channel history through `readTurnContext`, minds through
 * `readMindState`, and `whoCanHelp` over the graph's consented KNOWS index.
 *
 * @example
 * const source = graphStoreBrainstormSource({ store: await openGraphStore(config.neo4j), workspaceId: "acme" });
 */
export function graphStoreBrainstormSource(options: { store: GraphStore; workspaceId: string }): BrainstormSource {
  const { store, workspaceId } = options;
  const workspace = store.workspace(workspaceId);
  return {
    readChannel: async (o) => {
      const { history } = await workspace.readTurnContext({
        observerId: o.agentId,
        subjectId: o.agentId,
        channelId: o.channelId,
        beforeMessageId: "",
        historyLimit: o.limit,
      });
      return history.map((m) => ({
        id: m.id,
        authorId: m.authorId,
        authorName: m.authorName,
        authorKind: m.authorKind === "agent" ? "agent" : "person",
        text: m.text,
        createdAt: m.createdAt,
      }));
    },
    readMindState: (o) => workspace.readMindState(o),
    whoCanHelp: (o) => whoCanHelp({ connection: store.connection, workspaceId, ...o }),
  };
}

export interface CreateBrainstormGraphOptions {
  /** The chat model that writes the synthesis. */
  model: BaseChatModel;
  /** Resolves the source of a workspace. @default nothing beyond the given messages */
  source?: (workspaceId: string) => BrainstormSource;
  /** Channel messages read. @default 100 */
  channelLimit?: number;
  /** Cosine similarity above which ideas share a cluster. @default DEFAULT_CLUSTER_THRESHOLD */
  clusterThreshold?: number;
  /** Knowledge level (0..1) from which the agent's mind of a participant counts as expertise. @default 0.6 */
  expertLevel?: number;
  /**
   * Before the synthesis names someone for expertise the agent only knows from its private mind of
   * them (not something they allowed to be shared), `"ask"` pauses the run and asks that person
   * (`requestSharingApproval`: compile with a checkpointer and resume with their decision); a denial
   * drops that follow-up, an edited approval replaces its reason. `"omit"` never names them.
   * Who-can-help suggestions need no question: they only use knowledge the person allowed to share.
   * @default "ask"
   */
  consent?: "ask" | "omit";
}

const byTime = (a: BrainstormMessage, b: BrainstormMessage) =>
  a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

/**
 * Collective brainstorming: collect the messages (given, and the channel's when a source reads it),
 * extract each person's ideas from their own words (agent speech, quotes and relayed text credited to
 * nobody), cluster them lexically, route follow-ups (the lead author elaborates; someone who knows
 * the cluster's topic — by the agent's minds or the graph's who-can-help — weighs in), ask before
 * naming anyone for expertise read from the agent's private mind of them (see `consent`), and
 * synthesise with the model. Returns an uncompiled StateGraph; the synthesis streams as
 * `{ type: "synthesis-delta" }` custom events.
 *
 * @example
 * const app = createBrainstormGraph({ model, source: (ws) => graphStoreBrainstormSource({ store, workspaceId: ws }) }).compile();
 * const { clusters, followUps, synthesis } = await app.invoke({ workspaceId: "acme", channelId: "ideas", question: "…" });
 */
export function createBrainstormGraph(options: CreateBrainstormGraphOptions) {
  const source = (workspaceId: string): BrainstormSource => options.source?.(workspaceId) ?? {};

  const collect = async (state: BrainstormState): Promise<Partial<BrainstormState>> => {
    const reader = source(state.workspaceId).readChannel;
    const read =
      state.channelId && reader
        ? await reader({ channelId: state.channelId, limit: options.channelLimit ?? 100, agentId: state.agent.id })
        : [];
    const byId = new Map<string, BrainstormMessage>();
    for (const m of [...read.filter((m) => !state.since || m.createdAt >= state.since), ...state.messages]) {
      byId.set(m.id, m);
    }
    // The agent's own messages are never a person's ideas, whatever kind the caller gave them.
    const messages = [...byId.values()]
      .map((m) => (m.authorId === state.agent.id ? { ...m, authorKind: "agent" as const } : m))
      .sort(byTime);
    return { messages };
  };

  const extract = (state: BrainstormState): Partial<BrainstormState> => {
    const { ideas, relayed } = extractIdeas({ messages: state.messages });
    return { ideas, relayed };
  };

  const cluster = (state: BrainstormState): Partial<BrainstormState> => ({
    clusters: clusterIdeas({
      ideas: state.ideas,
      ...(options.clusterThreshold === undefined ? {} : { threshold: options.clusterThreshold }),
    }),
  });

  const route = async (state: BrainstormState): Promise<Partial<BrainstormState>> => {
    const src = source(state.workspaceId);
    const names: Record<string, string> = {};
    for (const m of state.messages) if (m.authorKind === "person") names[m.authorId] ??= m.authorName;
    const participants = Object.keys(names);
    const minds = new Map<string, Mind>();
    if (src.readMindState) {
      const states = await Promise.all(
        participants.map((id) => src.readMindState?.({ observerId: state.agent.id, subjectId: id })),
      );
      states.forEach((json, i) => {
        const id = participants[i];
        if (json === undefined || id === undefined) return;
        try {
          minds.set(id, Mind.fromJSON(json));
        } catch {
          // An unreadable mind only means less to route on; the brainstorm goes on.
        }
      });
    }
    const snapshots = new Map([...minds].map(([id, mind]) => [id, mind.snapshot()]));
    const expertLevel = options.expertLevel ?? 0.6;
    const experts: Record<string, KnowledgeHint[]> = {};
    for (const c of state.clusters) {
      const topic = c.topic;
      const lead = c.authorIds[0];
      if (!topic || !lead) continue;
      const hints: KnowledgeHint[] = [];
      // Participants first: they are in the room; the agent's own reading of them is what it goes on.
      const known = participants
        .map((id) => ({ id, k: snapshots.get(id)?.knowledge[topic] }))
        .filter((x) => x.k !== undefined && x.k.level >= expertLevel && x.k.confidence > 0)
        .sort((a, b) => (b.k?.level ?? 0) - (a.k?.level ?? 0) || (a.id < b.id ? -1 : 1));
      for (const { id } of known) {
        hints.push({
          personId: id,
          name: names[id] ?? id,
          source: "mind",
          reason: `has shown knowledge of ${topic} in conversations with ${state.agent.name}`,
        });
      }
      if (src.whoCanHelp) {
        for (const h of await helpersFor(src, lead, topic)) {
          hints.push({
            personId: h.personId,
            name: h.name ?? h.personId,
            source: "who-can-help",
            reason: h.explanation,
          });
        }
      }
      experts[c.id] = hints;
    }
    return { followUps: routeFollowUps({ clusters: state.clusters, ideas: state.ideas, names, experts }) };
  };

  const askConsent = (state: BrainstormState): Partial<BrainstormState> => {
    const followUps: BrainstormState["followUps"] = [];
    const approvals: ApprovalOutcome[] = [];
    for (const f of state.followUps) {
      if (f.source !== "mind") {
        followUps.push(f);
        continue;
      }
      if ((options.consent ?? "ask") === "omit") continue;
      const cluster = state.clusters.find((c) => c.id === f.clusterId);
      const request = {
        personId: f.personId,
        recipient: state.channelId
          ? { kind: "channel" as const, id: state.channelId }
          : { kind: "agent" as const, id: state.agent.id },
        what: `${f.name} ${f.reason}`,
        reason:
          `${state.agent.name} would like to ask ${f.name} to weigh in on "${cluster?.label ?? "an idea"}" in the brainstorm on: ${state.question}`.slice(
            0,
            1000,
          ),
      };
      const decision = requestSharingApproval(request);
      if (decision.decision === "approve") {
        const text = decision.text ?? request.what;
        approvals.push({ request, decision: "approve", text });
        followUps.push(decision.text ? { ...f, reason: decision.text } : f);
      } else {
        approvals.push({ request, decision: "deny" });
      }
    }
    return { followUps, approvals };
  };

  const synthesise = async (
    state: BrainstormState,
    config: LangGraphRunnableConfig,
  ): Promise<Partial<BrainstormState>> => {
    if (state.ideas.length === 0) {
      return { synthesis: { authorId: state.agent.id, text: `No ideas yet on: ${state.question}`, prompt: [] } };
    }
    const messages = buildSynthesisMessages({
      agentName: state.agent.name,
      question: state.question,
      clusters: state.clusters,
      ideas: state.ideas,
      followUps: state.followUps,
    });
    const text = await streamModelText({
      model: options.model,
      messages,
      callOptions: config.signal ? { signal: config.signal } : {},
      onDelta: (delta) => {
        const event: BrainstormStreamEvent = { type: "synthesis-delta", delta };
        config.writer?.(event);
      },
      failure: "the model failed to synthesise",
    });
    return {
      synthesis: {
        authorId: state.agent.id,
        text: text.trim() || "…",
        prompt: messages.map((m) => (typeof m.content === "string" ? m.content : JSON.stringify(m.content))),
      },
    };
  };

  return new StateGraph(BrainstormStateSchema)
    .addNode("collect", collect)
    .addNode("extractIdeas", extract)
    .addNode("clusterIdeas", cluster)
    .addNode("routeFollowUps", route)
    .addNode("askConsent", askConsent)
    .addNode("synthesise", synthesise)
    .addEdge(START, "collect")
    .addEdge("collect", "extractIdeas")
    .addEdge("extractIdeas", "clusterIdeas")
    .addEdge("clusterIdeas", "routeFollowUps")
    .addEdge("routeFollowUps", "askConsent")
    .addEdge("askConsent", "synthesise")
    .addEdge("synthesise", END);
}

/** A seeker unknown to the graph simply has no recommended helpers. */
async function helpersFor(src: BrainstormSource, seekerId: string, topic: string): Promise<HelperCandidate[]> {
  try {
    return (await src.whoCanHelp?.({ seekerId, topic, limit: 3 })) ?? [];
  } catch (error) {
    if (AttuneError.is(error) && error.code === "not-found") return [];
    throw error;
  }
}

import { streamModelText } from "@attune/agents";
import { type GraphStore, type MemberSync, type TeamSyncOptions, teamSync } from "@attune/graph";
import { Mind } from "@attune/mind";
import { AttuneError, type Plan } from "@attune/model";
import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import { END, type LangGraphRunnableConfig, Send, START, StateGraph } from "@langchain/langgraph";
import { buildCatchUpPrompt, catchUpPlan, DEFAULT_CATCH_UP_PLAN } from "./catch-up-prompt.js";
import { type CatchUp, type TeamSyncState, TeamSyncStateSchema, type TeamSyncStreamEvent } from "./state.js";

/**
 * What the graph reads: the team's sync data (`RelationshipGraph.teamSync` or `teamSync` of
 * `@attune/graph`) and the agent's stored mind of a member (`WorkspaceStore.readMindState`).
 */
export interface TeamSyncSource {
  teamSync(options: TeamSyncOptions): Promise<MemberSync[]>;
  readMindState(options: { observerId: string; subjectId: string }): Promise<string | undefined>;
}

/**
 * The Neo4j source of one workspace.
 *
 * @example
 * const source = graphStoreSyncSource({ store: await openGraphStore(config.neo4j), workspaceId: "acme" });
 */
export function graphStoreSyncSource(options: { store: GraphStore; workspaceId: string }): TeamSyncSource {
  const { store, workspaceId } = options;
  const workspace = store.workspace(workspaceId);
  return {
    teamSync: (o) => teamSync({ connection: store.connection, workspaceId, ...o }),
    readMindState: (o) => workspace.readMindState(o),
  };
}

export interface CreateTeamSyncGraphOptions {
  /** Resolves the source of a workspace. */
  source: (workspaceId: string) => TeamSyncSource;
  /** The chat model that writes the catch-ups. */
  model: BaseChatModel;
  /** Missed events read per member. @default 50 */
  limit?: number;
  /** How far a member's belief must sit from the team's to be mentioned, 0..1. @default 0.3 */
  divergence?: number;
}

/**
 * Team sync: reads the graph's team-sync data (the events each member missed, with who saw them, and
 * the beliefs where they diverge from the team), then writes one personal catch-up per member in
 * parallel, each planned from the agent's mind of that member (brief and expert for the rushed
 * expert, explained step by step for the newcomer; a neutral plan for someone it has no mind of).
 * A member with nothing new gets a short note written without the model.
 *
 * Returns an uncompiled StateGraph; text streams as `{ type: "catch-up-delta" }` custom events.
 *
 * @example
 * const app = createTeamSyncGraph({ source: (ws) => graphStoreSyncSource({ store, workspaceId: ws }), model }).compile();
 * const { catchUps } = await app.invoke({ workspaceId: "acme", teamId: "platform", memberIds: ["ada"] });
 */
export function createTeamSyncGraph(options: CreateTeamSyncGraphOptions) {
  const read = async (state: TeamSyncState): Promise<Partial<TeamSyncState>> => {
    // One read for the whole team: it also names every member, so authors and subjects read as people.
    const all = await options.source(state.workspaceId).teamSync({
      teamId: state.teamId,
      limit: options.limit ?? 50,
      divergence: options.divergence ?? 0.3,
    });
    const names = Object.fromEntries(all.map((m) => [m.memberId, m.name ?? m.memberId]));
    const wanted = state.memberIds;
    if (wanted) {
      const missing = wanted.filter((id) => !(id in names));
      if (missing.length > 0) {
        throw new AttuneError({ code: "not-found", message: `not members of ${state.teamId}: ${missing.join(", ")}` });
      }
    }
    return {
      names: { ...names, [state.agent.id]: state.agent.name },
      members: wanted ? all.filter((m) => wanted.includes(m.memberId)) : all,
    };
  };

  const fanOut = (state: TeamSyncState) =>
    state.members.length === 0 ? END : state.members.map((member) => new Send("writeCatchUp", { ...state, member }));

  const writeCatchUp = async (
    state: TeamSyncState,
    config: LangGraphRunnableConfig,
  ): Promise<Partial<TeamSyncState>> => {
    const member = state.member;
    if (!member) throw new AttuneError({ code: "internal", message: "writeCatchUp ran without a member" });
    const { plan, planSource } = await planFor(state, member.memberId);
    const name = member.name ?? member.memberId;
    const prompt = buildCatchUpPrompt({
      agentName: state.agent.name,
      teamId: state.teamId,
      member,
      names: state.names,
      plan,
    });
    const base = {
      memberId: member.memberId,
      name,
      planSource,
      plan,
      eventIds: prompt.eventIds,
      omitted: prompt.omitted,
      divergentKeys: prompt.divergentKeys,
      prompt: prompt.messages.map((m) => (typeof m.content === "string" ? m.content : JSON.stringify(m.content))),
    };
    if (prompt.empty) {
      return { catchUps: [{ ...base, text: `You're up to date, ${name}: nothing new in ${state.teamId}.` }] };
    }
    const text = await streamModelText({
      model: options.model,
      messages: prompt.messages,
      callOptions: config.signal ? { signal: config.signal } : {},
      onDelta: (delta) => {
        const event: TeamSyncStreamEvent = { type: "catch-up-delta", memberId: member.memberId, delta };
        config.writer?.(event);
      },
      failure: "the model failed to write a catch-up",
    });
    const catchUp: CatchUp = { ...base, text: text.trim() || "…" };
    return { catchUps: [catchUp] };
  };

  const planFor = async (
    state: TeamSyncState,
    memberId: string,
  ): Promise<{ plan: Plan; planSource: "mind" | "default" }> => {
    const stored = await options
      .source(state.workspaceId)
      .readMindState({ observerId: state.agent.id, subjectId: memberId });
    if (stored === undefined) return { plan: DEFAULT_CATCH_UP_PLAN, planSource: "default" };
    let mind: Mind;
    try {
      mind = Mind.fromJSON(stored);
    } catch {
      // A catch-up is still worth sending when the stored mind cannot be read; it just isn't adapted.
      return {
        plan: { ...DEFAULT_CATCH_UP_PLAN, rationale: ["stored mind unreadable: neutral catch-up"] },
        planSource: "default",
      };
    }
    // Planning here is a read: the mind is not saved, so no experiment is left pending on it.
    return { plan: catchUpPlan(mind.plan()), planSource: "mind" };
  };

  return new StateGraph(TeamSyncStateSchema)
    .addNode("readSync", read)
    .addNode("writeCatchUp", writeCatchUp)
    .addEdge(START, "readSync")
    .addConditionalEdges("readSync", fanOut, ["writeCatchUp", END])
    .addEdge("writeCatchUp", END);
}

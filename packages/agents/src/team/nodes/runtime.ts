import { createHash } from "node:crypto";
import type { WorkspaceStore } from "@attune/graph";
import { createMind, Mind, type Observation } from "@attune/mind";
import { AttuneError, type Evidence, mindId, type Plan } from "@attune/model";
import { createLoadBoard, type LoadBoard } from "../load-board.js";
import { TeamModels } from "../peer-model.js";
import type { RouteWeights } from "../routing.js";
import type { TeamState } from "../team-state.js";
import { type AgentProfile, AgentProfileSchema, type AgentSpec } from "../types.js";
import type { TeamReflection } from "./reflect.js";

/** The slice of `@attune/graph`'s WorkspaceStore a team turn needs (one read, one write). */
export type TeamStore = Pick<WorkspaceStore, "readTeamContext" | "recordTeamTurn">;

/** Options shared by `createTeamGraph` and `createTeamNodes`. */
export interface TeamNodesOptions {
  /** The team. The first agent leads: it routes and answers when nobody else is a better fit. */
  agents: readonly AgentSpec[];
  /** Resolves the store of the turn's workspace. */
  store: (workspaceId: string) => TeamStore;
  /** Slow-path reflection, run off the reply's critical path (see `createReflectionScheduler`). */
  reflection?: TeamReflection;
  router?: {
    /** Whose peer models route the turn (an agent of the team). @default the first agent */
    agentId?: string;
    /** @default DEFAULT_ROUTE_WEIGHTS */
    weights?: Partial<RouteWeights>;
  };
  /**
   * Where agents' current load is tracked (turns taken and not yet answered, recent work). Share one
   * board between graphs that serve the same team. @default a new in-memory board per team
   */
  loadBoard?: LoadBoard;
  /** Clock, for deterministic tests. @default () => new Date() */
  now?: () => Date;
  /** Messages of channel history read per turn. @default 10 */
  historyLimit?: number;
  /**
   * Reply token budget per planned length (passed to the model as `maxTokens`, never above its own
   * limit), or `false` to let the model's own limit decide. @default LENGTH_TOKENS
   */
  lengthBudget?: Readonly<Record<Plan["length"], number>> | false;
  /**
   * Open each reply for the model with the plan's structure ("- ", "1.", a code fence; the first name
   * in a group reply), which it continues. Small local models follow an opened answer, not an
   * instruction. @default true for the local model (`createChatModel({ provider: "local" })`), else false
   */
  primeReplies?: boolean | ((agent: AgentSpec) => boolean);
}

export interface TeamAgent extends AgentSpec {
  profile: AgentProfile;
}

/** What every node shares: the validated team and helpers over the turn's state. */
export interface TeamRuntime {
  options: TeamNodesOptions;
  agents: ReadonlyMap<string, TeamAgent>;
  profiles: readonly AgentProfile[];
  routerId: string;
  now: () => Date;
  historyLimit: number;
  loads: LoadBoard;
  /** Peer models a node just serialized (see `loadPeers`). */
  parsedPeers: Map<string, TeamModels>;
}

export function createRuntime(options: TeamNodesOptions): TeamRuntime {
  if (options.agents.length === 0) {
    throw new AttuneError({ code: "config-invalid", message: "a team needs at least one agent" });
  }
  const agents = new Map<string, TeamAgent>();
  for (const spec of options.agents) {
    const parsed = AgentProfileSchema.safeParse(spec);
    if (!parsed.success) {
      throw new AttuneError({
        code: "config-invalid",
        message: `agent ${String(spec.id)} has an invalid profile`,
        details: parsed.error.issues,
      });
    }
    if (agents.has(parsed.data.id)) {
      throw new AttuneError({ code: "config-invalid", message: `agent id ${parsed.data.id} is used twice` });
    }
    agents.set(parsed.data.id, { ...spec, profile: parsed.data });
  }
  const routerId = options.router?.agentId ?? (options.agents[0] as AgentSpec).id;
  if (!agents.has(routerId)) {
    throw new AttuneError({ code: "config-invalid", message: `router ${routerId} is not an agent of the team` });
  }
  return {
    options,
    agents,
    profiles: [...agents.values()].map((a) => a.profile),
    routerId,
    now: options.now ?? (() => new Date()),
    historyLimit: options.historyLimit ?? 10,
    loads: options.loadBoard ?? createLoadBoard(),
    parsedPeers: new Map(),
  };
}

/** The graph's Mind id for an observer and a subject (`mindId` of `@attune/model`). */
export const mindKey = mindId;

export const since = (start: number) => Math.round((performance.now() - start) * 1000) / 1000;

/**
 * Minds a node just serialized, by their JSON text: the next node of the turn gets that very text in
 * its state and can take the mind instead of parsing it again. Taken once (a retried node parses
 * afresh) and bounded (texts nobody takes, e.g. after a failed turn, are forgotten).
 */
const parsedMinds = new Map<string, Mind>();
const MAX_PARSED_MINDS = 32;

/** Serializes a mind for the state, remembering it for the next `loadMind` of the same text. */
export function saveMind(mind: Mind): string {
  const text = JSON.stringify(mind.toJSON());
  parsedMinds.set(text, mind);
  if (parsedMinds.size > MAX_PARSED_MINDS) parsedMinds.delete(parsedMinds.keys().next().value as string);
  return text;
}

/** The agent's mind of a person from the state, or a new one. */
export function loadMind(state: Pick<TeamState, "workspaceId" | "minds">, observerId: string, subjectId: string): Mind {
  const stored = state.minds[mindKey(observerId, subjectId)];
  if (!stored) return createMind({ workspaceId: state.workspaceId, observerId, subjectId });
  const cached = parsedMinds.get(stored);
  if (cached) {
    parsedMinds.delete(stored);
    return cached;
  }
  return Mind.fromJSON(stored);
}

/**
 * Peer models a node just serialized are kept on the runtime (their profiles are this team's), keyed
 * by the `peers` map's content: the next node gets that very map back (LangGraph copies the object
 * when it validates the update, so identity is lost, but not the texts), and so does the next turn
 * when the stored models are the ones this process wrote, so neither validates every model again.
 * Taken once, so a retried node or a concurrent turn parses afresh; bounded like `parsedMinds`.
 */
const MAX_PARSED_PEERS = 8;
const peersKey = (peers: Readonly<Record<string, string>>) =>
  Object.keys(peers)
    .sort()
    .map((key) => `${key}\u0001${peers[key]}`)
    .join("\u0000");

/** Every peer model the team holds, from the stored agent→agent minds (missing ones start from profiles). */
export function loadPeers(runtime: TeamRuntime, state: Pick<TeamState, "peers">): TeamModels {
  const cacheKey = peersKey(state.peers);
  const cached = runtime.parsedPeers.get(cacheKey);
  if (cached) {
    runtime.parsedPeers.delete(cacheKey);
    return cached;
  }
  const models = Object.values(state.peers).map((text) => JSON.parse(text) as unknown);
  const team = TeamModels.fromJSON({
    format: "attune.team-models",
    version: 1,
    profiles: runtime.profiles,
    options: {},
    models: models.filter(
      (m) =>
        typeof m === "object" &&
        m !== null &&
        runtime.agents.has((m as { observerId?: string }).observerId ?? "") &&
        runtime.agents.has((m as { subject?: { id?: string } }).subject?.id ?? ""),
    ),
  });
  // Profiles may have changed since the models were stored: learned evidence stays, priors follow.
  for (const profile of runtime.profiles) team.upsertProfile(profile);
  return team;
}

/** Serializes the given peer models back into the state's `peers` map. */
export function savePeers(
  runtime: TeamRuntime,
  team: TeamModels,
  state: Pick<TeamState, "peers" | "changedPeers">,
  keys: Iterable<string>,
): Pick<TeamState, "peers" | "changedPeers"> {
  const peers = { ...state.peers };
  const changed = new Set(state.changedPeers);
  for (const key of keys) {
    const [observerId, subjectId] = key.split("~") as [string, string];
    peers[key] = JSON.stringify(team.get(observerId, subjectId).toJSON());
    changed.add(key);
  }
  const cache = runtime.parsedPeers;
  cache.set(peersKey(peers), team);
  if (cache.size > MAX_PARSED_PEERS) cache.delete(cache.keys().next().value as string);
  return { peers, changedPeers: [...changed] };
}

/**
 * Evidence ids the engine makes (`<messageId>.e<n>`) are unique per message, not per observer: two
 * agents reading one message would collide in the graph. Qualifying them with the observer keeps
 * each agent's evidence its own; beliefs are rewritten to match.
 */
export function qualifyObservation(observation: Observation, observerId: string): Observation {
  const qualify = (id: string) => {
    const q = `${id}@${observerId}`;
    // Ids are at most 128 characters; an over-long one keeps its uniqueness through a digest.
    return q.length <= 128 ? q : `h${createHash("sha256").update(q).digest("hex").slice(0, 40)}`;
  };
  return {
    ...observation,
    evidence: observation.evidence.map((e): Evidence => ({ ...e, id: qualify(e.id) })),
    beliefs: observation.beliefs.map((b) => ({ ...b, evidenceIds: b.evidenceIds.map(qualify) })),
  };
}

/** Adds one observation's output to a mind's pending change. */
export function addChange(
  changes: TeamState["changes"],
  key: string,
  observation: Observation,
  appliedCorrections: readonly string[] = [],
): TeamState["changes"] {
  const prev = changes[key] ?? { evidence: [], beliefs: [], appliedCorrections: [] };
  // Later versions of the same belief win.
  const beliefs = new Map(
    [...prev.beliefs, ...observation.beliefs].map((b) => [`${b.dimension}/${b.key}`, b] as const),
  );
  return {
    ...changes,
    [key]: {
      evidence: [...prev.evidence, ...observation.evidence],
      beliefs: [...beliefs.values()],
      appliedCorrections: [...prev.appliedCorrections, ...appliedCorrections],
    },
  };
}

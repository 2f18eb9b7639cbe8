import { AttuneError } from "@attune/model";
import { decayedRecent, type LoadEstimate, loadEstimate, toMs } from "./peer-model.js";

/** Options of {@link createLoadBoard}. */
export interface LoadBoardOptions {
  /** Half-life of the recent-work rate, in minutes. @default 30 */
  halfLifeMinutes?: number;
  /** Open turns at which the load score reaches 0.5. @default 4 */
  capacity?: number;
  /**
   * A turn still open after this long is taken as abandoned (its process failed between routing and
   * writing the reply) and no longer counts. @default 600_000 (10 minutes)
   */
  openTimeoutMs?: number;
  /** Workspaces tracked at once; the one idle longest is forgotten first. @default 10_000 */
  maxWorkspaces?: number;
}

/**
 * Who is working on what right now, as every agent of a team sees it in the channel: which turns each
 * agent took and has not answered yet, and a decaying count of the turns it took recently.
 *
 * Load is the one part of an agent's model of another that changes on every turn and is worthless a
 * few minutes later, so the team graph keeps it here, in the process, instead of rewriting each
 * agent's stored peer model of the responder twice per turn (it was most of a turn's write). A
 * restarted process starts with everyone idle; with several server processes each sees the turns it
 * runs. `PeerModel` keeps its own load API for callers that track load in the models themselves.
 *
 * @example
 * const board = createLoadBoard();
 * board.assign({ workspaceId, agentId: "tutor", turnId: "r1", at });
 * board.load({ workspaceId, agentId: "tutor", at }).score; // > 0
 * board.finish({ workspaceId, agentId: "tutor", turnId: "r1", at });
 */
export interface LoadBoard {
  /** The agent took a turn (`turnId`: the reply's id) at `at`; assigning a turn again changes nothing. */
  assign(options: { workspaceId: string; agentId: string; turnId: string; at: string }): void;
  /** The agent answered the turn (or gave it up). Unknown turns are ignored. */
  finish(options: { workspaceId: string; agentId: string; turnId: string; at: string }): void;
  /** The agent's load at `at` (turns open longer than `openTimeoutMs` are dropped on the way). */
  load(options: { workspaceId: string; agentId: string; at: string }): LoadEstimate;
}

interface AgentLoad {
  /** turnId → when it was assigned (ms). */
  open: Map<string, number>;
  recent: number;
  at: number | null;
}

/** A load board kept in memory (see {@link LoadBoard}). */
export function createLoadBoard(options: LoadBoardOptions = {}): LoadBoard {
  const halfLife = options.halfLifeMinutes ?? 30;
  const capacity = options.capacity ?? 4;
  const openTimeout = options.openTimeoutMs ?? 600_000;
  const maxWorkspaces = options.maxWorkspaces ?? 10_000;
  if (!(halfLife > 0) || !(capacity > 0) || !(openTimeout > 0) || !(maxWorkspaces >= 1)) {
    throw new AttuneError({ code: "config-invalid", message: "load board options must be positive" });
  }
  const workspaces = new Map<string, Map<string, AgentLoad>>();

  const recentAt = (entry: AgentLoad, at: number) => decayedRecent(entry.recent, entry.at, at, halfLife);

  const entryOf = (workspaceId: string, agentId: string, create: boolean): AgentLoad | undefined => {
    let agents = workspaces.get(workspaceId);
    if (agents) {
      // Re-inserted last: the map's order is recency, so eviction forgets the idlest workspace.
      workspaces.delete(workspaceId);
      workspaces.set(workspaceId, agents);
    } else {
      if (!create) return undefined;
      agents = new Map();
      workspaces.set(workspaceId, agents);
      if (workspaces.size > maxWorkspaces) workspaces.delete(workspaces.keys().next().value as string);
    }
    let entry = agents.get(agentId);
    if (!entry && create) {
      entry = { open: new Map(), recent: 0, at: null };
      agents.set(agentId, entry);
    }
    return entry;
  };

  return {
    assign({ workspaceId, agentId, turnId, at }) {
      const ms = toMs(at, "assign");
      const entry = entryOf(workspaceId, agentId, true) as AgentLoad;
      // A retried route node assigns the same turn again.
      if (entry.open.has(turnId)) return;
      entry.recent = recentAt(entry, ms) + 1;
      entry.at = Math.max(ms, entry.at ?? ms);
      entry.open.set(turnId, ms);
    },
    finish({ workspaceId, agentId, turnId, at }) {
      const ms = toMs(at, "finish");
      const entry = entryOf(workspaceId, agentId, false);
      if (!entry?.open.delete(turnId)) return;
      entry.recent = recentAt(entry, ms);
      entry.at = Math.max(ms, entry.at ?? ms);
    },
    load({ workspaceId, agentId, at }) {
      const ms = toMs(at, "load");
      const entry = workspaces.get(workspaceId)?.get(agentId);
      if (!entry) return { open: 0, recent: 0, score: 0 };
      for (const [turnId, since] of entry.open) if (ms - since > openTimeout) entry.open.delete(turnId);
      return loadEstimate(entry.open.size, recentAt(entry, ms), capacity);
    },
  };
}

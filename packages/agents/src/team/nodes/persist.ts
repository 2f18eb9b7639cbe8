import { AttuneError } from "@attune/model";
import type { TeamModels } from "../peer-model.js";
import type { TeamState } from "../team-state.js";
import { loadPeers, mindKey, savePeers, since, type TeamRuntime, type TeamStore } from "./runtime.js";

type TeamTurnRecord = Parameters<TeamStore["recordTeamTurn"]>[0];

/**
 * persist: what every other agent saw of the answer joins its model of the answering agent (the depth
 * it answered at says what it believes about each person: a second-order belief), then the reply,
 * every mind the turn changed and every peer model that learned something are written in one
 * transaction and round trip (`recordTeamTurn`); the responder's turn closes on the load board.
 */
export function createPersistNode(runtime: TeamRuntime) {
  return async function persist(state: TeamState): Promise<Partial<TeamState>> {
    const start = performance.now();
    const responder = state.activeAgentId;
    if (state.replyText === undefined || responder === undefined) {
      throw new AttuneError({ code: "internal", message: "persist ran before the reply was written" });
    }
    const at = state.replyAt ?? runtime.now().toISOString();
    // What every other agent saw of the answer joins its model of the responder: the depth it answered
    // each person at is what it believes they know. Only a model that learned something is rewritten.
    const dirty = new Set<string>();
    let team: TeamModels | undefined;
    if (state.topics.length > 0) {
      for (const observerId of runtime.agents.keys()) {
        if (observerId === responder) continue;
        for (const a of state.addressees) {
          const plan = state.plans[a.id];
          if (!plan) continue;
          team ??= loadPeers(runtime, state);
          const recorded = team
            .get(observerId, responder)
            .recordObservedReply({ personId: a.id, plan, topics: state.topics, at });
          if (recorded.length > 0) dirty.add(mindKey(observerId, responder));
        }
      }
    }
    const peers = team
      ? savePeers(runtime, team, state, dirty)
      : { peers: state.peers, changedPeers: state.changedPeers };

    const minds: TeamTurnRecord["minds"] = [];
    const written = new Set<string>();
    for (const [key, change] of Object.entries(state.changes)) {
      const text = state.minds[key];
      if (text === undefined) continue;
      const [observerId, subjectId] = key.split("~") as [string, string];
      minds.push({
        observerId,
        subjectId,
        state: text,
        evidence: change.evidence,
        beliefs: change.beliefs,
        appliedCorrections: change.appliedCorrections,
      });
      written.add(key);
    }
    // The responder's planned minds changed (the pending experiment) even where nothing new was read.
    for (const a of state.addressees) {
      const key = mindKey(responder, a.id);
      const text = state.minds[key];
      if (!written.has(key) && text !== undefined) {
        minds.push({ observerId: responder, subjectId: a.id, state: text });
        written.add(key);
      }
    }
    for (const key of peers.changedPeers) {
      const text = peers.peers[key];
      if (text === undefined) continue;
      const [observerId, subjectId] = key.split("~") as [string, string];
      minds.push({ observerId, subjectId, state: text });
    }
    try {
      await runtime.options.store(state.workspaceId).recordTeamTurn({
        reply: {
          id: state.replyId,
          workspaceId: state.workspaceId,
          channelId: state.channelId,
          authorId: responder,
          authorKind: "agent",
          text: state.replyText,
          createdAt: at,
          replyTo: state.message.id,
        },
        minds,
        experiments: state.experiments,
      });
    } finally {
      runtime.loads.finish({ workspaceId: state.workspaceId, agentId: responder, turnId: state.replyId, at });
    }
    return { ...peers, timings: { ...state.timings, persist: since(start) } };
  };
}

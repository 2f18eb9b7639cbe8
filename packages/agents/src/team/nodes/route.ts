import { Command } from "@langchain/langgraph";
import { applyHandoff, makeHandoffPacket } from "../handoff.js";
import type { PeerModel } from "../peer-model.js";
import { routeTurn } from "../routing.js";
import type { TeamState, TeamStreamEvent } from "../team-state.js";
import type { HandoffPacket, RouteDecision } from "../types.js";
import { planFor } from "./plan.js";
import {
  addChange,
  loadMind,
  loadPeers,
  mindKey,
  qualifyObservation,
  saveMind,
  savePeers,
  since,
  type TeamRuntime,
} from "./runtime.js";
import { learnFromOutcomes, memberNames, readAddressee } from "./update-minds.js";

/**
 * route: picks the answering agent from the router's peer models and the person's plan (`routeTurn`),
 * unless the person asked for an agent or a handoff tool already chose one. When the answer moves
 * from the agent holding the conversation to another, it is a handoff: for each person, the sender's
 * relevant beliefs travel as a packet, discounted by the receiver's trust in the sender, into the
 * receiver's mind (and its second-order beliefs about the sender); the receiver then reads the
 * waiting messages itself and plans from its own minds. Returns a `Command` to `goto` carrying the
 * decision, the packet and the receiver's plans.
 *
 * @example
 * graph.addNode("route", createRouteNode(runtime), { ends: ["respond"] });
 */
export function createRouteNode(runtime: TeamRuntime, options: { goto?: string } = {}) {
  const goto = options.goto ?? "respond";
  return function route(state: TeamState, config?: { writer?: (chunk: unknown) => void }): Command {
    const start = performance.now();
    const at = state.message.createdAt;
    const plannerId = state.plannerId ?? state.activeAgentId ?? runtime.routerId;
    const team = loadPeers(runtime, state);
    const dirty = new Set<string>();
    const byTool =
      state.handoff && runtime.agents.has(state.handoff.toAgentId) && state.handoff.personId === state.person.id
        ? state.handoff
        : undefined;

    let decision: RouteDecision;
    if (byTool) {
      decision = {
        agentId: byTool.toAgentId,
        reason: `handed over by ${runtime.agents.get(byTool.fromAgentId)?.name ?? byTool.fromAgentId}: ${byTool.reason}`,
        candidates: [],
      };
    } else {
      const models = new Map<string, PeerModel>(runtime.profiles.map((p) => [p.id, team.get(runtime.routerId, p.id)]));
      const plan = state.plans[state.person.id];
      const scored = plan
        ? routeTurn({
            agents: runtime.profiles,
            models,
            plan,
            topics: state.topics,
            ...(state.intent ? { intent: state.intent } : {}),
            at,
            load: (agentId) => runtime.loads.load({ workspaceId: state.workspaceId, agentId, at }),
            currentAgentId: plannerId,
            ...(runtime.options.router?.weights ? { weights: runtime.options.router.weights } : {}),
          })
        : undefined;
      const requested =
        state.requestedAgentId !== undefined && runtime.agents.has(state.requestedAgentId)
          ? state.requestedAgentId
          : undefined;
      if (requested) {
        decision = {
          agentId: requested,
          reason: `${runtime.agents.get(requested)?.name} was asked for`,
          candidates: scored?.candidates ?? [],
        };
      } else if (scored) {
        decision = scored;
      } else {
        decision = { agentId: plannerId, reason: "no plan to route on", candidates: [] };
      }
    }

    const responder = decision.agentId;
    let minds = { ...state.minds };
    let changes = state.changes;
    let plans = state.plans;
    const experiments = [...state.experiments];
    const outcomes = [...state.outcomes];
    let handoff: HandoffPacket | undefined;
    if (responder === plannerId && !byTool) {
      minds = { ...minds, ...state.plannedMinds };
    } else {
      const names = memberNames(runtime, state);
      const sender = runtime.agents.get(byTool?.fromAgentId ?? plannerId);
      for (const a of state.addressees) {
        const key = mindKey(responder, a.id);
        const alreadyRead = key in changes;
        const receiverMind = loadMind({ ...state, minds }, responder, a.id);
        let packet: HandoffPacket | undefined;
        if (byTool && a.id === byTool.personId) packet = byTool;
        else if (sender && sender.id !== responder) {
          packet = makeHandoffPacket({
            sender: sender.profile,
            receiverModelOfSender: team.get(responder, sender.id),
            personId: a.id,
            senderBeliefs: loadMind({ ...state, minds }, sender.id, a.id).beliefs(at),
            reason: decision.reason,
            at,
            relevant: { topics: state.topics },
          });
        }
        if (packet) {
          const messageId = a.messages.at(-1)?.id ?? state.message.id;
          const applied = applyHandoff({ receiverMind, receiverModels: team, packet, messageId });
          changes = addChange(changes, key, qualifyObservation(applied.observation, responder));
          dirty.add(mindKey(responder, packet.fromAgentId));
          if (a.id === state.person.id) handoff = packet;
        }
        // The receiver reads the waiting messages itself unless it already did (as their last responder).
        const read = alreadyRead
          ? { mind: receiverMind, changes }
          : readAddressee({
              runtime,
              state: { ...state, minds, changes },
              observerId: responder,
              addressee: a,
              names,
              mind: receiverMind,
            });
        changes = read.changes;
        minds[key] = saveMind(read.mind);
        if ("experiments" in read) {
          // Its own earlier plan for this person (from beyond the history window) is judged now.
          for (const x of read.experiments) if (!experiments.some((e) => e.id === x.id)) experiments.push(x);
          const learned = learnFromOutcomes({ runtime, team, outcomes: read.outcomes, at });
          outcomes.push(...read.outcomes, ...learned.handoffs);
          for (const key of learned.dirty) dirty.add(key);
        }
      }
      const planned = planFor({ state: { ...state, minds }, agentId: responder });
      plans = planned.plans;
      minds = { ...minds, ...planned.minds };
    }

    // Every agent sees who took the turn: the responder's load rises on the team's board.
    runtime.loads.assign({ workspaceId: state.workspaceId, agentId: responder, turnId: state.replyId, at });
    const event: TeamStreamEvent = {
      type: "route",
      replyId: state.replyId,
      agentId: responder,
      reason: decision.reason,
      ...(handoff ? { handoffFrom: handoff.fromAgentId } : {}),
    };
    config?.writer?.(event);
    return new Command({
      goto,
      update: {
        activeAgentId: responder,
        routeDecision: decision,
        ...(handoff ? { handoff } : {}),
        plans,
        minds,
        plannedMinds: {},
        changes,
        experiments,
        outcomes,
        ...savePeers(runtime, team, state, dirty),
        timings: { ...state.timings, route: since(start) },
      },
    });
  };
}

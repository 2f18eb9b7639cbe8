import type { Mind } from "@attune/mind";
import { DimensionSchema } from "@attune/model";
import type { TeamModels } from "../peer-model.js";
import { routingKeys } from "../routing.js";
import type { Addressee, TeamOutcome, TeamState } from "../team-state.js";
import type { AgentOutcomeKind } from "../types.js";
import { attributeText } from "./attribution.js";
import { lastReplyTo } from "./perceive.js";
import { reflectionKey } from "./reflect.js";
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

/** A reaction at or above this reads as the answer accepted; at or below `CORRECTED_AT`, as corrected. */
export const ACCEPTED_AT = 0.3;
export const CORRECTED_AT = -0.45;

/** What reading one person's messages into one agent's mind produced. */
export interface ReadResult {
  mind: Mind;
  changes: TeamState["changes"];
  experiments: TeamState["experiments"];
  outcomes: TeamOutcome[];
}

/**
 * Folds into `observerId`'s mind of one addressee, in order: reflection results waiting for that mind,
 * corrections the person queued through the API (their word outranks inference), then their messages
 * since the last reply — each reduced to the person's own words (quotes and relayed text marked, see
 * `attributeText`). A message that settles the agent's previous plan yields an experiment and, when
 * the reaction is clear, an outcome for that agent.
 */
export function readAddressee(options: {
  runtime: TeamRuntime;
  state: Pick<TeamState, "workspaceId" | "minds" | "corrections" | "changes">;
  observerId: string;
  addressee: Addressee;
  /** Member names, for spotting relayed text. */
  names: readonly string[];
  /** The mind to read into. @default the state's mind of the addressee, or a new one */
  mind?: Mind;
  /** When the message this agent last answered for the person was sent (see `lastReplyTo`). */
  answeredAt?: string;
}): ReadResult {
  const { runtime, state, observerId, addressee } = options;
  const key = mindKey(observerId, addressee.id);
  const mind = options.mind ?? loadMind(state, observerId, addressee.id);
  let changes = state.changes;
  const experiments: TeamState["experiments"] = [];
  const outcomes: TeamOutcome[] = [];

  // Slow-path results first: they tilt the newest state, then today's message has the last word.
  const pending = runtime.options.reflection?.takePending(reflectionKey(state.workspaceId, observerId, addressee.id));
  for (const result of pending ?? []) {
    const merged = mind.mergeHypotheses({
      hypotheses: result.hypotheses,
      messageId: result.messageId,
      weight: result.weight,
      at: result.at,
    });
    changes = addChange(changes, key, qualifyObservation(merged, observerId));
  }

  const applied: string[] = [];
  const firstMessage = addressee.messages[0];
  for (const c of state.corrections[key] ?? []) {
    const dimension = DimensionSchema.safeParse(c.dimension);
    if (dimension.success && firstMessage) {
      const corrected = mind.correct({
        dimension: dimension.data,
        key: c.key,
        value: c.value,
        messageId: firstMessage.id,
        text: c.text,
        at: c.at,
      });
      changes = addChange(changes, key, qualifyObservation(corrected, observerId));
    }
    applied.push(c.raw);
  }
  if (applied.length > 0) changes = addChange(changes, key, { evidence: [], beliefs: [] }, applied);

  const others = options.names.filter((n) => n !== addressee.name);
  for (const m of addressee.messages) {
    const own = attributeText({ text: m.text, names: others }).text;
    const observation = mind.observe({ messageId: m.id, speakerId: addressee.id, text: own, at: m.createdAt });
    changes = addChange(changes, key, qualifyObservation(observation, observerId));
    const x = observation.experiment;
    if (x && x.observed !== null) {
      if (x.topic) {
        experiments.push({
          id: `x-${m.id}`,
          subjectId: addressee.id,
          topic: x.topic,
          context: x.context,
          arms: x.arms,
          // Predictions are satisfaction on −1..1; keep stored experiments within it whatever the engine sends.
          predicted: Math.max(-1, Math.min(1, x.predicted)),
          observed: x.observed,
          at: x.at,
        });
      }
      const kind: AgentOutcomeKind | undefined =
        x.observed >= ACCEPTED_AT ? "accepted" : x.observed <= CORRECTED_AT ? "corrected" : undefined;
      if (kind) {
        const intent = x.context.split("|")[0];
        outcomes.push({
          agentId: observerId,
          personId: addressee.id,
          kind,
          observed: x.observed,
          // The keys routeTurn looks estimates up under (topic, intent, topic × intent); the judged
          // plan's depth and flags are not kept past its turn, so those keys are not learned here.
          keys: routingKeys({ topics: x.topic ? [x.topic] : [], ...(intent ? { intent } : {}) }),
          ...(options.answeredAt ? { answeredAt: options.answeredAt } : {}),
        });
      }
    }
  }
  return { mind, changes, experiments, outcomes };
}

/** Names of the team's agents and of the people in the turn, for spotting relayed text. */
export function memberNames(runtime: TeamRuntime, state: Pick<TeamState, "history" | "addressees">): string[] {
  return [
    ...new Set([
      ...[...runtime.agents.values()].map((a) => a.name),
      ...state.history.filter((h) => h.authorKind === "person").map((h) => h.authorName),
      ...state.addressees.map((a) => a.name),
    ]),
  ];
}

/**
 * Every agent's model of a judged agent learns from its outcome (the router's own self-model too).
 * An answer given right after a handoff also judges the handoff: the receiver recorded the packet's
 * beliefs (source "handoff") at the time of the message it then answered. A packet that carried no
 * beliefs leaves no trace, and its handoff goes unjudged. Returns the handoff outcomes and the models
 * it changed (keys of `peers`).
 */
export function learnFromOutcomes(options: {
  runtime: TeamRuntime;
  team: TeamModels;
  outcomes: readonly TeamOutcome[];
  at: string;
}): { handoffs: TeamOutcome[]; dirty: string[] } {
  const { runtime, team, at } = options;
  const dirty: string[] = [];
  const handoffs: TeamOutcome[] = [];
  const learn = (outcome: TeamOutcome) => {
    for (const observerId of runtime.agents.keys()) {
      if (observerId === outcome.agentId && observerId !== runtime.routerId) continue;
      team.get(observerId, outcome.agentId).recordOutcome({ kind: outcome.kind, topic: outcome.keys, at });
      dirty.push(mindKey(observerId, outcome.agentId));
    }
  };
  for (const outcome of options.outcomes) {
    learn(outcome);
    for (const senderId of runtime.agents.keys()) {
      if (!outcome.answeredAt || senderId === outcome.agentId || !team.has(outcome.agentId, senderId)) continue;
      const handedOver = team
        .get(outcome.agentId, senderId)
        .beliefsAbout(outcome.personId)
        .some((b) => b.source === "handoff" && b.at === outcome.answeredAt);
      if (!handedOver) continue;
      const handoff: TeamOutcome = {
        ...outcome,
        agentId: senderId,
        kind: outcome.kind === "accepted" ? "handoff-succeeded" : "handoff-failed",
      };
      learn(handoff);
      handoffs.push(handoff);
    }
  }
  return { handoffs, dirty };
}

/**
 * updateMinds: the agent the person was talking to reads everyone waiting for an answer (and each
 * person's previous responder reads them too, so its last plan is judged). Agent speech is never
 * read as anyone's evidence. Clear reactions become outcomes: every other agent's model of the
 * judged agent (and the router's) learns its reliability from them.
 */
export function createUpdateMindsNode(runtime: TeamRuntime) {
  const agentIds = new Set(runtime.agents.keys());
  return function updateMinds(state: TeamState): Partial<TeamState> {
    const start = performance.now();
    const active = state.activeAgentId ?? runtime.routerId;
    const names = memberNames(runtime, state);
    const minds = { ...state.minds };
    let changes = state.changes;
    const experiments = [...state.experiments];
    const outcomes = [...state.outcomes];
    for (const addressee of state.addressees) {
      const previous = lastReplyTo({ history: state.history, personId: addressee.id, agentIds });
      for (const observerId of new Set([...(previous ? [previous.agentId] : []), active])) {
        const read = readAddressee({
          runtime,
          state: { ...state, minds, changes },
          observerId,
          addressee,
          names,
          ...(previous?.agentId === observerId ? { answeredAt: previous.answeredAt } : {}),
        });
        minds[mindKey(observerId, addressee.id)] = saveMind(read.mind);
        changes = read.changes;
        for (const x of read.experiments) if (!experiments.some((e) => e.id === x.id)) experiments.push(x);
        outcomes.push(...read.outcomes);
      }
    }
    const fresh = outcomes.slice(state.outcomes.length);
    let peerUpdate: Partial<TeamState> = {};
    if (fresh.length > 0) {
      const team = loadPeers(runtime, state);
      const learned = learnFromOutcomes({ runtime, team, outcomes: fresh, at: state.message.createdAt });
      outcomes.push(...learned.handoffs);
      peerUpdate = savePeers(runtime, team, state, learned.dirty);
    }
    return {
      minds,
      changes,
      experiments,
      outcomes,
      ...peerUpdate,
      timings: { ...state.timings, updateMinds: since(start) },
    };
  };
}

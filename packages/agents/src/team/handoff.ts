import type { Mind, Observation } from "@attune/mind";
import { AttuneError, type Belief, type Dimension } from "@attune/model";
import { ToolMessage } from "@langchain/core/messages";
import { tool } from "@langchain/core/tools";
import { Command } from "@langchain/langgraph";
import { z } from "zod";
import type { PeerModel, TeamModels } from "./peer-model.js";
import {
  type AgentProfile,
  type BeliefSlice,
  type HandoffPacket,
  HandoffPacketSchema,
  type SecondOrderBelief,
} from "./types.js";

/** What part of the sender's model travels, beyond the defaults. */
export interface HandoffRelevance {
  /** Topic slugs of the turn: only knowledge on these travels (all knowledge when omitted). */
  topics?: readonly string[];
  /** Extra beliefs to include whatever their rank, as `dimension:key` or a bare key. */
  keys?: readonly string[];
  /** Dimensions to carry. @default all five */
  dimensions?: readonly Dimension[];
}

/** Packet size cap (the schema allows 50). */
const DEFAULT_MAX_BELIEFS = 24;
/** Beliefs the sender barely holds are noise to the receiver. */
const MIN_CONFIDENCE = 0.05;
/** A state counts as current when the sender thinks it more likely present than not. */
const STATE_ON = 0.4;

const isBelief = (b: Belief | BeliefSlice): b is Belief => "distribution" in b;
const toSlice = (b: Belief | BeliefSlice): BeliefSlice => ({
  dimension: b.dimension,
  key: b.key,
  mean: Math.max(0, Math.min(1, b.mean)),
  confidence: Math.max(0, Math.min(1, b.confidence)),
});

/**
 * Picks what the receiver needs from the sender's beliefs about a person, in priority order: explicit
 * directives, the current intent (top two), active states, knowledge on the turn's topics, then
 * preferences by confidence; capped at `max`. Everything else (stale topics, faint beliefs) stays with
 * the sender: a handoff shares context for the turn, not the whole model.
 */
export function selectRelevantBeliefs(options: {
  beliefs: readonly (Belief | BeliefSlice)[];
  relevant?: HandoffRelevance;
  /** @default 24 */
  max?: number;
}): BeliefSlice[] {
  const max = Math.min(50, options.max ?? DEFAULT_MAX_BELIEFS);
  const relevant = options.relevant ?? {};
  const dimensions = new Set<Dimension>(
    relevant.dimensions ?? ["directive", "intent", "state", "knowledge", "preference"],
  );
  const topics = relevant.topics ? new Set(relevant.topics) : undefined;
  const forced = new Set(relevant.keys ?? []);
  // Wire beliefs for one key can appear more than once (versions); the last one given wins.
  const latest = new Map<string, BeliefSlice>();
  for (const b of options.beliefs) {
    if (isBelief(b) && b.validTo !== null) continue;
    latest.set(`${b.dimension}:${b.key}`, toSlice(b));
  }
  const all = [...latest.values()].filter((b) => dimensions.has(b.dimension));
  const isForced = (b: BeliefSlice) => forced.has(`${b.dimension}:${b.key}`) || forced.has(b.key);
  const byConfidence = (a: BeliefSlice, b: BeliefSlice) => b.confidence - a.confidence || a.key.localeCompare(b.key);
  const byMean = (a: BeliefSlice, b: BeliefSlice) => b.mean - a.mean || a.key.localeCompare(b.key);
  const pick = (dimension: Dimension) => all.filter((b) => b.dimension === dimension && !isForced(b));
  const ordered = [
    ...all.filter(isForced),
    ...pick("directive")
      .filter((b) => b.mean >= 0.5)
      .sort(byMean),
    ...pick("intent").sort(byMean).slice(0, 2),
    ...pick("state")
      .filter((b) => b.mean >= STATE_ON)
      .sort(byMean),
    ...pick("knowledge")
      .filter((b) => (topics ? topics.has(b.key) : true) && b.confidence >= MIN_CONFIDENCE)
      .sort(byConfidence),
    ...pick("preference")
      .filter((b) => b.confidence >= MIN_CONFIDENCE)
      .sort(byConfidence),
  ];
  return ordered.slice(0, max);
}

/**
 * Builds a handoff packet: the relevant part of the sender's model of the person
 * (`selectRelevantBeliefs`), stamped with the receiver's current trust in the sender.
 *
 * @example
 * const packet = makeHandoffPacket({
 *   sender: tutor, receiverModelOfSender: models.get("reviewer", "tutor"), personId: "ada",
 *   senderBeliefs: tutorMindOfAda.beliefs(), reason: "wants their LoRA config reviewed",
 *   at: "2025-01-01T10:00:00Z", relevant: { topics: ["fine-tuning"] },
 * });
 */
export function makeHandoffPacket(options: {
  sender: AgentProfile;
  /** The receiver's model of the sender: its observer is the receiver. */
  receiverModelOfSender: PeerModel;
  personId: string;
  senderBeliefs: readonly (Belief | BeliefSlice)[];
  reason: string;
  at: string;
  relevant?: HandoffRelevance;
  /** @default 24 */
  max?: number;
}): HandoffPacket {
  const model = options.receiverModelOfSender;
  if (model.subjectId !== options.sender.id) {
    throw new AttuneError({
      code: "invalid-payload",
      message: `receiverModelOfSender models ${model.subjectId}, not the sender ${options.sender.id}`,
    });
  }
  const packet = HandoffPacketSchema.safeParse({
    fromAgentId: options.sender.id,
    toAgentId: model.observerId,
    personId: options.personId,
    reason: options.reason.slice(0, 500),
    beliefs: selectRelevantBeliefs({
      beliefs: options.senderBeliefs,
      ...(options.relevant ? { relevant: options.relevant } : {}),
      ...(options.max !== undefined ? { max: options.max } : {}),
    }),
    trust: model.trust(),
    at: options.at,
  });
  if (!packet.success) {
    throw new AttuneError({ code: "invalid-payload", message: "invalid handoff packet", details: packet.error.issues });
  }
  return packet.data;
}

export interface AppliedHandoff {
  /** What the receiver's mind took in (one evidence record per merged belief). */
  observation: Observation;
  /** The second-order beliefs recorded: the receiver believes the sender believes … */
  secondOrder: SecondOrderBelief[];
  /** Trust actually used: the lower of the packet's and the receiver's current trust in the sender. */
  trust: number;
  /** Observations' worth of the most confident belief after the trust discount. */
  weight: number;
}

/**
 * Merges a handoff into the receiver: the sender's beliefs become weighted evidence in the receiver's
 * mind of the person (`mind.mergeHypotheses`, each belief worth at most `weight × trust` observations,
 * less when the sender was unsure or the belief is near 0.5), and the receiver records them as the
 * sender's beliefs (second-order, source `handoff`). Trust is the lower of the packet's stamp and the
 * receiver's own current trust, so a packet cannot vouch for itself.
 *
 * @example
 * applyHandoff({ receiverMind: reviewerMindOfAda, receiverModels: models, packet, messageId: "m42" });
 */
export function applyHandoff(options: {
  receiverMind: Mind;
  receiverModels: TeamModels;
  packet: HandoffPacket;
  messageId: string;
  /** Observations' worth of a fully trusted, fully confident belief. @default 2 */
  weight?: number;
}): AppliedHandoff {
  const parsed = HandoffPacketSchema.safeParse(options.packet);
  if (!parsed.success) {
    throw new AttuneError({ code: "invalid-payload", message: "invalid handoff packet", details: parsed.error.issues });
  }
  const packet = parsed.data;
  const mind = options.receiverMind;
  if (mind.subjectId !== packet.personId) {
    throw new AttuneError({
      code: "invalid-payload",
      message: `handoff is about ${packet.personId}, but the receiver's mind is of ${mind.subjectId}`,
    });
  }
  if (mind.observerId !== packet.toAgentId) {
    throw new AttuneError({
      code: "invalid-payload",
      message: `handoff is addressed to ${packet.toAgentId}, but the mind is held by ${mind.observerId}`,
    });
  }
  const modelOfSender = options.receiverModels.get(packet.toAgentId, packet.fromAgentId);
  const trust = Math.min(packet.trust, modelOfSender.trust());
  const weight = (options.weight ?? 2) * trust;
  const observation = mind.mergeHypotheses({
    hypotheses: packet.beliefs.map((b) => ({
      dimension: b.dimension,
      key: b.key,
      value: b.mean,
      confidence: b.confidence,
      rationale: `handoff from ${packet.fromAgentId} (trust ${trust.toFixed(2)}): ${packet.reason}`,
    })),
    weight,
    messageId: options.messageId,
    at: packet.at,
  });
  const secondOrder = modelOfSender.recordBeliefsAbout({
    personId: packet.personId,
    beliefs: packet.beliefs,
    source: "handoff",
    at: packet.at,
  });
  return { observation, secondOrder, trust, weight };
}

/** What the handoff tool needs from the graph state at call time. */
export interface HandoffContext {
  personId: string;
  /** The sender's current beliefs about the person. */
  beliefs: readonly (Belief | BeliefSlice)[];
  /** Time of the handoff (the graph's turn time; the tool never reads the clock). */
  at: string;
  relevant?: HandoffRelevance;
}

export interface CreateHandoffToolOptions<State> {
  from: AgentProfile;
  /** Agents the sender may hand off to (the tool's `to` argument is an enum of their ids). */
  to: readonly AgentProfile[];
  /** Peer models: the receiver's model of the sender gives the packet's trust. */
  models: TeamModels;
  /** Reads the person, the sender's beliefs and the time from the graph state the ToolNode was given. */
  context: (state: State) => HandoffContext | Promise<HandoffContext>;
  /** Node the Command goes to, or a function of the receiving agent's id. @default "respond" */
  goto?: string | ((agentId: string) => string);
  /** Set when the ToolNode runs inside a subgraph and the receiving node is in the parent graph. @default false */
  parent?: boolean;
  /** @default "handoff" */
  name?: string;
}

/**
 * A LangChain tool an agent's model calls to hand the conversation to a teammate. It returns a LangGraph
 * `Command` (which `ToolNode` passes through) that moves to the receiving node (`goto`) and updates the
 * state with `activeAgentId`, the `handoff` packet, and the ToolMessage answering the call.
 *
 * @example
 * const handoff = createHandoffTool({ from: tutor, to: [reviewer], models, context: (s) => ({ personId: s.person.id, beliefs: s.beliefs, at: s.message.createdAt }) });
 * const graph = new StateGraph(State).addNode("tools", new ToolNode([handoff]), { ends: ["respond"] });
 */
export function createHandoffTool<State = unknown>(options: CreateHandoffToolOptions<State>) {
  const targets = options.to.filter((a) => a.id !== options.from.id);
  const ids = targets.map((a) => a.id);
  if (ids.length === 0) {
    throw new AttuneError({ code: "config-invalid", message: `${options.from.id} has nobody to hand off to` });
  }
  const goto = options.goto ?? "respond";
  const name = options.name ?? "handoff";
  const roster = targets.map((a) => `${a.id} (${a.name}: ${a.role})`).join("; ");
  return tool(
    async (input, runtime) => {
      const receiver = targets.find((a) => a.id === input.to) as AgentProfile;
      const ctx = await options.context((runtime as { state: State }).state);
      const packet = makeHandoffPacket({
        sender: options.from,
        receiverModelOfSender: options.models.get(receiver.id, options.from.id),
        personId: ctx.personId,
        senderBeliefs: ctx.beliefs,
        reason: input.reason,
        at: ctx.at,
        ...(ctx.relevant ? { relevant: ctx.relevant } : {}),
      });
      const toolCallId = (runtime as { toolCallId?: string }).toolCallId ?? "";
      return new Command({
        goto: typeof goto === "function" ? goto(receiver.id) : goto,
        ...(options.parent ? { graph: Command.PARENT } : {}),
        update: {
          activeAgentId: receiver.id,
          handoff: packet,
          messages: [
            new ToolMessage({
              content: `Handed off to ${receiver.name}: ${input.reason}`,
              name,
              tool_call_id: toolCallId,
            }),
          ],
        },
      });
    },
    {
      name,
      description: `Hand this conversation to a teammate better placed to answer. Teammates: ${roster}.`,
      schema: z.object({
        to: z.enum(ids as [string, ...string[]]).describe("id of the teammate to hand off to"),
        reason: z.string().min(1).max(500).describe("one line: why they should take over"),
      }),
    },
  );
}

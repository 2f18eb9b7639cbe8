import { BeliefSchema, ChannelKindSchema, EvidenceSchema, PlanSchema, QueuedCorrectionSchema } from "@attune/model";
import { StateSchema } from "@langchain/langgraph";
import { z } from "zod";
import { AgentOutcomeKindSchema, HandoffPacketSchema } from "./types.js";

const MessageRefSchema = z.object({ id: z.string(), text: z.string(), createdAt: z.string() });

/** One message of the channel's recent history, with who wrote it. */
export const TeamHistoryEntrySchema = z.object({
  id: z.string(),
  authorId: z.string(),
  authorKind: z.enum(["person", "agent"]),
  authorName: z.string(),
  text: z.string(),
  createdAt: z.string(),
  /** For agent replies: the message answered. */
  replyTo: z.string().optional(),
});
export type TeamHistoryEntry = z.infer<typeof TeamHistoryEntrySchema>;

/** A person this reply answers, with their messages since the last agent reply (oldest first). */
export const AddresseeSchema = z.object({
  id: z.string(),
  name: z.string(),
  messages: z.array(MessageRefSchema),
});
export type Addressee = z.infer<typeof AddresseeSchema>;

/** What one mind produced this turn, to be written with the reply. */
export const MindChangeSchema = z.object({
  evidence: z.array(EvidenceSchema).default([]),
  beliefs: z.array(BeliefSchema).default([]),
  appliedCorrections: z.array(z.string()).default([]),
});
export type MindChange = z.infer<typeof MindChangeSchema>;

/** A previous plan's outcome read from a person's message (cross-person strategy learning). */
export const TeamExperimentSchema = z.object({
  id: z.string(),
  subjectId: z.string(),
  topic: z.string(),
  context: z.string(),
  arms: z.string(),
  predicted: z.number(),
  observed: z.number(),
  at: z.string(),
});

/** An agent's answer judged by the person's next message. */
export const TeamOutcomeSchema = z.object({
  agentId: z.string(),
  personId: z.string(),
  kind: AgentOutcomeKindSchema,
  /** The reaction the mind read, −1..1. */
  observed: z.number(),
  /** Topics and context keys the judged answer was about (what the peers learn under). */
  keys: z.array(z.string()),
  /** When the message the judged answer replied to was sent, when it is in the history window. */
  answeredAt: z.string().optional(),
});
export type TeamOutcome = z.infer<typeof TeamOutcomeSchema>;

/** A routing decision with every candidate's score (see `RouteDecision`). */
export const RouteDecisionSchema = z.object({
  agentId: z.string(),
  reason: z.string(),
  candidates: z.array(z.object({ agentId: z.string(), score: z.number(), parts: z.record(z.string(), z.number()) })),
});

/**
 * The state of one team turn as it moves through perceive → updateMinds → plan → route → respond →
 * persist → reflect. Minds travel as the engine's JSON text so the state stays checkpointable.
 * Keys of `minds`, `peers`, `corrections` and `changes` are `observerId~subjectId`, the graph's Mind id.
 */
export const TeamStateSchema = z.object({
  workspaceId: z.string(),
  channelId: z.string(),
  /** A team channel lets one reply answer everyone waiting; a direct one answers only `person`. */
  channelKind: ChannelKindSchema.default("team"),
  /** The author of the message that started the turn. */
  person: z.object({ id: z.string(), name: z.string() }),
  /** The message that started the turn, already stored. */
  message: MessageRefSchema,
  /** The id the reply will be stored under (chosen up front so clients can follow its deltas). */
  replyId: z.string(),
  /** An agent the person asked for (a mention): routing honours it. */
  requestedAgentId: z.string().optional(),

  history: z.array(TeamHistoryEntrySchema).default([]),
  /** People this reply answers: `person` and, in a team channel, whoever else is waiting. */
  addressees: z.array(AddresseeSchema).default([]),
  /** Agents' minds of people (Mind JSON text). */
  minds: z.record(z.string(), z.string()).default({}),
  /** Agents' models of agents (PeerModel JSON text), persisted as the agent→agent mind. */
  peers: z.record(z.string(), z.string()).default({}),
  /** Minds planned this turn but not yet committed (the planner's, until routing confirms it answers). */
  plannedMinds: z.record(z.string(), z.string()).default({}),
  /** Corrections people queued through the API, per mind, applied before their next message is read. */
  corrections: z.record(z.string(), z.array(QueuedCorrectionSchema)).default({}),
  changes: z.record(z.string(), MindChangeSchema).default({}),
  /** Peer models changed this turn (keys of `peers`). */
  changedPeers: z.array(z.string()).default([]),
  experiments: z.array(TeamExperimentSchema).default([]),
  outcomes: z.array(TeamOutcomeSchema).default([]),

  /**
   * The agent holding the conversation: before routing, the one the person was talking to (it reads
   * the turn and plans first); after routing, the one that answers.
   */
  activeAgentId: z.string().optional(),
  /** Whose minds `plans` come from. */
  plannerId: z.string().optional(),
  /** The plan for each addressee, by person id. */
  plans: z.record(z.string(), PlanSchema).default({}),
  /** The turn's topic slugs, most salient first. */
  topics: z.array(z.string()).default([]),
  /** The person's intent, when the planner's mind is reasonably sure of it. */
  intent: z.string().optional(),
  routeDecision: RouteDecisionSchema.optional(),
  /** Set when the turn moved from one agent to another: what the sender's model of the person carried. */
  handoff: HandoffPacketSchema.optional(),

  replyText: z.string().optional(),
  replyAt: z.string().optional(),
  /** Minds handed to the reflection scheduler this turn. */
  reflections: z.array(z.string()).default([]),
  /** Milliseconds spent per node, for the overhead benchmark. */
  timings: z.record(z.string(), z.number()).default({}),
});
export type TeamState = z.infer<typeof TeamStateSchema>;

/**
 * The same state as LangGraph's `StateSchema` (one zod schema per channel). Graphs should be built on
 * this rather than on the `z.object`: LangGraph then validates each update with that field's schema,
 * instead of deriving a partial object schema per update, which zod compiles anew every time (it
 * cost more per turn than all the nodes together).
 *
 * @example
 * const graph = new StateGraph(TeamGraphState).addNode("perceive", nodes.perceive);
 */
export const TeamGraphState = new StateSchema(TeamStateSchema.shape);
export type TeamInput = z.input<typeof TeamStateSchema>;

/** Custom stream events the graph writes (read with `streamMode: "custom"`). */
export type TeamStreamEvent =
  | { type: "reply-delta"; replyId: string; agentId: string; delta: string }
  | { type: "route"; replyId: string; agentId: string; reason: string; handoffFrom?: string };

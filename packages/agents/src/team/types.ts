import { DimensionSchema } from "@attune/model";
import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import { z } from "zod";

/**
 * The serializable part of an agent: what other agents and the router know about it before any
 * outcome is observed. Declared skills are priors, not facts: peers learn real skill from outcomes.
 */
export const AgentProfileSchema = z.object({
  id: z.string().min(1).max(200),
  name: z.string().min(1).max(200),
  /** One line: what the agent is for ("reviews code for correctness"). */
  role: z.string().min(1).max(500),
  /** Topic slugs or skill names the agent claims (e.g. `lora`, `code-review`). */
  skills: z.array(z.string().min(1).max(200)).max(100).default([]),
});
export type AgentProfile = z.infer<typeof AgentProfileSchema>;
export type AgentProfileInput = z.input<typeof AgentProfileSchema>;

/** An agent on a team: its profile plus the chat model that writes its replies. */
export interface AgentSpec extends AgentProfileInput {
  model: BaseChatModel;
  /** Extra system-prompt lines for this agent (its voice, its limits). */
  instructions?: string;
}

/** One belief as it travels between agents: a value and how sure the holder is. */
export const BeliefSliceSchema = z.object({
  dimension: DimensionSchema,
  key: z.string().min(1).max(200),
  /** The holder's mean, 0..1. */
  mean: z.number().min(0).max(1),
  /** The holder's confidence, 0..1. */
  confidence: z.number().min(0).max(1),
});
export type BeliefSlice = z.infer<typeof BeliefSliceSchema>;

/**
 * A second-order belief: `observerId` believes `holderId` believes this about `subjectId`
 * ("the tutor believes the reviewer thinks Ada is a LoRA expert").
 */
export const SecondOrderBeliefSchema = BeliefSliceSchema.extend({
  observerId: z.string().min(1),
  holderId: z.string().min(1),
  subjectId: z.string().min(1),
  /** How the observer came to believe it. */
  source: z.enum(["handoff", "observed-reply", "stated"]),
  at: z.string(),
});
export type SecondOrderBelief = z.infer<typeof SecondOrderBeliefSchema>;

/** What an outcome teaches an agent about the agent that produced it. */
export const AgentOutcomeKindSchema = z.enum([
  /** The person accepted the answer (thanks, moved on, used it). */
  "accepted",
  /** The person corrected the agent or said it was wrong. */
  "corrected",
  /** The receiving agent completed a handoff successfully. */
  "handoff-succeeded",
  /** A handoff bounced or the receiver could not help. */
  "handoff-failed",
]);
export type AgentOutcomeKind = z.infer<typeof AgentOutcomeKindSchema>;

/**
 * What a handoff carries: the part of the sender's model of the person that matters for the
 * receiver, already discounted by the receiver's trust in the sender (`trust`, 0..1).
 */
export const HandoffPacketSchema = z.object({
  fromAgentId: z.string().min(1),
  toAgentId: z.string().min(1),
  personId: z.string().min(1),
  /** Why the sender hands off (shown to the receiver's prompt). */
  reason: z.string().max(500),
  /** The sender's beliefs about the person, as the sender holds them. */
  beliefs: z.array(BeliefSliceSchema).max(50),
  /** The receiver's trust in the sender when the packet was made; evidence weight is scaled by it. */
  trust: z.number().min(0).max(1),
  at: z.string(),
});
export type HandoffPacket = z.infer<typeof HandoffPacketSchema>;

/** A routing decision with the score of every candidate, so it can be explained and audited. */
export interface RouteDecision {
  agentId: string;
  /** One line a person can read: why this agent. */
  reason: string;
  candidates: {
    agentId: string;
    score: number;
    /** Each term of the score (skill, reliability, load, plan fit…), for explanations and tests. */
    parts: Record<string, number>;
  }[];
}

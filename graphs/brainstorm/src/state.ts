import { approvalStateShape } from "@attune/agents";
import { z } from "zod";

/** One message of the brainstorm, with who wrote it. */
export const BrainstormMessageSchema = z.object({
  id: z.string(),
  authorId: z.string(),
  authorName: z.string(),
  /** Agent messages are read as context but never yield ideas. */
  authorKind: z.enum(["person", "agent"]),
  text: z.string(),
  createdAt: z.string(),
});
export type BrainstormMessage = z.infer<typeof BrainstormMessageSchema>;

/** One idea, credited to the person whose own words it is. */
export const IdeaSchema = z.object({
  /** `messageId#n`: the n-th idea of that message. */
  id: z.string(),
  messageId: z.string(),
  authorId: z.string(),
  authorName: z.string(),
  text: z.string(),
  /** Normalised content terms (stems), what clustering compares. */
  terms: z.array(z.string()),
  /** Topic slugs of the shared vocabulary the idea names. */
  topics: z.array(z.string()),
});
export type Idea = z.infer<typeof IdeaSchema>;

/** A group of related ideas. */
export const ClusterSchema = z.object({
  /** `c1`, `c2`… in order of each cluster's first idea. */
  id: z.string(),
  /** Its most characteristic words, for people to read. */
  label: z.string(),
  /** The terms that hold it together, most weighty first. */
  terms: z.array(z.string()),
  /** The vocabulary topic most of its ideas name, if any (what knowledge routing asks about). */
  topic: z.string().nullable(),
  ideaIds: z.array(z.string()),
  /** Authors of its ideas, most ideas first, then first to speak. */
  authorIds: z.array(z.string()),
});
export type Cluster = z.infer<typeof ClusterSchema>;

/** Who is asked to take a cluster further, and why. */
export const FollowUpSchema = z.object({
  clusterId: z.string(),
  personId: z.string(),
  name: z.string(),
  /** `elaborate`: develop your own idea; `weigh-in`: bring your knowledge to it. */
  ask: z.enum(["elaborate", "weigh-in"]),
  /** What chose them: their ideas, the agent's mind of them, or the graph's who-can-help. */
  source: z.enum(["authorship", "mind", "who-can-help"]),
  reason: z.string(),
});
export type FollowUp = z.infer<typeof FollowUpSchema>;

/** The state of a brainstorm: collect → extract ideas → cluster → route follow-ups → synthesise. */
export const BrainstormStateSchema = z.object({
  workspaceId: z.string(),
  /** The channel to read the brainstorm from (with a source that reads channels). */
  channelId: z.string().optional(),
  /** Only messages at or after this time are read from the channel. */
  since: z.string().optional(),
  /** What the brainstorm is about. */
  question: z.string().default("the open question"),
  /** The facilitating agent: it writes the synthesis and is never credited with an idea. */
  agent: z.object({ id: z.string(), name: z.string() }).default({ id: "assistant", name: "Attune" }),
  /** Messages given directly; merged with the channel's by id. */
  messages: z.array(BrainstormMessageSchema).default([]),
  ideas: z.array(IdeaSchema).default([]),
  /** Relayed or quoted passages left out because they are nobody's own words here. */
  relayed: z.array(z.object({ messageId: z.string(), text: z.string() })).default([]),
  clusters: z.array(ClusterSchema).default([]),
  followUps: z.array(FollowUpSchema).default([]),
  /** What the people asked (see `consent`) decided about naming their expertise. */
  ...approvalStateShape,
  /** The synthesis: the agent's own words, credited to the agent. */
  synthesis: z.object({ authorId: z.string(), text: z.string(), prompt: z.array(z.string()) }).optional(),
});
export type BrainstormState = z.infer<typeof BrainstormStateSchema>;
export type BrainstormInput = z.input<typeof BrainstormStateSchema>;

/** Custom stream events (read with `streamMode: "custom"`). */
export type BrainstormStreamEvent = { type: "synthesis-delta"; delta: string };

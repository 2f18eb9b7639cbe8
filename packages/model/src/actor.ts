import { z } from "zod";
import { IdSchema } from "./ids.js";

export const ActorKindSchema = z.enum(["person", "agent"]);
export type ActorKind = z.infer<typeof ActorKindSchema>;

/** A person or an agent inside one workspace. */
export const ActorSchema = z.object({
  id: IdSchema,
  workspaceId: IdSchema,
  kind: ActorKindSchema,
  name: z.string().min(1).max(200),
});
export type Actor = z.infer<typeof ActorSchema>;

/** An AI agent: an actor with a role and skills. */
export const AgentSchema = ActorSchema.extend({
  kind: z.literal("agent"),
  role: z.string().max(500).default("assistant"),
  skills: z.array(z.string().max(100)).max(100).default([]),
});
export type Agent = z.infer<typeof AgentSchema>;

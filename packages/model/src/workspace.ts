import { z } from "zod";
import { IdSchema } from "./ids.js";

/** The tenant boundary: nothing crosses workspaces. */
export const WorkspaceSchema = z.object({
  id: IdSchema,
  name: z.string().min(1).max(200),
});
export type Workspace = z.infer<typeof WorkspaceSchema>;

export const TeamSchema = z.object({
  id: IdSchema,
  workspaceId: IdSchema,
  name: z.string().min(1).max(200),
});
export type Team = z.infer<typeof TeamSchema>;

export const ChannelKindSchema = z.enum(["direct", "team"]);
export type ChannelKind = z.infer<typeof ChannelKindSchema>;

/** A conversation thread inside a workspace, where people and agents exchange messages. */
export const ChannelSchema = z.object({
  id: IdSchema,
  workspaceId: IdSchema,
  kind: ChannelKindSchema,
  name: z.string().min(1).max(200),
  teamId: IdSchema.optional(),
});
export type Channel = z.infer<typeof ChannelSchema>;

/** Workspace policy applied by the server. */
export const VisibilitySchema = z.enum(["private", "team", "workspace"]);
export type Visibility = z.infer<typeof VisibilitySchema>;

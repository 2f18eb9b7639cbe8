import { z } from "zod";
import { ActorKindSchema } from "./actor.js";
import { IdSchema, TimestampSchema } from "./ids.js";

/** Longest message text accepted, in UTF-16 code units. Larger bodies are rejected, not truncated. */
export const MAX_MESSAGE_TEXT = 16_000;

export const MessageTextSchema = z
  .string()
  .max(MAX_MESSAGE_TEXT, `messages are at most ${MAX_MESSAGE_TEXT} characters`)
  .refine((text) => text.trim().length > 0, "message text is empty");

export const MessageSchema = z.object({
  id: IdSchema,
  workspaceId: IdSchema,
  channelId: IdSchema,
  authorId: IdSchema,
  authorKind: ActorKindSchema,
  text: z.string().max(MAX_MESSAGE_TEXT * 4),
  createdAt: TimestampSchema,
  /** The id the sending client chose; makes retries idempotent. */
  clientMessageId: IdSchema.optional(),
  /** For agent replies: the message being answered. */
  replyTo: IdSchema.optional(),
});
export type Message = z.infer<typeof MessageSchema>;

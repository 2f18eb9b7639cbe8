import { z } from "zod";
import { BeliefSchema } from "./belief.js";
import { ERROR_CODE_LIST } from "./errors.js";
import { IdSchema } from "./ids.js";
import { MessageTextSchema } from "./message.js";
import { PlanSchema } from "./plan.js";
import { ChannelSchema } from "./workspace.js";

/**
 * Socket.IO events, named noun-verb. Client→server events are acknowledged with an `Ack`;
 * server→client events are plain payloads. Both sides validate with these schemas.
 */
export const EVENTS = {
  messageSend: "message-send",
  messageDelta: "message-delta",
  messageEnd: "message-end",
  messageNew: "message-new",
  messageFail: "message-fail",
  mindUpdate: "mind-update",
  channelCreate: "channel-create",
  channelList: "channel-list",
  sessionReady: "session-ready",
  approvalRequest: "approval-request",
  approvalDecide: "approval-decide",
} as const;

export const ErrorPayloadSchema = z.object({
  code: z.enum(ERROR_CODE_LIST),
  message: z.string(),
  retryable: z.boolean(),
  details: z.unknown().optional(),
});

/** Builds the ack union for a success payload. */
export function ackSchema<T extends z.ZodRawShape>(success: T) {
  return z.discriminatedUnion("ok", [
    z.object({ ok: z.literal(true), ...success }),
    z.object({ ok: z.literal(false), error: ErrorPayloadSchema }),
  ]);
}

export const MessageSendSchema = z.strictObject({
  channelId: IdSchema,
  text: MessageTextSchema,
  clientMessageId: IdSchema,
});
export type MessageSend = z.infer<typeof MessageSendSchema>;
export const MessageSendAckSchema = ackSchema({ messageId: IdSchema, replyId: IdSchema.optional() });
export type MessageSendAck = z.infer<typeof MessageSendAckSchema>;

export const MessageDeltaSchema = z.object({ messageId: IdSchema, delta: z.string() });
export type MessageDelta = z.infer<typeof MessageDeltaSchema>;

export const MessageEndSchema = z.object({
  messageId: IdSchema,
  /** The person's message this reply answers. */
  replyTo: IdSchema,
  channelId: IdSchema,
  authorId: IdSchema,
  text: z.string(),
  plan: PlanSchema,
});
export type MessageEnd = z.infer<typeof MessageEndSchema>;

/** The turn answering `messageId` failed after the message was accepted (the message stays stored). */
export const MessageFailSchema = z.object({
  messageId: IdSchema,
  replyId: IdSchema,
  channelId: IdSchema,
  error: ErrorPayloadSchema,
});
export type MessageFail = z.infer<typeof MessageFailSchema>;

/** A person's message as seen by the other members of the channel. */
export const MessageNewSchema = z.object({
  messageId: IdSchema,
  channelId: IdSchema,
  authorId: IdSchema,
  text: z.string(),
  createdAt: z.string(),
});
export type MessageNew = z.infer<typeof MessageNewSchema>;

export const MindUpdateEventSchema = z.object({
  observerId: IdSchema,
  subjectId: IdSchema,
  beliefs: z.array(BeliefSchema),
});
export type MindUpdateEvent = z.infer<typeof MindUpdateEventSchema>;

export const ChannelCreateSchema = z.strictObject({
  channelId: IdSchema,
  name: z.string().min(1).max(200),
  kind: z.enum(["direct", "team"]).default("team"),
});
export type ChannelCreate = z.input<typeof ChannelCreateSchema>;
export const ChannelCreateAckSchema = ackSchema({ channel: ChannelSchema });
export type ChannelCreateAck = z.infer<typeof ChannelCreateAckSchema>;

export const ChannelListAckSchema = ackSchema({ channels: z.array(ChannelSchema) });
export type ChannelListAck = z.infer<typeof ChannelListAckSchema>;

export const SessionReadySchema = z.object({
  workspaceId: IdSchema,
  personId: IdSchema,
  assistantId: IdSchema,
  channels: z.array(ChannelSchema),
});
export type SessionReady = z.infer<typeof SessionReadySchema>;

/** Who would receive a person's information: another person or an agent. */
/** Who would receive the information: one person, an agent, or everyone in a channel. */
export const ApprovalRecipientSchema = z.strictObject({ kind: z.enum(["person", "agent", "channel"]), id: IdSchema });
export type ApprovalRecipient = z.infer<typeof ApprovalRecipientSchema>;

/**
 * An agent asks `personId` before it shares their information (`what`, verbatim as it would be sent)
 * with `recipient`. The run that asked stays paused until the person decides.
 */
export const ApprovalRequestSchema = z.strictObject({
  personId: IdSchema,
  recipient: ApprovalRecipientSchema,
  what: MessageTextSchema,
  reason: z.string().trim().min(1).max(1000),
});
export type ApprovalRequest = z.infer<typeof ApprovalRequestSchema>;

const approveShape = {
  decision: z.literal("approve"),
  /** The text to share instead of `what`, when the person edited it before approving. */
  text: MessageTextSchema.optional(),
};
const denyShape = { decision: z.literal("deny") };

/** The person's answer to an `ApprovalRequest`; only an approval may carry edited text. */
export const ApprovalDecisionSchema = z.discriminatedUnion("decision", [
  z.strictObject(approveShape),
  z.strictObject(denyShape),
]);
export type ApprovalDecision = z.infer<typeof ApprovalDecisionSchema>;

/**
 * A LangGraph thread id as Attune builds them: `turn/<workspace>/<channel>/<person>` (ids never
 * contain `/`, so the parts are unambiguous).
 */
export const ThreadIdSchema = z
  .string()
  .max(400)
  .regex(/^[a-z]+(\/[A-Za-z0-9][A-Za-z0-9_.:@-]*)+$/, "thread ids are <kind>/<id>/… with Attune ids");

/** LangGraph's id of a pending interrupt (an XXH3 hash, 32 hex digits). */
export const ApprovalIdSchema = z.string().regex(/^[0-9a-f]{32}$/, "approval ids are 32 hex digits");

/** Server → the person whose approval is needed. */
export const ApprovalRequestEventSchema = z.object({
  approvalId: ApprovalIdSchema,
  threadId: ThreadIdSchema,
  request: ApprovalRequestSchema,
});
export type ApprovalRequestEvent = z.infer<typeof ApprovalRequestEventSchema>;

const decideTarget = { approvalId: ApprovalIdSchema, threadId: ThreadIdSchema };
/** Client → server: the person decides; the paused run resumes with the decision. */
export const ApprovalDecideSchema = z.discriminatedUnion("decision", [
  z.strictObject({ ...decideTarget, ...approveShape }),
  z.strictObject({ ...decideTarget, ...denyShape }),
]);
export type ApprovalDecide = z.infer<typeof ApprovalDecideSchema>;
export const ApprovalDecideAckSchema = ackSchema({
  approvalId: ApprovalIdSchema,
  decision: z.enum(["approve", "deny"]),
});
export type ApprovalDecideAck = z.infer<typeof ApprovalDecideAckSchema>;

type Ack<T> = (response: T) => void;

/** Typed Socket.IO maps, shared by `@attune/realtime`'s server and client. */
export interface ClientToServerEvents {
  "message-send": (payload: MessageSend, ack: Ack<MessageSendAck>) => void;
  "channel-create": (payload: ChannelCreate, ack: Ack<ChannelCreateAck>) => void;
  "channel-list": (payload: Record<string, never>, ack: Ack<ChannelListAck>) => void;
  "approval-decide": (payload: ApprovalDecide, ack: Ack<ApprovalDecideAck>) => void;
}

export interface ServerToClientEvents {
  "message-delta": (payload: MessageDelta) => void;
  "message-end": (payload: MessageEnd) => void;
  "message-new": (payload: MessageNew) => void;
  "message-fail": (payload: MessageFail) => void;
  "mind-update": (payload: MindUpdateEvent) => void;
  "session-ready": (payload: SessionReady) => void;
  "approval-request": (payload: ApprovalRequestEvent) => void;
}

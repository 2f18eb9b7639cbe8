export { type Actor, type ActorKind, ActorKindSchema, ActorSchema, type Agent, AgentSchema } from "./actor.js";
export {
  type Belief,
  BeliefSchema,
  type Beta,
  BetaSchema,
  type Dimension,
  DimensionSchema,
  type Evidence,
  EvidenceSchema,
  type MindUpdate,
  MindUpdateSchema,
} from "./belief.js";
export {
  AttuneError,
  type AttuneErrorOptions,
  ERROR_CODE_LIST,
  ERROR_CODES,
  type ErrorCode,
  type ErrorPayload,
  toErrorPayload,
} from "./errors.js";
export {
  ackSchema,
  type ChannelCreate,
  type ChannelCreateAck,
  ChannelCreateAckSchema,
  ChannelCreateSchema,
  type ChannelListAck,
  ChannelListAckSchema,
  type ClientToServerEvents,
  ErrorPayloadSchema,
  EVENTS,
  type MessageDelta,
  MessageDeltaSchema,
  type MessageEnd,
  MessageEndSchema,
  type MessageFail,
  MessageFailSchema,
  type MessageNew,
  MessageNewSchema,
  type MessageSend,
  type MessageSendAck,
  MessageSendAckSchema,
  MessageSendSchema,
  type MindUpdateEvent,
  MindUpdateEventSchema,
  type ServerToClientEvents,
  type SessionReady,
  SessionReadySchema,
} from "./events.js";
export { type Id, IdSchema, type Timestamp, TimestampSchema } from "./ids.js";
export { MAX_MESSAGE_TEXT, type Message, MessageSchema, MessageTextSchema } from "./message.js";
export { type Plan, PlanSchema } from "./plan.js";
export { type TokenClaims, TokenClaimsSchema } from "./token.js";
export {
  type Channel,
  type ChannelKind,
  ChannelKindSchema,
  ChannelSchema,
  type Team,
  TeamSchema,
  type Visibility,
  VisibilitySchema,
  type Workspace,
  WorkspaceSchema,
} from "./workspace.js";

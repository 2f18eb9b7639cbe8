export { type ConfiguredRuntime, openConfiguredRuntime } from "./configured-runtime.js";
export {
  type ApprovalOutcome,
  ApprovalOutcomeSchema,
  approvalResume,
  approvalStateShape,
  createApprovalGate,
  type PendingApproval,
  pendingApprovals,
  requestSharingApproval,
  routeOnApproval,
} from "./durability/approval.js";
export {
  type AttuneCheckpointer,
  type CheckpointerKind,
  type CreateCheckpointerOptions,
  createCheckpointer,
} from "./durability/checkpointer.js";
export { parseTurnThreadId, TURN_THREAD_PREFIX, type TurnThread, turnThreadId } from "./durability/thread-id.js";
export {
  CHAT_PROVIDERS,
  type ChatProvider,
  type CreateChatModelOptions,
  createChatModel,
  disposeLocalModels,
  getUsageMetadata,
  LocalChatModel,
  type LocalChatModelOptions,
  loadLocalModel,
  streamModelText,
} from "./llm/index.js";
export {
  createLlmReflector,
  createReflectionScheduler,
  type FailedReflection,
  type LlmReflector,
  type LlmReflectorOptions,
  type PendingReflection,
  type ReadReflection,
  type ReflectionCall,
  type ReflectionDecision,
  type ReflectionMode,
  type ReflectionRequest,
  type ReflectionScheduler,
  type ReflectionSchedulerOptions,
  type ReflectionStats,
  type ReflectionStatus,
  type ReflectionUsage,
  readReflection,
} from "./reflection/index.js";
export { buildReplyMessages, type PromptTurn, planInstructions } from "./reply-prompt.js";
export { replyTime } from "./reply-time.js";
export {
  buildGroupReplyMessages,
  type GroupAddressee,
  type GroupTurn,
  LENGTH_TOKENS,
  replyOpening,
  replyTokenBudget,
  structurePrimer,
} from "./team/group-prompt.js";
export {
  type AppliedHandoff,
  applyHandoff,
  type CreateHandoffToolOptions,
  createHandoffTool,
  type HandoffContext,
  type HandoffRelevance,
  makeHandoffPacket,
  selectRelevantBeliefs,
} from "./team/handoff.js";
export { createLoadBoard, type LoadBoard, type LoadBoardOptions } from "./team/load-board.js";
export { attributeText, type RelayedText } from "./team/nodes/attribution.js";
export { MemoryTeamStore } from "./team/nodes/memory-team-store.js";
export { reflectionKey, type TeamReflection } from "./team/nodes/reflect.js";
export { mindKey, type TeamNodesOptions, type TeamStore } from "./team/nodes/runtime.js";
export {
  CAPABILITY_WORDS,
  declaredContextMatch,
  declaredTopicMatch,
  type Estimate,
  forgetPersonInState,
  type LoadEstimate,
  normalizeKey,
  PeerModel,
  type PeerModelJSON,
  PeerModelJSONSchema,
  type PeerModelOptions,
  type SkillEstimate,
  TeamModels,
  type TeamModelsJSON,
  TeamModelsJSONSchema,
} from "./team/peer-model.js";
export {
  DEFAULT_ROUTE_WEIGHTS,
  inferTurnTopics,
  type RouteTurnOptions,
  type RouteWeights,
  routeTurn,
  routingKeys,
  turnIntent,
} from "./team/routing.js";
export {
  type CreateTeamGraphOptions,
  type CreateTeamNodesOptions,
  createTeamGraph,
  createTeamNodes,
  type TeamNodes,
} from "./team/team-graph.js";
export {
  type Addressee,
  AddresseeSchema,
  RouteDecisionSchema,
  TeamGraphState,
  type TeamHistoryEntry,
  type TeamInput,
  type TeamOutcome,
  type TeamState,
  TeamStateSchema,
  type TeamStreamEvent,
} from "./team/team-state.js";
export {
  type AgentOutcomeKind,
  AgentOutcomeKindSchema,
  type AgentProfile,
  type AgentProfileInput,
  AgentProfileSchema,
  type AgentSpec,
  type BeliefSlice,
  BeliefSliceSchema,
  type HandoffPacket,
  HandoffPacketSchema,
  type RouteDecision,
  type SecondOrderBelief,
  SecondOrderBeliefSchema,
} from "./team/types.js";

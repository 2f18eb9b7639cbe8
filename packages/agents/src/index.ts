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
export { parseTurnThreadId, type TurnThread, turnThreadId } from "./durability/thread-id.js";
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
} from "./llm/index.js";
export { buildReplyMessages, type PromptTurn, planInstructions } from "./reply-prompt.js";

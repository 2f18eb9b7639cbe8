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

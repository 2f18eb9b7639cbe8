export {
  CHAT_PROVIDERS,
  type ChatProvider,
  type CreateChatModelOptions,
  createChatModel,
  DEFAULT_CHAT_MODELS,
  DEFAULT_FAKE_RESPONSES,
  resolveChatProvider,
} from "./create-chat-model.js";
export {
  defaultLocalThreads,
  disposeLocalModels,
  getUsageMetadata,
  LOCAL_MODEL_FILE,
  type LoadedLocalModel,
  type LoadLocalModelOptions,
  LocalChatModel,
  type LocalChatModelCallOptions,
  type LocalChatModelOptions,
  loadLocalModel,
  resolveLocalModelPath,
} from "./local-chat-model.js";
export { streamModelText } from "./stream-text.js";

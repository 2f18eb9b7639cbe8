export { type AttuneConfig, LLM_PROVIDERS, type LlmProvider, loadConfig } from "./config.js";
export { DEFAULT_MODEL_FILE, resolveModelPath } from "./model-path.js";
export { findRootDir } from "./root-dir.js";
export { resolveSecret } from "./secret.js";

export { type AttuneConfig, DEFAULT_MODEL_FILE, LLM_PROVIDERS, type LlmProvider, loadConfig } from "./config.js";
export { findRootDir } from "./root-dir.js";
export { resolveSecret } from "./secret.js";

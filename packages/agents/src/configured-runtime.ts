import { type AttuneConfig, loadConfig } from "@attune/config";
import { type GraphStore, openGraphStore } from "@attune/graph";
import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import { createChatModel } from "./llm/create-chat-model.js";

/** What a graph entry point wires itself to: the configuration, its Neo4j store and its chat model. */
export interface ConfiguredRuntime {
  config: AttuneConfig;
  store: GraphStore;
  model: BaseChatModel;
}

/**
 * Opens the graph store on the configured Neo4j (`NEO4J_URI`, or the embedded server `pnpm db:start`
 * runs) and the configured chat model (`ATTUNE_LLM`, `ATTUNE_MODEL_PATH`, `ATTUNE_MAX_TOKENS`): what
 * every `langgraph.json` entry point under `graphs/` needs before it builds its graph.
 *
 * @example
 * export async function graph() {
 *   const { store, model } = await openConfiguredRuntime();
 *   return createTutorGraph({ tutor: { ...profile, model }, store: (ws) => store.workspace(ws) }).compile();
 * }
 */
export async function openConfiguredRuntime(
  options: {
    /** @default process.env */
    env?: NodeJS.ProcessEnv;
  } = {},
): Promise<ConfiguredRuntime> {
  const config = loadConfig(options.env ? { env: options.env } : {});
  const store = await openGraphStore({ ...config.neo4j });
  const model = await createChatModel({
    provider: config.llm.provider,
    modelPath: config.llm.modelPath,
    maxTokens: config.llm.maxTokens,
  });
  return { config, store, model };
}

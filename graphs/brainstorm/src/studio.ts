import { createChatModel } from "@attune/agents";
import { loadConfig } from "@attune/config";
import { openGraphStore } from "@attune/graph";
import { createBrainstormGraph, graphStoreBrainstormSource } from "./brainstorm-graph.js";

/**
 * Entry point listed in `langgraph.json`: the brainstorm graph wired to the configured Neo4j
 * (`NEO4J_URI`, or the embedded server `pnpm db:start` runs) and chat model (`ATTUNE_LLM`). A factory,
 * so importing this module connects to nothing.
 */
export async function graph() {
  const config = loadConfig();
  const store = await openGraphStore({ ...config.neo4j });
  const model = await createChatModel({
    provider: config.llm.provider,
    modelPath: config.llm.modelPath,
    maxTokens: config.llm.maxTokens,
  });
  return createBrainstormGraph({
    model,
    source: (workspaceId) => graphStoreBrainstormSource({ store, workspaceId }),
  }).compile();
}

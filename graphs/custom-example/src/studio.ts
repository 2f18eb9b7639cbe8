import { createChatModel } from "@attune/agents";
import { loadConfig } from "@attune/config";
import { openGraphStore } from "@attune/graph";
import { createSupportDeskGraph } from "./custom-graph.js";

/**
 * Entry point listed in `langgraph.json`: the custom support-desk graph wired to the configured Neo4j
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
  return createSupportDeskGraph({
    agent: { id: "desk", name: "Desk", role: "support desk that answers product questions", model },
    store: (workspaceId) => store.workspace(workspaceId),
  }).compile();
}

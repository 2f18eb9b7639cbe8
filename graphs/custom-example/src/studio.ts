import { openConfiguredRuntime } from "@attune/agents";
import { createSupportDeskGraph } from "./custom-graph.js";

/**
 * Entry point listed in `langgraph.json`: the custom support-desk graph wired to the configured Neo4j
 * (`NEO4J_URI`, or the embedded server `pnpm db:start` runs) and chat model (`ATTUNE_LLM`). A factory,
 * so importing this module connects to nothing.
 */
export async function graph() {
  const { store, model } = await openConfiguredRuntime();
  return createSupportDeskGraph({
    agent: { id: "desk", name: "Desk", role: "support desk that answers product questions", model },
    store: (workspaceId) => store.workspace(workspaceId),
  }).compile();
}

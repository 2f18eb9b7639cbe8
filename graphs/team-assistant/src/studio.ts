import { openConfiguredRuntime } from "@attune/agents";
import { createTeamAssistantGraph } from "./team-assistant-graph.js";

/**
 * Entry point listed in `langgraph.json`: the team-assistant graph wired to the configured Neo4j
 * (`NEO4J_URI`, or the embedded server `pnpm db:start` runs) and chat model (`ATTUNE_LLM`). A factory,
 * so importing this module connects to nothing.
 */
export async function graph() {
  const { store, model } = await openConfiguredRuntime();
  return createTeamAssistantGraph({ store: (ws) => store.workspace(ws), model }).compile();
}

import { openConfiguredRuntime } from "@attune/agents";
import { createTeamSyncGraph, graphStoreSyncSource } from "./team-sync-graph.js";

/**
 * Entry point listed in `langgraph.json`: the team-sync graph wired to the configured Neo4j
 * (`NEO4J_URI`, or the embedded server `pnpm db:start` runs) and chat model (`ATTUNE_LLM`). A factory,
 * so importing this module connects to nothing.
 */
export async function graph() {
  const { store, model } = await openConfiguredRuntime();
  return createTeamSyncGraph({
    source: (workspaceId) => graphStoreSyncSource({ store, workspaceId }),
    model,
  }).compile();
}

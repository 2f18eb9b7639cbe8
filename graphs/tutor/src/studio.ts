import { createLlmReflector, createReflectionScheduler, openConfiguredRuntime } from "@attune/agents";
import { createTutorGraph } from "./tutor-graph.js";

/**
 * Entry point listed in `langgraph.json`: the tutor graph wired to the configured Neo4j
 * (`NEO4J_URI`, or the embedded server `pnpm db:start` runs), chat model (`ATTUNE_LLM`) and a
 * reflection scheduler on the same model. A factory, so importing this module connects to nothing.
 */
export async function graph() {
  const { store, model } = await openConfiguredRuntime();
  return createTutorGraph({
    tutor: {
      id: "tutor",
      name: "Tutor",
      role: "patient tutor who adapts every explanation to the learner",
      skills: ["teaching"],
      model,
    },
    store: (workspaceId) => store.workspace(workspaceId),
    reflection: createReflectionScheduler({ reflector: createLlmReflector({ model }) }),
  }).compile();
}

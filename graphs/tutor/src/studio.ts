import { createChatModel, createLlmReflector, createReflectionScheduler } from "@attune/agents";
import { loadConfig } from "@attune/config";
import { openGraphStore } from "@attune/graph";
import { createTutorGraph } from "./tutor-graph.js";

/**
 * Entry point listed in `langgraph.json`: the tutor graph wired to the configured Neo4j
 * (`NEO4J_URI`, or the embedded server `pnpm db:start` runs), chat model (`ATTUNE_LLM`) and a
 * reflection scheduler on the same model. A factory, so importing this module connects to nothing.
 */
export async function graph() {
  const config = loadConfig();
  const store = await openGraphStore({ ...config.neo4j });
  const model = await createChatModel({
    provider: config.llm.provider,
    modelPath: config.llm.modelPath,
    maxTokens: config.llm.maxTokens,
  });
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

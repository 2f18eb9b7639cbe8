import { AsyncLocalStorageProviderSingleton } from "@langchain/core/singletons";
import { END, getConfig, START, StateGraph, StateSchema } from "@langchain/langgraph";
import { describe, expect, it } from "vitest";
import { z } from "zod";

// patches/@langchain__core@1.4.0.patch: with no LangSmith tracer configured, each runnable's async
// context is a plain object carrying its config instead of a throwaway (non-tracing) RunTree, which
// cost about a millisecond of every team turn. This pins that the patch is applied and that what
// nodes read from the context still works; drop it when @langchain/core stops building those trees.
const tracing = ["LANGSMITH_TRACING", "LANGCHAIN_TRACING_V2", "LANGCHAIN_TRACING"].some(
  (k) => process.env[k] === "true",
);

describe("@langchain/core patch", () => {
  it.skipIf(tracing)("runs nodes with their config in async context and no run tree when tracing is off", async () => {
    const seen: { threadId?: unknown; isRunTree?: boolean } = {};
    const graph = new StateGraph(new StateSchema({ n: z.number().default(0) }))
      .addNode("a", (state: { n: number }) => {
        const store = AsyncLocalStorageProviderSingleton.getInstance().getStore() as Record<string, unknown>;
        seen.isRunTree = typeof store?.createChild === "function";
        seen.threadId = getConfig()?.configurable?.thread_id;
        return { n: state.n + 1 };
      })
      .addEdge(START, "a")
      .addEdge("a", END)
      .compile();
    const out = await graph.invoke({ n: 1 }, { configurable: { thread_id: "t-1" } });
    expect(out.n).toBe(2);
    expect(seen).toEqual({ threadId: "t-1", isRunTree: false });
  });
});

import { approvalResume, createChatModel, disposeLocalModels, loadLocalModel, pendingApprovals } from "@attune/agents";
import { loadConfig } from "@attune/config";
import { createNeo4jRelationshipGraph, type GraphStore } from "@attune/graph";
import { freshWorkspaceId, openTestStore } from "@attune/graph/testing";
import { MemorySaver } from "@langchain/langgraph";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBrainstormGraph, graphStoreBrainstormSource } from "./brainstorm-graph.js";
import { AGENT, EXPECTED_CLUSTERS, EXPECTED_IDEAS, QUESTION, seedBrainstorm } from "./testing/brainstorm-session.js";

describe("brainstorm graph end to end (real Neo4j, real local model)", () => {
  let store: GraphStore;
  const workspaceId = freshWorkspaceId("brainstorm");

  beforeAll(async () => {
    await loadLocalModel({ modelPath: loadConfig().llm.modelPath });
    store = await openTestStore();
    await seedBrainstorm(createNeo4jRelationshipGraph({ connection: store.connection, workspaceId }));
  });

  afterAll(async () => {
    await store?.workspace(workspaceId).dropWorkspace();
    await store?.close();
    await disposeLocalModels();
  });

  it("reads the channel, attributes and clusters ideas, routes follow-ups from the graph and synthesises", async () => {
    const model = await createChatModel({ provider: "local", modelPath: loadConfig().llm.modelPath, maxTokens: 64 });
    const app = createBrainstormGraph({
      model,
      source: (ws) => graphStoreBrainstormSource({ store, workspaceId: ws }),
    }).compile({ checkpointer: new MemorySaver() });
    const config = { configurable: { thread_id: `brainstorm-${workspaceId}` } };
    const started = performance.now();
    await app.invoke({ workspaceId, channelId: "ideas", question: QUESTION, agent: AGENT }, config);
    // The agent's mind of Ben (stored in Neo4j) says he knows infrastructure: he is asked first.
    const pending = await pendingApprovals({ graph: app, config });
    expect(pending.map((p) => p.request)).toMatchObject([
      { personId: "ben", recipient: { kind: "channel", id: "ideas" } },
    ]);
    const deltas: string[] = [];
    let out: Record<string, unknown> = {};
    for await (const [mode, chunk] of await app.stream(approvalResume({ decision: { decision: "approve" } }), {
      ...config,
      streamMode: ["custom", "values"],
    })) {
      if (mode === "custom") deltas.push((chunk as { delta: string }).delta);
      else out = chunk as Record<string, unknown>;
    }
    const result = out as unknown as Awaited<ReturnType<typeof app.invoke>>;
    console.info(
      `[brainstorm.int] ${(performance.now() - started).toFixed(0)} ms, ${deltas.length} deltas: ${result.synthesis?.text}`,
    );
    // The channel came from Neo4j, agent message included (authorKind from the graph).
    expect(result.messages.find((m) => m.authorId === AGENT.id)?.authorKind).toBe("agent");
    expect(result.ideas.map((i) => [i.id, i.authorId, i.text])).toEqual(EXPECTED_IDEAS);
    expect(result.clusters.map((c) => c.ideaIds)).toEqual(EXPECTED_CLUSTERS);
    expect(result.followUps.map((f) => [f.clusterId, f.personId, f.ask, f.source])).toEqual([
      ["c1", "ada", "elaborate", "authorship"],
      ["c2", "ben", "elaborate", "authorship"],
      ["c2", "fin", "weigh-in", "who-can-help"],
      ["c3", "dee", "elaborate", "authorship"],
      ["c3", "ben", "weigh-in", "mind"],
    ]);
    expect(result.synthesis?.authorId).toBe(AGENT.id);
    expect(result.synthesis?.text.trim().length).toBeGreaterThan(0);
    expect(deltas.join("").trim()).toBe(result.synthesis?.text);
  });
});

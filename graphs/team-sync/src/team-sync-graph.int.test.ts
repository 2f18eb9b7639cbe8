import { createChatModel, disposeLocalModels, loadLocalModel } from "@attune/agents";
import { loadConfig } from "@attune/config";
import { createNeo4jRelationshipGraph, type GraphStore } from "@attune/graph";
import { freshWorkspaceId, openTestStore } from "@attune/graph/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTeamSyncGraph, graphStoreSyncSource } from "./team-sync-graph.js";
import { AGENT, EVENTS, EXPECTED_UNSEEN, seedTeam } from "./testing/seed-team.js";

describe("team-sync graph end to end (real Neo4j, real local model)", () => {
  let store: GraphStore;
  const workspaceId = freshWorkspaceId("team-sync");

  beforeAll(async () => {
    const config = loadConfig();
    await loadLocalModel({ modelPath: config.llm.modelPath });
    store = await openTestStore();
    await seedTeam(createNeo4jRelationshipGraph({ connection: store.connection, workspaceId }));
  });

  afterAll(async () => {
    await store?.workspace(workspaceId).dropWorkspace();
    await store?.close();
    await disposeLocalModels();
  });

  it("writes a personal catch-up per member from the graph's team-sync data", async () => {
    const config = loadConfig();
    const model = await createChatModel({ provider: "local", modelPath: config.llm.modelPath, maxTokens: 48 });
    const app = createTeamSyncGraph({
      source: (ws) => graphStoreSyncSource({ store, workspaceId: ws }),
      model,
    }).compile();
    const started = performance.now();
    const { catchUps } = await app.invoke({ workspaceId, teamId: "platform", agent: AGENT });
    for (const c of catchUps) {
      console.info(`[team-sync.int] ${c.memberId} (${c.planSource}, ${c.plan.length}/${c.plan.depth}): ${c.text}`);
    }
    console.info(`[team-sync.int] ${(performance.now() - started).toFixed(0)} ms for ${catchUps.length} members`);

    expect(catchUps.map((c) => c.memberId)).toEqual(["ada", "ben", "cal", "noa"]);
    for (const c of catchUps) {
      const unseen = EXPECTED_UNSEEN[c.memberId] ?? [];
      expect(
        c.eventIds.every((id) => unseen.includes(id)),
        c.memberId,
      ).toBe(true);
      expect(c.eventIds.length + c.omitted, c.memberId).toBe(unseen.length);
      const prompt = c.prompt.join("\n");
      for (const e of EVENTS)
        expect(prompt.includes(e.text), `${c.memberId} / ${e.id}`).toBe(c.eventIds.includes(e.id));
      expect(c.text.trim().length, c.memberId).toBeGreaterThan(0);
    }
    const byId = Object.fromEntries(catchUps.map((c) => [c.memberId, c]));
    // The minds stored in Neo4j shape the plans: the rushed expert's is brief, the newcomer's explained.
    expect(byId.ada).toMatchObject({ planSource: "mind", plan: { length: "brief", depth: "expert" } });
    expect(byId.noa).toMatchObject({ planSource: "mind", plan: { depth: "overview" } });
    expect(byId.ben?.planSource).toBe("default");
    expect(byId.ada?.divergentKeys).toEqual(["cal/knowledge/kubernetes"]);
    expect(byId.cal?.text).toMatch(/up to date/);
  });
});

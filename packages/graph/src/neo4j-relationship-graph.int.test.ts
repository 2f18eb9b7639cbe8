import { afterAll, describe, expect, it } from "vitest";
import { describeRelationshipGraphConformance } from "./conformance/relationship-graph-conformance.js";
import type { GraphStore } from "./graph-store.js";
import { createNeo4jRelationshipGraph } from "./neo4j-relationship-graph.js";
import { freshWorkspaceId, openTestStore } from "./testing/index.js";

let store: GraphStore | undefined;
const open = async () => {
  store ??= await openTestStore();
  return store;
};
afterAll(async () => {
  await store?.close();
});

describeRelationshipGraphConformance("Neo4j", async () => {
  const s = await open();
  const workspaceId = freshWorkspaceId("conformance");
  return {
    graph: createNeo4jRelationshipGraph({ connection: s.connection, workspaceId }),
    cleanup: () => s.workspace(workspaceId).dropWorkspace(),
  };
});

describe("Neo4j relationship graph (beyond the shared suite)", () => {
  it("writes the documented schema: minds, belief versions with CURRENT/HAS_BELIEF, evidence links", async () => {
    const s = await open();
    const ws = freshWorkspaceId("conformance-schema");
    try {
      const graph = createNeo4jRelationshipGraph({ connection: s.connection, workspaceId: ws });
      const at = "2030-01-01T00:00:00.000Z";
      await graph.ensureAgent({ id: "assistant", name: "Attune", at });
      await graph.ensurePerson({ id: "ada", name: "Ada", at });
      await graph.ensureChannel({ id: "general", name: "General", at });
      await graph.addMessage({ id: "q1", channelId: "general", authorId: "ada", text: "hi", createdAt: at });
      const belief = { dimension: "knowledge" as const, key: "go", confidence: 0.5 };
      await graph.recordBeliefs({
        observerId: "assistant",
        subjectId: "ada",
        evidence: [
          {
            id: "q1.e0",
            messageId: "q1",
            speakerId: "ada",
            dimension: "knowledge",
            key: "go",
            signal: "s",
            weight: 1,
            excerpt: "hi",
            observedAt: at,
          },
        ],
        beliefs: [
          { ...belief, id: "b.v1", mean: 0.4, validFrom: at, evidenceIds: ["q1.e0"] },
          { ...belief, id: "b.v2", mean: 0.6, validFrom: "2030-01-01T00:01:00.000Z" },
        ],
      });
      const { records } = await s.connection.query(
        `MATCH (o:Actor:Agent {workspaceId: $ws, id: 'assistant'})-[:HOLDS]->(m:Mind {workspaceId: $ws, id: 'assistant~ada'})-[:ABOUT]->(:Actor:Person {id: 'ada'})
         RETURN COUNT { (m)-[:HAS_BELIEF]->() } AS versions,
                [(m)-[:CURRENT]->(b) | b.id] AS current,
                COUNT { (:Belief {id: 'b.v1'})-[:SUPPORTED_BY]->(:Evidence)-[:FROM]->(:Message {id: 'q1'}) } AS supported,
                COUNT { (:Evidence {workspaceId: $ws, id: 'q1.e0'})-[:SPOKEN_BY]->(:Actor {id: 'ada'}) } AS spoken,
                COUNT { (:Actor {workspaceId: $ws, id: 'ada'})-[:SENT]->(:Message {id: 'q1'})-[:IN]->(:Channel {id: 'general'}) } AS sent,
                COUNT { (:Actor {workspaceId: $ws, id: 'ada'})-[:MEMBER_OF]->(:Workspace {id: $ws}) } AS member`,
        { ws },
      );
      expect(records[0]?.toObject()).toEqual({
        versions: 2,
        current: ["b.v2"],
        supported: 1,
        spoken: 1,
        sent: 1,
        member: 1,
      });
    } finally {
      await s.workspace(ws).dropWorkspace();
    }
  });
});

import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { describeRelationshipGraphConformance } from "./conformance/relationship-graph-conformance.js";
import { createMemoryRelationshipGraph, MemoryGraphData } from "./memory-relationship-graph.js";

// One backing store for every graph of this file: each graph is its own workspace in it, as in Neo4j.
const data = new MemoryGraphData();

describeRelationshipGraphConformance("in-memory", async () => {
  const workspaceId = `memory-${randomUUID()}`;
  return {
    graph: createMemoryRelationshipGraph({ workspaceId, data }),
    cleanup: async () => data.dropWorkspace(workspaceId),
  };
});

describe("in-memory relationship graph (beyond the shared suite)", () => {
  it("answers raw Cypher with forbidden: only Neo4j can run it", async () => {
    const graph = createMemoryRelationshipGraph({ workspaceId: "w1" });
    await expect(
      graph.query({ query: { kind: "cypher", query: "MATCH (n) RETURN n" } as never }),
    ).rejects.toMatchObject({
      code: "forbidden",
    });
  });

  it("rejects a malformed workspace id at construction", () => {
    expect(() => createMemoryRelationshipGraph({ workspaceId: "a b" })).toThrow(
      expect.objectContaining({ code: "invalid-payload" }),
    );
  });

  it("keeps each workspace's data under its own key and drops it whole", async () => {
    const shared = new MemoryGraphData();
    const one = createMemoryRelationshipGraph({ workspaceId: "one", data: shared });
    const two = createMemoryRelationshipGraph({ workspaceId: "two", data: shared });
    await one.ensurePerson({ id: "ada", name: "Ada" });
    await two.ensurePerson({ id: "ada", name: "Ada Two" });
    expect(shared.workspaceIds().sort()).toEqual(["one", "two"]);
    shared.dropWorkspace("one");
    await expect(one.readPersonModel({ personId: "ada" })).rejects.toMatchObject({ code: "not-found" });
    expect((await two.readPersonModel({ personId: "ada" })).person.name).toBe("Ada Two");
  });

  it("hands out copies: mutating a result never changes the store", async () => {
    const graph = createMemoryRelationshipGraph({ workspaceId: "copies" });
    await graph.ensurePerson({ id: "ada", name: "Ada" });
    await graph.recordRelationships({ relationships: [] });
    const first = await graph.query({ query: { kind: "people" } });
    (first.rows[0] as { name: string }).name = "Mallory";
    (first.rows[0] as { teams: string[] }).teams.push("evil");
    expect((await graph.query({ query: { kind: "people" } })).rows).toEqual([
      { id: "ada", name: "Ada", lastSeenAt: null, teams: [] },
    ]);
  });
});

import { randomUUID } from "node:crypto";
import { inject } from "vitest";
import { type GraphStore, openGraphStore } from "../graph-store.js";

declare module "vitest" {
  export interface ProvidedContext {
    neo4j: { uri: string; user: string; password: string };
  }
}

/** Neo4j settings provided by the integration project's global setup (which starts the server). */
export function testNeo4j(): { uri: string; user: string; password: string } {
  return inject("neo4j");
}

/** Opens the real store for a test; each test then uses its own fresh workspace id. */
export async function openTestStore(): Promise<GraphStore> {
  return openGraphStore(testNeo4j());
}

/** A workspace id no other test uses. */
export function freshWorkspaceId(prefix = "test"): string {
  return `${prefix}-${randomUUID()}`;
}

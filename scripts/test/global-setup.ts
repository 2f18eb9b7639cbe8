import type {} from "vitest";
import type { TestProject } from "vitest/node";
// Plain-Node helper shared with `pnpm db:*` and `pnpm start`, so tests start Neo4j exactly as users do.
import { ensureNeo4j, stopNeo4j } from "../lib/neo4j.mjs";

declare module "vitest" {
  // Mirrors packages/graph/src/testing (which tests import); declared here too for this file's own check.
  export interface ProvidedContext {
    neo4j: { uri: string; user: string; password: string };
  }
}

const rootDir = new URL("../..", import.meta.url).pathname;

/**
 * Starts the real Neo4j once for the integration project (or uses `NEO4J_URI`), and stops it at the end
 * if this run started it. Tests isolate themselves with fresh workspace ids.
 */
export default async function setup(project: TestProject) {
  const log = (line: string) => console.log(`[neo4j] ${line}`);
  const neo4j = await ensureNeo4j({ rootDir, log });
  project.provide("neo4j", { uri: neo4j.uri, user: neo4j.user, password: neo4j.password });
  return async () => {
    if (neo4j.startedHere && !process.env.ATTUNE_KEEP_NEO4J) await stopNeo4j({ rootDir, log });
  };
}

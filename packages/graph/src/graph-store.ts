import { connectGraph, type GraphConnection, type GraphConnectionOptions } from "./connection.js";
import { migrate } from "./migrations.js";
import { WorkspaceStore } from "./workspace-store.js";

export interface GraphStore {
  connection: GraphConnection;
  /** A store bound to one workspace; every query it runs is confined to it. */
  workspace(workspaceId: string): WorkspaceStore;
  close(): Promise<void>;
}

/**
 * Connects to Neo4j, applies pending schema migrations and returns the store.
 *
 * @example
 * const store = await openGraphStore({ uri, user: "neo4j", password });
 * await store.workspace("acme").listChannels();
 */
export async function openGraphStore(
  options: GraphConnectionOptions & {
    /** Apply pending migrations first. @default true */
    migrate?: boolean;
  },
): Promise<GraphStore> {
  const connection = await connectGraph(options);
  try {
    if (options.migrate !== false) await migrate({ connection });
  } catch (error) {
    await connection.close();
    throw error;
  }
  return {
    connection,
    workspace: (workspaceId) => new WorkspaceStore({ connection, workspaceId }),
    close: () => connection.close(),
  };
}

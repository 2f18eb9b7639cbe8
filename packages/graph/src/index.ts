export { connectGraph, type GraphConnection, type GraphConnectionOptions } from "./connection.js";
export { type GraphStore, openGraphStore } from "./graph-store.js";
export { ensureVectorIndexes, MIGRATIONS, type Migration, migrate, WORKSPACE_LABELS } from "./migrations.js";
export {
  type BeliefWithEvidence,
  type SessionSetup,
  type StoredMind,
  type TurnRecord,
  WorkspaceStore,
} from "./workspace-store.js";

export {
  buildCatchUpPrompt,
  CATCH_UP_BUDGET,
  type CatchUpPrompt,
  catchUpPlan,
  DEFAULT_CATCH_UP_PLAN,
  unseenEvents,
} from "./catch-up-prompt.js";
export {
  type CatchUp,
  CatchUpSchema,
  type TeamSyncInput,
  type TeamSyncState,
  TeamSyncStateSchema,
  type TeamSyncStreamEvent,
} from "./state.js";
export {
  type CreateTeamSyncGraphOptions,
  createTeamSyncGraph,
  graphStoreSyncSource,
  type TeamSyncSource,
} from "./team-sync-graph.js";

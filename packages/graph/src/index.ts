export { connectGraph, type GraphConnection, type GraphConnectionOptions } from "./connection.js";
export { type ReadOnlyCypherOptions, type ReadOnlyCypherResult, runReadOnlyCypher } from "./cypher-guard.js";
export { type ErasureReport, erasePerson } from "./erasure.js";
export { type GraphStore, openGraphStore } from "./graph-store.js";
export { ensureVectorIndexes, MIGRATIONS, type Migration, migrate, WORKSPACE_LABELS } from "./migrations.js";
export { correctBelief, type PersonModel, type PersonModelBelief, readPersonModel } from "./person-model.js";
export { runGraphQuery } from "./queries.js";
export {
  type ExperimentRecord,
  ExperimentRecordSchema,
  HELP_WEIGHTS,
  type HelperCandidate,
  recordExperiments,
  type Strategy,
  strategiesThatWorked,
  whoCanHelp,
} from "./recommendations.js";
export {
  type Knows,
  KnowsSchema,
  type Relationship,
  RelationshipSchema,
  recordKnowledge,
  recordRelationships,
  recordSecondOrderBeliefs,
  type SecondOrderBelief,
  SecondOrderBeliefSchema,
} from "./relationships.js";
export { setSharing } from "./sharing.js";
export {
  type DivergentBelief,
  type MemberSync,
  type MissedEvent,
  recordPresence,
  recordTeam,
  teamSync,
} from "./team-sync.js";
export {
  type BeliefWithEvidence,
  type HistoryMessage,
  type QueuedCorrection,
  type SessionSetup,
  type StoredMind,
  type TeamMindState,
  type TeamTurnRecord,
  type TurnRecord,
  WorkspaceStore,
} from "./workspace-store.js";

// The relationship graph behind an interface (two implementations, one conformance suite).

export { createMemoryRelationshipGraph, MemoryGraphData } from "./memory-relationship-graph.js";
export { createNeo4jRelationshipGraph } from "./neo4j-relationship-graph.js";
export {
  type AddMessageOptions,
  type AuditRecord,
  type BeliefInput,
  type CorrectBeliefOptions,
  type EnsureAgentOptions,
  type EnsureChannelOptions,
  type EnsurePersonOptions,
  type EnsureWorkspaceOptions,
  type ErasePersonOptions,
  type ErasePolicy,
  type EvidenceInput,
  GRAPH_OPTION_SCHEMAS,
  type ReadPersonModelOptions,
  type RecommendationRecord,
  type RecordBeliefsOptions,
  type RecordPresenceOptions,
  type RecordTeamOptions,
  type RelationshipGraph,
  type RelationshipGraphQuery,
  type StrategiesOptions,
  type TeamSyncOptions,
  type WhoCanHelpOptions,
} from "./relationship-graph.js";

// Bulk loading (seeding and imports; the scale benchmark uses it).

export {
  type BulkAgentInput,
  BulkAgentSchema,
  type BulkBeliefInput,
  BulkBeliefSchema,
  type BulkCallOptions,
  type BulkChannelInput,
  BulkChannelSchema,
  type BulkCollaborationInput,
  BulkCollaborationSchema,
  type BulkHelpedInput,
  BulkHelpedSchema,
  type BulkKind,
  type BulkLoader,
  type BulkLoaderOptions,
  type BulkLoadResult,
  type BulkMessageInput,
  BulkMessageSchema,
  type BulkPersonInput,
  BulkPersonSchema,
  type BulkProgress,
  type BulkRowErrorDetails,
  type BulkRows,
  type BulkTeamInput,
  type BulkTeamMemberInput,
  BulkTeamMemberSchema,
  BulkTeamSchema,
  type BulkTopicInput,
  BulkTopicSchema,
  type BulkTrustInput,
  BulkTrustSchema,
  createBulkLoader,
} from "./bulk-loader.js";

import { AttuneError } from "@attune/model";
import type { GraphConnection } from "./connection.js";
import { mapNeo4jError } from "./map-error.js";

export interface Migration {
  version: number;
  name: string;
  /** Each statement must be idempotent (`IF NOT EXISTS`), so a half-applied migration can rerun. */
  statements: string[];
}

/**
 * Labels of nodes that belong to one workspace (each carries `workspaceId`). Anything else in the
 * database (schema bookkeeping) is not workspace data.
 */
export const WORKSPACE_LABELS = [
  "Workspace",
  "Actor",
  "Team",
  "Channel",
  "Message",
  "Mind",
  "Belief",
  "Evidence",
  "Topic",
  "Recommendation",
  "Experiment",
  "Audit",
] as const;

/**
 * The schema's history. Append only: never edit a released migration, add a new one.
 * Every workspace-owned node carries `workspaceId`; uniqueness is per workspace.
 */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: "core-constraints",
    statements: [
      "CREATE CONSTRAINT migration_version IF NOT EXISTS FOR (m:SchemaMigration) REQUIRE m.version IS UNIQUE",
      "CREATE CONSTRAINT workspace_id IF NOT EXISTS FOR (w:Workspace) REQUIRE w.id IS UNIQUE",
      ...["Actor", "Team", "Channel", "Message", "Mind", "Belief", "Evidence"].map(
        (label) =>
          `CREATE CONSTRAINT ${label.toLowerCase()}_scoped_id IF NOT EXISTS FOR (n:${label}) REQUIRE (n.workspaceId, n.id) IS UNIQUE`,
      ),
    ],
  },
  {
    version: 2,
    name: "core-indexes",
    statements: [
      "CREATE INDEX message_created IF NOT EXISTS FOR (m:Message) ON (m.workspaceId, m.channelId, m.createdAt)",
      "CREATE INDEX belief_current IF NOT EXISTS FOR (b:Belief) ON (b.workspaceId, b.subjectId, b.validTo)",
      "CREATE INDEX belief_key IF NOT EXISTS FOR (b:Belief) ON (b.workspaceId, b.dimension, b.key)",
      "CREATE INDEX evidence_message IF NOT EXISTS FOR (e:Evidence) ON (e.workspaceId, e.messageId)",
      // Eventually consistent: a synchronous Lucene update tripled the cost of storing a message (8 ms vs
      // 3.5 ms p50 measured); search may lag a commit by milliseconds.
      "CREATE FULLTEXT INDEX message_text IF NOT EXISTS FOR (m:Message) ON EACH [m.text] OPTIONS { indexConfig: { `fulltext.eventually_consistent`: true } }",
    ],
  },
  {
    version: 3,
    name: "relationship-graph",
    statements: [
      // New workspace-owned kinds: topics, recommendations, recorded experiments, erasure audits.
      ...["Topic", "Recommendation", "Experiment", "Audit"].map(
        (label) =>
          `CREATE CONSTRAINT ${label.toLowerCase()}_scoped_id IF NOT EXISTS FOR (n:${label}) REQUIRE (n.workspaceId, n.id) IS UNIQUE`,
      ),
      // Every workspace-owned node can be found by its workspace alone: this is what confines
      // read-only Cypher (each scan must start from an index seek on workspaceId) and erasure.
      "MATCH (w:Workspace) WHERE w.workspaceId IS NULL SET w.workspaceId = w.id",
      ...WORKSPACE_LABELS.map(
        (label) => `CREATE INDEX ${label.toLowerCase()}_workspace IF NOT EXISTS FOR (n:${label}) ON (n.workspaceId)`,
      ),
      "CREATE INDEX belief_holder IF NOT EXISTS FOR (b:Belief) ON (b.workspaceId, b.observerId, b.subjectId)",
      "CREATE INDEX belief_valid_from IF NOT EXISTS FOR (b:Belief) ON (b.workspaceId, b.validFrom)",
      "CREATE INDEX evidence_subject IF NOT EXISTS FOR (e:Evidence) ON (e.workspaceId, e.subjectId)",
      "CREATE INDEX topic_name IF NOT EXISTS FOR (t:Topic) ON (t.workspaceId, t.name)",
      "CREATE INDEX recommendation_topic IF NOT EXISTS FOR (r:Recommendation) ON (r.workspaceId, r.topic)",
      "CREATE INDEX experiment_topic IF NOT EXISTS FOR (x:Experiment) ON (x.workspaceId, x.topic)",
      "CREATE FULLTEXT INDEX actor_name IF NOT EXISTS FOR (a:Actor) ON EACH [a.name] OPTIONS { indexConfig: { `fulltext.eventually_consistent`: true } }",
      "CREATE FULLTEXT INDEX topic_label IF NOT EXISTS FOR (t:Topic) ON EACH [t.name, t.label] OPTIONS { indexConfig: { `fulltext.eventually_consistent`: true } }",
    ],
  },
  {
    version: 4,
    name: "lean-belief-writes",
    statements: [
      // Beliefs are always reached from their mind (CURRENT / HAS_BELIEF), never looked up by these
      // keys, and each index costs every belief write an entry (the bulk loader's slowest kind).
      // belief_current never even held live versions: a composite index skips nodes without validTo.
      "DROP INDEX belief_current IF EXISTS",
      "DROP INDEX belief_key IF EXISTS",
      "DROP INDEX belief_holder IF EXISTS",
      "DROP INDEX belief_valid_from IF EXISTS",
    ],
  },
  {
    version: 5,
    name: "no-message-fulltext",
    statements: [
      // Nothing queries it (the read-only Cypher API refuses procedure calls), and keeping it
      // eventually consistent cost Neo4j 2–3 ms of CPU per stored message in background Lucene
      // refreshes and merges, which on a small server competes with the turns themselves. Message
      // search, when it comes, should index in batches or use the optional message_embedding index.
      "DROP INDEX message_text IF EXISTS",
    ],
  },
];

/**
 * Creates the vector index for optional embeddings on messages and topics (any dimension, from
 * configuration). Separate from the versioned migrations because its shape is deployment-specific;
 * idempotent for a given dimension.
 *
 * @example
 * await ensureVectorIndexes({ connection, dimensions: 384 });
 */
export async function ensureVectorIndexes(options: {
  connection: GraphConnection;
  /** Embedding length; 0 or absent skips (embeddings are optional). */
  dimensions?: number | undefined;
  /** @default "cosine" */
  similarity?: "cosine" | "euclidean";
}): Promise<void> {
  const dimensions = options.dimensions ?? 0;
  if (!dimensions) return;
  if (!Number.isInteger(dimensions) || dimensions < 1 || dimensions > 4096) {
    throw new AttuneError({
      code: "config-invalid",
      message: `embedding dimensions must be 1..4096, got ${dimensions}`,
    });
  }
  const similarity = options.similarity ?? "cosine";
  try {
    for (const [name, label] of [
      ["message_embedding", "Message"],
      ["topic_embedding", "Topic"],
    ] as const) {
      await options.connection.query(
        `CREATE VECTOR INDEX ${name} IF NOT EXISTS FOR (n:${label}) ON (n.embedding)
         OPTIONS { indexConfig: { \`vector.dimensions\`: ${dimensions}, \`vector.similarity_function\`: '${similarity}' } }`,
      );
    }
    await options.connection.query("CALL db.awaitIndexes(300)");
  } catch (error) {
    throw mapNeo4jError(error, "vector index");
  }
}

/**
 * Applies pending migrations in order and records each one; safe to run from several processes at
 * once (statements are idempotent and the record is a MERGE).
 *
 * @returns the versions applied by this call
 */
export async function migrate(options: {
  connection: GraphConnection;
  migrations?: readonly Migration[];
}): Promise<number[]> {
  const { connection } = options;
  const migrations = options.migrations ?? MIGRATIONS;
  try {
    const { records } = await connection.query("MATCH (m:SchemaMigration) RETURN m.version AS version", {}, "READ");
    const applied = new Set(records.map((r) => r.get("version") as number));
    const done: number[] = [];
    for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
      if (applied.has(migration.version)) continue;
      // Schema statements cannot share a transaction with writes, so each runs on its own.
      for (const statement of migration.statements) await connection.query(statement);
      await connection.query(
        "MERGE (m:SchemaMigration {version: $version}) ON CREATE SET m.name = $name, m.appliedAt = datetime()",
        { version: migration.version, name: migration.name },
      );
      done.push(migration.version);
    }
    if (done.length > 0) await connection.query("CALL db.awaitIndexes(300)");
    return done;
  } catch (error) {
    throw mapNeo4jError(error, "schema migration");
  }
}

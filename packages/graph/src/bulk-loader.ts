import {
  ActorSchema,
  AttuneError,
  BetaSchema,
  ChannelSchema,
  DimensionSchema,
  type ErrorCode,
  IdSchema,
  MessageSchema,
  mindId,
  TeamSchema,
  TimestampSchema,
  VisibilitySchema,
} from "@attune/model";
import neo4j, { Neo4jError } from "neo4j-driver";
import { z } from "zod";
import type { GraphConnection } from "./connection.js";
import { mapNeo4jError } from "./map-error.js";

// ---------------------------------------------------------------------------------------------
// Row schemas. Every row may repeat the loader's `workspaceId` (e.g. a model object passed as is);
// a different one is rejected, so no row can land in, or point into, another workspace.

const workspaceField = { workspaceId: IdSchema.optional() };
const Unit = z.number().min(0).max(1);
const Count = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

/** A person (`:Actor:Person`), a member of the workspace. */
export const BulkPersonSchema = z.strictObject({
  ...ActorSchema.pick({ id: true, name: true }).shape,
  ...workspaceField,
  /** @default the loader's start time */
  createdAt: TimestampSchema.optional(),
  lastSeenAt: TimestampSchema.optional(),
  /** 0..1, how available the person is to help. */
  availability: Unit.optional(),
  /** IANA zone, e.g. `Europe/Paris`. */
  timezone: z.string().min(1).max(64).optional(),
});
export type BulkPersonInput = z.input<typeof BulkPersonSchema>;

/** An AI agent (`:Actor:Agent`), a member of the workspace. */
export const BulkAgentSchema = z.strictObject({
  ...ActorSchema.pick({ id: true, name: true }).shape,
  ...workspaceField,
  /** @default "assistant" */
  role: z.string().min(1).max(500).default("assistant"),
  createdAt: TimestampSchema.optional(),
});
export type BulkAgentInput = z.input<typeof BulkAgentSchema>;

/** A team (`:Team`, `-[:IN]->` the workspace). Members are loaded with `loadTeamMembers`. */
export const BulkTeamSchema = z.strictObject({
  ...TeamSchema.pick({ id: true, name: true }).shape,
  ...workspaceField,
  createdAt: TimestampSchema.optional(),
});
export type BulkTeamInput = z.input<typeof BulkTeamSchema>;

/** `(Actor)-[:MEMBER_OF {since}]->(Team)`; both must exist. */
export const BulkTeamMemberSchema = z.strictObject({
  ...workspaceField,
  actorId: IdSchema,
  teamId: IdSchema,
  /** @default the loader's start time for a new membership; an existing one keeps its own */
  since: TimestampSchema.optional(),
});
export type BulkTeamMemberInput = z.input<typeof BulkTeamMemberSchema>;

/** A topic (`:Topic`, `id` is its slug). */
export const BulkTopicSchema = z.strictObject({
  ...workspaceField,
  id: IdSchema,
  name: z.string().min(1).max(200),
  label: z.string().min(1).max(200).optional(),
});
export type BulkTopicInput = z.input<typeof BulkTopicSchema>;

/** A channel (`:Channel`, `-[:IN]->` the workspace). */
export const BulkChannelSchema = z.strictObject({
  ...ChannelSchema.pick({ id: true, name: true, kind: true, teamId: true }).shape,
  ...workspaceField,
  createdAt: TimestampSchema.optional(),
});
export type BulkChannelInput = z.input<typeof BulkChannelSchema>;

const pairFields = { ...workspaceField, fromId: IdSchema, toId: IdSchema };
const notSelf = (row: { fromId: string; toId: string }) => row.fromId !== row.toId;
const selfIssue = { message: "an actor cannot relate to itself", path: ["toId"] };

/** `(Actor)-[:COLLABORATES_WITH {strength, lastAt, count}]->(Actor)`, one per ordered pair. */
export const BulkCollaborationSchema = z
  .strictObject({ ...pairFields, strength: Unit, lastAt: TimestampSchema, count: Count })
  .refine(notSelf, selfIssue);
export type BulkCollaborationInput = z.input<typeof BulkCollaborationSchema>;

/** `(Actor)-[:HELPED {topic, count, lastAt}]->(Actor)`, one per ordered pair and topic (which must exist). */
export const BulkHelpedSchema = z
  .strictObject({ ...pairFields, topic: IdSchema, count: Count, lastAt: TimestampSchema })
  .refine(notSelf, selfIssue);
export type BulkHelpedInput = z.input<typeof BulkHelpedSchema>;

/** `(Actor)-[:TRUSTS {level, updatedAt}]->(Actor)`, one per ordered pair. */
export const BulkTrustSchema = z
  .strictObject({ ...pairFields, level: Unit, updatedAt: TimestampSchema })
  .refine(notSelf, selfIssue);
export type BulkTrustInput = z.input<typeof BulkTrustSchema>;

/**
 * One live, first-order belief version an observer holds about a subject. A `knowledge` belief names
 * its topic (`topicId`, which is also its `key`, as in beliefs written by turns); it also refreshes
 * the denormalized `(subject)-[:KNOWS]->(topic)` edge used by who-can-help.
 */
export const BulkBeliefSchema = z
  .strictObject({
    ...workspaceField,
    /** The version's id; a belief is immutable once stored, so supersede it with a new id. */
    id: IdSchema,
    observerId: IdSchema,
    subjectId: IdSchema,
    /** @default "knowledge" */
    dimension: DimensionSchema.default("knowledge"),
    /** For knowledge: the topic id (defaults to `topicId`). */
    key: z.string().min(1).max(200).optional(),
    /** Required for `knowledge`, forbidden otherwise. */
    topicId: IdSchema.optional(),
    distribution: BetaSchema,
    /** @default alpha / (alpha + beta) */
    mean: Unit.optional(),
    confidence: Unit,
    validFrom: TimestampSchema,
    /** @default validFrom */
    recordedAt: TimestampSchema.optional(),
    /** @default "private" */
    visibility: VisibilitySchema.default("private"),
    /** Whether the subject allowed this knowledge to be used to suggest them as a helper. @default false */
    shareable: z.boolean().default(false),
    /** Serialized engine state for a mind this row creates (ignored for an existing mind). @default none */
    mindState: z.string().max(1_000_000).optional(),
  })
  .superRefine((row, ctx) => {
    if (row.dimension === "knowledge") {
      if (row.topicId === undefined) {
        ctx.addIssue({ code: "custom", message: "a knowledge belief needs topicId", path: ["topicId"] });
      } else if (row.key !== undefined && row.key !== row.topicId) {
        ctx.addIssue({ code: "custom", message: "a knowledge belief's key is its topicId", path: ["key"] });
      }
    } else {
      if (row.topicId !== undefined) {
        ctx.addIssue({ code: "custom", message: "only knowledge beliefs have a topicId", path: ["topicId"] });
      }
      if (row.key === undefined) ctx.addIssue({ code: "custom", message: "key is required", path: ["key"] });
    }
    if (row.observerId === row.subjectId) {
      ctx.addIssue({ code: "custom", message: "observer and subject must differ", path: ["subjectId"] });
    }
  });
export type BulkBeliefInput = z.input<typeof BulkBeliefSchema>;

/** A message (`(author)-[:SENT]->(m)-[:IN]->(channel)`, optional `REPLIES_TO` and `MENTIONS`). */
export const BulkMessageSchema = z.strictObject({
  ...MessageSchema.pick({ id: true, channelId: true, authorId: true, text: true, createdAt: true, replyTo: true })
    .shape,
  ...workspaceField,
  /** Topics the message mentions (each must exist). */
  topicIds: z.array(IdSchema).max(100).optional(),
});
export type BulkMessageInput = z.input<typeof BulkMessageSchema>;

// ---------------------------------------------------------------------------------------------
// Public types

/** What a loader call is loading; also the `kind` of progress events and errors. */
export type BulkKind =
  | "persons"
  | "agents"
  | "teams"
  | "teamMembers"
  | "topics"
  | "channels"
  | "collaborations"
  | "helped"
  | "trusts"
  | "beliefs"
  | "messages";

/** Reported after every committed batch. */
export interface BulkProgress {
  kind: BulkKind;
  /** Rows of this call committed so far. */
  done: number;
  /** Rows expected (from the array length or the call's `total`), if known. */
  total: number | undefined;
  batches: number;
  elapsedMs: number;
  /** `done` per second of this call's wall time. */
  rowsPerSecond: number;
}

/** The outcome of one load call. */
export interface BulkLoadResult {
  kind: BulkKind;
  rows: number;
  batches: number;
  elapsedMs: number;
  rowsPerSecond: number;
}

/** Rows can be an array, any iterable (e.g. a generator) or an async iterable (e.g. a file stream). */
export type BulkRows<T> = Iterable<T> | AsyncIterable<T>;

/** Per-call options. */
export interface BulkCallOptions {
  /** Rows expected, for progress when `rows` is not an array. */
  total?: number;
}

/**
 * `details` of the `AttuneError` a load call throws on a bad row. Rows before `index` are stored;
 * the bad row and everything after it are not, except rows of batches already in flight when it was
 * found (at most `concurrency - 1` batches), which may be stored. Every write is idempotent, so fixing
 * the row and re-running the whole call is safe.
 */
export interface BulkRowErrorDetails {
  kind: BulkKind;
  /** 0-based position of the bad row in this call's input. */
  index: number;
  /** Rows of this call known to be committed. */
  committed: number;
  /** Schema issues (code `invalid-payload`). */
  issues?: { path: string; message: string }[];
  /** The field whose referenced node is missing (`not-found`) or clashes (`conflict`). */
  field?: string;
}

export interface BulkLoaderOptions {
  connection: GraphConnection;
  /** Every node the loader writes carries it; every edge it writes joins two nodes of it. */
  workspaceId: string;
  /**
   * Rows per transaction. Larger batches amortize round trips, but every batch's transaction state
   * lives in Neo4j's heap until commit and is copied by each young collection meanwhile: 2,500 rows
   * spent about half the GC time of 10,000 for the same belief load, at no extra round-trip cost
   * worth measuring.
   * @default 2500
   */
  batchSize?: number;
  /**
   * Batches in flight at once. 2 overlaps the client's validation and serialization with Neo4j's
   * work; more rarely helps on 2 cores. Messages always load one batch at a time (replies may point
   * at the previous batch).
   * @default 2
   */
  concurrency?: number;
  /** Called after every committed batch. */
  onProgress?: (progress: BulkProgress) => void;
  /** Name of the `Workspace` node if the loader has to create it. @default workspaceId */
  workspaceName?: string;
  /** Default for missing `createdAt`/`since`. @default the loader's creation time */
  now?: string;
}

/**
 * Loads a workspace's graph in batches (one `UNWIND` statement and one auto-commit transaction per
 * batch). Load nodes before the edges that join them: persons, agents, teams, topics, channels,
 * then team members, relationships, beliefs and messages.
 */
export interface BulkLoader {
  readonly workspaceId: string;
  /** Upserts persons (`MERGE` by id; name and profile fields are overwritten) and their workspace membership. */
  loadPersons(rows: BulkRows<BulkPersonInput>, options?: BulkCallOptions): Promise<BulkLoadResult>;
  /** Upserts agents and their workspace membership. */
  loadAgents(rows: BulkRows<BulkAgentInput>, options?: BulkCallOptions): Promise<BulkLoadResult>;
  loadTeams(rows: BulkRows<BulkTeamInput>, options?: BulkCallOptions): Promise<BulkLoadResult>;
  loadTeamMembers(rows: BulkRows<BulkTeamMemberInput>, options?: BulkCallOptions): Promise<BulkLoadResult>;
  loadTopics(rows: BulkRows<BulkTopicInput>, options?: BulkCallOptions): Promise<BulkLoadResult>;
  loadChannels(rows: BulkRows<BulkChannelInput>, options?: BulkCallOptions): Promise<BulkLoadResult>;
  loadCollaborations(rows: BulkRows<BulkCollaborationInput>, options?: BulkCallOptions): Promise<BulkLoadResult>;
  loadHelped(rows: BulkRows<BulkHelpedInput>, options?: BulkCallOptions): Promise<BulkLoadResult>;
  loadTrusts(rows: BulkRows<BulkTrustInput>, options?: BulkCallOptions): Promise<BulkLoadResult>;
  /**
   * Stores belief versions: the observer's `Mind` of the subject (created if missing, with `HOLDS` and
   * `ABOUT`), the `Belief` with `HAS_BELIEF`, and `CURRENT` unless a newer version of the same
   * dimension/key is already current (then the row is stored as a closed past version). A row newer
   * than the current version closes it (`validTo`) and takes over `CURRENT`. Knowledge beliefs are
   * linked `ABOUT_TOPIC` and refresh `(subject)-[:KNOWS]->(topic)` when they are the newest known.
   */
  loadBeliefs(rows: BulkRows<BulkBeliefInput>, options?: BulkCallOptions): Promise<BulkLoadResult>;
  /**
   * Stores messages (created once; a stored id with other text is a `conflict`). `replyTo` must be
   * stored already or come earlier in the same call.
   */
  loadMessages(rows: BulkRows<BulkMessageInput>, options?: BulkCallOptions): Promise<BulkLoadResult>;
  /**
   * Resamples the indexes and drops cached query plans (`db.prepareForReplanning`), so statements
   * planned while the graph was empty or small are replanned for its new size. Call it once after a
   * large load: until Neo4j resamples on its own, a plan chosen on stale statistics can scan an index
   * on every call (seen on `WorkspaceStore.recordTurn` right after a 1.2M-row load: 8 ms p50 instead
   * of 2.7 ms).
   * @default timeoutSeconds 300
   */
  refreshStatistics(options?: { timeoutSeconds?: number }): Promise<void>;
}

// ---------------------------------------------------------------------------------------------
// Statements. Each takes `$rows` (one map per row) and `$ws`, and returns `written` (rows stored),
// `cut` (the batch index of the first row that failed a database check, or the batch size) and
// `problem` (the failing field). Rows before `cut` are written in order, each in its own subquery
// call so a row sees the writes of the rows before it; rows from `cut` on are not written at all.
//
// Every lookup is pinned to a seek of the `(workspaceId, id)` constraint index (`USING INDEX SEEK`):
// on a fresh store the planner assumes `UNWIND $rows` yields 10 rows, trusts empty statistics and
// was seen to scan an index once per row instead (30 million db hits for a 3,000-row batch).

function checkedStatement(spec: { lookups: string; problem: string; carry: string[]; write: string }): string {
  const carry = ["row", ...spec.carry];
  return `UNWIND range(0, size($rows) - 1) AS i
WITH i, $rows[i] AS row
${spec.lookups}
WITH collect({i: i, ${carry.map((v) => `${v}: ${v}`).join(", ")}, problem: ${spec.problem}}) AS items
WITH items, reduce(cut = size(items), x IN items | CASE WHEN x.problem IS NOT NULL AND x.i < cut THEN x.i ELSE cut END) AS cut
CALL (items, cut) {
  UNWIND items AS x
  WITH x WHERE x.i < cut
  WITH ${carry.map((v) => `x.${v} AS ${v}`).join(", ")}
  CALL (${carry.join(", ")}) {
    ${spec.write}
  }
  RETURN count(*) AS written
}
RETURN written, cut, [x IN items WHERE x.i = cut | x.problem][0] AS problem`;
}

function plainStatement(write: string): string {
  return `MATCH (w:Workspace {id: $ws}) USING INDEX SEEK w:Workspace(id)
UNWIND $rows AS row
${write}
RETURN count(*) AS written, size($rows) AS cut, null AS problem`;
}

/**
 * "Create the edge unless it exists" without `MERGE`: a relationship `MERGE` that has to create takes
 * exclusive locks on both end nodes until commit, which serializes concurrent batches on every shared
 * dense node (the workspace, agents, popular topics). The loader instead never runs two batches that
 * write the same edge at once (see `KindSpec.keys`), so checking and creating in the same transaction
 * cannot race with itself. `set` updates an existing edge `x`.
 */
const createUnlessExists = (pattern: [string, string, string], create: string, set?: string) => {
  const [from, rel, to] = pattern;
  return `OPTIONAL MATCH (${from})-[existing:${rel}]->(${to})
    FOREACH (_ IN CASE WHEN existing IS NULL THEN [1] ELSE [] END | CREATE ${create})${
      set
        ? `
    FOREACH (x IN CASE WHEN existing IS NULL THEN [] ELSE [existing] END | SET ${set})`
        : ""
    }`;
};

const pairLookups = `OPTIONAL MATCH (a:Actor {workspaceId: $ws, id: row.fromId}) USING INDEX SEEK a:Actor(workspaceId, id)
OPTIONAL MATCH (b:Actor {workspaceId: $ws, id: row.toId}) USING INDEX SEEK b:Actor(workspaceId, id)`;
const pairProblem = "CASE WHEN a IS NULL THEN 'fromId' WHEN b IS NULL THEN 'toId' END";

/** The newest knowledge belief about (subject, topic), from any observer, is what KNOWS shows. */
const KNOWS_UPSERT = `${createUnlessExists(
  ["s", "KNOWS", "t"],
  "(s)-[:KNOWS {level: row.props.mean, confidence: row.props.confidence, shareable: row.shareable, updatedAt: row.props.validFrom}]->(t)",
)}
    FOREACH (k IN CASE WHEN existing IS NOT NULL AND coalesce(existing.updatedAt, '') <= row.props.validFrom THEN [existing] ELSE [] END |
      SET k.level = row.props.mean, k.confidence = row.props.confidence, k.shareable = row.shareable,
          k.updatedAt = row.props.validFrom)`;

/**
 * Beliefs arrive grouped by mind (see `packBeliefs`): observer, subject and mind are looked up once per
 * mind, then the mind's rows are applied in input order. A mind that does not exist yet, whose rows
 * have distinct keys and new ids ("fresh", the usual case of a first load), takes a short path that
 * only creates; any other mind takes the full path that merges, checks for newer versions and closes
 * superseded ones. Same contract as the other statements: `written`, `cut`, `problem`.
 *
 * The optimistic variant assumes every mind of the batch is fresh without looking (the batch must have
 * only clean groups): it skips one unique-index probe per mind and one per belief, which the store
 * repeats anyway when it creates the node. A mind or belief id that is stored already makes Neo4j
 * reject the CREATE, the whole transaction rolls back, and the loader reruns the batch checked.
 */
const beliefsStatement = (optimistic: boolean) => `UNWIND $rows AS g
OPTIONAL MATCH (o:Actor {workspaceId: $ws, id: g.observerId}) USING INDEX SEEK o:Actor(workspaceId, id)
OPTIONAL MATCH (s:Actor {workspaceId: $ws, id: g.subjectId}) USING INDEX SEEK s:Actor(workspaceId, id)
${optimistic ? "" : "OPTIONAL MATCH (storedMind:Mind {workspaceId: $ws, id: g.mindId}) USING INDEX SEEK storedMind:Mind(workspaceId, id)"}
CALL (g) {
  UNWIND g.beliefs AS r
  OPTIONAL MATCH (t:Topic {workspaceId: $ws, id: r.topicId}) USING INDEX SEEK t:Topic(workspaceId, id)
  // A stored version with this id must be the same belief (observer, subject, dimension, key).
  ${optimistic ? "WITH r, t, null AS old" : "OPTIONAL MATCH (old:Belief {workspaceId: $ws, id: r.props.id}) USING INDEX SEEK old:Belief(workspaceId, id)"}
  WITH r, t, old, CASE
    WHEN r.topicId IS NOT NULL AND t IS NULL THEN 'topicId'
    WHEN old IS NOT NULL AND (old.observerId <> g.observerId OR old.subjectId <> g.subjectId
      OR old.dimension <> r.props.dimension OR old.key <> r.props.key) THEN 'id' END AS problem
  RETURN collect({r: r, t: t}) AS bs, count(old) AS storedVersions,
         min(CASE WHEN problem IS NOT NULL THEN [r.i, problem] END) AS badRow
}
WITH collect({g: g, o: o, s: s, bs: bs, fresh: ${optimistic ? "true" : "g.clean AND storedMind IS NULL AND storedVersions = 0"}, bad: CASE
  WHEN o IS NULL THEN [g.beliefs[0].i, 'observerId']
  WHEN s IS NULL THEN [g.beliefs[0].i, 'subjectId']
  ELSE badRow END}) AS groups
WITH groups, reduce(cut = $size, x IN groups | CASE WHEN x.bad IS NOT NULL AND x.bad[0] < cut THEN x.bad[0] ELSE cut END) AS cut
CALL (groups, cut) {
  UNWIND groups AS x
  WITH x, [e IN x.bs WHERE e.r.i < cut] AS bs
  WHERE size(bs) > 0
  WITH x.g AS g, x.o AS o, x.s AS s, x.fresh AS fresh, bs,
       reduce(latest = '', e IN bs | CASE WHEN e.r.props.validFrom > latest THEN e.r.props.validFrom ELSE latest END) AS latest
  CALL (g, o, s, fresh, bs, latest) {
    WITH * WHERE fresh
    CREATE (mind:Mind {workspaceId: $ws, id: g.mindId, observerId: g.observerId, subjectId: g.subjectId, updatedAt: latest})
    SET mind.state = g.mindState
    CREATE (o)-[:HOLDS]->(mind)
    CREATE (mind)-[:ABOUT]->(s)
    WITH mind, s, bs
    UNWIND bs AS item
    CALL (mind, s, item) {
      WITH mind, s, item.r AS row, item.t AS t
      CREATE (b:Belief)
      SET b = row.props
      CREATE (mind)-[:HAS_BELIEF]->(b)
      CREATE (mind)-[:CURRENT]->(b)
      WITH row, s, t WHERE t IS NOT NULL
      ${KNOWS_UPSERT}
    }
    RETURN count(*) AS rows
   UNION ALL
    WITH * WHERE NOT fresh
    MERGE (mind:Mind {workspaceId: $ws, id: g.mindId})
      ON CREATE SET mind.observerId = g.observerId, mind.subjectId = g.subjectId, mind.state = g.mindState,
                    mind.updatedAt = latest
    WITH o, mind, s, bs, latest
    ${createUnlessExists(["o", "HOLDS", "mind"], "(o)-[:HOLDS]->(mind)")}
    WITH mind, s, bs, latest
    ${createUnlessExists(["mind", "ABOUT", "s"], "(mind)-[:ABOUT]->(s)")}
    WITH mind, s, bs, latest
    CALL (mind, latest) {
      WITH * WHERE mind.updatedAt < latest
      SET mind.updatedAt = latest
    }
    UNWIND bs AS item
    CALL (mind, s, item) {
      WITH mind, s, item.r AS row, item.t AS t
      // A newer version of the same key means this row is a past one: stored closed (until the next
      // version began), not CURRENT. Only this mind's versions are scanned.
      OPTIONAL MATCH (mind)-[:HAS_BELIEF]->(newer:Belief {dimension: row.props.dimension, key: row.props.key})
        WHERE newer.id <> row.props.id AND newer.validFrom > row.props.validFrom
      WITH mind, row, s, t, min(newer.validFrom) AS supersededAt
      OPTIONAL MATCH (mind)-[cur:CURRENT]->(older:Belief {dimension: row.props.dimension, key: row.props.key})
        WHERE older.id <> row.props.id AND older.validFrom <= row.props.validFrom
      SET older.validTo = row.props.validFrom
      DELETE cur
      WITH DISTINCT mind, row, s, t, supersededAt
      MERGE (b:Belief {workspaceId: $ws, id: row.props.id})
        ON CREATE SET b += row.props, b.validTo = supersededAt
      WITH mind, row, s, t, b, supersededAt
      ${createUnlessExists(["mind", "HAS_BELIEF", "b"], "(mind)-[:HAS_BELIEF]->(b)")}
      WITH mind, row, s, t, b, supersededAt
      CALL (mind, b, supersededAt) {
        WITH * WHERE supersededAt IS NULL
        ${createUnlessExists(["mind", "CURRENT", "b"], "(mind)-[:CURRENT]->(b)")}
      }
      CALL (row, s, t, supersededAt) {
        WITH * WHERE t IS NOT NULL AND supersededAt IS NULL
        ${KNOWS_UPSERT}
      }
    }
    RETURN count(*) AS rows
  }
  RETURN sum(rows) AS written
}
RETURN written, cut, [x IN groups WHERE x.bad IS NOT NULL AND x.bad[0] = cut | x.bad[1]][0] AS problem`;

const STATEMENTS = {
  persons: checkedStatement({
    lookups: `MATCH (w:Workspace {id: $ws}) USING INDEX SEEK w:Workspace(id)
OPTIONAL MATCH (x:Actor {workspaceId: $ws, id: row.id}) USING INDEX SEEK x:Actor(workspaceId, id)`,
    problem: "CASE WHEN x IS NOT NULL AND NOT x:Person THEN 'id' END",
    carry: ["w"],
    write: `MERGE (p:Actor:Person {workspaceId: $ws, id: row.id})
    ON CREATE SET p.createdAt = row.createdAt
    SET p.name = row.name, p.lastSeenAt = row.lastSeenAt, p.availability = row.availability, p.timezone = row.timezone
    WITH p, w
    ${createUnlessExists(["p", "MEMBER_OF", "w"], "(p)-[:MEMBER_OF]->(w)")}`,
  }),
  agents: checkedStatement({
    lookups: `MATCH (w:Workspace {id: $ws}) USING INDEX SEEK w:Workspace(id)
OPTIONAL MATCH (x:Actor {workspaceId: $ws, id: row.id}) USING INDEX SEEK x:Actor(workspaceId, id)`,
    problem: "CASE WHEN x IS NOT NULL AND NOT x:Agent THEN 'id' END",
    carry: ["w"],
    write: `MERGE (p:Actor:Agent {workspaceId: $ws, id: row.id})
    ON CREATE SET p.createdAt = row.createdAt
    SET p.name = row.name, p.role = row.role
    WITH p, w
    ${createUnlessExists(["p", "MEMBER_OF", "w"], "(p)-[:MEMBER_OF]->(w)")}`,
  }),
  teams: plainStatement(`MERGE (t:Team {workspaceId: $ws, id: row.id})
  ON CREATE SET t.createdAt = row.createdAt
SET t.name = row.name
MERGE (t)-[:IN]->(w)`),
  topics: plainStatement(`MERGE (t:Topic {workspaceId: $ws, id: row.id})
SET t.name = row.name, t.label = row.label`),
  channels: plainStatement(`MERGE (c:Channel {workspaceId: $ws, id: row.id})
  ON CREATE SET c.createdAt = row.createdAt
SET c.name = row.name, c.kind = row.kind, c.teamId = row.teamId
MERGE (c)-[:IN]->(w)`),
  teamMembers: checkedStatement({
    lookups: `OPTIONAL MATCH (a:Actor {workspaceId: $ws, id: row.actorId}) USING INDEX SEEK a:Actor(workspaceId, id)
OPTIONAL MATCH (t:Team {workspaceId: $ws, id: row.teamId}) USING INDEX SEEK t:Team(workspaceId, id)`,
    problem: "CASE WHEN a IS NULL THEN 'actorId' WHEN t IS NULL THEN 'teamId' END",
    carry: ["a", "t"],
    write: createUnlessExists(
      ["a", "MEMBER_OF", "t"],
      "(a)-[:MEMBER_OF {since: coalesce(row.since, $now)}]->(t)",
      "x.since = coalesce(row.since, x.since)",
    ),
  }),
  collaborations: checkedStatement({
    lookups: pairLookups,
    problem: pairProblem,
    carry: ["a", "b"],
    write: createUnlessExists(
      ["a", "COLLABORATES_WITH", "b"],
      "(a)-[:COLLABORATES_WITH {strength: row.strength, lastAt: row.lastAt, count: toInteger(row.count)}]->(b)",
      "x.strength = row.strength, x.lastAt = row.lastAt, x.count = toInteger(row.count)",
    ),
  }),
  helped: checkedStatement({
    lookups: `${pairLookups}
OPTIONAL MATCH (t:Topic {workspaceId: $ws, id: row.topic}) USING INDEX SEEK t:Topic(workspaceId, id)`,
    problem: "CASE WHEN a IS NULL THEN 'fromId' WHEN b IS NULL THEN 'toId' WHEN t IS NULL THEN 'topic' END",
    carry: ["a", "b"],
    write: createUnlessExists(
      ["a", "HELPED {topic: row.topic}", "b"],
      "(a)-[:HELPED {topic: row.topic, count: toInteger(row.count), lastAt: row.lastAt}]->(b)",
      "x.count = toInteger(row.count), x.lastAt = row.lastAt",
    ),
  }),
  trusts: checkedStatement({
    lookups: pairLookups,
    problem: pairProblem,
    carry: ["a", "b"],
    write: createUnlessExists(
      ["a", "TRUSTS", "b"],
      "(a)-[:TRUSTS {level: row.level, updatedAt: row.updatedAt}]->(b)",
      "x.level = row.level, x.updatedAt = row.updatedAt",
    ),
  }),
  beliefs: beliefsStatement(false),
  messages: checkedStatement({
    lookups: `OPTIONAL MATCH (c:Channel {workspaceId: $ws, id: row.props.channelId}) USING INDEX SEEK c:Channel(workspaceId, id)
OPTIONAL MATCH (a:Actor {workspaceId: $ws, id: row.props.authorId}) USING INDEX SEEK a:Actor(workspaceId, id)
OPTIONAL MATCH (old:Message {workspaceId: $ws, id: row.props.id}) USING INDEX SEEK old:Message(workspaceId, id)
OPTIONAL MATCH (q:Message {workspaceId: $ws, id: row.props.replyTo}) USING INDEX SEEK q:Message(workspaceId, id)
CALL (row) {
  UNWIND row.topicIds AS topicId
  MATCH (t:Topic {workspaceId: $ws, id: topicId}) USING INDEX SEEK t:Topic(workspaceId, id)
  RETURN collect(t) AS topics
}`,
    problem: `CASE WHEN c IS NULL THEN 'channelId' WHEN a IS NULL THEN 'authorId'
      WHEN old IS NOT NULL AND old.text <> row.props.text THEN 'id'
      WHEN row.props.replyTo IS NOT NULL AND q IS NULL AND NOT row.replyInCall THEN 'replyTo'
      WHEN size(topics) < size(row.topicIds) THEN 'topicIds' END`,
    carry: ["c", "a", "topics"],
    write: `MERGE (m:Message {workspaceId: $ws, id: row.props.id})
      ON CREATE SET m += row.props, m.authorKind = CASE WHEN a:Agent THEN 'agent' ELSE 'person' END
    MERGE (a)-[:SENT]->(m)
    MERGE (m)-[:IN]->(c)
    FOREACH (t IN topics | MERGE (m)-[:MENTIONS]->(t))
    WITH m, row
    OPTIONAL MATCH (q:Message {workspaceId: $ws, id: row.props.replyTo}) USING INDEX SEEK q:Message(workspaceId, id)
    FOREACH (_ IN CASE WHEN q IS NULL THEN [] ELSE [1] END | MERGE (m)-[:REPLIES_TO]->(q))`,
  }),
} as const satisfies Record<BulkKind, string>;

/**
 * Create-only statements for rows expected to be new, tried first while a call's batches keep turning
 * out new (see `runBatch`). They skip the lookups the checked statements make before writing (a
 * unique-index probe per person, per mind and per belief); Neo4j probes the same index again when it
 * creates the node, and rejects an id that is stored already. A rejected batch rolls back as a whole
 * and is rerun with the checked statement, which upserts it and reports bad rows precisely.
 */
const OPTIMISTIC: Partial<Record<BulkKind, { statement: string; applies: (packed: unknown[]) => boolean }>> = {
  persons: {
    statement: `MATCH (w:Workspace {id: $ws}) USING INDEX SEEK w:Workspace(id)
UNWIND $rows AS row
CREATE (p:Actor:Person {workspaceId: $ws, id: row.id, createdAt: row.createdAt, name: row.name,
  lastSeenAt: row.lastSeenAt, availability: row.availability, timezone: row.timezone})
CREATE (p)-[:MEMBER_OF]->(w)
RETURN count(*) AS written, size($rows) AS cut, null AS problem`,
    applies: () => true,
  },
  beliefs: {
    statement: beliefsStatement(true),
    // A mind with two versions of one key, or an id used twice in the batch, needs the full path.
    applies: (groups) => groups.every((g) => (g as { clean: boolean }).clean),
  },
};

const CONSTRAINT_VIOLATION = "Neo.ClientError.Schema.ConstraintValidationFailed";

/** Which error code a failed database check maps to. */
const PROBLEM_CODES: Partial<Record<BulkKind, Record<string, ErrorCode>>> = {
  persons: { id: "conflict" },
  agents: { id: "conflict" },
  beliefs: { id: "conflict" },
  messages: { id: "conflict" },
};

// ---------------------------------------------------------------------------------------------
// Row → statement parameters (after validation).

type Ctx = { workspaceId: string; now: string };
interface KindSpec<S extends z.ZodType> {
  schema: S;
  toParams(row: z.output<S>, ctx: Ctx): Record<string, unknown>;
  /** Forced concurrency (messages: replies may point at the previous batch). */
  sequential?: boolean;
  /** Reshapes a batch's rows before sending (default: as is). */
  pack?: (rows: Record<string, unknown>[]) => unknown[];
  /**
   * What a row writes edges for. Two batches sharing a key never run at once, which is what makes
   * "create the edge unless it exists" race-free inside one call.
   */
  keys?: (params: Record<string, unknown>) => string[];
  /** Rows with the same boundary key are kept in one batch when they are consecutive. */
  boundary?: (params: Record<string, unknown>) => string;
}

const spec = <S extends z.ZodType>(s: KindSpec<S>) => s;
const orNull = <T>(value: T | undefined): T | null => (value === undefined ? null : value);

const SPECS = {
  persons: spec({
    schema: BulkPersonSchema,
    keys: (p) => [p.id as string],
    toParams: (r, ctx) => ({
      id: r.id,
      name: r.name,
      createdAt: r.createdAt ?? ctx.now,
      lastSeenAt: orNull(r.lastSeenAt),
      availability: orNull(r.availability),
      timezone: orNull(r.timezone),
    }),
  }),
  agents: spec({
    schema: BulkAgentSchema,
    keys: (p) => [p.id as string],
    toParams: (r, ctx) => ({ id: r.id, name: r.name, role: r.role, createdAt: r.createdAt ?? ctx.now }),
  }),
  teams: spec({
    schema: BulkTeamSchema,
    toParams: (r, ctx) => ({ id: r.id, name: r.name, createdAt: r.createdAt ?? ctx.now }),
  }),
  teamMembers: spec({
    schema: BulkTeamMemberSchema,
    keys: (p) => [`${p.actorId}>${p.teamId}`],
    toParams: (r) => ({ actorId: r.actorId, teamId: r.teamId, since: orNull(r.since) }),
  }),
  topics: spec({
    schema: BulkTopicSchema,
    toParams: (r) => ({ id: r.id, name: r.name, label: orNull(r.label) }),
  }),
  channels: spec({
    schema: BulkChannelSchema,
    toParams: (r, ctx) => ({
      id: r.id,
      name: r.name,
      kind: r.kind,
      teamId: orNull(r.teamId),
      createdAt: r.createdAt ?? ctx.now,
    }),
  }),
  collaborations: spec({
    schema: BulkCollaborationSchema,
    keys: (p) => [`${p.fromId}>${p.toId}`],
    toParams: (r) => ({ fromId: r.fromId, toId: r.toId, strength: r.strength, lastAt: r.lastAt, count: r.count }),
  }),
  helped: spec({
    schema: BulkHelpedSchema,
    keys: (p) => [`${p.fromId}>${p.toId}>${p.topic}`],
    toParams: (r) => ({ fromId: r.fromId, toId: r.toId, topic: r.topic, count: r.count, lastAt: r.lastAt }),
  }),
  trusts: spec({
    schema: BulkTrustSchema,
    keys: (p) => [`${p.fromId}>${p.toId}`],
    toParams: (r) => ({ fromId: r.fromId, toId: r.toId, level: r.level, updatedAt: r.updatedAt }),
  }),
  beliefs: spec({
    schema: BulkBeliefSchema,
    pack: packBeliefs,
    // A subject's minds, their edges and its KNOWS edges are written by one batch at a time; a belief
    // id too, so a reused id is seen (and rejected) by the later batch.
    keys: (p) => [p.subjectId as string, `#${(p.props as { id: string }).id}`],
    boundary: (p) => p.subjectId as string,
    toParams: (r, ctx) => {
      const { alpha, beta } = r.distribution;
      return {
        mindId: mindId(r.observerId, r.subjectId),
        observerId: r.observerId,
        subjectId: r.subjectId,
        topicId: orNull(r.topicId),
        shareable: r.shareable,
        mindState: orNull(r.mindState),
        // The stored node's properties, as they are (`order` is left out: absent means first-order).
        props: {
          workspaceId: ctx.workspaceId,
          id: r.id,
          observerId: r.observerId,
          subjectId: r.subjectId,
          dimension: r.dimension,
          key: r.key ?? r.topicId,
          alpha,
          beta,
          mean: r.mean ?? alpha / (alpha + beta),
          confidence: r.confidence,
          validFrom: r.validFrom,
          recordedAt: r.recordedAt ?? r.validFrom,
          visibility: r.visibility,
        },
      };
    },
  }),
  messages: spec({
    schema: BulkMessageSchema,
    sequential: true,
    toParams: (r) => ({
      props: {
        id: r.id,
        channelId: r.channelId,
        authorId: r.authorId,
        text: r.text,
        createdAt: r.createdAt,
        ...(r.replyTo === undefined ? {} : { replyTo: r.replyTo }),
      },
      topicIds: r.topicIds ?? [],
      replyInCall: false, // set by the loader: the replied-to id came earlier in this call
    }),
  }),
} satisfies Record<BulkKind, KindSpec<z.ZodType>>;

/**
 * Groups a batch's belief rows by mind (first appearance order), each row keeping its batch index. A
 * group is `clean` when its keys are distinct and its ids appear nowhere else in the batch: only then
 * may a new mind take the create-only path.
 */
function packBeliefs(rows: Record<string, unknown>[]): unknown[] {
  type Group = {
    mindId: string;
    observerId: unknown;
    subjectId: unknown;
    mindState: unknown;
    clean: boolean;
    keys: Set<string>;
    beliefs: { i: number; topicId: unknown; shareable: unknown; props: { id: string } }[];
  };
  const groups = new Map<string, Group>();
  const idCount = new Map<string, number>();
  rows.forEach((row, i) => {
    const mindId = row.mindId as string;
    const props = row.props as { id: string; dimension: string; key: string };
    let group = groups.get(mindId);
    if (!group) {
      group = {
        mindId,
        observerId: row.observerId,
        subjectId: row.subjectId,
        mindState: row.mindState,
        clean: true,
        keys: new Set(),
        beliefs: [],
      };
      groups.set(mindId, group);
    }
    const key = `${props.dimension}\u0000${props.key}`;
    if (group.keys.has(key)) group.clean = false;
    group.keys.add(key);
    idCount.set(props.id, (idCount.get(props.id) ?? 0) + 1);
    group.beliefs.push({ i, topicId: row.topicId, shareable: row.shareable, props });
  });
  return [...groups.values()].map(({ keys: _keys, ...group }) => ({
    ...group,
    clean: group.clean && group.beliefs.every((b) => idCount.get(b.props.id) === 1),
  }));
}

// ---------------------------------------------------------------------------------------------

const checkWorkspaceId = (value: string) => {
  if (!IdSchema.safeParse(value).success) {
    throw new AttuneError({ code: "invalid-payload", message: "workspaceId is not a valid id" });
  }
  return value;
};

const positiveInt = (value: number | undefined, fallback: number, name: string, max: number) => {
  const v = value ?? fallback;
  if (!Number.isInteger(v) || v < 1 || v > max) {
    throw new AttuneError({ code: "config-invalid", message: `${name} must be an integer in 1..${max}, got ${v}` });
  }
  return v;
};

const EXTRA_ATTEMPTS = 4;

/**
 * Creates a bulk loader for one workspace: validated rows (zod), written in `UNWIND` batches, each
 * batch one auto-commit transaction, with up to `concurrency` batches in flight.
 *
 * Guarantees:
 * - **Idempotent.** Nodes are `MERGE`d on `(workspaceId, id)`. An edge is created only if the same
 *   transaction finds it absent (one `COLLABORATES_WITH`/`TRUSTS`/`KNOWS`/`MEMBER_OF` per pair, one
 *   `HELPED` per pair and topic), so re-running a load, or a batch retried after an unknown outcome,
 *   creates nothing twice. This is `MERGE` without its locks: within a call, two batches that write
 *   the same edge (same pair, same belief subject, same actor) never run at the same time, so the
 *   check cannot race. Run bulk loads of one workspace one at a time (two concurrent loaders writing
 *   the same edges could both create it). Node fields and edge properties are upserted (last write
 *   wins); belief and message versions are created once and never rewritten.
 * - **Throughput.** The default batch size and two batches in flight were measured best on 2 cores
 *   shared with Neo4j (`packages/graph/bench/scale.ts`); relationship `MERGE`s were avoided because a
 *   `MERGE` that creates locks both end nodes until commit, serializing concurrent batches on every
 *   shared dense node (the workspace, agents, popular topics). Beliefs of a mind that does not exist
 *   yet take a create-only path.
 * - **Confined.** Every node gets the loader's `workspaceId`; edges are only drawn between nodes found
 *   by `(workspaceId, id)`, so none crosses workspaces. A row naming another `workspaceId` is rejected.
 * - **Bad rows stop the call, not the work before them.** A row that fails its schema throws
 *   `invalid-payload`; a row that names a missing actor, team, topic, channel or message throws
 *   `not-found`; an id already used by a different kind of node (or a message id with other text)
 *   throws `conflict`. Rows before the bad one are committed first (see {@link BulkRowErrorDetails}).
 * - The workspace node is created on first use if it does not exist.
 *
 * @example
 * const loader = createBulkLoader({
 *   connection,
 *   workspaceId: "acme",
 *   onProgress: (p) => console.log(`${p.kind} ${p.done}/${p.total ?? "?"} (${Math.round(p.rowsPerSecond)} rows/s)`),
 * });
 * await loader.loadPersons([{ id: "ada", name: "Ada" }, { id: "alan", name: "Alan" }]);
 * await loader.loadTopics([{ id: "databases", name: "databases" }]);
 * await loader.loadCollaborations([{ fromId: "ada", toId: "alan", strength: 0.8, lastAt: "2026-01-01T00:00:00Z", count: 12 }]);
 */
export function createBulkLoader(options: BulkLoaderOptions): BulkLoader {
  const { connection, onProgress } = options;
  const workspaceId = checkWorkspaceId(options.workspaceId);
  const batchSize = positiveInt(options.batchSize, 2_500, "batchSize", 100_000);
  const concurrency = positiveInt(options.concurrency, 2, "concurrency", 16);
  if (options.now !== undefined && !TimestampSchema.safeParse(options.now).success) {
    throw new AttuneError({ code: "config-invalid", message: `now must be an ISO-8601 timestamp, got ${options.now}` });
  }
  const ctx: Ctx = { workspaceId, now: options.now ?? new Date().toISOString() };
  let workspaceReady: Promise<void> | undefined;

  const ensureWorkspace = () => {
    workspaceReady ??= connection
      .query(
        `MERGE (w:Workspace {id: $ws})
         ON CREATE SET w.workspaceId = $ws, w.name = $name, w.createdAt = $now`,
        { ws: workspaceId, name: options.workspaceName ?? workspaceId, now: ctx.now },
      )
      .then(
        () => undefined,
        (error) => {
          workspaceReady = undefined;
          throw mapNeo4jError(error, "bulk load: workspace");
        },
      );
    return workspaceReady;
  };

  /**
   * Runs one batch: create-only first while `mode.optimistic` holds (see `OPTIMISTIC`), the checked
   * statement otherwise. The first rejected batch turns the rest of the call to checked statements:
   * a call that re-loads stored rows pays one wasted batch, not one per batch.
   */
  const runBatch = async (kind: BulkKind, rows: Record<string, unknown>[], mode: { optimistic: boolean }) => {
    const pack = (SPECS[kind] as KindSpec<z.ZodType>).pack;
    const packed = pack ? pack(rows) : rows;
    const params = { rows: packed, size: rows.length, ws: workspaceId, now: ctx.now };
    const fast = OPTIMISTIC[kind];
    if (fast && mode.optimistic && fast.applies(packed)) {
      try {
        return await execute(kind, fast.statement, params);
      } catch (error) {
        if (!(error instanceof Neo4jError && error.code === CONSTRAINT_VIOLATION)) throw error;
        mode.optimistic = false;
      }
    }
    return execute(kind, STATEMENTS[kind], params);
  };

  const execute = async (kind: BulkKind, statement: string, params: Record<string, unknown>) => {
    const size = params.size as number;
    for (let attempt = 0; ; attempt++) {
      try {
        const { records } = await connection.query(statement, params);
        const record = records[0];
        return {
          written: (record?.get("written") as number | undefined) ?? 0,
          cut: (record?.get("cut") as number | undefined) ?? size,
          problem: (record?.get("problem") as string | null | undefined) ?? null,
        };
      } catch (error) {
        // connection.query already retried transient failures; concurrent batches that lock the same
        // dense nodes can deadlock repeatedly, so give them a few more jittered tries.
        if (error instanceof Neo4jError && error.code === CONSTRAINT_VIOLATION) throw error; // for runBatch
        if (!(error instanceof Neo4jError && error.retriable) || attempt >= EXTRA_ATTEMPTS) {
          throw mapNeo4jError(error, `bulk load ${kind}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 100 * (attempt + 1) + Math.random() * 100));
      }
    }
  };

  async function load(kind: BulkKind, source: BulkRows<unknown>, callOptions: BulkCallOptions | undefined) {
    const kindSpec = SPECS[kind] as KindSpec<z.ZodType>;
    const limit = kindSpec.sequential ? 1 : concurrency;
    const total = Array.isArray(source) ? source.length : callOptions?.total;
    const started = performance.now();
    let done = 0;
    let batches = 0;
    let index = 0; // rows accepted so far (= input position of the next row)
    let batch: Record<string, unknown>[] = [];
    let batchStart = 0;
    let lastBoundary: string | undefined;
    let failure: AttuneError | undefined;
    const inflight = new Map<Promise<void>, Set<string> | undefined>();
    const seenMessageIds = kind === "messages" ? new Set<string>() : undefined;
    const mode = { optimistic: true };

    const elapsed = () => performance.now() - started;
    const fail = (error: AttuneError) => {
      // The earliest bad row wins (a later batch can fail before an earlier one finishes).
      const at = (error.details as BulkRowErrorDetails | undefined)?.index ?? Number.POSITIVE_INFINITY;
      const prev = (failure?.details as BulkRowErrorDetails | undefined)?.index ?? Number.POSITIVE_INFINITY;
      if (!failure || at < prev) failure = error;
    };

    const runAndReport = async (rows: Record<string, unknown>[], start: number) => {
      try {
        const { written, cut, problem } = await runBatch(kind, rows, mode);
        done += written;
        batches += 1;
        if (problem === null && written < rows.length) {
          fail(
            new AttuneError({
              code: "internal",
              message: `bulk load ${kind}: stored ${written} of ${rows.length} rows (rows ${start}..${start + rows.length - 1}); was the workspace deleted meanwhile?`,
              details: { kind, index: start + written, committed: done } satisfies BulkRowErrorDetails,
            }),
          );
        } else if (problem !== null && cut < rows.length) {
          const code = PROBLEM_CODES[kind]?.[problem] ?? "not-found";
          const what = code === "conflict" ? "conflicts with an existing node" : "names a node that does not exist";
          fail(
            new AttuneError({
              code,
              message: `bulk load ${kind}: row ${start + cut} ${what} (${problem})`,
              details: { kind, index: start + cut, committed: done, field: problem } satisfies BulkRowErrorDetails,
            }),
          );
        }
        const ms = elapsed();
        onProgress?.({ kind, done, total, batches, elapsedMs: ms, rowsPerSecond: ms > 0 ? (done * 1000) / ms : 0 });
      } catch (error) {
        const mapped = mapNeo4jError(error, `bulk load ${kind}`);
        fail(
          new AttuneError({
            code: mapped.code,
            message: `${mapped.message} (rows ${start}..${start + rows.length - 1})`,
            cause: mapped.cause ?? error,
            details: { kind, index: start, committed: done } satisfies BulkRowErrorDetails,
          }),
        );
      }
    };

    /** Sends the pending batch once no batch in flight shares one of its keys and a slot is free. */
    const flush = async () => {
      if (batch.length === 0) return;
      const rows = batch;
      const start = batchStart;
      batch = [];
      batchStart = index;
      const keys = kindSpec.keys ? new Set(rows.flatMap(kindSpec.keys)) : undefined;
      for (;;) {
        const blocking = keys
          ? [...inflight].filter(([, other]) => other && [...other].some((key) => keys.has(key))).map(([task]) => task)
          : [];
        if (blocking.length === 0 && inflight.size < limit) break;
        await Promise.race(blocking.length > 0 ? blocking : inflight.keys());
      }
      if (failure) return; // an earlier batch failed meanwhile: send nothing after it
      const task = runAndReport(rows, start);
      inflight.set(task, keys);
      void task.finally(() => inflight.delete(task));
    };

    const accept = async (raw: unknown): Promise<boolean> => {
      const parsed = kindSpec.schema.safeParse(raw);
      let issues: BulkRowErrorDetails["issues"];
      if (!parsed.success) {
        issues = parsed.error.issues.map((issue) => ({ path: issue.path.join("."), message: issue.message }));
      } else {
        const rowWs = (parsed.data as { workspaceId?: string }).workspaceId;
        if (rowWs !== undefined && rowWs !== workspaceId) {
          issues = [{ path: "workspaceId", message: `row belongs to workspace ${rowWs}, not ${workspaceId}` }];
        }
      }
      if (issues) {
        await flush(); // the rows before the bad one are valid: store them
        while (inflight.size > 0) await Promise.race(inflight.keys());
        fail(
          new AttuneError({
            code: "invalid-payload",
            message: `bulk load ${kind}: row ${index} is invalid: ${issues.map((p) => `${p.path || "(row)"}: ${p.message}`).join("; ")}`,
            details: { kind, index, committed: done, issues } satisfies BulkRowErrorDetails,
          }),
        );
        return false;
      }
      const params = kindSpec.toParams(parsed.data, ctx);
      if (seenMessageIds) {
        const props = params.props as { id: string; replyTo?: string };
        params.replyInCall = props.replyTo !== undefined && seenMessageIds.has(props.replyTo);
        seenMessageIds.add(props.id);
      }
      // A full batch is sent before this row, unless the row continues the last row's group (e.g.
      // the same belief subject): groups are kept whole, up to twice the batch size, so that
      // consecutive batches of sorted input never have to wait for each other.
      const boundary = kindSpec.boundary?.(params);
      if (
        batch.length >= batchSize &&
        (boundary === undefined || boundary !== lastBoundary || batch.length >= 2 * batchSize)
      ) {
        await flush();
      }
      lastBoundary = boundary;
      batch.push(params);
      index += 1;
      return failure === undefined;
    };

    await ensureWorkspace();
    if (Symbol.asyncIterator in source) {
      for await (const raw of source as AsyncIterable<unknown>) if (!(await accept(raw))) break;
    } else {
      for (const raw of source as Iterable<unknown>) if (!(await accept(raw))) break;
    }
    if (!failure) await flush();
    while (inflight.size > 0) await Promise.race(inflight.keys());
    if (failure) {
      (failure.details as BulkRowErrorDetails).committed = done;
      throw failure;
    }
    const ms = elapsed();
    return { kind, rows: done, batches, elapsedMs: ms, rowsPerSecond: ms > 0 ? (done * 1000) / ms : 0 };
  }

  return {
    workspaceId,
    loadPersons: (rows, o) => load("persons", rows, o),
    loadAgents: (rows, o) => load("agents", rows, o),
    loadTeams: (rows, o) => load("teams", rows, o),
    loadTeamMembers: (rows, o) => load("teamMembers", rows, o),
    loadTopics: (rows, o) => load("topics", rows, o),
    loadChannels: (rows, o) => load("channels", rows, o),
    loadCollaborations: (rows, o) => load("collaborations", rows, o),
    loadHelped: (rows, o) => load("helped", rows, o),
    loadTrusts: (rows, o) => load("trusts", rows, o),
    loadBeliefs: (rows, o) => load("beliefs", rows, o),
    loadMessages: (rows, o) => load("messages", rows, o),
    async refreshStatistics(o) {
      const seconds = positiveInt(o?.timeoutSeconds, 300, "timeoutSeconds", 86_400);
      try {
        await connection.query("CALL db.prepareForReplanning($seconds)", { seconds: neo4j.int(seconds) });
      } catch (error) {
        throw mapNeo4jError(error, "refresh statistics");
      }
    },
  };
}

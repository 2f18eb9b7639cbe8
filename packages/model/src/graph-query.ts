import { z } from "zod";
import { DimensionSchema } from "./belief.js";
import { IdSchema, TimestampSchema } from "./ids.js";

/**
 * Typed queries people and agents run against a workspace's relationship graph. One schema per query,
 * shared by `@attune/graph` (which runs them), the HTTP API and the CLI. The workspace is never part of
 * a query: it comes from the caller's token.
 */

const limit = (max: number, fallback: number) => z.number().int().min(1).max(max).default(fallback);

export const PeopleQuerySchema = z.object({
  kind: z.literal("people"),
  /** Only people whose name contains this (case-insensitive). */
  search: z.string().min(1).max(100).optional(),
  limit: limit(500, 50),
});

export const PersonModelQuerySchema = z.object({
  kind: z.literal("person-model"),
  personId: IdSchema,
  /** Read the model as it was then (bi-temporal "as of"). */
  asOf: TimestampSchema.optional(),
  /** Evidence items per belief. */
  evidence: z.number().int().min(0).max(50).default(5),
});

export const ExpertiseMapQuerySchema = z.object({
  kind: z.literal("expertise-map"),
  topic: z.string().min(1).max(200).optional(),
  minLevel: z.number().min(0).max(1).default(0.6),
  limit: limit(1000, 100),
});

export const WhoKnowsWhatQuerySchema = z.object({
  kind: z.literal("who-knows-what"),
  personId: IdSchema,
  limit: limit(500, 50),
});

export const WhoHelpsWhomQuerySchema = z.object({
  kind: z.literal("who-helps-whom"),
  personId: IdSchema.optional(),
  topic: z.string().min(1).max(200).optional(),
  limit: limit(1000, 100),
});

export const PathQuerySchema = z.object({
  kind: z.literal("path"),
  fromId: IdSchema,
  toId: IdSchema,
  maxHops: z.number().int().min(1).max(6).default(4),
});

export const TimelineQuerySchema = z.object({
  kind: z.literal("timeline"),
  personId: IdSchema,
  dimension: DimensionSchema.optional(),
  key: z.string().min(1).max(200).optional(),
  limit: limit(1000, 200),
});

export const WhoCanHelpQuerySchema = z.object({
  kind: z.literal("who-can-help"),
  seekerId: IdSchema,
  topic: z.string().min(1).max(200),
  limit: limit(20, 5),
});

export const TeamSyncQuerySchema = z.object({
  kind: z.literal("team-sync"),
  teamId: IdSchema,
  /** One member's catch-up; all members when absent. */
  memberId: IdSchema.optional(),
  /** Events per member. */
  limit: limit(200, 50),
});

export const CypherQuerySchema = z.object({
  kind: z.literal("cypher"),
  query: z.string().min(1).max(10_000),
  params: z.record(z.string(), z.unknown()).default({}),
  timeoutMs: z.number().int().min(1).max(30_000).default(2_000),
  maxRows: z.number().int().min(1).max(10_000).default(1_000),
});

export const GraphQuerySchema = z.discriminatedUnion("kind", [
  PeopleQuerySchema,
  PersonModelQuerySchema,
  ExpertiseMapQuerySchema,
  WhoKnowsWhatQuerySchema,
  WhoHelpsWhomQuerySchema,
  PathQuerySchema,
  TimelineQuerySchema,
  WhoCanHelpQuerySchema,
  TeamSyncQuerySchema,
  CypherQuerySchema,
]);
/** What a caller sends (defaults optional). */
export type GraphQueryInput = z.input<typeof GraphQuerySchema>;
/** A validated query (defaults filled in). */
export type GraphQuery = z.infer<typeof GraphQuerySchema>;
export type GraphQueryKind = GraphQuery["kind"];
export const GRAPH_QUERY_KINDS = GraphQuerySchema.options.map((o) => o.shape.kind.value) as GraphQueryKind[];

/** Every query answers with rows (plain JSON) and the columns in display order. */
export const GraphQueryResultSchema = z.object({
  kind: z.string(),
  columns: z.array(z.string()),
  rows: z.array(z.record(z.string(), z.unknown())),
  truncated: z.boolean().default(false),
});
export type GraphQueryResult = z.infer<typeof GraphQueryResultSchema>;

/** A person's correction of what Attune believes about them (`POST /v1/me/corrections`). */
export const CorrectionRequestSchema = z.object({
  dimension: DimensionSchema,
  key: z.string().min(1).max(200),
  /** The corrected value, 0..1 (a knowledge level, or 0 for "that's not true of me"). */
  value: z.number().min(0).max(1),
  /** Their own words, kept as evidence. */
  text: z.string().max(500).optional(),
});
export type CorrectionRequest = z.infer<typeof CorrectionRequestSchema>;

/**
 * A correction waiting for the engine to apply it on the person's next turn, as a turn graph's state
 * carries it (`raw` is the stored queue entry, removed once the turn that applied it is written).
 */
export const QueuedCorrectionSchema = z.object({
  raw: z.string(),
  dimension: z.string(),
  key: z.string(),
  value: z.number(),
  at: z.string(),
  text: z.string(),
});
export type QueuedCorrection = z.infer<typeof QueuedCorrectionSchema>;

/** A person's sharing consent (`POST /v1/me/sharing`). */
export const SharingRequestSchema = z.object({
  /** Let colleagues be pointed to me for topics Attune believes I know. */
  knowledge: z.boolean(),
});
export type SharingRequest = z.infer<typeof SharingRequestSchema>;

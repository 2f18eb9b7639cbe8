import { AttuneError, DimensionSchema, IdSchema, TimestampSchema } from "@attune/model";
import { z } from "zod";
import type { GraphConnection } from "./connection.js";
import { parseRows, requireActors, runScoped } from "./run.js";

const Id = IdSchema;
const Time = TimestampSchema;

/** A relationship between two actors of one workspace, as events report it. */
export const RelationshipSchema = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("collaborates-with"),
    from: Id,
    to: Id,
    /** How much this interaction adds to the tie, 0..1. @default 0.1 */
    weight: z.number().min(0).max(1).default(0.1),
    at: Time,
  }),
  z.object({ type: z.literal("helped"), from: Id, to: Id, topic: z.string().min(1).max(200), at: Time }),
  z.object({ type: z.literal("trusts"), from: Id, to: Id, level: z.number().min(0).max(1), at: Time }),
]);
export type Relationship = z.input<typeof RelationshipSchema>;

/** One person's knowledge of a topic as the live beliefs say, and whether they let it be shared. */
export const KnowsSchema = z.object({
  personId: Id,
  topic: z.string().min(1).max(200),
  level: z.number().min(0).max(1),
  confidence: z.number().min(0).max(1),
  /** The person allowed this to be used for recommendations. */
  shareable: z.boolean(),
  at: Time,
});
export type Knows = z.infer<typeof KnowsSchema>;

/** A second-order belief: `observerId` thinks `subjectId` believes `aboutSubjectId`'s dimension/key is `mean`. */
export const SecondOrderBeliefSchema = z.object({
  id: Id,
  observerId: Id,
  subjectId: Id,
  aboutSubjectId: Id,
  dimension: DimensionSchema,
  key: z.string().min(1).max(200),
  mean: z.number().min(0).max(1),
  confidence: z.number().min(0).max(1),
  at: Time,
});
export type SecondOrderBelief = z.infer<typeof SecondOrderBeliefSchema>;

/** Strength grows with each interaction and saturates at 1 (1 − ∏(1 − w)), so it never needs a rescan. */
const TIE = "1 - (1 - coalesce(r.strength, 0)) * (1 - x.weight)";

/**
 * Records relationships between actors, batched in one round trip: collaborations strengthen a tie
 * (strength, count, recency), help is counted per topic, trust is the latest level. Both actors must
 * exist in the workspace; missing ones are reported, not created.
 *
 * @example
 * await recordRelationships({ connection, workspaceId: "acme", relationships: [{ type: "helped", from: "bo", to: "ada", topic: "kubernetes", at }] });
 */
export async function recordRelationships(options: {
  connection: GraphConnection;
  workspaceId: string;
  relationships: Relationship[];
}): Promise<{ recorded: number }> {
  const rows = parseRows(RelationshipSchema, options.relationships, "relationship");
  await requireActors(options.connection, {
    workspaceId: options.workspaceId,
    ids: rows.flatMap((r) => [r.from, r.to]),
    action: "record relationships",
  });
  const { records } = await runScoped(options.connection, {
    workspaceId: options.workspaceId,
    action: "record relationships",
    mode: "WRITE",
    cypher: `UNWIND $rows AS x
       MATCH (a:Actor {workspaceId: $ws, id: x.from})
       MATCH (b:Actor {workspaceId: $ws, id: x.to})
       CALL (a, b, x) {
         WITH a, b, x WHERE x.type = 'collaborates-with'
         MERGE (a)-[r:COLLABORATES_WITH]->(b)
         SET r.strength = ${TIE}, r.count = coalesce(r.count, 0) + 1,
             r.lastAt = CASE WHEN r.lastAt IS NULL OR r.lastAt < x.at THEN x.at ELSE r.lastAt END
         RETURN 1 AS done
         UNION
         WITH a, b, x WHERE x.type = 'helped'
         MERGE (a)-[r:HELPED {topic: x.topic}]->(b)
         SET r.count = coalesce(r.count, 0) + 1,
             r.lastAt = CASE WHEN r.lastAt IS NULL OR r.lastAt < x.at THEN x.at ELSE r.lastAt END
         RETURN 1 AS done
         UNION
         WITH a, b, x WHERE x.type = 'trusts'
         MERGE (a)-[r:TRUSTS]->(b)
         SET r.level = x.level, r.updatedAt = x.at
         RETURN 1 AS done
       }
       RETURN count(*) AS recorded`,
    params: { rows },
  });
  const recorded = (records[0]?.get("recorded") as number | undefined) ?? 0;
  if (recorded < rows.length) {
    throw new AttuneError({
      code: "not-found",
      message: `${rows.length - recorded} of ${rows.length} relationships name an actor missing from this workspace`,
    });
  }
  return { recorded };
}

/**
 * Keeps the who-knows-what index current: one `(Actor)-[:KNOWS]->(Topic)` edge per person and topic,
 * written whenever a knowledge belief changes (so recommendations never scan beliefs). Topics are
 * created on first mention.
 */
export async function recordKnowledge(options: {
  connection: GraphConnection;
  workspaceId: string;
  knows: Knows[];
}): Promise<void> {
  const rows = parseRows(KnowsSchema, options.knows, "knowledge row");
  if (rows.length === 0) return;
  await runScoped(options.connection, {
    workspaceId: options.workspaceId,
    action: "record knowledge",
    mode: "WRITE",
    cypher: `UNWIND $rows AS x
       MATCH (p:Actor {workspaceId: $ws, id: x.personId})
       MERGE (t:Topic {workspaceId: $ws, id: x.topic}) ON CREATE SET t.name = x.topic, t.createdAt = x.at
       MERGE (p)-[k:KNOWS]->(t)
       SET k.level = x.level, k.confidence = x.confidence, k.shareable = x.shareable, k.updatedAt = x.at`,
    params: { rows },
  });
}

/**
 * Records second-order beliefs (what one actor thinks another believes about a third), each a new
 * version that closes the previous one for the same observer/subject/about/key, linked to the
 * first-order belief it is about when that exists.
 */
export async function recordSecondOrderBeliefs(options: {
  connection: GraphConnection;
  workspaceId: string;
  beliefs: SecondOrderBelief[];
}): Promise<void> {
  const rows = parseRows(SecondOrderBeliefSchema, options.beliefs, "second-order belief");
  if (rows.length === 0) return;
  await requireActors(options.connection, {
    workspaceId: options.workspaceId,
    ids: rows.flatMap((r) => [r.observerId, r.subjectId, r.aboutSubjectId]),
    action: "record second-order beliefs",
  });
  const { records } = await runScoped(options.connection, {
    workspaceId: options.workspaceId,
    action: "record second-order beliefs",
    mode: "WRITE",
    cypher: `UNWIND $rows AS x
       MATCH (o:Actor {workspaceId: $ws, id: x.observerId})
       MATCH (s:Actor {workspaceId: $ws, id: x.subjectId})
       MATCH (:Actor {workspaceId: $ws, id: x.aboutSubjectId})
       MERGE (mind:Mind {workspaceId: $ws, id: x.observerId + '~' + x.subjectId})
         ON CREATE SET mind.observerId = x.observerId, mind.subjectId = x.subjectId
       MERGE (o)-[:HOLDS]->(mind)
       MERGE (mind)-[:ABOUT]->(s)
       WITH mind, x
       OPTIONAL MATCH (mind)-[cur:CURRENT]->(old:Belief {order: 2, aboutSubjectId: x.aboutSubjectId, dimension: x.dimension, key: x.key})
         WHERE old.id <> x.id
       SET old.validTo = x.at
       DELETE cur
       WITH DISTINCT mind, x
       MERGE (b:Belief {workspaceId: $ws, id: x.id})
         ON CREATE SET b.observerId = x.observerId, b.subjectId = x.subjectId, b.aboutSubjectId = x.aboutSubjectId,
                       b.order = 2, b.dimension = x.dimension, b.key = x.key, b.mean = x.mean,
                       b.confidence = x.confidence, b.validFrom = x.at, b.validTo = null, b.recordedAt = x.at,
                       b.visibility = 'private', b.alpha = 1 + 10 * x.mean * x.confidence,
                       b.beta = 1 + 10 * (1 - x.mean) * x.confidence
       MERGE (mind)-[:CURRENT]->(b)
       MERGE (mind)-[:HAS_BELIEF]->(b)
       WITH b, x
       OPTIONAL MATCH (:Actor {workspaceId: $ws, id: x.subjectId})-[:HOLDS]->(:Mind)-[:CURRENT]->(first:Belief {subjectId: x.aboutSubjectId, dimension: x.dimension, key: x.key})
       FOREACH (_ IN CASE WHEN first IS NULL THEN [] ELSE [1] END | MERGE (b)-[:ABOUT_BELIEF]->(first))
       RETURN count(DISTINCT b) AS n`,
    params: { rows },
  });
  const n = (records[0]?.get("n") as number | undefined) ?? 0;
  if (n < rows.length) {
    throw new AttuneError({
      code: "not-found",
      message: "a second-order belief names an actor missing from this workspace",
    });
  }
}

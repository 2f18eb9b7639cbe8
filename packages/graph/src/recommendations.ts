import { AttuneError, TimestampSchema } from "@attune/model";
import { z } from "zod";
import type { GraphConnection } from "./connection.js";
import { checkId, int, parseRows, runScoped } from "./run.js";

/** Someone who could help, with the reasons. */
export interface HelperCandidate {
  personId: string;
  name: string | null;
  score: number;
  level: number;
  confidence: number;
  availability: number;
  /** Hops between seeker and candidate over collaborations (null: not connected within 3). */
  distance: number | null;
  /** How often they already helped others on this topic. */
  helped: number;
  /** 0..1: how close their communication style is to what the seeker prefers (0.5 unknown). */
  styleFit: number;
  explanation: string;
}

function topicOf(value: unknown): string {
  if (typeof value !== "string" || value.length === 0 || value.length > 200) {
    throw new AttuneError({ code: "invalid-payload", message: "topic must be 1..200 characters" });
  }
  return value;
}

/** Weights of the recommendation score (documented so the ranking is scrutable). */
export const HELP_WEIGHTS = { knowledge: 0.45, availability: 0.2, closeness: 0.15, helped: 0.1, style: 0.1 } as const;

/**
 * The recommendation score and its explanation for one candidate (one formula for every store):
 * `HELP_WEIGHTS` over knowledge × confidence, availability, collaboration closeness (1 / hops), help
 * record and style fit (how close the candidate's verbosity is to what the seeker prefers).
 */
export function scoreHelper(c: {
  topic: string;
  level: number;
  confidence: number;
  availability: number;
  distance: number | null;
  helped: number;
  seekerV: number | null;
  candidateV: number | null;
}): { score: number; styleFit: number; explanation: string } {
  const { topic, level, confidence, availability, distance, helped, seekerV, candidateV } = c;
  // People who like short answers get on best with people who give them, and vice versa.
  const styleFit = seekerV === null || candidateV === null ? 0.5 : 1 - Math.abs(seekerV - candidateV);
  const closeness = distance === null ? 0 : 1 / distance;
  const score =
    HELP_WEIGHTS.knowledge * level * (0.5 + 0.5 * confidence) +
    HELP_WEIGHTS.availability * availability +
    HELP_WEIGHTS.closeness * closeness +
    HELP_WEIGHTS.helped * Math.min(1, helped / 5) +
    HELP_WEIGHTS.style * styleFit;
  const reasons = [
    `knows ${topic} (${Math.round(level * 100)}%, confidence ${Math.round(confidence * 100)}%)`,
    availability >= 0.6 ? "usually available" : availability <= 0.3 ? "often busy" : null,
    distance === 1
      ? "already works with you"
      : distance !== null
        ? `${distance} steps away through people you work with`
        : null,
    helped > 0 ? `has helped ${helped} time${helped === 1 ? "" : "s"} on ${topic}` : null,
    styleFit >= 0.75 && seekerV !== null ? "communicates the way you like" : null,
  ].filter((x): x is string => x !== null);
  return { score: Math.round(score * 1000) / 1000, styleFit, explanation: reasons.join("; ") };
}

/**
 * Who can help `seekerId` with `topic`: people who know it better than the seeker, ranked by
 * knowledge (only from what each candidate allowed to be shared), availability, collaboration distance,
 * a record of helping on the topic, and fit between their style and the seeker's preferences. Reads
 * the incrementally maintained `KNOWS` index from the topic, never the whole graph.
 *
 * @example
 * const helpers = await whoCanHelp({ connection, workspaceId: "acme", seekerId: "ada", topic: "kubernetes" });
 */
export async function whoCanHelp(options: {
  connection: GraphConnection;
  workspaceId: string;
  seekerId: string;
  topic: string;
  /** @default 5 */
  limit?: number;
  /** Candidates considered after the knowledge cut (bounds the work per request). @default 40 */
  pool?: number;
  /** Persist the result as `Recommendation` nodes (scrutable, erasable). @default false */
  record?: boolean;
  at?: string;
}): Promise<HelperCandidate[]> {
  const seekerId = checkId(options.seekerId, "seekerId");
  const topic = topicOf(options.topic);
  const limit = Math.max(1, Math.min(20, Math.trunc(options.limit ?? 5)));
  const pool = Math.max(limit, Math.min(200, Math.trunc(options.pool ?? 40)));
  const { records } = await runScoped(options.connection, {
    workspaceId: options.workspaceId,
    action: "who can help",
    cypher: `MATCH (seeker:Actor {workspaceId: $ws, id: $seekerId})
       MATCH (t:Topic {workspaceId: $ws, id: $topic})
       OPTIONAL MATCH (seeker)-[own:KNOWS]->(t)
       WITH seeker, t, coalesce(own.level, 0.0) AS seekerLevel
       MATCH (t)<-[k:KNOWS]-(c:Actor:Person)
       WHERE k.shareable AND c <> seeker AND k.level > seekerLevel + 0.1 AND k.level >= 0.5
       WITH seeker, t, seekerLevel, c, k
       ORDER BY k.level * (0.5 + 0.5 * k.confidence) DESC
       LIMIT $pool
       OPTIONAL MATCH path = shortestPath((seeker)-[:COLLABORATES_WITH*..3]-(c))
       CALL (c) {
         OPTIONAL MATCH (c)-[h:HELPED {topic: $topic}]->()
         RETURN coalesce(sum(h.count), 0) AS helped
       }
       CALL (c) {
         OPTIONAL MATCH (c)<-[:ABOUT]-(:Mind)-[:CURRENT]->(v:Belief {dimension: 'preference', key: 'verbosity'})
         WHERE coalesce(v.order, 1) = 1
         RETURN avg(v.mean) AS candidateVerbosity
       }
       RETURN c.id AS id, c.name AS name, k.level AS level, k.confidence AS confidence,
              coalesce(c.availability, 0.5) AS availability, length(path) AS distance, helped,
              candidateVerbosity, seekerLevel,
              COLLECT {
                MATCH (seeker)<-[:ABOUT]-(:Mind)-[:CURRENT]->(sv:Belief {dimension: 'preference', key: 'verbosity'})
                WHERE coalesce(sv.order, 1) = 1
                RETURN sv.mean
              } AS seekerVerbosity`,
    params: { seekerId, topic, pool: int(pool) },
  });
  if (records.length === 0) {
    // Distinguish "nobody" from "unknown seeker or topic" so callers can say which.
    const check = await runScoped(options.connection, {
      workspaceId: options.workspaceId,
      action: "who can help",
      cypher: `OPTIONAL MATCH (s:Actor {workspaceId: $ws, id: $seekerId}) RETURN s IS NOT NULL AS known`,
      params: { seekerId },
    });
    if (check.records[0]?.get("known") !== true) {
      throw new AttuneError({ code: "not-found", message: `no person ${seekerId} in this workspace` });
    }
    return [];
  }
  const candidates = records.map((r): HelperCandidate => {
    const level = r.get("level") as number;
    const confidence = (r.get("confidence") as number) ?? 0;
    const availability = r.get("availability") as number;
    const distance = (r.get("distance") as number | null) ?? null;
    const helped = (r.get("helped") as number) ?? 0;
    const seekerVs = r.get("seekerVerbosity") as number[];
    const seekerV = seekerVs.length ? seekerVs.reduce((a, b) => a + b, 0) / seekerVs.length : null;
    const candidateV = r.get("candidateVerbosity") as number | null;
    const { score, styleFit, explanation } = scoreHelper({
      topic,
      level,
      confidence,
      availability,
      distance,
      helped,
      seekerV,
      candidateV,
    });
    return {
      personId: r.get("id") as string,
      name: (r.get("name") as string | null) ?? null,
      score,
      level,
      confidence,
      availability,
      distance,
      helped,
      styleFit,
      explanation,
    };
  });
  candidates.sort((a, b) => b.score - a.score || a.personId.localeCompare(b.personId));
  const top = candidates.slice(0, limit);
  if (options.record && top.length > 0) {
    await runScoped(options.connection, {
      workspaceId: options.workspaceId,
      action: "record recommendations",
      mode: "WRITE",
      cypher: `MATCH (seeker:Actor {workspaceId: $ws, id: $seekerId})
         MATCH (t:Topic {workspaceId: $ws, id: $topic})
         UNWIND $top AS x
         MATCH (h:Actor {workspaceId: $ws, id: x.personId})
         MERGE (r:Recommendation {workspaceId: $ws, id: $topic + '~' + $seekerId + '~' + x.personId})
         SET r.topic = $topic, r.seekerId = $seekerId, r.helperId = x.personId, r.score = x.score,
             r.explanation = x.explanation, r.updatedAt = $at
         MERGE (r)-[:FOR]->(seeker)
         MERGE (r)-[:SUGGESTS]->(h)
         MERGE (r)-[:ON]->(t)`,
      params: {
        seekerId,
        topic,
        at: options.at ?? new Date().toISOString(),
        top: top.map((c) => ({ personId: c.personId, score: c.score, explanation: c.explanation })),
      },
    });
  }
  return top;
}

/** A plan → reaction outcome the mind engine recorded, kept for cross-person learning. */
export const ExperimentRecordSchema = z.object({
  id: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9_.:@-]*$/)
    .max(128),
  subjectId: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9_.:@-]*$/)
    .max(128),
  topic: z.string().min(1).max(200),
  /** `intent|state` the plan was made in. */
  context: z.string().max(100),
  /** Comma-separated plan arms in the engine's dimension order (length,depth,structure,examples,tone,pace,ask,challenge,explore). */
  arms: z.string().max(300),
  predicted: z.number().min(-1).max(1),
  observed: z.number().min(-1).max(1),
  at: TimestampSchema,
});
export type ExperimentRecord = z.infer<typeof ExperimentRecordSchema>;

/** Records experiments (idempotent by id), each linked to its topic and subject. */
export async function recordExperiments(options: {
  connection: GraphConnection;
  workspaceId: string;
  experiments: ExperimentRecord[];
}): Promise<void> {
  const rows = parseRows(ExperimentRecordSchema, options.experiments, "experiment");
  if (rows.length === 0) return;
  await runScoped(options.connection, {
    workspaceId: options.workspaceId,
    action: "record experiments",
    mode: "WRITE",
    cypher: `UNWIND $rows AS x
       MATCH (s:Actor {workspaceId: $ws, id: x.subjectId})
       MERGE (t:Topic {workspaceId: $ws, id: x.topic}) ON CREATE SET t.name = x.topic, t.createdAt = x.at
       MERGE (e:Experiment {workspaceId: $ws, id: x.id}) ON CREATE SET e += x
       MERGE (e)-[:ON]->(t)
       MERGE (e)-[:OF]->(s)`,
    params: { rows },
  });
}

const ARM_DIMENSIONS = ["length", "depth", "structure", "examples", "tone", "pace", "ask", "challenge", "explore"];

/** How one way of explaining fared with people like the seeker on a topic. */
export interface Strategy {
  dimension: string;
  value: string;
  /** Mean observed reaction, −1..1. */
  meanReaction: number;
  /** How much better than the other values of the same dimension. */
  lift: number;
  n: number;
}

/**
 * Which explanation strategies worked for people with a similar level on `topic` (from recorded
 * experiments): per plan dimension, the value with the best mean reaction, with its lift over the
 * alternatives. Reads the topic's experiments only (index on topic).
 *
 * @example
 * const strategies = await strategiesThatWorked({ connection, workspaceId: "acme", seekerId: "ada", topic: "kubernetes" });
 */
export async function strategiesThatWorked(options: {
  connection: GraphConnection;
  workspaceId: string;
  seekerId: string;
  topic: string;
  /** How close in knowledge level "similar" means. @default 0.2 */
  band?: number;
  /** @default 5 */
  minSamples?: number;
}): Promise<Strategy[]> {
  const seekerId = checkId(options.seekerId, "seekerId");
  const topic = topicOf(options.topic);
  const { records } = await runScoped(options.connection, {
    workspaceId: options.workspaceId,
    action: "strategies that worked",
    cypher: `OPTIONAL MATCH (:Actor {workspaceId: $ws, id: $seekerId})-[own:KNOWS]->(:Topic {workspaceId: $ws, id: $topic})
       WITH coalesce(own.level, 0.5) AS seekerLevel
       MATCH (x:Experiment {workspaceId: $ws, topic: $topic})
       OPTIONAL MATCH (x)-[:OF]->(:Actor)-[k:KNOWS]->(:Topic {workspaceId: $ws, id: $topic})
       WITH x, seekerLevel, coalesce(k.level, 0.5) AS level
       WHERE abs(level - seekerLevel) <= $band AND x.subjectId <> $seekerId
       RETURN x.arms AS arms, x.observed AS observed
       LIMIT 5000`,
    params: { seekerId, topic, band: options.band ?? 0.2 },
  });
  return strategiesFrom(
    records.map((r) => ({ arms: String(r.get("arms")), observed: r.get("observed") as number })),
    options.minSamples ?? 5,
  );
}

/**
 * Per plan dimension, the value whose experiments drew the best mean reaction, with its lift over the
 * other values (each needs `minSamples`); the one aggregation every store uses.
 */
export function strategiesFrom(rows: { arms: string; observed: number }[], minSamples: number): Strategy[] {
  const stats = new Map<string, { sum: number; n: number }>();
  for (const r of rows) {
    r.arms.split(",").forEach((value, i) => {
      const key = `${ARM_DIMENSIONS[i] ?? i}=${value}`;
      const s = stats.get(key) ?? { sum: 0, n: 0 };
      s.sum += r.observed;
      s.n += 1;
      stats.set(key, s);
    });
  }
  const out: Strategy[] = [];
  for (const dimension of ARM_DIMENSIONS) {
    const values = [...stats.entries()].filter(([k, s]) => k.startsWith(`${dimension}=`) && s.n >= minSamples);
    if (values.length < 2) continue;
    const scored = values.map(([k, s]) => ({ value: k.slice(dimension.length + 1), mean: s.sum / s.n, n: s.n, s }));
    scored.sort((a, b) => b.mean - a.mean);
    const best = scored[0];
    if (!best) continue;
    const rest = scored.slice(1);
    const restMean =
      rest.reduce((a, x) => a + x.s.sum, 0) /
      Math.max(
        1,
        rest.reduce((a, x) => a + x.n, 0),
      );
    out.push({ dimension, value: best.value, meanReaction: best.mean, lift: best.mean - restMean, n: best.n });
  }
  return out.sort((a, b) => b.lift - a.lift);
}

import {
  AttuneError,
  type GraphQuery,
  type GraphQueryInput,
  type GraphQueryResult,
  GraphQuerySchema,
} from "@attune/model";
import type { GraphConnection } from "./connection.js";
import { runReadOnlyCypher } from "./cypher-guard.js";
import { toJsonValue } from "./cypher-json.js";
import { readPersonModel } from "./person-model.js";
import { whoCanHelp } from "./recommendations.js";
import { checkId, int, runScoped } from "./run.js";
import { teamSync } from "./team-sync.js";

type Runner<K extends GraphQuery["kind"]> = (
  connection: GraphConnection,
  workspaceId: string,
  query: Extract<GraphQuery, { kind: K }>,
) => Promise<Omit<GraphQueryResult, "kind">>;

const rowsOf = (records: { toObject(): Record<string, unknown> }[]) =>
  records.map((r) => toJsonValue(r.toObject()) as Record<string, unknown>);

const read = async (
  connection: GraphConnection,
  workspaceId: string,
  action: string,
  cypher: string,
  params: Record<string, unknown>,
  columns: string[],
) => {
  const bound = "limit" in params ? { ...params, limit: int(params.limit as number) } : params;
  const { records } = await runScoped(connection, { workspaceId, action, cypher, params: bound });
  return { columns, rows: rowsOf(records), truncated: false };
};

const RUNNERS: { [K in GraphQuery["kind"]]: Runner<K> } = {
  people: (connection, ws, q) =>
    read(
      connection,
      ws,
      "people",
      `MATCH (p:Actor:Person {workspaceId: $ws})
       WHERE $search IS NULL OR toLower(p.name) CONTAINS toLower($search)
       RETURN p.id AS id, p.name AS name, p.lastSeenAt AS lastSeenAt,
              COLLECT { MATCH (p)-[:MEMBER_OF]->(t:Team) RETURN t.id } AS teams
       ORDER BY p.name, p.id LIMIT $limit`,
      { search: q.search ?? null, limit: q.limit },
      ["id", "name", "lastSeenAt", "teams"],
    ),
  "person-model": async (connection, ws, q) => {
    const model = await readPersonModel({
      connection,
      workspaceId: ws,
      personId: q.personId,
      asOf: q.asOf,
      evidence: q.evidence,
    });
    return {
      columns: ["observerId", "dimension", "key", "mean", "confidence", "validFrom", "validTo", "evidence"],
      rows: model.beliefs.map((b) => ({ ...b }) as Record<string, unknown>),
      truncated: false,
    };
  },
  "expertise-map": (connection, ws, q) =>
    read(
      connection,
      ws,
      "expertise map",
      q.topic
        ? `MATCH (t:Topic {workspaceId: $ws, id: $topic})<-[k:KNOWS]-(p:Actor:Person)
           WHERE k.shareable AND k.level >= $minLevel
           RETURN t.id AS topic, p.id AS personId, p.name AS name, k.level AS level, k.confidence AS confidence
           ORDER BY level DESC, personId LIMIT $limit`
        : `MATCH (t:Topic {workspaceId: $ws})
           CALL (t) {
             MATCH (t)<-[k:KNOWS]-(p:Actor:Person) WHERE k.shareable AND k.level >= $minLevel
             RETURN count(p) AS experts, max(k.level) AS top
           }
           WITH t, experts, top WHERE experts > 0
           RETURN t.id AS topic, experts, top AS level
           ORDER BY experts DESC, topic LIMIT $limit`,
      { topic: q.topic ?? null, minLevel: q.minLevel, limit: q.limit },
      q.topic ? ["topic", "personId", "name", "level", "confidence"] : ["topic", "experts", "level"],
    ),
  "who-knows-what": (connection, ws, q) =>
    read(
      connection,
      ws,
      "who knows what",
      `MATCH (:Actor {workspaceId: $ws, id: $personId})-[k:KNOWS]->(t:Topic)
       WHERE k.shareable
       RETURN t.id AS topic, k.level AS level, k.confidence AS confidence, k.updatedAt AS updatedAt
       ORDER BY level DESC, topic LIMIT $limit`,
      { personId: q.personId, limit: q.limit },
      ["topic", "level", "confidence", "updatedAt"],
    ),
  "who-helps-whom": (connection, ws, q) =>
    read(
      connection,
      ws,
      "who helps whom",
      q.personId
        ? `MATCH (:Actor {workspaceId: $ws, id: $personId})-[h:HELPED]-(:Actor)
           WHERE $topic IS NULL OR h.topic = $topic
           RETURN startNode(h).id AS helper, endNode(h).id AS helped, h.topic AS topic, h.count AS count, h.lastAt AS lastAt
           ORDER BY count DESC, lastAt DESC LIMIT $limit`
        : `MATCH (a:Actor:Person {workspaceId: $ws})-[h:HELPED]->(b:Actor)
           WHERE $topic IS NULL OR h.topic = $topic
           RETURN a.id AS helper, b.id AS helped, h.topic AS topic, h.count AS count, h.lastAt AS lastAt
           ORDER BY count DESC, lastAt DESC LIMIT $limit`,
      { personId: q.personId ?? null, topic: q.topic ?? null, limit: q.limit },
      ["helper", "helped", "topic", "count", "lastAt"],
    ),
  path: async (connection, ws, q) => {
    if (q.fromId === q.toId) {
      throw new AttuneError({ code: "invalid-payload", message: "a path needs two different people" });
    }
    // Paths through people and teams only (collaboration, help, trust, shared teams): the workspace node links everyone and means nothing.
    return read(
      connection,
      ws,
      "path",
      `MATCH (a:Actor {workspaceId: $ws, id: $fromId}), (b:Actor {workspaceId: $ws, id: $toId})
       MATCH path = shortestPath((a)-[:COLLABORATES_WITH|HELPED|TRUSTS|MEMBER_OF*..${q.maxHops}]-(b))
       WHERE all(n IN nodes(path) WHERE n:Actor OR n:Team)
       RETURN [n IN nodes(path) | coalesce(n.name, n.id)] AS names,
              [n IN nodes(path) | n.id] AS ids,
              [r IN relationships(path) | type(r)] AS via,
              length(path) AS hops`,
      { fromId: q.fromId, toId: q.toId },
      ["hops", "ids", "names", "via"],
    );
  },
  timeline: (connection, ws, q) =>
    read(
      connection,
      ws,
      "timeline",
      `MATCH (:Actor {workspaceId: $ws, id: $personId})<-[:ABOUT]-(mind:Mind)-[:HAS_BELIEF]->(b:Belief)
       WHERE ($dimension IS NULL OR b.dimension = $dimension) AND ($key IS NULL OR b.key = $key)
       RETURN b.validFrom AS at, b.observerId AS observerId, b.dimension AS dimension, b.key AS key,
              b.mean AS mean, b.confidence AS confidence, b.validTo AS validTo
       ORDER BY at DESC, key LIMIT $limit`,
      { personId: q.personId, dimension: q.dimension ?? null, key: q.key ?? null, limit: q.limit },
      ["at", "observerId", "dimension", "key", "mean", "confidence", "validTo"],
    ),
  "who-can-help": async (connection, ws, q) => {
    const helpers = await whoCanHelp({
      connection,
      workspaceId: ws,
      seekerId: q.seekerId,
      topic: q.topic,
      limit: q.limit,
    });
    return {
      columns: ["personId", "name", "score", "explanation"],
      rows: helpers.map((h) => ({ ...h }) as Record<string, unknown>),
      truncated: false,
    };
  },
  "team-sync": async (connection, ws, q) => {
    const members = await teamSync({
      connection,
      workspaceId: ws,
      teamId: q.teamId,
      memberId: q.memberId,
      limit: q.limit,
    });
    return {
      columns: ["memberId", "name", "lastSeenAt", "missed", "divergent"],
      rows: members.map((m) => ({ ...m }) as Record<string, unknown>),
      truncated: false,
    };
  },
  cypher: async (connection, ws, q) => {
    // Guarded: read mode, parameters only, confined by plan inspection, time and row limits.
    const result = await runReadOnlyCypher({
      connection,
      workspaceId: ws,
      query: q.query,
      params: q.params,
      timeoutMs: q.timeoutMs,
      maxRows: q.maxRows,
    });
    return { columns: result.columns, rows: result.rows, truncated: result.truncated };
  },
};

/**
 * Runs one typed query (validated with `GraphQuerySchema`) in the caller's workspace. The workspace
 * comes from the caller's credentials, never from the query.
 *
 * @example
 * const result = await runGraphQuery({ connection, workspaceId: "acme", query: { kind: "who-can-help", seekerId: "ada", topic: "kubernetes" } });
 */
export async function runGraphQuery(options: {
  connection: GraphConnection;
  workspaceId: string;
  query: GraphQueryInput | unknown;
}): Promise<GraphQueryResult> {
  const ws = checkId(options.workspaceId, "workspaceId");
  const parsed = GraphQuerySchema.safeParse(options.query);
  if (!parsed.success) {
    throw new AttuneError({ code: "invalid-payload", message: "invalid graph query", details: parsed.error.issues });
  }
  const query = parsed.data;
  const runner = RUNNERS[query.kind] as Runner<typeof query.kind>;
  const result = await runner(options.connection, ws, query as never);
  return { kind: query.kind, ...result };
}

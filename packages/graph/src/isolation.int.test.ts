import { AttuneError, type Belief, type Evidence, type Message } from "@attune/model";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ReadOnlyCypherResult, runReadOnlyCypher } from "./cypher-guard.js";
import { toJsonValue } from "./cypher-json.js";
import { checkPlanConfinement, type PlanNode } from "./cypher-plan-check.js";
import type { GraphStore } from "./graph-store.js";
import { freshWorkspaceId, openTestStore } from "./testing/index.js";
import { WorkspaceStore } from "./workspace-store.js";

/**
 * Tenant isolation, proved against the real Neo4j (DESIGN §4: deny by default, and tested).
 *
 * Workspaces A and B hold the same ids (person "ada", channel "general", message "m1", topic
 * "databases", belief "k.db.v1" …); everything B says contains SECRET_B and every B node carries B's
 * (unique, random) workspace id. Every query and store call made as A must be refused with a typed
 * error or return only A's data, and must leave B exactly as it was.
 */

const SECRET = "SECRET_B";
const T0 = "2026-03-01T09:00:00.000Z";
const T1 = "2026-03-01T09:01:00.000Z";

const setup = (tag: string) => ({
  person: { id: "ada", name: `Ada ${tag}` },
  assistant: { id: "assistant", name: "Attune", role: "assistant" },
  defaultChannels: [{ id: "general", name: `General ${tag}`, kind: "team" as const }],
  workspaceName: `Workspace ${tag}`,
});

const message = (ws: string, id: string, text: string, authorId = "ada", channelId = "general"): Message => ({
  id,
  workspaceId: ws,
  channelId,
  authorId,
  authorKind: authorId === "assistant" ? "agent" : "person",
  text,
  createdAt: T0,
});

const evidence = (ws: string, tag: string): Evidence => ({
  id: "e1",
  workspaceId: ws,
  messageId: "m1",
  speakerId: "ada",
  subjectId: "ada",
  dimension: "knowledge",
  key: "databases",
  signal: "technical-vocabulary",
  weight: 1,
  excerpt: `sharding ${tag}`,
  observedAt: T0,
});

const belief = (ws: string): Belief => ({
  id: "k.db.v1",
  workspaceId: ws,
  observerId: "assistant",
  subjectId: "ada",
  dimension: "knowledge",
  key: "databases",
  distribution: { alpha: 3, beta: 1 },
  mean: 0.75,
  confidence: 0.4,
  evidenceIds: ["e1"],
  validFrom: T0,
  validTo: null,
  recordedAt: T0,
  visibility: "private",
});

/**
 * Seeds one workspace through the store's own APIs plus raw writes that follow docs/graph-schema.md
 * (every node carries `workspaceId`, no edge leaves the workspace). `n` on bob is 1 in A and 0 in B:
 * `1 / p.n` fails only on B's bob, which turns an unconfined filter into an error oracle.
 */
async function seed(graph: GraphStore, ws: string, tag: string, extra: boolean): Promise<WorkspaceStore> {
  const store = graph.workspace(ws);
  await store.ensureSession(setup(tag));
  await graph.connection.query(
    `MATCH (w:Workspace {id: $ws}), (ada:Actor {workspaceId: $ws, id: 'ada'})
     MERGE (bob:Actor:Person {workspaceId: $ws, id: 'bob'}) SET bob.name = 'Bob ' + $tag, bob.n = $n, bob.createdAt = $t
     MERGE (bob)-[:MEMBER_OF]->(w)
     MERGE (team:Team {workspaceId: $ws, id: 'core'}) SET team.name = 'Core ' + $tag, team.createdAt = $t
     MERGE (team)-[:IN]->(w)
     MERGE (ada)-[:MEMBER_OF {since: $t}]->(team)
     MERGE (bob)-[:MEMBER_OF {since: $t}]->(team)
     MERGE (topic:Topic {workspaceId: $ws, id: 'databases'}) SET topic.name = 'databases ' + $tag
     MERGE (ada)-[:KNOWS {level: 0.8, confidence: 0.5, shareable: true, updatedAt: $t}]->(topic)
     MERGE (ada)-[:COLLABORATES_WITH {strength: 0.7, lastAt: $t, count: 3}]->(bob)`,
    { ws, tag, n: tag === SECRET ? 0 : 1, t: T0 },
  );
  await store.acceptMessage(message(ws, "m1", `how do I shard databases ${tag}`));
  await store.recordTurn({
    reply: { ...message(ws, "r1", `shard by key ${tag}`, "assistant"), createdAt: T1, replyTo: "m1" },
    mind: { observerId: "assistant", subjectId: "ada", state: JSON.stringify({ tag }) },
    evidence: [evidence(ws, tag)],
    beliefs: [belief(ws)],
  });
  await graph.connection.query(
    `MATCH (m:Message {workspaceId: $ws, id: 'm1'}), (t:Topic {workspaceId: $ws, id: 'databases'})
     MERGE (m)-[:MENTIONS]->(t)`,
    { ws },
  );
  if (extra) {
    // B has more of everything, so a count that leaks B can never equal A's.
    await store.ensureSession({ ...setup(tag), person: { id: "carol", name: `Carol ${tag}` } });
    await store.createChannel({ id: "secret-b", name: `Plans ${tag}`, kind: "team", createdBy: "carol" });
    await store.acceptMessage(message(ws, "m3", `the ${tag} roadmap`, "carol", "secret-b"));
  }
  return store;
}

/** Canonical text of a value, with object keys sorted. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
}

/** Every node of a workspace with its labels and properties, and every edge leaving it: any change shows. */
async function fingerprint(graph: GraphStore, ws: string): Promise<string> {
  const { records } = await graph.connection.query(
    `MATCH (n {workspaceId: $ws})
     OPTIONAL MATCH (n)-[r]->(m)
     WITH n, r, m ORDER BY type(r), elementId(m)
     RETURN elementId(n) AS id, labels(n) AS labels, properties(n) AS props,
            collect(CASE WHEN r IS NULL THEN null ELSE [type(r), elementId(m), properties(r)] END) AS out`,
    { ws },
    "READ",
  );
  return records
    .map((r) =>
      canonical([
        r.get("id"),
        [...(r.get("labels") as string[])].sort(),
        toJsonValue(r.get("props")),
        toJsonValue(r.get("out")),
      ]),
    )
    .sort()
    .join("\n");
}

async function countWhere(graph: GraphStore, cypher: string, ws: string): Promise<number> {
  const { records } = await graph.connection.query(cypher, { ws }, "READ");
  return records[0]?.get("c") as number;
}

interface Fixture {
  graph: GraphStore;
  wsA: string;
  wsB: string;
  a: WorkspaceStore;
  b: WorkspaceStore;
  /** Node counts of A, computed by the test harness (not through the guard). */
  countsA: { nodes: number; people: number; messages: number; actors: number };
  /** Element ids of B's ada and of one B relationship, for id-lookup attacks. */
  nodeIdB: string;
  relIdB: string;
}

let fx: Fixture;

beforeAll(async () => {
  const graph = await openTestStore();
  const wsA = freshWorkspaceId("iso-a");
  const wsB = freshWorkspaceId("iso-b");
  const a = await seed(graph, wsA, "alpha", false);
  const b = await seed(graph, wsB, SECRET, true);
  const { records } = await graph.connection.query(
    "MATCH (ada:Actor {workspaceId: $ws, id: 'ada'})-[r:COLLABORATES_WITH]->() RETURN elementId(ada) AS node, elementId(r) AS rel",
    { ws: wsB },
    "READ",
  );
  fx = {
    graph,
    wsA,
    wsB,
    a,
    b,
    countsA: {
      nodes: await countWhere(graph, "MATCH (n {workspaceId: $ws}) RETURN count(n) AS c", wsA),
      people: await countWhere(graph, "MATCH (n:Person {workspaceId: $ws}) RETURN count(n) AS c", wsA),
      messages: await countWhere(graph, "MATCH (n:Message {workspaceId: $ws}) RETURN count(n) AS c", wsA),
      actors: await countWhere(graph, "MATCH (n:Actor {workspaceId: $ws}) RETURN count(n) AS c", wsA),
    },
    nodeIdB: records[0]?.get("node") as string,
    relIdB: records[0]?.get("rel") as string,
  };
  expect(fx.countsA.people).toBe(2);
  expect(await countWhere(graph, "MATCH (n:Person {workspaceId: $ws}) RETURN count(n) AS c", wsB)).toBe(3);
});

afterAll(async () => {
  if (!fx) return;
  await fx.a.dropWorkspace();
  await fx.b.dropWorkspace();
  await fx.graph.close();
});

/** Asserts nothing of B appears anywhere in a value (B's workspace id is on every B node; its text carries SECRET_B). */
function expectNothingOfB(value: unknown) {
  const text = canonical(value ?? null);
  expect(text).not.toContain(fx.wsB);
  expect(text).not.toContain(SECRET);
}

type Outcome = { result: ReadOnlyCypherResult; error?: undefined } | { result?: undefined; error: AttuneError };

async function runAsA(
  query: string,
  params: Record<string, unknown> = {},
  extra: { timeoutMs?: number; maxRows?: number } = {},
): Promise<Outcome> {
  try {
    return {
      result: await runReadOnlyCypher({
        connection: fx.graph.connection,
        workspaceId: fx.wsA,
        query,
        params,
        ...extra,
      }),
    };
  } catch (error) {
    if (!AttuneError.is(error)) throw error;
    return { error };
  }
}

/**
 * The plan layer on its own (as if the text check were not there): EXPLAIN the query as A and run the
 * confinement check. `neo4j-refuses` when Neo4j cannot even compile it (unknown function …).
 */
async function planLayer(query: string, params: Record<string, unknown>): Promise<string> {
  let summary: { plan: unknown; queryType: string };
  try {
    ({ summary } = await fx.graph.connection.query(`EXPLAIN ${query}`, { ...params, workspaceId: fx.wsA }, "READ"));
  } catch {
    return "neo4j-refuses";
  }
  try {
    checkPlanConfinement({ plan: summary.plan as PlanNode, queryType: summary.queryType });
    return "accepted";
  } catch (error) {
    return ((error as AttuneError).details as { reason: string }).reason;
  }
}

interface AttackCase {
  name: string;
  query: string;
  params?: (f: Fixture) => Record<string, unknown>;
  /** `refused`: a typed error (with this reason, if given). `confined`: rows, all A's, checked by `rows`. */
  expect: { refused: string | true } | { rows: (result: ReadOnlyCypherResult, f: Fixture) => void };
  /** Skip the plan-layer cross-check (admin commands: never sent to Neo4j, not even as EXPLAIN). */
  textOnly?: boolean;
}

const refused = (reason: string | true = true) => ({ refused: reason });
const other = (f: Fixture) => ({ other: f.wsB, id: "ada" });
const single = (result: ReadOnlyCypherResult) => Object.values(result.rows[0] ?? {})[0];

const ATTACKS: AttackCase[] = [
  { name: "label-less scan of everything", query: "MATCH (n) RETURN n", expect: refused("unconfined-read") },
  { name: "count of every node", query: "MATCH (n) RETURN count(n) AS c", expect: refused("count-store") },
  { name: "count of every person", query: "MATCH (p:Person) RETURN count(p) AS c", expect: refused("count-store") },
  { name: "every person's name", query: "MATCH (p:Person) RETURN p.name AS name", expect: refused("unconfined-read") },
  {
    name: "label-less match pinned to the workspace",
    query: "MATCH (n {workspaceId: $workspaceId}) RETURN count(n) AS c",
    expect: { rows: (r, f) => expect(single(r)).toBe(f.countsA.nodes) },
  },
  {
    name: "forced label scan pinned by a filter",
    query: "MATCH (n:Actor) USING SCAN n:Actor WHERE n.workspaceId = $workspaceId RETURN count(n) AS c",
    expect: { rows: (r, f) => expect(single(r)).toBe(f.countsA.actors) },
  },
  {
    name: "cartesian product with an unconfined match",
    query: "MATCH (a:Actor {workspaceId: $workspaceId}), (b:Actor) RETURN b.name AS name",
    expect: refused("unconfined-read"),
  },
  {
    name: "OPTIONAL MATCH of the same id anywhere",
    query:
      "MATCH (a:Actor {workspaceId: $workspaceId}) OPTIONAL MATCH (b:Actor) WHERE b.id = a.id AND b <> a RETURN a.id AS id, b.name AS twin",
    expect: refused("unconfined-read"),
  },
  {
    name: "OPTIONAL MATCH pinned only through the outer variable",
    query:
      "MATCH (a:Actor {workspaceId: $workspaceId}) OPTIONAL MATCH (b:Person) WHERE b.id = a.id AND a.workspaceId = $workspaceId RETURN b.name AS name",
    expect: refused("unconfined-read"),
  },
  {
    name: "UNION with an unconfined branch",
    query:
      "MATCH (a:Actor {workspaceId: $workspaceId}) RETURN a.name AS name UNION MATCH (b:Actor) RETURN b.name AS name",
    expect: refused("unconfined-read"),
  },
  {
    name: "CALL subquery that scans",
    query:
      "MATCH (a:Actor {workspaceId: $workspaceId, id: $id}) CALL () { MATCH (m:Message) RETURN m.text AS text } RETURN text",
    params: other,
    expect: refused("unconfined-read"),
  },
  {
    name: "WITH, then a second unconfined MATCH",
    query: "MATCH (a:Actor {workspaceId: $workspaceId}) WITH a LIMIT 1 MATCH (m:Message) RETURN m.text AS text",
    expect: refused("unconfined-read"),
  },
  {
    name: "WITH, then the same id in any workspace",
    query: "MATCH (a:Actor {workspaceId: $workspaceId}) WITH a MATCH (b:Actor) WHERE b.id = a.id RETURN b.name AS name",
    expect: refused("unconfined-read"),
  },
  {
    name: "shortest path to an unconfined endpoint",
    query:
      "MATCH (a:Actor {workspaceId: $workspaceId, id: $id}), (b:Actor) WHERE b.id = $id AND b <> a MATCH p = shortestPath((a)-[*..6]-(b)) RETURN p",
    params: other,
    expect: refused("unconfined-read"),
  },
  {
    name: "workspaceId <> $workspaceId",
    query: "MATCH (n:Actor) WHERE n.workspaceId <> $workspaceId RETURN n.name AS name",
    expect: refused("unconfined-read"),
  },
  {
    name: "workspaceId = B's id as a literal",
    query: "MATCH (n:Actor) WHERE n.workspaceId = 'WS_B' RETURN n.name AS name",
    expect: refused("string-literal"),
  },
  {
    name: "workspaceId = B's id as a parameter",
    query: "MATCH (n:Actor) WHERE n.workspaceId = $other RETURN n.name AS name",
    params: other,
    expect: refused("unconfined-read"),
  },
  {
    name: "B's id in a node pattern next to a confined one",
    query:
      "MATCH (a:Actor {workspaceId: $workspaceId, id: $id}) MATCH (b:Actor {workspaceId: $other, id: $id}) RETURN b.name AS name",
    params: other,
    expect: refused("unconfined-read"),
  },
  {
    name: "workspaceId IN a list with B",
    query: "MATCH (n:Actor) WHERE n.workspaceId IN $ids RETURN n.name AS name",
    params: (f) => ({ ids: [f.wsA, f.wsB] }),
    expect: refused("unconfined-read"),
  },
  {
    name: "workspaceId by prefix",
    query: "MATCH (n:Actor) WHERE n.workspaceId STARTS WITH $prefix RETURN n.name AS name",
    params: () => ({ prefix: "iso-" }),
    expect: refused("unconfined-read"),
  },
  {
    name: "OR true",
    query: "MATCH (n:Actor) WHERE n.workspaceId = $workspaceId OR true RETURN n.name AS name",
    expect: refused("unconfined-read"),
  },
  {
    name: "OR another workspace",
    query: "MATCH (n:Actor) WHERE n.workspaceId = $workspaceId OR n.workspaceId = $other RETURN n.name AS name",
    params: other,
    expect: refused("unconfined-read"),
  },
  {
    name: "AND another workspace (contradiction, pinned)",
    query: "MATCH (n:Actor) WHERE n.workspaceId = $workspaceId AND n.workspaceId = $other RETURN n.name AS name",
    params: other,
    expect: { rows: (r) => expect(r.rows).toEqual([]) },
  },
  {
    name: "error oracle: a failing predicate on B's rows",
    query: "MATCH (p:Person) WHERE p.workspaceId = $workspaceId AND 1 / p.n = 1 RETURN p.id AS id",
    expect: { rows: (r) => expect(r.rows).toEqual([{ id: "bob" }]) },
  },
  {
    name: "error oracle: the failing predicate written first",
    query: "MATCH (p:Person) WHERE 1 / p.n = 1 AND p.workspaceId = $workspaceId RETURN p.id AS id",
    expect: { rows: (r) => expect(r.rows).toEqual([{ id: "bob" }]) },
  },
  {
    name: "list comprehension hiding a COUNT subquery",
    query:
      "MATCH (a:Actor {workspaceId: $workspaceId, id: $id}) RETURN [x IN [1] | COUNT { MATCH (n:Person) WHERE n.n = x }] AS c",
    params: other,
    expect: refused("nested-subquery"),
  },
  {
    name: "CASE hiding an EXISTS subquery",
    query:
      "MATCH (a:Actor {workspaceId: $workspaceId, id: $id}) RETURN CASE WHEN a.id = $id THEN EXISTS { MATCH (n:Person) WHERE n.name = $name } ELSE false END AS e",
    params: () => ({ id: "ada", name: `Ada ${SECRET}` }),
    expect: refused("nested-subquery"),
  },
  {
    name: "pattern comprehension that scans",
    query: "MATCH (a:Actor {workspaceId: $workspaceId, id: $id}) RETURN [(n:Person)-[:KNOWS]->(t) | t.name] AS names",
    params: other,
    expect: refused("unconfined-read"),
  },
  {
    name: "COUNT {} over every message",
    query: "MATCH (a:Actor {workspaceId: $workspaceId, id: $id}) RETURN COUNT { MATCH (m:Message) } AS c",
    params: other,
    expect: refused("count-store"),
  },
  {
    name: "COUNT {} with a filter (no count store)",
    query:
      "MATCH (a:Actor {workspaceId: $workspaceId, id: $id}) RETURN COUNT { MATCH (m:Message) WHERE m.text IS NOT NULL } AS c",
    params: other,
    expect: refused("unconfined-read"),
  },
  {
    name: "EXISTS {} probing B's names",
    query:
      "MATCH (a:Actor {workspaceId: $workspaceId}) WHERE EXISTS { MATCH (b:Actor) WHERE b.name = $name } RETURN a.id AS id",
    params: () => ({ name: `Ada ${SECRET}` }),
    expect: refused("unconfined-read"),
  },
  {
    name: "COLLECT {} over another label",
    query:
      "MATCH (a:Actor {workspaceId: $workspaceId, id: $id}) RETURN COLLECT { MATCH (t:Topic) RETURN t.name } AS topics",
    params: other,
    expect: refused("unconfined-read"),
  },
  {
    name: "relationship scan",
    query: "MATCH ()-[k:KNOWS]->(t) RETURN t.name AS name",
    expect: refused("unconfined-read"),
  },
  {
    name: "node by element id",
    query: "MATCH (n) WHERE elementId(n) = $eid RETURN n",
    params: (f) => ({ eid: f.nodeIdB }),
    expect: refused("unconfined-read"),
  },
  {
    name: "relationship by element id",
    query: "MATCH ()-[r]->() WHERE elementId(r) = $eid RETURN r",
    params: (f) => ({ eid: f.relIdB }),
    expect: refused("unconfined-read"),
  },
  {
    name: "node by numeric id next to a confined one",
    query: "MATCH (a:Actor {workspaceId: $workspaceId, id: $id}) MATCH (n) WHERE id(n) = id(a) + 1 RETURN n",
    params: other,
    expect: refused("unconfined-read"),
  },
  {
    name: "fulltext procedure",
    query: "CALL db.index.fulltext.queryNodes($index, $q) YIELD node RETURN node.text AS text",
    params: () => ({ index: "actor_name", q: SECRET }),
    expect: refused("procedure-call"),
  },
  { name: "db.labels()", query: "CALL db.labels() YIELD label RETURN label", expect: refused("procedure-call") },
  { name: "apoc function", query: "RETURN apoc.meta.stats() AS s", expect: refused("function-not-allowed") },
  {
    name: "LOAD CSV",
    query: "LOAD CSV FROM $url AS row RETURN row",
    params: () => ({ url: "file:///etc/passwd" }),
    expect: refused("load-csv"),
  },
  {
    name: "USE another database",
    query: "USE system SHOW DATABASES",
    expect: refused("database-selection"),
    textOnly: true,
  },
  { name: "SHOW", query: "SHOW INDEXES", expect: refused("show-command"), textOnly: true },
  { name: "admin command", query: "DROP INDEX actor_workspace", expect: refused("admin-command"), textOnly: true },
  {
    name: "caller-supplied $workspaceId",
    query: "MATCH (n:Actor {workspaceId: $workspaceId}) RETURN n.name AS name",
    params: (f) => ({ workspaceId: f.wsB }),
    expect: refused("reserved-parameter"),
    textOnly: true,
  },
  {
    name: "CREATE into B",
    query: "CREATE (n:Actor:Person {workspaceId: $other, id: $id, name: $id}) RETURN n",
    params: other,
    expect: refused("write-clause"),
  },
  {
    name: "MERGE into B",
    query: "MERGE (n:Actor {workspaceId: $other, id: $id}) SET n.name = $id RETURN n",
    params: other,
    expect: refused("write-clause"),
  },
  {
    name: "SET on B's nodes",
    query: "MATCH (n:Actor {workspaceId: $other}) SET n.name = $id",
    params: other,
    expect: refused("write-clause"),
  },
  { name: "DELETE every message", query: "MATCH (m:Message) DELETE m", expect: refused("write-clause") },
  { name: "DETACH DELETE everything", query: "MATCH (n) DETACH DELETE n", expect: refused("write-clause") },
  { name: "REMOVE every name", query: "MATCH (n:Actor) REMOVE n.name", expect: refused("write-clause") },
  {
    name: "CALL { … } IN TRANSACTIONS",
    query: "MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10 ROWS",
    expect: refused("write-clause"),
  },
  {
    name: "read-only CALL { … } IN TRANSACTIONS",
    query: "MATCH (n:Actor {workspaceId: $workspaceId}) CALL (n) { RETURN n.id AS id } IN TRANSACTIONS RETURN id",
    expect: refused("in-transactions"),
  },
  {
    name: "two statements",
    query: "MATCH (n:Actor {workspaceId: $workspaceId}) RETURN n; MATCH (n) DETACH DELETE n",
    expect: refused("multiple-statements"),
    textOnly: true,
  },
];

describe("read-only Cypher as workspace A", () => {
  it("has a large adversarial table", () => {
    expect(ATTACKS.length).toBeGreaterThanOrEqual(25);
  });

  it.each(ATTACKS)("$name", async (attack) => {
    const before = { a: await fingerprint(fx.graph, fx.wsA), b: await fingerprint(fx.graph, fx.wsB) };
    const params = attack.params?.(fx) ?? {};
    const outcome = await runAsA(attack.query.replace("WS_B", fx.wsB), params);

    if ("refused" in attack.expect) {
      expect(outcome.error, "expected a refusal").toBeInstanceOf(AttuneError);
      expect(["forbidden", "invalid-payload"]).toContain(outcome.error?.code);
      const reason = (outcome.error?.details as { reason?: string } | undefined)?.reason;
      if (attack.expect.refused !== true) expect(reason).toBe(attack.expect.refused);
      expectNothingOfB({ message: outcome.error?.message, details: outcome.error?.details });
      // Defence in depth: the plan check alone also refuses (or Neo4j cannot compile it at all).
      if (!attack.textOnly) {
        expect(await planLayer(attack.query.replace("WS_B", fx.wsB), params)).not.toBe("accepted");
      }
    } else {
      expect(outcome.error, outcome.error?.message).toBeUndefined();
      expectNothingOfB(outcome.result);
      attack.expect.rows(outcome.result as ReadOnlyCypherResult, fx);
    }

    expect(await fingerprint(fx.graph, fx.wsB), "B changed").toBe(before.b);
    expect(await fingerprint(fx.graph, fx.wsA), "A changed").toBe(before.a);
  });
});

describe("read-only Cypher: what a workspace may do", () => {
  it("reads people and their current beliefs", async () => {
    const { result } = await runAsA(
      `MATCH (p:Actor:Person {workspaceId: $workspaceId})<-[:ABOUT]-(m:Mind)-[:CURRENT]->(b:Belief)
       OPTIONAL MATCH (t:Topic {workspaceId: $workspaceId, id: b.key})
       RETURN p.name AS person, b.key AS key, b.mean AS mean, t.name AS topic ORDER BY person, key`,
    );
    expect(result).toEqual({
      columns: ["person", "key", "mean", "topic"],
      rows: [{ person: "Ada alpha", key: "databases", mean: 0.75, topic: "databases alpha" }],
      truncated: false,
    });
  });

  it("finds a path between two people and returns it as plain JSON", async () => {
    const { result, error } = await runAsA(
      `MATCH (a:Actor {workspaceId: $workspaceId, id: $from}), (b:Actor {workspaceId: $workspaceId, id: $to})
       MATCH path = shortestPath((a)-[*..6]-(b))
       RETURN path, length(path) AS hops`,
      { from: "ada", to: "bob" },
    );
    expect(error).toBeUndefined();
    expect(result?.rows).toEqual([
      {
        hops: 1,
        path: {
          nodes: [
            { labels: ["Actor", "Person"], properties: expect.objectContaining({ id: "ada", name: "Ada alpha" }) },
            { labels: ["Actor", "Person"], properties: expect.objectContaining({ id: "bob", name: "Bob alpha" }) },
          ],
          relationships: [{ type: "COLLABORATES_WITH", properties: { strength: 0.7, lastAt: T0, count: 3 } }],
        },
      },
    ]);
  });

  it("aggregates over the workspace only", async () => {
    const { result } = await runAsA(
      `MATCH (m:Message {workspaceId: $workspaceId})
       RETURN m.authorKind AS kind, count(*) AS n, collect(m.text) AS texts ORDER BY kind`,
    );
    expect(result?.rows).toEqual([
      { kind: "agent", n: 1, texts: ["shard by key alpha"] },
      { kind: "person", n: 1, texts: ["how do I shard databases alpha"] },
    ]);
    expect(fx.countsA.messages).toBe(2);
  });

  it("follows traversals and subqueries that start inside the workspace", async () => {
    const { result, error } = await runAsA(
      `MATCH (p:Actor:Person {workspaceId: $workspaceId, id: $id})
       OPTIONAL MATCH (p)-[:SENT]->(m:Message)
       CALL (p) { MATCH (p)-[:MEMBER_OF]->(t:Team) RETURN collect(t.name) AS teams }
       RETURN p.name AS name, count(m) AS sent, teams, COUNT { (p)-[:KNOWS]->() } AS knows,
              EXISTS { (p)-[:COLLABORATES_WITH]->(:Person) } AS collaborates`,
      { id: "ada" },
    );
    expect(error).toBeUndefined();
    expect(result?.rows).toEqual([{ name: "Ada alpha", sent: 1, teams: ["Core alpha"], knows: 1, collaborates: true }]);
  });

  it("stops at maxRows and flags truncation", async () => {
    const query = "MATCH (a:Actor {workspaceId: $workspaceId, id: $id}) UNWIND range(1, $n) AS i RETURN i";
    const { result } = await runAsA(query, { id: "ada", n: 50 }, { maxRows: 10 });
    expect(result?.rows.map((r) => r.i)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(result?.truncated).toBe(true);
    const exact = await runAsA(query, { id: "ada", n: 10 }, { maxRows: 10 });
    expect(exact.result?.truncated).toBe(false);
  });

  it("gives up with `timeout` when the budget runs out", async () => {
    const { error } = await runAsA(
      `MATCH (a:Actor {workspaceId: $workspaceId})
       UNWIND range(1, 100000000) AS x WITH a, x WHERE x % 7 = 0
       RETURN count(*) AS c`,
      {},
      { timeoutMs: 1 },
    );
    expect(error).toMatchObject({ code: "timeout", retryable: true, details: { reason: "timeout" } });
  });

  it("reports Cypher mistakes as invalid-payload, and runtime failures without Neo4j's message", async () => {
    const syntax = await runAsA("MATCH (n:Actor {workspaceId: $workspaceId}) RETURN m");
    expect(syntax.error).toMatchObject({ code: "invalid-payload", details: { reason: "cypher-invalid" } });
    const runtime = await runAsA(
      "MATCH (a:Actor {workspaceId: $workspaceId, id: $id}) RETURN 1 / (size(a.id) - size(a.id)) AS x",
      { id: "ada" },
    );
    expect(runtime.error).toMatchObject({
      code: "invalid-payload",
      details: { reason: "runtime-error", neo4jCode: "Neo.ClientError.Statement.ArithmeticError" },
    });
  });

  it("runs in READ mode, so Neo4j itself refuses a write that got past the checks", async () => {
    const session = fx.graph.connection.driver.session({ defaultAccessMode: "READ" });
    try {
      await expect(
        session.executeRead((tx) => tx.run("MATCH (n:Actor {workspaceId: $ws}) SET n.touched = true", { ws: fx.wsA })),
      ).rejects.toMatchObject({ code: "Neo.ClientError.Statement.AccessMode" });
    } finally {
      await session.close();
    }
  });
});

/**
 * Every public WorkspaceStore method, as a table. A read runs as A (must return nothing of B) and as a
 * workspace that exists but holds nothing (must return nothing at all, although A and B hold the very
 * ids it asks for). A write runs in a third workspace seeded like A, with ids B also uses or only B has,
 * and must leave B unchanged. A new store method fails the coverage test until it has a row here.
 */
interface StoreCall {
  method: string;
  name?: string;
  call: (store: WorkspaceStore) => Promise<unknown>;
}

const turnContext = (channelId: string) => (s: WorkspaceStore) =>
  s.readTurnContext({ observerId: "assistant", subjectId: "ada", channelId, beforeMessageId: "none" });

const STORE_READS: StoreCall[] = [
  { method: "listChannels", call: (s) => s.listChannels() },
  { method: "readTurnContext", call: turnContext("general") },
  { method: "readTurnContext", name: "readTurnContext (a channel only B has)", call: turnContext("secret-b") },
  { method: "readMindState", call: (s) => s.readMindState({ observerId: "assistant", subjectId: "ada" }) },
  {
    method: "readTeamContext",
    call: (s) =>
      s.readTeamContext({ agentIds: ["assistant"], personId: "ada", channelId: "general", beforeMessageId: "none" }),
  },
  {
    method: "readTeamContext",
    name: "readTeamContext (a channel and a person only B has)",
    call: (s) =>
      s.readTeamContext({ agentIds: ["assistant"], personId: "carol", channelId: "secret-b", beforeMessageId: "none" }),
  },
  {
    method: "readMindState",
    name: "readMindState (a subject only B has)",
    call: (s) => s.readMindState({ observerId: "assistant", subjectId: "carol" }),
  },
  { method: "readBeliefs", call: (s) => s.readBeliefs({ observerId: "assistant", subjectId: "ada" }) },
  {
    method: "readBeliefs",
    name: "readBeliefs (asOf)",
    call: (s) => s.readBeliefs({ observerId: "assistant", subjectId: "ada", asOf: T1 }),
  },
  { method: "counts", call: (s) => s.counts() },
];

/** A team turn of A's ids whose payloads say they belong to workspace `ws`. */
const teamTurn = (ws: string, ids: { reply: string; evidence: string; belief: string; experiment: string }) => ({
  reply: { ...message(ws, ids.reply, "w team reply", "assistant"), replyTo: "m1" },
  minds: [
    {
      observerId: "assistant",
      subjectId: "ada",
      state: "{}",
      evidence: [{ ...evidence(ws, "w"), id: ids.evidence }],
      beliefs: [{ ...belief(ws), id: ids.belief, evidenceIds: [ids.evidence], validFrom: T1, recordedAt: T1 }],
    },
  ],
  experiments: [
    {
      id: ids.experiment,
      subjectId: "ada",
      topic: "databases",
      context: "c",
      arms: "a",
      predicted: 0,
      observed: 0,
      at: T1,
    },
  ],
});

const STORE_WRITES: StoreCall[] = [
  {
    method: "ensureSession",
    name: "ensureSession (a person only B has)",
    call: (s) => s.ensureSession({ ...setup("w"), person: { id: "carol", name: "Carol w" } }),
  },
  {
    method: "createChannel",
    name: "createChannel (a channel id only B has)",
    call: (s) => s.createChannel({ id: "secret-b", name: "w", kind: "team", createdBy: "ada" }),
  },
  {
    method: "acceptMessage",
    name: "acceptMessage (a message id only B has)",
    call: (s) => s.acceptMessage(message(s.workspaceId, "m3", "w text", "ada")),
  },
  {
    method: "acceptMessage",
    name: "acceptMessage (an id both have, other text)",
    call: (s) => s.acceptMessage(message(s.workspaceId, "m1", "w other text")),
  },
  {
    method: "recordTurn",
    name: "recordTurn (ids both have)",
    call: (s) =>
      s.recordTurn({
        reply: { ...message(s.workspaceId, "r2", "w reply", "assistant"), replyTo: "m3" },
        mind: { observerId: "assistant", subjectId: "ada", state: "{}" },
        evidence: [{ ...evidence(s.workspaceId, "w"), id: "e1" }],
        beliefs: [{ ...belief(s.workspaceId), id: "k.db.v2", validFrom: T1, recordedAt: T1 }],
      }),
  },
  {
    method: "recordTeamTurn",
    name: "recordTeamTurn (ids both have)",
    call: (s) =>
      s.recordTeamTurn(teamTurn(s.workspaceId, { reply: "r3", evidence: "e1", belief: "k.db.v3", experiment: "x1" })),
  },
  {
    method: "recordTeamTurn",
    name: "recordTeamTurn (a subject only B has)",
    call: (s) =>
      s.recordTeamTurn({
        reply: { ...message(s.workspaceId, "r4", "w team reply", "assistant"), replyTo: "m1" },
        minds: [{ observerId: "assistant", subjectId: "carol", state: "{}" }],
      }),
  },
  {
    method: "acceptMessage",
    name: "acceptMessage (a message that names B's workspace)",
    call: (s) => s.acceptMessage(message(fx.wsB, "m5", "w claims B", "ada")),
  },
  {
    method: "recordTeamTurn",
    name: "recordTeamTurn (reply, evidence, beliefs and experiments that name B's workspace)",
    call: (s) =>
      s.recordTeamTurn(teamTurn(fx.wsB, { reply: "r5", evidence: "e5", belief: "k.db.v5", experiment: "x5" })),
  },
  { method: "dropWorkspace", call: (s) => s.dropWorkspace() },
];

const isEmptyish = (value: unknown): boolean =>
  value === null ||
  value === undefined ||
  (Array.isArray(value) && value.length === 0) ||
  (typeof value === "object" && !Array.isArray(value) && Object.values(value).every(isEmptyish));

describe("WorkspaceStore as workspace A", () => {
  it("has a row for every public method", () => {
    const methods = Object.getOwnPropertyNames(WorkspaceStore.prototype).filter(
      (name) =>
        name !== "constructor" &&
        typeof Object.getOwnPropertyDescriptor(WorkspaceStore.prototype, name)?.value === "function",
    );
    const covered = new Set([...STORE_READS, ...STORE_WRITES].map((c) => c.method));
    expect(
      methods.filter((m) => !covered.has(m)),
      "add these methods to STORE_READS or STORE_WRITES",
    ).toEqual([]);
  });

  it.each(STORE_READS.map((c) => [c.name ?? c.method, c] as const))(
    "read %s returns nothing of B",
    async (_name, c) => {
      const before = await fingerprint(fx.graph, fx.wsB);
      expectNothingOfB(await c.call(fx.a));
      const empty = fx.graph.workspace(freshWorkspaceId("iso-empty"));
      await empty.ensureSession(setup("e"));
      // A workspace that holds nothing of its own may see its session setup, nothing of A's or B's.
      const seen = canonical((await c.call(empty)) ?? null);
      expect(seen).not.toContain(fx.wsA);
      expect(seen).not.toContain("alpha");
      expectNothingOfB(seen);
      await empty.dropWorkspace();
      expect(await fingerprint(fx.graph, fx.wsB)).toBe(before);
    },
  );

  it("reads of a workspace that does not exist return nothing", async () => {
    const missing = fx.graph.workspace(freshWorkspaceId("iso-missing"));
    for (const c of STORE_READS) expect(isEmptyish(await c.call(missing)), c.name ?? c.method).toBe(true);
  });

  it("counts only A's nodes", async () => {
    const counts = await fx.a.counts();
    expect(counts.Person).toBe(fx.countsA.people);
    expect(counts.Message).toBe(fx.countsA.messages);
  });

  it("stores payloads that name B's workspace in A, with no conflict that would reveal B's ids", async () => {
    const w = await seed(fx.graph, freshWorkspaceId("iso-claim"), "w", false);
    await w.recordTeamTurn({
      reply: { ...message(fx.wsB, "r9", "w team reply", "assistant"), replyTo: "m1" },
      minds: [
        {
          observerId: "assistant",
          subjectId: "ada",
          state: "{}",
          // e1 and k.db.v1 are B's ids too.
          evidence: [evidence(fx.wsB, "w")],
          beliefs: [{ ...belief(fx.wsB), validFrom: T1, recordedAt: T1 }],
        },
      ],
    });
    const { records } = await fx.graph.connection.query(
      `MATCH (n) WHERE (n:Evidence AND n.id = 'e1') OR (n:Belief AND n.id = 'k.db.v1') OR (n:Message AND n.id = 'r9')
       RETURN n.workspaceId AS ws, count(*) AS c ORDER BY ws`,
      {},
      "READ",
    );
    const counts = Object.fromEntries(records.map((r) => [r.get("ws") as string, Number(r.get("c"))]));
    expect(counts[w.workspaceId]).toBe(3);
    await w.dropWorkspace();
  });

  it("writes with B's ids never touch B", async () => {
    const before = await fingerprint(fx.graph, fx.wsB);
    const w = await seed(fx.graph, freshWorkspaceId("iso-w"), "w", false);
    for (const c of STORE_WRITES) {
      await c.call(w).catch((error: unknown) => {
        // Refusing is fine (e.g. not-found for an id that exists only in B); it must be a typed error.
        expect(AttuneError.is(error), `${c.name ?? c.method}: ${String(error)}`).toBe(true);
      });
      expect(await fingerprint(fx.graph, fx.wsB), `${c.name ?? c.method} changed B`).toBe(before);
    }
  });
});

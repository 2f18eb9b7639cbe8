import { AttuneError } from "@attune/model";
import { describe, expect, it } from "vitest";
import type { GraphConnection } from "./connection.js";
import { MAX_CYPHER_PARAMS_LENGTH, runReadOnlyCypher } from "./cypher-guard.js";
import { MAX_CYPHER_LENGTH } from "./cypher-static-check.js";

/**
 * A connection that records what would reach Neo4j. A statically refused query must never open a
 * session; an accepted one is sent as `EXPLAIN <query>` first (the fake then fails, ending the call).
 */
function fakeConnection() {
  const sent: { text: string; params: Record<string, unknown> }[] = [];
  let sessions = 0;
  const connection = {
    database: undefined,
    driver: {
      session: () => {
        sessions++;
        return {
          beginTransaction: async () => ({
            run: (text: string, params: Record<string, unknown>) => {
              sent.push({ text, params });
              throw new Error("fake: stop after the first statement");
            },
            close: async () => undefined,
          }),
          close: async () => undefined,
        };
      },
    },
    query: async () => {
      throw new Error("not used");
    },
    close: async () => undefined,
  } as unknown as GraphConnection;
  return { connection, sent, sessions: () => sessions };
}

async function refusal(query: string, extra: { params?: Record<string, unknown> } = {}) {
  const fake = fakeConnection();
  const error = await runReadOnlyCypher({ connection: fake.connection, workspaceId: "ws-a", query, ...extra }).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(AttuneError.is(error), `expected an AttuneError for ${query.slice(0, 80)}`).toBe(true);
  expect(fake.sessions(), "a refused query must not reach Neo4j").toBe(0);
  const e = error as AttuneError;
  return { code: e.code, reason: (e.details as { reason?: string } | undefined)?.reason };
}

async function sentText(query: string, params?: Record<string, unknown>) {
  const fake = fakeConnection();
  await expect(
    runReadOnlyCypher({ connection: fake.connection, workspaceId: "ws-a", query, ...(params ? { params } : {}) }),
  ).rejects.toMatchObject({ code: "internal" });
  expect(fake.sent).toHaveLength(1);
  return fake.sent[0] as { text: string; params: Record<string, unknown> };
}

const forbidden = (reason: string) => ({ code: "forbidden", reason });

describe("runReadOnlyCypher: refusals before any query is sent", () => {
  const cases: [string, string, { code: string; reason: string }][] = [
    ["CREATE", "CREATE (n:Person {workspaceId: $workspaceId}) RETURN n", forbidden("write-clause")],
    ["MERGE", "MERGE (n:Topic {workspaceId: $workspaceId, id: $id})", forbidden("write-clause")],
    ["SET", "MATCH (n:Actor {workspaceId: $workspaceId}) SET n.name = $name", forbidden("write-clause")],
    ["SET label", "MATCH (n:Actor {workspaceId: $workspaceId}) SET n:Admin", forbidden("write-clause")],
    ["DELETE", "MATCH (n:Message {workspaceId: $workspaceId}) DELETE n", forbidden("write-clause")],
    ["DETACH DELETE", "match (n:Actor {workspaceId: $workspaceId}) detach delete n", forbidden("write-clause")],
    ["NODETACH DELETE", "MATCH (n:Actor {workspaceId: $workspaceId}) NODETACH DELETE n", forbidden("write-clause")],
    ["REMOVE", "MATCH (n:Actor {workspaceId: $workspaceId}) REMOVE n.name", forbidden("write-clause")],
    [
      "FOREACH",
      "MATCH (n:Actor {workspaceId: $workspaceId}) FOREACH (x IN [1] | SET n.x = x)",
      forbidden("write-clause"),
    ],
    ["write in a subquery", "CALL () { CREATE (n:X) } RETURN 1", forbidden("write-clause")],
    ["CALL procedure", "CALL db.labels()", forbidden("procedure-call")],
    ["CALL procedure YIELD", "CALL db.labels() YIELD label RETURN label", forbidden("procedure-call")],
    [
      "fulltext procedure",
      "CALL db.index.fulltext.queryNodes($index, $q) YIELD node RETURN node",
      forbidden("procedure-call"),
    ],
    [
      "apoc procedure",
      "MATCH (n:Actor {workspaceId: $workspaceId}) CALL apoc.path.expand(n) YIELD path RETURN path",
      forbidden("procedure-call"),
    ],
    [
      "IN TRANSACTIONS",
      "MATCH (n:Actor {workspaceId: $workspaceId}) CALL (n) { RETURN n.id AS id } IN TRANSACTIONS RETURN id",
      forbidden("in-transactions"),
    ],
    ["LOAD CSV", "LOAD CSV FROM $url AS row RETURN row", forbidden("load-csv")],
    ["USE", "USE system SHOW DATABASES", forbidden("database-selection")],
    ["SHOW", "SHOW INDEXES", forbidden("show-command")],
    ["SHOW TRANSACTIONS", "SHOW TRANSACTIONS YIELD *", forbidden("show-command")],
    ["DROP", "DROP INDEX actor_workspace", forbidden("admin-command")],
    ["TERMINATE", "TERMINATE TRANSACTIONS $ids", forbidden("admin-command")],
    ["GRANT", "GRANT ROLE admin TO neo4j", forbidden("admin-command")],
    ["EXPLAIN", "EXPLAIN MATCH (n:Actor {workspaceId: $workspaceId}) RETURN n", forbidden("query-option")],
    ["PROFILE", "PROFILE MATCH (n:Actor {workspaceId: $workspaceId}) RETURN n", forbidden("query-option")],
    [
      "CYPHER options",
      "CYPHER runtime=slotted MATCH (n:Actor {workspaceId: $workspaceId}) RETURN n",
      forbidden("query-option"),
    ],
    ["apoc function", "RETURN apoc.coll.sum($xs) AS s", forbidden("function-not-allowed")],
    [
      "apoc in WHERE",
      "MATCH (n:Actor {workspaceId: $workspaceId}) WHERE apoc.text.clean(n.name) = $x RETURN n",
      forbidden("function-not-allowed"),
    ],
    ["db function", "RETURN db.nameFromElementId($id) AS db", forbidden("function-not-allowed")],
    ["gds function", "RETURN gds.version() AS v", forbidden("function-not-allowed")],
    ["spaced namespace", "RETURN apoc . coll . sum($xs) AS s", forbidden("function-not-allowed")],
    [
      "string literal",
      "MATCH (n:Actor {workspaceId: $workspaceId}) WHERE n.id = 'ada' RETURN n",
      forbidden("string-literal"),
    ],
    ["workspace id literal", "MATCH (n:Actor) WHERE n.workspaceId = 'ws-b' RETURN n", forbidden("string-literal")],
    ["double-quoted literal", 'MATCH (n:Actor {workspaceId: "ws-a"}) RETURN n', forbidden("string-literal")],
    ["quoted name", "MATCH (`n`:Actor {workspaceId: $workspaceId}) RETURN `n`", forbidden("quoted-identifier")],
    ["quoted parameter", "MATCH (n:Actor {workspaceId: $`workspaceId`}) RETURN n", forbidden("quoted-identifier")],
    [
      "two statements",
      "MATCH (n:Actor {workspaceId: $workspaceId}) RETURN n; MATCH (m) DETACH DELETE m",
      forbidden("multiple-statements"),
    ],
    [
      "CREATE after a comment line",
      "MATCH (n:Actor {workspaceId: $workspaceId}) // hi\nCREATE (m:X)",
      forbidden("write-clause"),
    ],
    [
      "CREATE after a CR comment end",
      "MATCH (n:Actor {workspaceId: $workspaceId}) // hi\rCREATE (m:X)",
      forbidden("write-clause"),
    ],
    [
      "keyword glued to a number",
      "MATCH (n:Actor {workspaceId: $workspaceId}) WITH n LIMIT 1CREATE (m:X)",
      forbidden("write-clause"),
    ],
    [
      "keyword glued to a float",
      "MATCH (n:Actor {workspaceId: $workspaceId}) WITH n WHERE n.x > 1.5e3DELETE n",
      forbidden("write-clause"),
    ],
    ["empty", "   ", { code: "invalid-payload", reason: "empty-query" }],
    ["only a comment", "// nothing", { code: "invalid-payload", reason: "empty-query" }],
    ["unterminated comment", "MATCH (n) /* RETURN n", { code: "invalid-payload", reason: "unparsable-query" }],
    ["unterminated string", "RETURN 'abc", { code: "invalid-payload", reason: "unparsable-query" }],
    [
      "oversized query",
      `MATCH (n:Actor {workspaceId: $workspaceId}) RETURN n ${"/* padding */".repeat(800)}`,
      { code: "payload-too-large", reason: "query-too-large" },
    ],
  ];
  it.each(cases)("%s", async (_name, query, expected) => {
    expect(await refusal(query)).toEqual(expected);
  });

  it("refuses a caller-supplied $workspaceId, bad parameter names and non-JSON values", async () => {
    const q = "MATCH (n:Actor {workspaceId: $workspaceId}) RETURN n";
    expect(await refusal(q, { params: { workspaceId: "ws-b" } })).toEqual(forbidden("reserved-parameter"));
    expect(await refusal(q, { params: { "bad-name": 1 } })).toEqual({
      code: "invalid-payload",
      reason: "invalid-parameter",
    });
    expect(await refusal(q, { params: { when: new Date() } })).toEqual({
      code: "invalid-payload",
      reason: "invalid-parameter",
    });
    expect(await refusal(q, { params: { n: Number.NaN } })).toEqual({
      code: "invalid-payload",
      reason: "invalid-parameter",
    });
    expect(await refusal(q, { params: { big: "x".repeat(MAX_CYPHER_PARAMS_LENGTH) } })).toEqual({
      code: "payload-too-large",
      reason: "parameters-too-large",
    });
  });

  it("refuses invalid options", async () => {
    const fake = fakeConnection();
    const base = { connection: fake.connection, query: "RETURN 1 AS one" };
    for (const options of [
      { ...base, workspaceId: "a' OR 1=1" },
      { ...base, workspaceId: "ws-a", timeoutMs: 0 },
      { ...base, workspaceId: "ws-a", timeoutMs: 30_001 },
      { ...base, workspaceId: "ws-a", maxRows: 10_001 },
      { ...base, workspaceId: "ws-a", maxRows: 1.5 },
    ]) {
      await expect(runReadOnlyCypher(options)).rejects.toMatchObject({
        code: "invalid-payload",
        details: { reason: "invalid-option" },
      });
    }
    expect(fake.sessions()).toBe(0);
  });

  it("keeps the query size limit in step with the documented one", () => {
    expect(MAX_CYPHER_LENGTH).toBe(10_000);
  });
});

describe("runReadOnlyCypher: what passes the text check", () => {
  it("sends EXPLAIN first, with $workspaceId bound by the guard and integers as Cypher integers", async () => {
    const { text, params } = await sentText("MATCH (n:Actor {workspaceId: $workspaceId}) RETURN n LIMIT $n", {
      n: 3,
      ratio: 0.5,
    });
    expect(text).toBe("EXPLAIN MATCH (n:Actor {workspaceId: $workspaceId}) RETURN n LIMIT $n");
    expect(params.workspaceId).toBe("ws-a");
    expect(String(params.n)).toBe("3");
    expect(typeof params.n).toBe("object"); // neo4j Integer
    expect(params.ratio).toBe(0.5);
  });

  it("drops one trailing semicolon", async () => {
    expect((await sentText("RETURN 1 AS one ;  ")).text).toBe("EXPLAIN RETURN 1 AS one ");
  });

  it.each([
    ["keywords in comments", "MATCH (n:Actor {workspaceId: $workspaceId}) /* CREATE DELETE 'x' */ RETURN n // SET"],
    [
      "keyword-named properties and map keys",
      "MATCH (n:Actor {workspaceId: $workspaceId}) RETURN n.set AS set_, {delete: n.remove} AS m",
    ],
    ["keyword-like labels", "MATCH (n:Actor:Create {workspaceId: $workspaceId}) RETURN n"],
    [
      "subqueries",
      "MATCH (n:Actor {workspaceId: $workspaceId}) CALL (n) { MATCH (n)-[:SENT]->(m) RETURN count(m) AS c } RETURN c",
    ],
    [
      "Cypher's own namespaced functions",
      "RETURN date.truncate($unit, date()) AS d, point.distance(point({x: 0, y: 0}), point({x: 1, y: 1})) AS p",
    ],
    [
      "numbers and booleans",
      "MATCH (b:Belief {workspaceId: $workspaceId}) WHERE b.mean > 0.5 AND b.order = 1 AND true RETURN b LIMIT 10",
    ],
    ["number forms", "RETURN 1e5 AS a, 2.5E-3 AS b, 0x1F AS c, 0o17 AS d, 1_000 AS e, [1, 2, 3][0..2] AS f"],
  ])("%s", async (_name, query) => {
    expect((await sentText(query)).text).toBe(`EXPLAIN ${query}`);
  });
});

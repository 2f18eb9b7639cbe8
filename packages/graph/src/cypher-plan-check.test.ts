import { describe, expect, it } from "vitest";
import {
  checkPlanConfinement,
  conjuncts,
  isSafePredicate,
  type PlanNode,
  pinnedVariable,
} from "./cypher-plan-check.js";

// Plans below are shaped exactly like what Neo4j 5.26 returns for `EXPLAIN` (operator names with the
// `@neo4j` suffix, `Details` text), recorded from the real server while building the guard.
const op = (
  operatorType: string,
  details: string | undefined,
  children: PlanNode[] = [],
  identifiers?: string[],
): PlanNode => ({
  operatorType: `${operatorType}@neo4j`,
  identifiers: identifiers ?? [
    ...new Set([...(details?.match(/\b[a-z_][A-Za-z0-9_]*\b/g) ?? []), ...children.flatMap((c) => c.identifiers)]),
  ],
  arguments: details === undefined ? {} : { Details: details },
  children,
});
const results = (child: PlanNode) => op("ProduceResults", "x", [child]);

function outcome(plan: PlanNode, queryType = "r") {
  try {
    checkPlanConfinement({ plan: results(plan), queryType });
    return "confined";
  } catch (error) {
    return (error as { details: { reason: string } }).details.reason;
  }
}

const pinnedSeek = (v: string) =>
  op(
    "NodeIndexSeek",
    `RANGE INDEX ${v}:Actor(workspaceId) WHERE workspaceId = $workspaceId, cache[${v}.workspaceId]`,
    [],
    [v],
  );

describe("checkPlanConfinement", () => {
  it.each<[string, PlanNode, string]>([
    ["seek pinned to $workspaceId", pinnedSeek("p"), "confined"],
    [
      "unique composite seek pinned",
      op(
        "NodeUniqueIndexSeek",
        "UNIQUE b:Actor(workspaceId, id) WHERE workspaceId = $workspaceId AND id = $x, cache[b.workspaceId], cache[b.id]",
        [],
        ["b"],
      ),
      "confined",
    ],
    [
      "seek on another workspace parameter",
      op("NodeIndexSeek", "RANGE INDEX n:Actor(workspaceId) WHERE workspaceId = $other", [], ["n"]),
      "unconfined-read",
    ],
    [
      "seek on a list of workspaces",
      op("NodeIndexSeek", "RANGE INDEX n:Actor(workspaceId) WHERE workspaceId IN [$workspaceId, $x]", [], ["n"]),
      "unconfined-read",
    ],
    ["all nodes", op("AllNodesScan", "n"), "unconfined-read"],
    [
      "all nodes filtered to the workspace",
      op("Filter", "n.workspaceId = $workspaceId", [op("AllNodesScan", "n")]),
      "confined",
    ],
    [
      "label scan, cached pin",
      op("Filter", "cache[p.workspaceId] = $workspaceId", [op("NodeByLabelScan", "p:Person")]),
      "confined",
    ],
    [
      "label scan, pin first then anything",
      op("Filter", "p.workspaceId = $workspaceId AND $autoint_0 / p.n = $autoint_1", [
        op("NodeByLabelScan", "p:Person"),
      ]),
      "confined",
    ],
    [
      "label scan, a predicate that can fail evaluated before the pin",
      op("Filter", "toLower(p.name) = $x AND p.workspaceId = $workspaceId", [op("NodeByLabelScan", "p:Person")]),
      "unconfined-read",
    ],
    [
      "label scan, safe predicates before the pin",
      op("Filter", "p:Person AND NOT p.id = $x AND p.name IS NOT NULL AND p.workspaceId = $workspaceId", [
        op("NodeByLabelScan", "p:Actor"),
      ]),
      "confined",
    ],
    [
      "label scan, pin inside OR",
      op("Filter", "p.workspaceId = $workspaceId OR p.id = $x", [op("NodeByLabelScan", "p:Person")]),
      "unconfined-read",
    ],
    [
      "label scan, pin inside an unparenthesized OR",
      op("Filter", "p.id = $x OR p.id = $y AND p.workspaceId = $workspaceId", [op("NodeByLabelScan", "p:Person")]),
      "unconfined-read",
    ],
    [
      "label scan, pin negated",
      op("Filter", "NOT cache[n.workspaceId] = $workspaceId", [
        op("NodeIndexScan", "RANGE INDEX n:Actor(workspaceId) WHERE workspaceId IS NOT NULL, cache[n.workspaceId]"),
      ]),
      "unconfined-read",
    ],
    [
      "relationship scan pinned on one end",
      op("Filter", "p.workspaceId = $workspaceId AND (p:Person AND m:Mind)", [
        op("DirectedRelationshipTypeScan", "(p)-[anon_0:HOLDS]->(m)"),
      ]),
      "confined",
    ],
    [
      "relationship scan pinned on the far end",
      op("Filter", "m:Mind AND m.workspaceId = $workspaceId", [
        op("UndirectedRelationshipTypeScan", "(p)-[anon_0:HOLDS]-(m)"),
      ]),
      "confined",
    ],
    [
      "relationship scan unpinned",
      op("Filter", "p:Person", [op("DirectedAllRelationshipsScan", "(n)-[anon_1]->(m)")]),
      "unconfined-read",
    ],
    [
      "label scan, expand, then pin on the expanded end",
      op("Filter", "t.workspaceId = $workspaceId", [
        op("Expand(All)", "(m)-[r:ABOUT]->(t)", [op("NodeByLabelScan", "m:Mind")]),
      ]),
      "confined",
    ],
    [
      "scan under Apply pinned only through the outer variable",
      op("Apply", undefined, [
        pinnedSeek("a"),
        op("Filter", "a.workspaceId = $workspaceId AND n.id = a.id", [
          op("NodeByLabelScan", "n:Person", [], ["a", "n"]),
        ]),
      ]),
      "unconfined-read",
    ],
    [
      "scan under Apply with the pin above the Apply",
      op("Filter", "n.workspaceId = $workspaceId", [
        op("Apply", undefined, [pinnedSeek("a"), op("NodeByLabelScan", "n:Person", [], ["a", "n"])]),
      ]),
      "unconfined-read",
    ],
    ["element id seek", op("NodeByElementIdSeek", "n WHERE elementId(n) = $x"), "unconfined-read"],
    [
      "element id seek then pin",
      op("Filter", "n.workspaceId = $workspaceId", [op("NodeByElementIdSeek", "n WHERE elementId(n) = $x")]),
      "confined",
    ],
    ["count store", op("NodeCountFromCountStore", "count( (:Person) ) AS `count(p)`", [], ["count(p)"]), "count-store"],
    [
      "procedure call",
      op("ProcedureCall", "db.labels() :: (label :: STRING)", [op("Argument", undefined)]),
      "procedure-call",
    ],
    ["write operator", op("Create", "(n:X)", [pinnedSeek("p")]), "unsupported-operator"],
    [
      "subquery hidden in an expression",
      op("Projection", "[x IN $autolist_0 | COUNT { MATCH (n)   WHERE n:Person AND n.id IN [x] }] AS c", [
        pinnedSeek("a"),
      ]),
      "nested-subquery",
    ],
    [
      "pattern comprehension hidden in an expression",
      op(
        "Projection",
        "[x IN $autolist_0 | COLLECT { MATCH (n)-[`anon_1`]->(m)   WHERE n.v IN [x] RETURN m AS `anon_0` }] AS l",
        [pinnedSeek("a")],
      ),
      "nested-subquery",
    ],
    ["unreadable scan details", op("NodeByLabelScan", "???"), "unparsable-plan"],
    [
      "truncated plan text",
      op("Filter", "p.workspaceId = $workspaceId AND p.x = ...", [op("NodeByLabelScan", "p:Person")]),
      "unparsable-plan",
    ],
    [
      "subquery hidden in another argument",
      {
        ...op("Projection", "x AS x", [pinnedSeek("a")]),
        arguments: { Details: "x AS x", Expression: "COUNT { MATCH (n) }" },
      },
      "nested-subquery",
    ],
    [
      "label scan, IN a parameter before the pin",
      op("Filter", "p.id IN $ids AND p.workspaceId = $workspaceId", [op("NodeByLabelScan", "p:Person")]),
      "unconfined-read",
    ],
    ["plain projection", op("Projection", "$autoint_0 AS x"), "confined"],
    [
      "traversal from a pinned seek",
      op("Optional", "a", [op("Expand(All)", "(a)-[anon_0:SENT]->(m)", [pinnedSeek("a")])]),
      "confined",
    ],
  ])("%s", (_name, plan, expected) => {
    expect(outcome(plan)).toBe(expected);
  });

  it("refuses anything but a read-only query type", () => {
    for (const queryType of ["w", "rw", "s", undefined]) {
      expect(() => checkPlanConfinement({ plan: results(pinnedSeek("a")), queryType: queryType as string })).toThrow(
        expect.objectContaining({ code: "forbidden", details: expect.objectContaining({ reason: "not-read-only" }) }),
      );
    }
  });
});

describe("predicate reading", () => {
  it("splits conjuncts in evaluation order, flattening AND groups but not OR", () => {
    expect(conjuncts("p.workspaceId = $workspaceId AND (p:Person AND m:Mind)")).toEqual([
      "p.workspaceId = $workspaceId",
      "p:Person",
      "m:Mind",
    ]);
    expect(conjuncts("a.x = $y OR b.x = $y AND c.x = $y")).toHaveLength(1);
    expect(conjuncts("(a.x = $y OR b.x = $y) AND c.x = $y")).toEqual(["(a.x = $y OR b.x = $y)", "c.x = $y"]);
  });

  it("knows which predicates cannot fail", () => {
    for (const safe of [
      "p:Person",
      "NOT anon_1 = anon_0",
      "b.id = cache[a.id]",
      "x.n >= $min",
      "x.id IN [$a, $b]",
      "x.v IS NULL",
      "x.k STARTS WITH $p",
    ]) {
      expect(isSafePredicate(safe), safe).toBe(true);
    }
    for (const unsafe of [
      "toLower(p.name) = $x",
      "$autoint_0 / p.n = $autoint_1",
      "size(p.tags) > $n",
      "p.a + p.b = $c",
    ]) {
      expect(isSafePredicate(unsafe), unsafe).toBe(false);
    }
  });

  it("recognizes only an exact pin to $workspaceId", () => {
    expect(pinnedVariable("p.workspaceId = $workspaceId")).toBe("p");
    expect(pinnedVariable("cache[q.workspaceId] = $workspaceId")).toBe("q");
    expect(pinnedVariable("$workspaceId = r.workspaceId")).toBe("r");
    expect(pinnedVariable("p.workspaceId = $workspaceIdX")).toBeUndefined();
    expect(pinnedVariable("p.workspaceId = $other")).toBeUndefined();
    expect(pinnedVariable("p.workspaceIds = $workspaceId")).toBeUndefined();
    expect(pinnedVariable("NOT p.workspaceId = $workspaceId")).toBeUndefined();
  });
});

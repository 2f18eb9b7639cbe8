import neo4j from "neo4j-driver";
import { describe, expect, it } from "vitest";
import { toJsonValue } from "./cypher-json.js";

const { Node, Relationship, Path, PathSegment, DateTime, Date: CypherDate, Duration, Point } = neo4j.types;

describe("toJsonValue", () => {
  const ada = new Node(neo4j.int(1), ["Actor", "Person"], { id: "ada", seen: neo4j.int(3) }, "4:x:1");
  const bob = new Node(neo4j.int(2), ["Actor", "Person"], { id: "bob" }, "4:x:2");
  const knows = new Relationship(neo4j.int(7), neo4j.int(1), neo4j.int(2), "COLLABORATES_WITH", { count: 2 }, "5:x:7");

  it("turns graph entities into labels/type and properties, without element ids", () => {
    expect(toJsonValue(ada)).toEqual({ labels: ["Actor", "Person"], properties: { id: "ada", seen: 3 } });
    expect(toJsonValue(knows)).toEqual({ type: "COLLABORATES_WITH", properties: { count: 2 } });
    expect(toJsonValue(new Path(ada, bob, [new PathSegment(ada, knows, bob)]))).toEqual({
      nodes: [toJsonValue(ada), toJsonValue(bob)],
      relationships: [toJsonValue(knows)],
    });
  });

  it("turns driver scalars into JSON", () => {
    expect(toJsonValue(neo4j.int(42))).toBe(42);
    expect(toJsonValue(neo4j.int("9007199254740993"))).toBe("9007199254740993");
    expect(toJsonValue(new DateTime(2026, 1, 2, 3, 4, 5, 0, 0))).toBe("2026-01-02T03:04:05Z");
    expect(toJsonValue(new CypherDate(2026, 1, 2))).toBe("2026-01-02");
    expect(toJsonValue(new Duration(0, 2, 0, 0))).toBe("P2DT");
    expect(toJsonValue(new Point(7203, 1, 2))).toEqual({ srid: 7203, x: 1, y: 2 });
    expect(toJsonValue(Number.NaN)).toBe("NaN");
    expect(toJsonValue(new Uint8Array([1, 2, 3]))).toBe("AQID");
    expect(toJsonValue({ list: [neo4j.int(1), null, undefined], nested: { ok: true } })).toEqual({
      list: [1, null, null],
      nested: { ok: true },
    });
  });
});

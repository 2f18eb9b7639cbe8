import { describe, expect, it } from "vitest";
import { parseQueryArgs, renderTable } from "./query.js";

describe("attune query arguments", () => {
  it("turns flags into typed query fields and keeps connection flags apart", () => {
    expect(
      parseQueryArgs(["who-can-help", "--seeker-id", "ada", "--topic", "kubernetes", "--limit", "3", "--json"]),
    ).toEqual({
      body: { kind: "who-can-help", seekerId: "ada", topic: "kubernetes", limit: 3 },
      flags: { json: true },
    });
    expect(parseQueryArgs(["cypher", "MATCH (n) RETURN n", "--max-rows", "5", "--url", "http://x"])).toEqual({
      body: { kind: "cypher", query: "MATCH (n) RETURN n", maxRows: 5 },
      flags: { url: "http://x" },
    });
  });

  it("rejects a missing kind, stray arguments and flags without values", () => {
    expect(() => parseQueryArgs([])).toThrow(/missing query kind/);
    expect(() => parseQueryArgs(["people", "stray"])).toThrow(/unexpected argument/);
    expect(() => parseQueryArgs(["people", "--search"])).toThrow(/needs a value/);
  });

  it("renders aligned tables with a row count", () => {
    const text = renderTable({
      kind: "people",
      columns: ["id", "teams"],
      rows: [
        { id: "ada", teams: ["platform"] },
        { id: "bo", teams: [] },
      ],
      truncated: true,
    });
    expect(text.split("\n")).toEqual([
      "id   teams",
      "---  ------------",
      'ada  ["platform"]',
      "bo   []",
      "(2 rows, truncated)",
    ]);
  });
});

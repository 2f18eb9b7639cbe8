import { AttuneError } from "@attune/model";
import { Neo4jError } from "neo4j-driver";
import { describe, expect, it } from "vitest";
import { mapNeo4jError } from "./map-error.js";

const neo = (code: string) => new Neo4jError("boom", code, "", "");

describe("mapNeo4jError", () => {
  it("maps constraint violations to conflict", () => {
    expect(mapNeo4jError(neo("Neo.ClientError.Schema.ConstraintValidationFailed"), "write")).toMatchObject({
      code: "conflict",
      retryable: false,
    });
  });

  it("maps unavailability to a retryable graph-unavailable", () => {
    for (const code of ["ServiceUnavailable", "SessionExpired"]) {
      expect(mapNeo4jError(neo(code), "read")).toMatchObject({ code: "graph-unavailable", retryable: true });
    }
  });

  it("keeps AttuneErrors and wraps anything else as internal with the cause", () => {
    const own = new AttuneError({ code: "not-found", message: "x" });
    expect(mapNeo4jError(own, "read")).toBe(own);
    const cause = new Error("syntax");
    const mapped = mapNeo4jError(cause, "read beliefs");
    expect(mapped).toMatchObject({ code: "internal", message: "read beliefs failed" });
    expect(mapped.cause).toBe(cause);
  });
});

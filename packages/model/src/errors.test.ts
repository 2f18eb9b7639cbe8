import { describe, expect, it } from "vitest";
import { AttuneError, ERROR_CODES, toErrorPayload } from "./errors.js";

describe("AttuneError", () => {
  it("carries code, cause and a retryable default from the code table", () => {
    const cause = new Error("socket hang up");
    const error = new AttuneError({ code: "graph-unavailable", message: "down", cause });
    expect(error).toBeInstanceOf(Error);
    expect(error.code).toBe("graph-unavailable");
    expect(error.retryable).toBe(true);
    expect(error.cause).toBe(cause);
    expect(new AttuneError({ code: "not-found", message: "x" }).retryable).toBe(false);
    expect(new AttuneError({ code: "not-found", message: "x", retryable: true }).retryable).toBe(true);
  });

  it("is recognised across package copies by name and code", () => {
    const foreign = Object.assign(new Error("x"), { name: "AttuneError", code: "conflict" });
    expect(AttuneError.is(foreign)).toBe(true);
    expect(AttuneError.is(new Error("x"))).toBe(false);
    expect(AttuneError.is("AttuneError")).toBe(false);
  });

  it("documents every code", () => {
    for (const [code, entry] of Object.entries(ERROR_CODES)) {
      expect(code).toMatch(/^[a-z]+(-[a-z]+)*$/);
      expect(entry.doc.length).toBeGreaterThan(10);
    }
  });
});

describe("toErrorPayload", () => {
  it("maps AttuneErrors to the wire without causes or stacks", () => {
    const payload = toErrorPayload(
      new AttuneError({
        code: "invalid-payload",
        message: "bad",
        details: [{ path: "text" }],
        cause: new Error("secret"),
      }),
    );
    expect(payload).toEqual({ code: "invalid-payload", message: "bad", retryable: false, details: [{ path: "text" }] });
    expect(JSON.stringify(payload)).not.toContain("secret");
  });

  it("hides unknown errors behind a generic internal error", () => {
    expect(toErrorPayload(new TypeError("password=hunter2 at db.js:12"))).toEqual({
      code: "internal",
      message: "internal error",
      retryable: true,
    });
    expect(toErrorPayload("a string")).toMatchObject({ code: "internal" });
  });
});

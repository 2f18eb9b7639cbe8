import { describe, expect, it } from "vitest";
import { parseTurnThreadId, turnThreadId } from "./thread-id.js";

describe("turn thread ids", () => {
  it("round-trip, one thread per workspace, channel and person", () => {
    const parts = { workspaceId: "acme:eu", channelId: "general", personId: "ada@acme" };
    const id = turnThreadId(parts);
    expect(id).toBe("turn/acme:eu/general/ada@acme");
    expect(parseTurnThreadId(id)).toEqual(parts);
    expect(turnThreadId({ ...parts, personId: "bo" })).not.toBe(id);
    expect(turnThreadId({ ...parts, channelId: "random" })).not.toBe(id);
  });

  it("refuse ids that could break the format", () => {
    expect(() => turnThreadId({ workspaceId: "a/b", channelId: "c", personId: "d" })).toThrow(
      expect.objectContaining({ code: "invalid-payload" }),
    );
    for (const bad of ["turn/a/b", "turn/a/b/c/d", "other/a/b/c", "turn/a//c", "turn/a/b/c d", ""]) {
      expect(parseTurnThreadId(bad), bad).toBeUndefined();
    }
  });
});

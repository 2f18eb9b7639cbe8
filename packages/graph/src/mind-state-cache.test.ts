import { describe, expect, it } from "vitest";
import { MindStateCache, mindStateCacheOf } from "./mind-state-cache.js";

describe("MindStateCache", () => {
  it("keeps a mind's text by revision and replaces it on a new one", () => {
    const cache = new MindStateCache({ maxChars: 100 });
    cache.put("w", "a~b", "r1", "one");
    expect(cache.get("w", "a~b")).toEqual({ rev: "r1", state: "one" });
    cache.put("w", "a~b", "r2", "two");
    expect(cache.get("w", "a~b")).toEqual({ rev: "r2", state: "two" });
    expect(cache.get("other", "a~b")).toBeUndefined();
  });

  it("drops an entry written without a revision (a writer that does not track them)", () => {
    const cache = new MindStateCache({ maxChars: 100 });
    cache.put("w", "a~b", "r1", "one");
    cache.put("w", "a~b", null, "changed elsewhere");
    expect(cache.get("w", "a~b")).toBeUndefined();
  });

  it("stays within its character bound, forgetting the least recently used first", () => {
    const cache = new MindStateCache({ maxChars: 10 });
    cache.put("w", "m1", "r", "aaaa");
    cache.put("w", "m2", "r", "bbbb");
    cache.get("w", "m1");
    cache.put("w", "m3", "r", "cccc");
    expect(cache.get("w", "m2")).toBeUndefined();
    expect(cache.get("w", "m1")?.state).toBe("aaaa");
    expect(cache.get("w", "m3")?.state).toBe("cccc");
    cache.put("w", "big", "r", "x".repeat(11));
    expect(cache.get("w", "big")).toBeUndefined();
  });

  it("forgets a whole workspace, and only it", () => {
    const cache = new MindStateCache({ maxChars: 100 });
    cache.put("w", "a~b", "r", "1");
    cache.put("w", "a~c", "r", "2");
    cache.put("w2", "a~b", "r", "3");
    cache.forgetWorkspace("w");
    expect(cache.size).toBe(1);
    expect(cache.get("w2", "a~b")?.state).toBe("3");
  });

  it("is one cache per driver", () => {
    const driver = {};
    expect(mindStateCacheOf(driver)).toBe(mindStateCacheOf(driver));
    expect(mindStateCacheOf({})).not.toBe(mindStateCacheOf(driver));
  });
});

import { describe, expect, it } from "vitest";
import { requestVagueness } from "./vagueness.js";

describe("requestVagueness", () => {
  it.each([
    "can you look at this",
    "it's broken again",
    "any ideas?",
    "need help with something",
    "how should I handle this?",
    "can you help me with the thing from before?",
  ])("reads %s as underspecified", (text) => {
    expect(requestVagueness(text.toLowerCase(), false)).toBeGreaterThanOrEqual(0.75);
  });

  it.each([
    "why does my useeffect run twice when the component mounts",
    "our postgres replica lags by minutes after every bulk import",
    "what is a vpn?",
  ])("reads %s as specific", (text) => {
    expect(requestVagueness(text, false)).toBeLessThanOrEqual(0.35);
  });

  it("treats a paste as pinning the request down", () => {
    expect(requestVagueness("can you look at this", true)).toBe(0.1);
  });
});

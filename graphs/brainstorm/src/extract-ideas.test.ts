import { describe, expect, it } from "vitest";
import { contentTerms, extractIdeas, ownWords, stem } from "./extract-ideas.js";
import type { BrainstormMessage } from "./state.js";
import { EXPECTED_IDEAS, MESSAGES } from "./testing/brainstorm-session.js";

const msg = (
  id: string,
  authorId: string,
  text: string,
  authorKind: "person" | "agent" = "person",
): BrainstormMessage => ({
  id,
  authorId,
  authorName: authorId.toUpperCase(),
  authorKind,
  text,
  createdAt: "2030-01-07T09:00:00.000Z",
});

describe("extractIdeas", () => {
  it("credits every idea to the person whose own words it is, exactly", () => {
    const { ideas, relayed } = extractIdeas({ messages: MESSAGES });
    expect(ideas.map((i) => [i.id, i.authorId, i.text])).toEqual(EXPECTED_IDEAS);
    // Relayed and quoted words are kept aside, credited to nobody.
    expect(relayed).toEqual([
      { messageId: "m4", text: "Ada wrote: write a proper onboarding guide" },
      { messageId: "m5", text: "we should drop the pricing page entirely." },
    ]);
  });

  it("never credits the agent, a quoted person or a relayed person", () => {
    const { ideas } = extractIdeas({ messages: MESSAGES });
    expect(ideas.some((i) => i.authorId === "attune")).toBe(false);
    expect(ideas.some((i) => /FAQ/i.test(i.text))).toBe(false);
    // Ada's quoted idea is not hers twice, nor Cal's; Ben's relayed one is neither Ben's nor Dee's.
    expect(ideas.filter((i) => /onboarding guide/.test(i.text)).map((i) => i.authorId)).toEqual(["ada"]);
    expect(ideas.some((i) => /drop the pricing page/.test(i.text))).toBe(false);
    expect(ideas.filter((i) => i.authorId === "ben").map((i) => i.messageId)).toEqual(["m2", "m2"]);
  });

  it("reads quoted speech, code and reported speech as someone else's, but 'I said' as the author's", () => {
    expect(ownWords('Eve wrote "switch everything to rust now" and I agree').own).toEqual(["Eve wrote   and I agree"]);
    expect(ownWords("Ben suggested that we rewrite billing").own).toEqual([""]);
    expect(ownWords("I said that we should rewrite billing in go").own).toEqual([
      "I said that we should rewrite billing in go",
    ]);
    expect(ownWords("```\nrm -rf cache\n```\nclear the build cache nightly").own).toEqual([
      "",
      "clear the build cache nightly",
    ]);
    const { ideas } = extractIdeas({
      messages: [
        msg("x", "gil", "I said that we should rewrite billing in go"),
        msg("y", "bot", "Rewrite billing in go", "agent"),
      ],
    });
    expect(ideas.map((i) => [i.id, i.authorId])).toEqual([["x#1", "gil"]]);
  });

  it("credits nobody for a pasted transcript or a relay about a member", () => {
    const { ideas, relayed } = extractIdeas({
      messages: [
        msg("a", "ben", "Ship the billing export on Friday"),
        msg("b", "cal", "Move the standup to the afternoon"),
        msg(
          "c",
          "dee",
          "BEN: ship the billing export on Friday\nCAL: move the standup to the afternoon\nHire a technical writer for the docs",
        ),
        msg("d", "eve", "I think BEN said that we should freeze deploys on Fridays"),
      ],
    });
    expect(ideas.map((i) => [i.id, i.authorId])).toEqual([
      ["a#1", "ben"],
      ["b#1", "cal"],
      ["c#1", "dee"],
    ]);
    expect(ideas[2]?.text).toBe("Hire a technical writer for the docs");
    expect(relayed.map((r) => r.messageId)).toEqual(["c", "c", "d"]);
  });

  it("takes bullets one by one, other lines sentence by sentence, and drops acknowledgements", () => {
    const { ideas } = extractIdeas({
      messages: [
        msg(
          "z",
          "hal",
          "1. Weekly demo sessions\n2) Shared release calendar\nThanks! Great thread.\nRotate on-call fairly. Publish the rota.",
        ),
      ],
    });
    expect(ideas.map((i) => i.text)).toEqual([
      "Weekly demo sessions",
      "Shared release calendar",
      "Rotate on-call fairly.",
      "Publish the rota.",
    ]);
  });

  it("normalises words so inflections meet", () => {
    expect(stem("caching")).toBe(stem("cache"));
    expect(stem("cached")).toBe(stem("caches"));
    expect(stem("hires")).toBe(stem("hire"));
    expect(stem("policies")).toBe("policy");
    expect(contentTerms("Let's cache the pricing page, maybe?")).toEqual(["cach", "pric", "pag"]);
  });
});

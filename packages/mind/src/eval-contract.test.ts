import { describe, expect, it } from "vitest";
import { evaluateConversation } from "./eval-contract.js";

const conversation = {
  id: "c1",
  turns: [
    { role: "user" as const, text: "urgent: our postgres migration fails with a foreign key error, quick fix?" },
    { role: "assistant" as const, text: "Here is a long explanation of foreign keys..." },
    { role: "user" as const, text: "way too long, just tell me the command. I'm confused" },
  ],
};

describe("evaluation contract", () => {
  it("writes one line after the last turn with every contract field", () => {
    const [line, ...rest] = evaluateConversation({ conversation });
    expect(rest).toEqual([]);
    expect(line?.id).toBe("c1");
    expect(line?.turn).toBeUndefined();
    const s = line?.snapshot;
    for (const k of ["confused", "rushed", "skeptical", "frustrated", "playful", "engaged"] as const) {
      expect(s?.state[k]).toBeGreaterThanOrEqual(0);
      expect(s?.state[k]).toBeLessThanOrEqual(1);
    }
    expect(s?.state.confused).toBeGreaterThan(0.4);
    expect(s?.reaction.satisfaction).toBeLessThan(0);
    expect(Object.keys(s?.intent.distribution ?? {})).toEqual([
      "learn",
      "explore",
      "debug",
      "decide",
      "persuade",
      "create",
      "unstuck",
      "chat",
    ]);
    expect(s?.intent.top).toBe("debug");
    expect(s?.knowledge.databases?.level).toBeGreaterThan(0.5);
    expect(Object.keys(s?.preferences ?? {})).toEqual([
      "verbosity",
      "examplesFirst",
      "pace",
      "warmth",
      "novelty",
      "ambiguityTolerance",
      "challenge",
    ]);
    expect(s?.preferences.verbosity.value).toBeLessThan(0);
    expect(line?.plan.rationale.length).toBeGreaterThan(0);
  });

  it("writes one line per user turn with --per-turn, indexed by turn", () => {
    const lines = evaluateConversation({ conversation, perTurn: true });
    expect(lines.map((l) => l.turn)).toEqual([0, 2]);
  });

  it("is deterministic", () => {
    expect(evaluateConversation({ conversation })).toEqual(evaluateConversation({ conversation }));
  });

  it("rejects malformed conversations", () => {
    expect(() =>
      evaluateConversation({ conversation: { id: "x", turns: [{ role: "bot", text: "hi" }] } as never }),
    ).toThrow();
  });
});

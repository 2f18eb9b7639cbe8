import { describe, expect, it } from "vitest";
import { createMind } from "./mind.js";
import { parseReflection, type Reflector, reflectInto } from "./reflection.js";

const ids = { workspaceId: "acme", observerId: "assistant", subjectId: "ada" };

describe("slow-path reflection", () => {
  it("accepts valid structured output", () => {
    const result = parseReflection({
      hypotheses: [
        {
          kind: "goal",
          dimension: "intent",
          key: "ship-billing-migration",
          value: 0.9,
          confidence: 0.7,
          rationale: "mentions the migration deadline twice",
        },
      ],
    });
    expect(result).toMatchObject({ ok: true, dropped: 0 });
  });

  it("repairs what small models get wrong: fenced JSON, bare arrays, percentages, missing dimension", () => {
    const raw =
      'Sure! Here are my hypotheses:\n```json\n[{"kind": "Misconception", "key": "Raft needs a majority of ALL nodes", "value": "80", "confidence": 60, "rationale": "said quorum = all"}]\n```';
    const result = parseReflection(raw);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.hypotheses[0]).toMatchObject({
      kind: "misconception",
      dimension: "knowledge",
      key: "raft needs a majority of all nodes",
      value: 0.8,
      confidence: 0.6,
    });
  });

  it("rejects output it cannot repair, keeping the valid part", () => {
    expect(parseReflection("I think the user is nice.")).toEqual({
      ok: false,
      error: "no JSON found in the reflection output",
    });
    expect(parseReflection({ nothing: true })).toMatchObject({ ok: false });
    const partial = parseReflection({
      hypotheses: [{ kind: "state", key: "rushed", value: 0.9, confidence: 0.5, rationale: "" }, { kind: "alien" }],
    });
    expect(partial).toMatchObject({ ok: true, dropped: 1 });
  });

  it("merges hypotheses as bounded evidence and never fails on a broken reflector", async () => {
    const mind = createMind(ids);
    const reflector: Reflector = {
      reflect: async () => ({
        hypotheses: [
          {
            kind: "knowledge",
            dimension: "knowledge",
            key: "databases",
            value: 1,
            confidence: 1,
            rationale: "designs schemas",
          },
        ],
      }),
    };
    const merged = await reflectInto({ mind, reflector, transcript: [], messageId: "r1", weight: 1 });
    expect(merged.ok).toBe(true);
    const level = mind.snapshot().knowledge.databases?.level ?? 0;
    // One reflection counts as at most one observation: it tilts, it does not overwrite.
    expect(level).toBeGreaterThan(0.5);
    expect(level).toBeLessThanOrEqual(2 / 3 + 1e-9);
    const broken: Reflector = { reflect: async () => Promise.reject(new Error("model crashed")) };
    expect(await reflectInto({ mind, reflector: broken, transcript: [], messageId: "r2" })).toEqual({
      ok: false,
      error: "reflector failed: model crashed",
    });
    const garbage: Reflector = { reflect: async () => "no idea" };
    expect((await reflectInto({ mind, reflector: garbage, transcript: [], messageId: "r3" })).ok).toBe(false);
    expect(mind.snapshot().knowledge.databases?.level).toBe(level);
  });
});

import { describe, expect, it } from "vitest";
import { extractJSON, readReflection } from "./read-reflection.js";
import { REFLECTION_EXAMPLE_KEYS } from "./reflection-prompt.js";

const transcript = [
  {
    role: "user" as const,
    text: "I'm fine-tuning llama with LoRA. Should I set the rank to 64 so it trains more layers?",
  },
  { role: "assistant" as const, text: "Rank is the size of the update matrices, not the number of layers." },
  { role: "user" as const, text: "wait, I thought higher rank = more layers. I'm confused" },
];

const misconception = {
  kind: "misconception",
  dimension: "knowledge",
  key: "thinks that higher rank means more layers",
  value: 0.8,
  confidence: 0.6,
  rationale: "said higher rank = more layers",
};

describe("readReflection", () => {
  it("accepts schema-valid output as valid and namespaces free-text keys", () => {
    const read = readReflection({ raw: { hypotheses: [misconception] }, transcript });
    expect(read.status).toBe("valid");
    expect(read.hypotheses).toEqual([
      { ...misconception, key: "misconception:thinks that higher rank means more layers" },
    ]);
    expect(read.dropped).toBe(0);
  });

  it("repairs JSON inside prose or code fences", () => {
    const fenced = `Sure! Here you go:\n\`\`\`json\n${JSON.stringify({ hypotheses: [misconception] })}\n\`\`\`\nHope it helps.`;
    const prose = `I think: ${JSON.stringify({ hypotheses: [misconception] })} and that's all.`;
    for (const raw of [fenced, prose]) {
      const read = readReflection({ raw, transcript });
      expect(read.status).toBe("repaired");
      expect(read.hypotheses.map((h) => h.key)).toEqual(["misconception:thinks that higher rank means more layers"]);
    }
  });

  it("closes JSON a small model left open, and mends half-quoted keys", () => {
    const truncated =
      '{"hypotheses":[{"kind":"misconception","key":"thinks that higher rank means more layers","value":0.8,"confidence":0.6,"rationale":"said so"},{"kind":"goal","key":"wants to tr';
    expect(readReflection({ raw: truncated, transcript })).toMatchObject({ status: "repaired", dropped: 0 });
    const halfQuoted = '{"hypotheses":[{"kind":"misconception","key":"thinks that rank means layers",value":0.7}]}';
    const read = readReflection({ raw: halfQuoted, transcript });
    expect(read.status).toBe("repaired");
    expect(read.hypotheses[0]).toMatchObject({ key: "misconception:thinks that rank means layers", value: 0.7 });
    // Trailing junk after the first complete object (the 270M model keeps writing) is ignored.
    expect(extractJSON('{"hypotheses":[]},"kind":"goal"}]')).toEqual({ hypotheses: [] });
    expect(extractJSON("no json at all")).toBeUndefined();
  });

  it("rejects garbage without throwing", () => {
    const throwing = new Proxy(
      {},
      {
        get() {
          throw new Error("boom");
        },
      },
    );
    for (const raw of ["I think the user is nice.", "", null, undefined, 42, { nothing: true }, "{{{", throwing]) {
      const read = readReflection({ raw, transcript });
      expect(read.status).toBe("rejected");
      expect(read.hypotheses).toEqual([]);
    }
  });

  it("drops what a mind cannot use: made-up keys, unknown states, copied examples, duplicates, extras", () => {
    const read = readReflection({
      raw: {
        hypotheses: [
          misconception,
          { ...misconception, rationale: "again" }, // duplicate
          {
            kind: "misconception",
            key: "thinks that docker builds are slow",
            value: 0.7,
            confidence: 0.5,
            rationale: "",
          },
          {
            kind: "misconception",
            key: "thinks that rank 16 trains more layers",
            value: 0.7,
            confidence: 0.5,
            rationale: "",
          },
          { kind: "misconception", key: REFLECTION_EXAMPLE_KEYS[0], value: 0.8, confidence: 0.6, rationale: "said so" },
          { kind: "state", key: "sleepy", value: 0.9, confidence: 0.9, rationale: "I'm confused" },
          { kind: "state", key: "rushed", value: 0.9, confidence: 0.7, rationale: "demo in an hour" },
          { kind: "misconception", key: "misconception", value: 0.9, confidence: 0.9, rationale: "" },
          { kind: "state", key: "confused", value: 0.9, confidence: 0.7, rationale: "said I'm confused" },
          { kind: "knowledge", key: "fine-tuning", value: 0.3, confidence: 0.4, rationale: "" },
          { kind: "goal", key: "wants to set the rank", value: 0.8, confidence: 0.5, rationale: "" },
        ],
      },
      transcript,
      knownTopics: ["fine-tuning"],
      exampleKeys: REFLECTION_EXAMPLE_KEYS,
      maxHypotheses: 3,
    });
    expect(read.status).toBe("repaired");
    expect(read.hypotheses.map((h) => `${h.dimension}:${h.key}`)).toEqual([
      "knowledge:misconception:thinks that higher rank means more layers",
      "state:confused",
      "knowledge:fine-tuning",
    ]);
    expect(read.dropped).toBe(8);
  });

  it("trusts the kind over a contradictory dimension and never produces directives", () => {
    const read = readReflection({
      raw: { hypotheses: [{ ...misconception, dimension: "directive" }] },
      transcript,
    });
    expect(read.hypotheses[0]?.dimension).toBe("knowledge");
  });
});

import { describe, expect, it } from "vitest";
import { buildReplyMessages } from "./reply-prompt.js";
import { testPlan } from "./testing/index.js";

const base = testPlan({ examples: "analogy", predictedSatisfaction: 0.3 });

describe("buildReplyMessages", () => {
  it("puts the plan's substance into the system prompt", () => {
    const expert = buildReplyMessages({
      assistantName: "Attune",
      personName: "Ada",
      plan: { ...base, depth: "expert", length: "brief", examples: "none", skipTopics: ["llm-inference"] },
      history: [],
      text: "why is decode memory-bound?",
    });
    const novice = buildReplyMessages({
      assistantName: "Attune",
      personName: "Bo",
      plan: { ...base, depth: "overview", structure: "steps", examples: "concrete-first", pace: "one-step" },
      history: [],
      text: "why is decode memory-bound?",
    });
    const sys = (m: typeof expert) => String(m[0]?.content);
    expect(sys(expert)).toContain("expert");
    expect(sys(expert)).toContain("llm-inference");
    expect(sys(novice)).toContain("numbered steps");
    expect(sys(novice)).toContain("concrete example");
    expect(sys(expert)).not.toBe(sys(novice));
  });

  it("labels history by speaker and ends with the person's message", () => {
    const messages = buildReplyMessages({
      assistantName: "Attune",
      personName: "Ada",
      plan: base,
      history: [
        { role: "person", name: "Bo", text: "earlier question" },
        { role: "assistant", name: "Attune", text: "earlier answer" },
      ],
      text: "now mine",
    });
    expect(messages.map((m) => m.getType())).toEqual(["system", "human", "ai", "human"]);
    expect(messages[1]?.content).toBe("Bo: earlier question");
    expect(messages.at(-1)?.content).toBe("now mine");
  });
});

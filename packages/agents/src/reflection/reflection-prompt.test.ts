import { createMind } from "@attune/mind";
import { AIMessage, HumanMessage, SystemMessage } from "@langchain/core/messages";
import { describe, expect, it } from "vitest";
import {
  buildReflectionMessages,
  REFLECTION_EXAMPLE,
  reflectionPrefill,
  summarizeSnapshot,
} from "./reflection-prompt.js";

const ids = { workspaceId: "acme", observerId: "assistant", subjectId: "ada" };

function confusedMind() {
  const mind = createMind(ids);
  const texts = [
    "I'm fine-tuning llama with LoRA. Should I set the rank to 64 so it trains more layers?",
    "wait, so rank isn't how many layers get adapted? I thought higher rank = more layers",
    "ok I'm confused, why would rank 8 be enough then??",
  ];
  texts.forEach((text, i) => {
    mind.observe({ messageId: `m${i}`, speakerId: "ada", text, at: `2025-03-03T08:0${i}:00.000Z` });
    mind.plan();
  });
  return mind;
}

describe("reflection prompt", () => {
  it("summarizes the mind in words, without numbers a small model would copy", () => {
    const summary = summarizeSnapshot(confusedMind().snapshot());
    expect(summary).toContain("confused");
    expect(summary).toMatch(/knows fine-tuning (little|some|well)/);
    expect(summary).not.toMatch(/\d/);
    expect(summarizeSnapshot(createMind(ids).snapshot())).toBe("nothing yet");
  });

  it("is one instruction, one worked example, then the mind and the last messages", () => {
    const mind = confusedMind();
    const transcript = Array.from({ length: 10 }, (_, i) => ({
      role: i % 2 === 0 ? ("user" as const) : ("assistant" as const),
      text: `message number ${i}\nwith a second line`,
    }));
    const messages = buildReflectionMessages({ input: { snapshot: mind.snapshot(), transcript }, maxHypotheses: 2 });
    expect(messages.map((m) => m.constructor)).toEqual([SystemMessage, HumanMessage, AIMessage, HumanMessage]);
    expect(messages[0]?.text).toContain("at most 2 hypotheses");
    expect(JSON.parse(messages[2]?.text ?? "")).toEqual(REFLECTION_EXAMPLE.answer);
    const question = messages[3]?.text ?? "";
    expect(question).toMatch(/^Mind: .*confused/);
    // Only the last six messages, one line each, speakers named.
    expect(question).not.toContain("message number 3");
    expect(question).toContain("person: message number 4 with a second line");
    expect(question).toContain("assistant: message number 9 with a second line");
    // The whole prompt stays small enough for a 270M model (a rough 4-characters-per-token budget).
    expect(messages.reduce((n, m) => n + m.text.length, 0) / 4).toBeLessThan(400);
  });

  it("prefills a misconception for a puzzled person and a goal otherwise", () => {
    const puzzled = confusedMind().snapshot();
    expect(reflectionPrefill(puzzled)).toBe('{"hypotheses":[{"kind":"misconception","key":"thinks that ');
    const calm = createMind(ids);
    calm.observe({ messageId: "m0", speakerId: "ada", text: "we're moving billing to Postgres next sprint" });
    expect(reflectionPrefill(calm.snapshot())).toBe('{"hypotheses":[{"kind":"goal","key":"wants to ');
    const messages = buildReflectionMessages({ input: { snapshot: puzzled, transcript: [] }, prefill: true });
    expect(messages.at(-1)).toBeInstanceOf(AIMessage);
    expect(messages.at(-1)?.text).toBe(reflectionPrefill(puzzled));
  });
});

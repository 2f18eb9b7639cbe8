import { describe, expect, it } from "vitest";
import {
  CLARIFICATION_THRESHOLDS,
  DISSATISFIED_AT_OR_BELOW,
  readClarification,
  readClarificationNeed,
  readSatisfaction,
  readStates,
  STATE_NAMES,
  STATE_THRESHOLDS,
} from "./index.js";

const SAMPLES = [
  "",
  "ok",
  "I'm so confused, what do you mean?",
  "lol 😂",
  "thanks, perfect!",
  "that's wrong and useless",
  "Tell me about it.",
  "What is the boiling point of water at sea level in Celsius?",
  "WHY IS THIS STILL BROKEN?!?!",
  "Ünïcödé, emoji 🙃 and a very long message. ".repeat(60),
];

describe("learned readers", () => {
  it("return values in range", () => {
    for (const text of SAMPLES) {
      const s = readStates(text);
      expect(Object.keys(s).sort()).toEqual([...STATE_NAMES].sort());
      for (const v of Object.values(s)) expect(v >= 0 && v <= 1).toBe(true);
      const sat = readSatisfaction(text);
      expect(sat >= -1 && sat <= 1).toBe(true);
      const c = readClarification(text);
      for (const v of [c.need, c.ambiguous, c.vague]) expect(v >= 0 && v <= 1).toBe(true);
      expect([1, 2, 3, 4]).toContain(c.level);
      expect(readClarificationNeed(text)).toBe(c.need);
    }
  });

  it("are deterministic, whatever was read in between", () => {
    const first = SAMPLES.map((t) => [readStates(t), readSatisfaction(t), readClarification(t)]);
    const again = [...SAMPLES].reverse().map((t) => [readStates(t), readSatisfaction(t), readClarification(t)]);
    expect(again.reverse()).toEqual(first);
  });

  it("read obvious states", () => {
    const confused = readStates("I'm so confused, what do you mean?");
    expect(confused.confused).toBeGreaterThan(0.5);
    expect(confused.confused).toBeGreaterThan(confused.playful);
    const playful = readStates("lol 😂");
    expect(playful.playful).toBeGreaterThan(0.5);
    expect(playful.confused).toBeLessThan(0.1);
    const frustrated = readStates("ugh, this is so annoying, it still doesn't work");
    expect(frustrated.frustrated).toBeGreaterThan(STATE_THRESHOLDS.frustrated);
    const neutral = readStates("The meeting is at 3pm in room 4.");
    for (const name of STATE_NAMES) expect(neutral[name]).toBeLessThan(STATE_THRESHOLDS[name]);
  });

  it("read satisfaction with the previous turn", () => {
    expect(readSatisfaction("thanks, perfect!")).toBeGreaterThan(0);
    expect(readSatisfaction("that's wrong and useless")).toBeLessThan(0);
    expect(readSatisfaction("thanks, perfect!")).toBeGreaterThan(readSatisfaction("that's wrong and useless"));
    expect(readSatisfaction("No, that's not what I asked for.")).toBeLessThanOrEqual(DISSATISFIED_AT_OR_BELOW);
  });

  it("read the need for a clarifying question", () => {
    expect(readClarificationNeed("Tell me about it.")).toBeGreaterThan(
      readClarificationNeed("What is the boiling point of water at sea level in Celsius?"),
    );
    expect(readClarification("Tell me about it.").level).toBeGreaterThan(
      readClarification("What is the boiling point of water at sea level in Celsius?").level,
    );
    for (const t of Object.values(CLARIFICATION_THRESHOLDS)) expect(t > 0 && t < 1).toBe(true);
  });
});

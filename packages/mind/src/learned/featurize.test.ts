import { describe, expect, it } from "vitest";
import { FEATURIZER, featuresOf, featurize } from "./featurize.js";

const sorted = (text: string) => {
  const f = featurize(text);
  return Array.from(f.idx, (i, j) => `${i}:${f.val[j]?.toFixed(6)}`).sort();
};

describe("featurize", () => {
  it("is deterministic and returns fresh arrays", () => {
    const a = featurize("Wait, what?! I don't get it 😂");
    const b = featurize("Wait, what?! I don't get it 😂");
    expect(Array.from(a.idx)).toEqual(Array.from(b.idx));
    expect(Array.from(a.val)).toEqual(Array.from(b.val));
    featurize("something else entirely");
    expect(Array.from(a.idx)).toEqual(Array.from(b.idx));
  });

  it("keeps indices in range and values finite", () => {
    for (const text of [
      "",
      " ",
      "a",
      "'",
      "🙂",
      "x".repeat(5000),
      "Ünïcödé façade — “quotes” …",
      "\uD800 lone surrogate",
    ]) {
      const f = featurize(text);
      expect(f.idx.length).toBe(f.val.length);
      for (const i of f.idx) expect(i >= 0 && i < 1 << FEATURIZER.bits).toBe(true);
      for (const v of f.val) expect(Number.isFinite(v)).toBe(true);
    }
  });

  it("folds case, digits and apostrophes", () => {
    expect(sorted("don't")).toEqual(sorted("dont"));
    expect(sorted("Hello there")).toEqual(sorted("hello there"));
    expect(sorted("in 2019")).toEqual(sorted("in 1234"));
    // Two ALL-CAPS words are shouting: one dense cue differs.
    expect(sorted("STOP THAT")).not.toEqual(sorted("stop that"));
  });

  it("sees punctuation runs and emoji", () => {
    expect(sorted("really?")).not.toEqual(sorted("really"));
    expect(sorted("really??")).not.toEqual(sorted("really?"));
    expect(sorted("ok 😂")).not.toEqual(sorted("ok 🙂"));
    // Variation selectors and skin tones do not change the emoji.
    expect(sorted("ok 👍🏽")).toEqual(sorted("ok 👍"));
  });

  it("memoizes the last text without mixing texts up", () => {
    const a = Array.from(featuresOf("first text").idx);
    const b = Array.from(featuresOf("second text").idx);
    expect(Array.from(featuresOf("first text").idx)).toEqual(a);
    expect(a).not.toEqual(b);
    expect(a).toEqual(Array.from(featurize("first text").idx));
  });
});

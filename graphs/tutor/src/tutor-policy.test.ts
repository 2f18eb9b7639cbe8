import { describe, expect, it } from "vitest";
import { mindOf } from "./testing/learners.js";
import { learnerProgress, tutorPlan } from "./tutor-policy.js";

const ML = ["machine-learning"];

describe("tutorPlan", () => {
  it("teaches a newcomer one step at a time with a concrete example", () => {
    const mind = mindOf("newcomer");
    const { plan, adjustments } = tutorPlan({ plan: mind.plan(), snapshot: mind.snapshot(), topics: ML });
    expect(plan).toMatchObject({ pace: "one-step", examples: "concrete-first", depth: "overview" });
    expect(plan.length).not.toBe("thorough");
    expect(adjustments).toEqual(["tutor: pace → one-step (new to machine-learning)"]);
    expect(plan.rationale.at(-1)).toBe(adjustments[0]);
  });

  it("never overrides the learner's own directive", () => {
    const mind = mindOf("insistent");
    expect(mind.snapshot().directives).toEqual([{ text: "give the whole answer at once", scope: "persistent" }]);
    const { plan, adjustments } = tutorPlan({ plan: mind.plan(), snapshot: mind.snapshot(), topics: ML });
    expect(plan.pace).toBe("complete");
    expect(adjustments.some((a) => a.includes("pace"))).toBe(false);
  });

  it("gives someone who has mastered the topic the whole answer, skips its basics and points further", () => {
    const mind = mindOf("expert");
    const { plan, adjustments } = tutorPlan({ plan: mind.plan(), snapshot: mind.snapshot(), topics: ML });
    expect(plan).toMatchObject({ pace: "complete", explore: true, skipTopics: ["machine-learning"], depth: "expert" });
    expect(adjustments).toEqual([
      "tutor: explore → true (has mastered machine-learning)",
      "tutor: skip the basics of machine-learning (has mastered machine-learning)",
    ]);
  });

  it("treats a topic it has no reading of as new, and leaves off-topic chat alone", () => {
    const mind = mindOf("expert");
    const unknown = tutorPlan({ plan: mind.plan(), snapshot: mind.snapshot(), topics: ["statistics"] });
    expect(unknown.plan.pace).toBe("one-step");
    const chat = tutorPlan({ plan: mind.plan(), snapshot: mind.snapshot(), topics: [] });
    expect(chat.adjustments).toEqual([]);
  });
});

describe("learnerProgress", () => {
  it("reports each topic's level and status, without the general reading", () => {
    expect(learnerProgress({ snapshot: mindOf("newcomer").snapshot() })).toEqual([
      { topic: "machine-learning", level: expect.closeTo(0.233, 2), confidence: 0.5, status: "shaky" },
    ]);
    expect(learnerProgress({ snapshot: mindOf("expert").snapshot() })[0]?.status).toBe("mastered");
  });
});

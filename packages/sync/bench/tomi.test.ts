import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { loadTomi, tomiDir } from "./tomi.js";
import { answerStory, scoreTomi, storyEvents } from "./tomi-answer.js";
import { parseTomi } from "./tomi-parse.js";

const SAMPLE = `1 Oliver dislikes the kitchen
2 Carter entered the porch.
3 Abigail entered the porch.
4 The potato is in the green_suitcase.
5 Abigail exited the porch.
6 Abigail entered the hall.
7 Carter moved the potato to the green_envelope.
8 Where does Carter think that Abigail searches for the potato?\tgreen_suitcase\t1
1 Carter entered the porch.
2 The potato is in the green_suitcase.
3 Where was the potato at the beginning?\tgreen_suitcase\t1
`;
const SAMPLE_TRACE = `enter_agent_0,enter_agent_1,agent_1_exits,agent_1_reenters_alt_loc,agent_0_moves_obj,second_order_0_tom,false_belief
enter_agent_0,memory,true_belief
`;

describe("ToMi parser", () => {
  it("splits stories at line 1 and reads sentences, questions and traces", () => {
    const stories = parseTomi({ text: SAMPLE, trace: SAMPLE_TRACE });
    expect(stories).toHaveLength(2);
    const [first, second] = stories;
    expect(first?.sentences).toHaveLength(7);
    expect(first?.sentences[0]).toEqual({ kind: "opinion", actor: "Oliver", verb: "dislikes", thing: "kitchen" });
    expect(first?.question).toEqual({ kind: "second_order", actor: "Carter", about: "Abigail", item: "potato" });
    expect(first?.answer).toBe("green_suitcase");
    expect(first?.trace?.questionType).toBe("second_order_0_tom");
    expect(first?.trace?.storyType).toBe("false_belief");
    expect(second?.sentences).toHaveLength(2);
    expect(second?.question).toEqual({ kind: "memory", item: "potato" });
  });

  it("drops distractors and places the opening statement in the room where the agents are", () => {
    const [story] = parseTomi({ text: SAMPLE });
    const events = story ? storyEvents(story.sentences) : [];
    expect(events.map((e) => e.kind)).toEqual(["enter", "enter", "put", "exit", "enter", "move"]);
    expect(events[2]).toEqual({ kind: "put", item: "potato", container: "green_suitcase", place: "porch" });
  });

  it("answers through the witness model", () => {
    const results = parseTomi({ text: SAMPLE, trace: SAMPLE_TRACE }).map((story) => answerStory(story));
    expect(results.map((r) => r.predicted)).toEqual(["green_suitcase", "green_suitcase"]);
    expect(scoreTomi(results).overall).toEqual({ correct: 2, total: 2 });
  });

  it("refuses lines it does not understand instead of skipping them", () => {
    expect(() => parseTomi({ text: "1 Carter teleported to the porch." })).toThrow(/unknown sentence/);
    expect(() => parseTomi({ text: "1 Who is Carter?\tnobody\t1" })).toThrow(/unknown question/);
    expect(() => parseTomi({ text: "1 Carter entered the porch.\n3 Carter exited the porch." })).toThrow(/line 2/);
    expect(() => parseTomi({ text: SAMPLE, trace: "memory,true_belief\n" })).toThrow(/trace/);
  });
});

const dir = tomiDir();

describe.skipIf(dir === undefined)("ToMi fb_all_val (first 300 stories × 6 questions)", () => {
  // ToMi writes each story six times, once per question; 1,800 questions are its first 300 stories.
  const stories = dir === undefined ? [] : loadTomi(dir, "val").slice(0, 1_800);

  it("matches ≥ 99 % of the published labels", () => {
    const results = stories.map((story) => answerStory(story, "tomi-labels"));
    const { overall, groups } = scoreTomi(results);
    expect(overall.total).toBe(1_800);
    expect(overall.correct / overall.total).toBeGreaterThanOrEqual(0.99);
    for (const kind of ["memory", "reality", "first_order", "second_order"]) {
      expect(groups.get(`question: ${kind}`)?.total).toBeGreaterThan(0);
    }
  });

  it("gets every memory, reality and first-order label from witnessing alone", () => {
    // Without the generator's second-order artifacts, only second-order labels may disagree.
    const results = stories.map((story) => answerStory(story, "witness"));
    const wrong = results.filter((r) => !r.correct);
    expect(wrong.filter((r) => r.story.question.kind !== "second_order")).toEqual([]);
    expect(results.length - wrong.length).toBeGreaterThan(1_500);
  });

  it("parses every line of the split and keeps the trace aligned", () => {
    const text = readFileSync(resolve(dir ?? "", "fb_all_val.txt"), "utf8");
    const questions = text.split("\n").filter((l) => l.includes("\t")).length;
    const all = loadTomi(dir ?? "", "val");
    expect(all).toHaveLength(questions);
    const kinds = all.map((s) => `${s.question.kind}/${s.trace?.questionType.replace(/_\d_(no_)?tom$/, "")}`);
    expect(new Set(kinds)).toEqual(
      new Set(["memory/memory", "reality/reality", "first_order/first_order", "second_order/second_order"]),
    );
  });
});

if (dir === undefined) {
  describe("ToMi data", () => {
    it.skip("not found at ../shared/eval/tomi from the repo root (set ATTUNE_EVAL_DIR): accuracy tests skipped", () => {});
  });
}

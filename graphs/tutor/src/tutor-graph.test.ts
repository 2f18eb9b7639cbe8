import { createLlmReflector, createReflectionScheduler, MemoryTeamStore } from "@attune/agents";
import { PromptRecordingModel } from "@attune/agents/testing";
import { Mind } from "@attune/mind";
import type { Message } from "@attune/model";
import { FakeListChatModel } from "@langchain/core/utils/testing";
import { describe, expect, it } from "vitest";
import type { TutorState } from "./state.js";
import { LEARNERS } from "./testing/learners.js";
import { createTutorGraph } from "./tutor-graph.js";

const WS = "acme";
const T0 = Date.UTC(2030, 0, 7, 9);

function setup(
  learner: keyof typeof LEARNERS,
  options: { reflection?: Parameters<typeof createTutorGraph>[0]["reflection"] } = {},
) {
  const model = new PromptRecordingModel({ responses: ["Overfitting is when a model memorises its training data."] });
  const store = new MemoryTeamStore().addActor("tutor", "Tess", "agent").addActor(learner, "Noa", "person");
  const app = createTutorGraph({
    tutor: { id: "tutor", name: "Tess", role: "patient machine-learning tutor", skills: ["machine-learning"], model },
    store: () => store,
    now: () => new Date(T0),
    ...(options.reflection ? { reflection: options.reflection } : {}),
  }).compile();
  let n = 0;
  const turn = async (text: string): Promise<TutorState> => {
    n += 1;
    const message: Message = {
      id: `${learner}-m${n}`,
      workspaceId: WS,
      channelId: `dm-${learner}`,
      authorId: learner,
      authorKind: "person",
      text,
      createdAt: new Date(T0 + n * 60_000).toISOString(),
    };
    store.addMessage(message);
    return (await app.invoke({
      workspaceId: WS,
      channelId: message.channelId,
      person: { id: learner, name: "Noa" },
      message: { id: message.id, text, createdAt: message.createdAt },
      replyId: `${message.id}.reply`,
    })) as TutorState;
  };
  const system = () => String(model.calls.at(-1)?.messages[0]?.content ?? "");
  return { model, store, turn, system };
}

describe("tutor graph", () => {
  it("teaches a newcomer one step at a time, from the mind's plan adjusted by the tutor", async () => {
    const { store, turn, system } = setup("newcomer");
    const out = await turn(LEARNERS.newcomer[0]);
    expect(Object.keys(out.timings)).toEqual([
      "perceive",
      "updateMinds",
      "plan",
      "route",
      "respond",
      "persist",
      "reflect",
    ]);
    // Whatever the mind sampled, the tutor's policy holds for a newcomer, and each change is explained.
    expect(out.plans.newcomer).toMatchObject({ pace: "one-step", depth: "overview", examples: "concrete-first" });
    expect(out.plans.newcomer?.length).not.toBe("thorough");
    expect(out.tutoring.length).toBeGreaterThan(0);
    for (const line of out.tutoring) expect(out.plans.newcomer?.rationale).toContain(line);
    expect(system()).toContain("Give only the next step and check understanding before going further.");
    expect(system()).toContain("Assume no background");
    // The stored mind's pending experiment is the adjusted plan's: re-recording it changes nothing.
    const stored = store.minds.get("tutor~newcomer")?.state ?? "";
    const again = Mind.fromJSON(stored);
    again.observeReply({
      plan: out.plans.newcomer as NonNullable<TutorState["plans"][string]>,
      at: out.message.createdAt,
    });
    expect(again.toJSON().pending).toEqual(Mind.fromJSON(stored).toJSON().pending);
    // Knowledge is tracked on the topic, stored with the turn and reported as progress.
    expect(out.progress).toEqual([expect.objectContaining({ topic: "machine-learning", status: "shaky" })]);
    const beliefs = store.turns[0]?.minds.find((m) => m.subjectId === "newcomer")?.beliefs ?? [];
    expect(beliefs.some((b) => b.dimension === "knowledge" && b.key === "machine-learning")).toBe(true);
  });

  it("gives a learner who has mastered the topic the whole answer, skips its basics and points further", async () => {
    const { turn, system } = setup("expert");
    let out: TutorState | undefined;
    for (const text of LEARNERS.expert) out = await turn(text);
    expect(out?.progress).toEqual([expect.objectContaining({ topic: "machine-learning", status: "mastered" })]);
    expect(out?.plans.expert).toMatchObject({ pace: "complete", explore: true, skipTopics: ["machine-learning"] });
    expect(system()).toContain("Do not explain these; the person knows them: machine-learning.");
    expect(system()).toContain("Suggest one direction the person may not have considered.");
    expect(system()).not.toContain("Give only the next step");
  });

  it("keeps to the learner's own directive", async () => {
    const { turn, system } = setup("insistent");
    const out = await turn(LEARNERS.insistent[0]);
    expect(out.plans.insistent?.pace).toBe("complete");
    expect(out.tutoring.some((t) => t.includes("pace"))).toBe(false);
    expect(system()).not.toContain("Give only the next step");
  });

  it("runs reflection when the scheduler says so, off the reply, and merges it on the next turn", async () => {
    const hypothesis = {
      kind: "misconception",
      dimension: "knowledge",
      key: "overfitting",
      value: 0.2,
      confidence: 0.8,
      rationale: "mixes up overfitting and underfitting",
    };
    const reflector = createLlmReflector({
      model: new FakeListChatModel({ responses: [JSON.stringify({ hypotheses: [hypothesis] })] }),
      structured: false,
    });
    const scheduler = createReflectionScheduler({ reflector, every: 2 });
    const { store, turn } = setup("newcomer", { reflection: scheduler });
    const first = await turn("I'm new to machine learning. what is overfitting?");
    expect(first.reflections).toEqual([]);
    const second = await turn("sorry, I still don't get it. is it when the model is too simple?");
    expect(second.reflections).toEqual(["tutor~newcomer"]);
    await scheduler.drain();
    expect(scheduler.stats()).toMatchObject({ runs: 1, ok: 1 });
    await turn("ok, so what should I do about it?");
    const merged = store.turns[2]?.minds.find((m) => m.subjectId === "newcomer")?.evidence ?? [];
    expect(merged.filter((e) => e.signal === "reflection").map((e) => e.key)).toEqual(["misconception:overfitting"]);
  });
});

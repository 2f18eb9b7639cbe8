import { MemoryTeamStore, planInstructions } from "@attune/agents";
import { PromptRecordingModel } from "@attune/agents/testing";
import { Mind } from "@attune/mind";
import type { Message, Plan } from "@attune/model";
import { describe, expect, it } from "vitest";
import { createSupportDeskGraph, houseRules, type SupportDeskState } from "./custom-graph.js";

const WS = "acme";
const T0 = Date.UTC(2030, 0, 7, 9);
const FRUSTRATED = "this is broken AGAIN, nothing works and I've wasted hours on the invoice export!!! ugh";
const CALM = "how do I export last month's invoices as CSV?";

function desk() {
  const model = new PromptRecordingModel({ responses: ["Here is how to export them."] });
  const store = new MemoryTeamStore()
    .addActor("desk", "Dana", "agent")
    .addActor("ada", "Ada", "person")
    .addActor("bob", "Bob", "person");
  const app = createSupportDeskGraph({
    agent: { id: "desk", name: "Dana", role: "support desk for the billing product", model },
    store: () => store,
    now: () => new Date(T0),
  }).compile();
  let n = 0;
  const say = (authorId: string, text: string, channelId = "support"): Message => {
    n += 1;
    const message: Message = {
      id: `m${n}`,
      workspaceId: WS,
      channelId,
      authorId,
      authorKind: "person",
      text,
      createdAt: new Date(T0 + n * 60_000).toISOString(),
    };
    store.addMessage(message);
    return message;
  };
  const ask = async (m: Message, name: string, channelKind: "direct" | "team" = "direct") =>
    (await app.invoke({
      workspaceId: WS,
      channelId: m.channelId,
      channelKind,
      person: { id: m.authorId, name },
      message: { id: m.id, text: m.text, createdAt: m.createdAt },
      replyId: `${m.id}.reply`,
    })) as SupportDeskState;
  return { model, store, say, ask };
}

const system = (model: PromptRecordingModel) => String(model.calls.at(-1)?.messages[0]?.content ?? "");

describe("custom support-desk graph (Attune's nodes + a custom decide node)", () => {
  it("runs perceive → updateMinds → decide → respond → persist and answers from the mind's plan", async () => {
    const { model, store, say, ask } = desk();
    const out = await ask(say("ada", CALM), "Ada");
    expect(Object.keys(out.timings)).toEqual(["perceive", "updateMinds", "respond", "persist"]);
    expect(out.decisions).toEqual({ ada: "the mind's plan as it is" });
    const plan = out.plans.ada as Plan;
    for (const line of planInstructions(plan)) expect(system(model)).toContain(line);
    expect(store.turns).toHaveLength(1);
    expect(store.turns[0]?.reply).toMatchObject({
      authorId: "desk",
      replyTo: "m1",
      text: "Here is how to export them.",
    });
    // The mind persisted with the turn holds the experiment of the plan the desk used.
    const stored = Mind.fromJSON(store.minds.get("desk~ada")?.state ?? "");
    const again = Mind.fromJSON(stored.toJSON());
    again.observeReply({ plan, at: out.message.createdAt });
    expect(again.toJSON().pending).toEqual(stored.toJSON().pending);
  });

  it("applies the house rules to a frustrated person: brief, warm, numbered steps, no questions back", async () => {
    const { model, say, ask } = desk();
    const out = await ask(say("ada", FRUSTRATED), "Ada");
    expect(out.decisions.ada).toMatch(/^frustrated \(0\.\d\d\): brief, warm, numbered steps, no questions back$/);
    expect(out.plans.ada).toMatchObject({
      tone: "warm",
      structure: "steps",
      length: "brief",
      askClarifyingQuestion: false,
      challenge: false,
      explore: false,
    });
    expect(system(model)).toContain("Structure the answer as numbered steps.");
    expect(system(model)).toContain("Be warm; briefly acknowledge the difficulty before helping.");
    expect(system(model)).not.toContain("ask one short clarifying question");
  });

  it("plans for everyone waiting in a team channel, each by their own mind", async () => {
    const { model, say, ask } = desk();
    say("bob", CALM, "support-team");
    const out = await ask(say("ada", FRUSTRATED, "support-team"), "Ada", "team");
    expect(Object.keys(out.plans).sort()).toEqual(["ada", "bob"]);
    expect(out.decisions.ada).toMatch(/^frustrated/);
    expect(out.decisions.bob).toBe("the mind's plan as it is");
    expect(system(model)).toContain("For Ada:");
    expect(system(model)).toContain("For Bob:");
  });
});

describe("houseRules", () => {
  const plan: Plan = {
    length: "thorough",
    depth: "expert",
    structure: "prose",
    examples: "none",
    tone: "precise",
    pace: "complete",
    askClarifyingQuestion: true,
    challenge: true,
    explore: true,
    skipTopics: [],
    rationale: [],
    predictedSatisfaction: 0,
  };

  it("overrides the plan only above the threshold, keeping depth and examples", () => {
    expect(houseRules({ plan, frustration: 0.3, threshold: 0.45 }).plan).toBe(plan);
    const ruled = houseRules({ plan, frustration: 0.7, threshold: 0.45 });
    expect(ruled.plan).toMatchObject({
      length: "brief",
      depth: "expert",
      structure: "steps",
      examples: "none",
      tone: "warm",
      askClarifyingQuestion: false,
      challenge: false,
      explore: false,
    });
    expect(ruled.plan.rationale).toEqual([`house rule: ${ruled.decision}`]);
  });
});

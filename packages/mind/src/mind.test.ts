import { BeliefSchema, EvidenceSchema, PlanSchema } from "@attune/model";
import { describe, expect, it } from "vitest";
import { createMind, Mind } from "./mind.js";

const ids = { workspaceId: "acme", observerId: "assistant", subjectId: "ada" };
const t = (minute: number) => new Date(Date.UTC(2026, 0, 1, 9, minute)).toISOString();

describe("Mind", () => {
  it("turns technical vocabulary into knowledge beliefs linked to evidence", () => {
    const mind = createMind(ids);
    const { evidence, beliefs } = mind.observe({
      messageId: "m1",
      speakerId: "ada",
      text: "Our KV cache eats the latency budget once LoRA adapters are swapped in.",
      at: t(0),
    });
    for (const e of evidence) EvidenceSchema.parse(e);
    for (const b of beliefs) BeliefSchema.parse(b);
    const topics = beliefs.filter((b) => b.dimension === "knowledge").map((b) => b.key);
    expect(topics).toEqual(expect.arrayContaining(["llm-inference", "performance", "fine-tuning"]));
    const kv = beliefs.find((b) => b.key === "llm-inference");
    expect(kv?.mean).toBeGreaterThan(0.5);
    expect(evidence.find((e) => kv?.evidenceIds.includes(e.id))?.messageId).toBe("m1");
  });

  it("does not credit pasted code or quoted text as mastery", () => {
    const mind = createMind(ids);
    const { beliefs } = mind.observe({
      messageId: "m1",
      speakerId: "ada",
      text: "my colleague sent this, no idea:\n> the kubernetes raft consensus shards the b-tree index\n```\nkv cache quantization lora\n```",
      at: t(0),
    });
    expect(beliefs.filter((b) => b.dimension === "knowledge")).toEqual([]);
  });

  it("ignores words that are not the subject's own", () => {
    const mind = createMind(ids);
    expect(mind.observe({ messageId: "m2", speakerId: "assistant", text: "KV cache, LoRA, raft" })).toEqual({
      evidence: [],
      beliefs: [],
    });
  });

  it("lowers knowledge on definitional questions and plans an overview with examples", () => {
    const mind = createMind(ids);
    mind.observe({ messageId: "m1", speakerId: "ada", text: "what is a kubernetes pod? I'm confused", at: t(0) });
    mind.observe({ messageId: "m2", speakerId: "ada", text: "sorry, what does kubernetes even do?", at: t(1) });
    const plan = PlanSchema.parse(mind.plan());
    expect(mind.snapshot().knowledge.infrastructure?.level).toBeLessThan(0.35);
    expect(plan.depth).toBe("overview");
    expect(plan.examples).toBe("concrete-first");
  });

  it("lets states fade while traits persist", () => {
    const mind = createMind(ids);
    mind.observe({
      messageId: "m1",
      speakerId: "ada",
      text: "urgent!! need this asap, kubernetes deploy broken",
      at: t(0),
    });
    const rushed = mind.snapshot().state.rushed;
    expect(rushed).toBeGreaterThan(0.4);
    expect(mind.plan().length).toBe("brief");
    mind.observe({ messageId: "m2", speakerId: "ada", text: "ok and the terraform side of it?", at: t(40) });
    expect(mind.snapshot().state.rushed).toBeLessThan(rushed / 2);
    expect(mind.snapshot().knowledge.infrastructure?.level).toBeGreaterThan(0.6);
  });

  it("gives directives precedence over inference", () => {
    const mind = createMind(ids);
    mind.observe({ messageId: "m1", speakerId: "ada", text: "from now on please explain in detail", at: t(0) });
    mind.observe({ messageId: "m2", speakerId: "ada", text: "urgent, quick question about sql", at: t(1) });
    expect(mind.plan().length).toBe("thorough");
    expect(mind.snapshot().directives).toEqual([{ text: "thorough", scope: "persistent" }]);
  });

  it("round-trips through JSON and rejects foreign JSON", () => {
    const mind = createMind(ids);
    mind.observe({ messageId: "m1", speakerId: "ada", text: "the raft consensus log is idempotent", at: t(0) });
    const restored = Mind.fromJSON(JSON.stringify(mind.toJSON()));
    expect(restored.toJSON()).toEqual(mind.toJSON());
    expect(restored.plan()).toEqual(mind.plan());
    expect(() => Mind.fromJSON('{"format":"other"}')).toThrow(/not a serialized attune mind/);
    expect(() => Mind.fromJSON("{not json")).toThrow(/not a serialized attune mind/);
  });

  it("versions beliefs: each change gets a new id", () => {
    const mind = createMind(ids);
    const first = mind.observe({ messageId: "m1", speakerId: "ada", text: "sql index question", at: t(0) }).beliefs;
    const second = mind.observe({ messageId: "m2", speakerId: "ada", text: "another sql thing", at: t(1) }).beliefs;
    const a = first.find((b) => b.key === "databases");
    const b = second.find((b) => b.key === "databases");
    expect(a?.id).not.toBe(b?.id);
    expect(a?.id.split(".")[0]).toBe(b?.id.split(".")[0]);
  });
});

describe("Mind across restarts", () => {
  it("plans the same after a JSON round trip, including the topics in focus", () => {
    const mind = createMind(ids);
    mind.observe({ messageId: "m1", speakerId: "ada", text: "hi! what is a kubernetes pod? I am confused", at: t(0) });
    const restored = Mind.fromJSON(JSON.parse(JSON.stringify(mind.toJSON())));
    expect(restored.plan()).toEqual(mind.plan());
    expect(restored.plan()).toMatchObject({ depth: "overview", structure: "steps", askClarifyingQuestion: false });
  });

  it("asks a clarifying question only when nothing hints at a goal", () => {
    const vague = createMind(ids);
    vague.observe({ messageId: "m1", speakerId: "ada", text: "the thing from yesterday", at: t(0) });
    expect(vague.plan().askClarifyingQuestion).toBe(true);
  });
});

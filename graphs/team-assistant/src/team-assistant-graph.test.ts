import type { QueuedCorrection, TurnRecord } from "@attune/graph";
import { PlanSchema } from "@attune/model";
import { FakeListChatModel } from "@langchain/core/utils/testing";
import { describe, expect, it } from "vitest";
import { createTeamAssistantGraph, type TurnStore } from "./team-assistant-graph.js";

class MemoryTurnStore implements TurnStore {
  minds = new Map<string, string>();
  turns: TurnRecord[] = [];
  corrections: QueuedCorrection[] = [];
  async readTurnContext(o: { observerId: string; subjectId: string }) {
    return { mindState: this.minds.get(`${o.observerId}~${o.subjectId}`), corrections: this.corrections, history: [] };
  }
  async recordTurn(turn: TurnRecord) {
    this.minds.set(`${turn.mind.observerId}~${turn.mind.subjectId}`, turn.mind.state);
    this.corrections = this.corrections.filter((c) => !turn.appliedCorrections?.includes(c.raw));
    this.turns.push(turn);
  }
}

const input = (id: string, text: string) => ({
  workspaceId: "acme",
  channelId: "general",
  assistant: { id: "assistant", name: "Attune" },
  person: { id: "ada", name: "Ada" },
  message: { id, text, createdAt: "2026-01-01T09:00:00.000Z" },
  replyId: `${id}.reply`,
});

describe("team-assistant graph", () => {
  it("runs perceive → update mind → plan → respond → persist and streams the reply", async () => {
    const store = new MemoryTurnStore();
    const model = new FakeListChatModel({ responses: ["Decode reads the whole KV cache per token."] });
    const app = createTeamAssistantGraph({ store: () => store, model }).compile();
    const deltas: string[] = [];
    let final: Record<string, unknown> = {};
    for await (const [mode, chunk] of await app.stream(
      input("m1", "why is our KV cache decode so slow vs the latency budget?"),
      {
        streamMode: ["custom", "values"],
      },
    )) {
      if (mode === "custom") deltas.push((chunk as { delta: string }).delta);
      else final = chunk as Record<string, unknown>;
    }
    expect(deltas.join("")).toBe("Decode reads the whole KV cache per token.");
    expect(deltas.length).toBeGreaterThan(1);
    expect(PlanSchema.parse(final.plan)).toBeTruthy();
    expect(store.turns).toHaveLength(1);
    const turn = store.turns[0];
    expect(turn?.reply).toMatchObject({ id: "m1.reply", replyTo: "m1", authorId: "assistant", authorKind: "agent" });
    expect(turn?.beliefs.some((b) => b.dimension === "knowledge" && b.key === "llm-inference")).toBe(true);
    for (const b of turn?.beliefs ?? []) {
      expect(b.evidenceIds.length).toBeGreaterThan(0);
      for (const id of b.evidenceIds) expect(turn?.evidence.find((e) => e.id === id)?.messageId).toBe("m1");
    }
    expect(Object.keys(final.timings as object)).toEqual(["perceive", "updateMind", "plan", "respond", "persist"]);
  });

  it("credits the author with their own words only, not with what they relay", async () => {
    const run = async (text: string) => {
      const store = new MemoryTurnStore();
      const app = createTeamAssistantGraph({
        store: () => store,
        model: new FakeListChatModel({ responses: ["ok"] }),
      }).compile();
      await app.invoke(input("m1", text));
      return store.turns[0]?.evidence ?? [];
    };
    const own = await run("I'm completely lost with kubernetes, what even is a pod?");
    expect(own.filter((e) => e.dimension === "state" && e.key === "confused").length).toBeGreaterThan(0);
    expect(own.some((e) => e.excerpt.includes("lost with kubernetes"))).toBe(true);
    const relayed = await run("Bob said: I'm completely lost with kubernetes, what even is a pod?");
    expect(relayed.filter((e) => e.excerpt.includes("lost with kubernetes"))).toEqual([]);
    expect(relayed.filter((e) => e.key === "confused")).toEqual([]);
  });

  it("continues the stored mind on the next turn", async () => {
    const store = new MemoryTurnStore();
    const app = createTeamAssistantGraph({
      store: () => store,
      model: new FakeListChatModel({ responses: ["ok"] }),
    }).compile();
    await app.invoke(input("m1", "sql index question"));
    await app.invoke(input("m2", "another sql sharding question"));
    const mind = JSON.parse(store.turns[1]?.mind.state ?? "{}");
    expect(mind.turns).toBe(2);
  });

  it("maps a model failure to model-unavailable and writes nothing", async () => {
    const store = new MemoryTurnStore();
    const model = new FakeListChatModel({ responses: ["x"] });
    model.stream = () => Promise.reject(new Error("boom"));
    const app = createTeamAssistantGraph({ store: () => store, model }).compile();
    await expect(app.invoke(input("m1", "hello"))).rejects.toMatchObject({ code: "model-unavailable" });
    expect(store.turns).toHaveLength(0);
  });

  it("applies a person's queued correction before reading their message, and records the experiment", async () => {
    const store = new MemoryTurnStore();
    const app = createTeamAssistantGraph({
      store: () => store,
      model: new FakeListChatModel({ responses: ["ok"] }),
    }).compile();
    await app.invoke(input("m1", "our kubernetes pods and the helm chart, plus the ingress"));
    const raw = JSON.stringify({
      dimension: "knowledge",
      key: "infrastructure",
      value: 0.1,
      at: "2026-01-01T09:01:00.000Z",
    });
    store.corrections = [
      {
        raw,
        dimension: "knowledge",
        key: "infrastructure",
        value: 0.1,
        at: "2026-01-01T09:01:00.000Z",
        text: "I'm new to k8s",
      },
    ];
    await app.invoke(input("m2", "too long, shorter please"));
    const turn = store.turns[1];
    expect(turn?.appliedCorrections).toEqual([raw]);
    expect(store.corrections).toEqual([]);
    const corrected = turn?.beliefs.find((b) => b.dimension === "knowledge" && b.key === "infrastructure");
    expect(corrected?.mean).toBeLessThan(0.3);
    expect(turn?.evidence.some((e) => e.signal === "self-correction")).toBe(true);
    expect(turn?.experiments).toEqual([
      expect.objectContaining({ id: "x-m2", topic: "infrastructure", observed: expect.any(Number) }),
    ]);
  });
});

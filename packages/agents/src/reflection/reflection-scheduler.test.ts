import { createMind, type Mind, type Reflector } from "@attune/mind";
import { FakeListChatModel, FakeStreamingChatModel } from "@langchain/core/utils/testing";
import { describe, expect, it } from "vitest";
import { createLlmReflector, type LlmReflector } from "./llm-reflector.js";
import {
  createReflectionScheduler,
  type FailedReflection,
  type PendingReflection,
  type ReflectionRequest,
} from "./reflection-scheduler.js";

const ids = { workspaceId: "acme", observerId: "assistant", subjectId: "ada" };
const transcript = [
  {
    role: "user" as const,
    text: "I'm fine-tuning llama with LoRA. Should I set the rank to 64 so it trains more layers?",
  },
  { role: "assistant" as const, text: "Rank is the size of the update matrices, not the number of layers." },
  { role: "user" as const, text: "wait, I thought higher rank = more layers. I'm confused" },
];
const good = JSON.stringify({
  hypotheses: [
    {
      kind: "misconception",
      key: "thinks that higher rank means more layers",
      value: 0.9,
      confidence: 0.8,
      rationale: "said higher rank = more layers",
    },
    { kind: "knowledge", key: "fine-tuning", value: 0.2, confidence: 0.8, rationale: "asked what rank does" },
  ],
});

function loraMind(): Mind {
  const mind = createMind(ids);
  transcript
    .filter((m) => m.role === "user")
    .forEach((m, i) => {
      mind.observe({ messageId: `m${i}`, speakerId: "ada", text: m.text, at: `2025-03-03T08:0${i}:00.000Z` });
      mind.plan();
    });
  return mind;
}

const request = (over: Partial<ReflectionRequest> = {}): ReflectionRequest => ({
  key: "acme|assistant|ada",
  mindState: loraMind().toJSON(),
  transcript,
  turn: 8,
  surprise: null,
  messageId: "m8",
  at: "2025-03-03T08:10:00.000Z",
  ...over,
});

/** Text-mode reflector on a scripted chat model (`sleep` ms per answer). */
const reflectorOf = (responses: string[], sleep?: number) =>
  createLlmReflector({
    model: new FakeListChatModel({ responses, ...(sleep === undefined ? {} : { sleep }) }),
    structured: false,
  });

describe("createReflectionScheduler", () => {
  it("reflects every N turns of a mind, and on a large surprise", async () => {
    const scheduler = createReflectionScheduler({ reflector: reflectorOf([good]), every: 4, surpriseThreshold: 0.9 });
    const decisions = [1, 2, 3, 4, 5, 6, 7, 8].map((turn) =>
      scheduler.maybeReflect(request({ key: `k${turn}`, turn, messageId: `m${turn}` })),
    );
    expect(decisions.map((d) => d.queued)).toEqual([false, false, false, true, false, false, false, true]);
    expect(decisions[3]).toEqual({ queued: true, trigger: "every" });
    expect(scheduler.maybeReflect(request({ key: "s1", turn: 3, surprise: -1.2 }))).toEqual({
      queued: true,
      trigger: "surprise",
    });
    expect(scheduler.maybeReflect(request({ key: "s2", turn: 3, surprise: 0.5 }))).toEqual({
      queued: false,
      reason: "not-due",
    });
    // Without an explicit surprise, the mind's newest experiment counts only if this turn settled it.
    const state = loraMind().toJSON();
    const settled = state.experiments.at(-1);
    expect(settled?.at).toBe(state.lastObservedAt);
    const fresh = { ...state, experiments: [{ ...(settled as NonNullable<typeof settled>), surprise: -1.5 }] };
    const { surprise: _, ...noSurprise } = request({ key: "s3", turn: 3, mindState: fresh });
    expect(scheduler.maybeReflect(noSurprise)).toMatchObject({ queued: true, trigger: "surprise" });
    const stale = { ...fresh, lastObservedAt: "2025-03-03T09:00:00.000Z" };
    expect(scheduler.maybeReflect({ ...noSurprise, key: "s4", mindState: stale })).toMatchObject({ queued: false });
    // Graph state keeps the mind as a JSON string: read the same way.
    expect(scheduler.maybeReflect({ ...noSurprise, key: "s5", mindState: JSON.stringify(fresh) })).toMatchObject({
      queued: true,
      trigger: "surprise",
    });
    expect(scheduler.maybeReflect({ ...noSurprise, key: "s6", mindState: "{not json" })).toMatchObject({
      queued: false,
    });
    await scheduler.drain();
    expect(scheduler.stats()).toMatchObject({ turns: 14, runs: 5, ok: 5, valid: 0, repaired: 5 });
    expect(scheduler.stats().shareReflected).toBeCloseTo(5 / 14);
  });

  it("returns at once while a slow model reflects, and delivers the result afterwards", async () => {
    const results: PendingReflection[] = [];
    const scheduler = createReflectionScheduler({
      reflector: reflectorOf([good], 300),
      onResult: (r) => results.push(r),
      weight: 0.5,
    });
    const started = performance.now();
    const decision = scheduler.maybeReflect(request());
    const elapsed = performance.now() - started;
    expect(decision.queued).toBe(true);
    expect(elapsed).toBeLessThan(150); // did not wait for the 300 ms model (half of it leaves room for a busy host)
    await new Promise((r) => setTimeout(r, 50));
    expect(scheduler.takePending("acme|assistant|ada")).toEqual([]);
    expect(results).toEqual([]);
    await scheduler.drain();
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({
      key: "acme|assistant|ada",
      messageId: "m8",
      at: "2025-03-03T08:10:00.000Z",
      weight: 0.5,
      status: "repaired", // text without `dimension` fields
      hypotheses: [
        { dimension: "knowledge", key: "misconception:thinks that higher rank means more layers" },
        { dimension: "knowledge", key: "fine-tuning" },
      ],
    });
    expect(results[0]?.ms).toBeGreaterThanOrEqual(250);
    expect(scheduler.takePending("acme|assistant|ada")).toHaveLength(1);
    expect(scheduler.takePending("acme|assistant|ada")).toEqual([]);
  });

  it("runs at most one reflection per mind; other minds queue behind it", async () => {
    let concurrent = 0;
    let peak = 0;
    const gates: (() => void)[] = [];
    // Each reflection waits until the test lets it finish: no timing assumptions.
    const reflector: Reflector = {
      async reflect() {
        concurrent += 1;
        peak = Math.max(peak, concurrent);
        await new Promise<void>((resolve) => gates.push(resolve));
        concurrent -= 1;
        return good;
      },
    };
    const until = async (condition: () => boolean) => {
      while (!condition()) await new Promise((r) => setTimeout(r, 1));
    };
    const scheduler = createReflectionScheduler({ reflector, concurrency: 2 });
    const [first, queuedAgain, runningAgain, other, later] = [8, 16, 24, 8, 32].map((turn, i) =>
      request({ key: i === 3 ? "other" : "acme|assistant|ada", turn, surprise: i === 1 ? 1.5 : null }),
    );
    expect(scheduler.maybeReflect(first as ReflectionRequest).queued).toBe(true);
    expect(scheduler.maybeReflect(queuedAgain as ReflectionRequest)).toEqual({ queued: false, reason: "in-flight" });
    await until(() => gates.length === 1);
    expect(scheduler.maybeReflect(runningAgain as ReflectionRequest)).toEqual({ queued: false, reason: "in-flight" });
    expect(scheduler.maybeReflect(other as ReflectionRequest).queued).toBe(true);
    await until(() => gates.length === 2);
    expect(peak).toBe(2);
    for (const open of gates.splice(0)) open();
    await scheduler.drain();
    expect(scheduler.stats()).toMatchObject({ runs: 2, skipped: 2, ok: 2 });
    // Once finished, the same mind may reflect again.
    expect(scheduler.maybeReflect(later as ReflectionRequest).queued).toBe(true);
    await until(() => gates.length === 1);
    for (const open of gates.splice(0)) open();
    await scheduler.drain();
    expect(scheduler.stats().runs).toBe(3);
  });

  it("bounds the queue, dropping the oldest", async () => {
    const scheduler = createReflectionScheduler({ reflector: reflectorOf([good], 10), maxQueue: 2 });
    for (const key of ["a", "b", "c", "d"]) expect(scheduler.maybeReflect(request({ key })).queued).toBe(true);
    await scheduler.drain();
    expect(scheduler.stats()).toMatchObject({ runs: 2, evicted: 2, ok: 2 });
    expect(["a", "b", "c", "d"].map((k) => scheduler.takePending(k).length)).toEqual([0, 0, 1, 1]);
  });

  it("rejects garbage and survives a throwing, hanging or broken reflector without touching the turn", async () => {
    const failures: FailedReflection[] = [];
    const hanging: Reflector = { reflect: () => new Promise(() => {}) };
    const cases: [string, Reflector, FailedReflection["outcome"]][] = [
      ["garbage", reflectorOf(["I think the user is a nice person who likes llamas."]), "rejected"],
      ["unusable", reflectorOf([JSON.stringify({ hypotheses: [{ kind: "goal", key: "world peace" }] })]), "rejected"],
      [
        "throws",
        createLlmReflector({
          model: new FakeStreamingChatModel({ thrownErrorString: "provider down" }),
          structured: false,
        }),
        "failed",
      ],
      ["hangs", hanging, "failed"],
      [
        "sync-throw",
        {
          reflect() {
            throw new Error("not even a promise");
          },
        },
        "failed",
      ],
    ];
    for (const [name, reflector, outcome] of cases) {
      const scheduler = createReflectionScheduler({
        reflector,
        timeoutMs: 50,
        onFailure: (f) => {
          failures.push(f);
          throw new Error("a listener's bug stays the listener's");
        },
      });
      const mind = loraMind();
      const before = JSON.stringify(mind.toJSON());
      expect(() => scheduler.maybeReflect(request({ key: name, mindState: mind.toJSON() }))).not.toThrow();
      await scheduler.drain();
      expect(scheduler.mergePending({ key: name, mind })).toEqual([]);
      expect(JSON.stringify(mind.toJSON())).toBe(before);
      expect(scheduler.stats()).toMatchObject({ runs: 1, ok: 0, [outcome]: 1 });
      expect(failures.at(-1)).toMatchObject({ key: name, outcome });
    }
    expect(failures.find((f) => f.key === "hangs")?.error).toMatch(/timed out/);
    // A request whose mind state cannot be read fails the reflection, not the turn.
    const scheduler = createReflectionScheduler({ reflector: reflectorOf([good]) });
    const broken = { ...request(), mindState: { nonsense: true } } as unknown as ReflectionRequest;
    expect(scheduler.maybeReflect(broken).queued).toBe(true);
    await scheduler.drain();
    expect(scheduler.stats()).toMatchObject({ failed: 1 });
  });

  it("merges into the next turn's mind as bounded evidence, tilting rather than overwriting", async () => {
    const scheduler = createReflectionScheduler({ reflector: reflectorOf([good]), weight: 1 });
    const key = "acme|assistant|ada";
    scheduler.maybeReflect(request({ key }));
    await scheduler.drain();
    // The next turn loads the newest mind (here it has moved on since the request) and merges into it.
    const next = loraMind();
    next.observe({
      messageId: "m9",
      speakerId: "ada",
      text: "ok so what does target_modules do?",
      at: "2025-03-03T08:11:00.000Z",
    });
    const before = next.snapshot().knowledge["fine-tuning"];
    const observations = scheduler.mergePending({ key, mind: next });
    expect(observations).toHaveLength(1);
    expect(observations[0]?.evidence.map((e) => [e.id, e.signal])).toEqual([
      ["m8.h0", "reflection"],
      ["m8.h1", "reflection"],
    ]);
    const after = next.snapshot().knowledge["fine-tuning"];
    expect(before).toBeDefined();
    expect(after?.level).toBeLessThan(before?.level ?? 0);
    // Tilted, not overwritten: a fraction of what the person's own correction to 0.2 would do.
    const corrected = createMind(ids);
    corrected.correct({ dimension: "knowledge", key: "fine-tuning", value: 0.2, messageId: "c1" });
    const correctedLevel = corrected.snapshot().knowledge["fine-tuning"]?.level ?? 0;
    const moved = (before?.level ?? 0) - (after?.level ?? 0);
    expect(moved).toBeLessThan(0.15);
    expect(moved).toBeLessThan(((before?.level ?? 0) - correctedLevel) / 2);
    expect(next.turns).toBe(3); // merging adds evidence; it does not replay or rewind the mind
    expect(scheduler.mergePending({ key, mind: next })).toEqual([]);
  });

  it("counts tokens and model time from an LLM reflector", async () => {
    const inner = reflectorOf([good], 20);
    const metered: LlmReflector = {
      ...inner,
      reflectWithUsage: async (input, options) => ({
        ...(await inner.reflectWithUsage(input, options)),
        tokens: { input: 300, output: 40 },
      }),
    };
    const scheduler = createReflectionScheduler({ reflector: metered });
    scheduler.maybeReflect(request({ key: "a" }));
    scheduler.maybeReflect(request({ key: "b", turn: 3 }));
    scheduler.maybeReflect(request({ key: "c", turn: 16 }));
    await scheduler.drain();
    const stats = scheduler.stats();
    expect(stats).toMatchObject({ turns: 3, runs: 2, tokens: { input: 600, output: 80 } });
    expect(stats.totalMs).toBeGreaterThanOrEqual(30);
    expect(stats.shareReflected).toBeCloseTo(2 / 3);
    expect(scheduler.takePending("a")[0]?.tokens).toEqual({ input: 300, output: 40 });
  });
});

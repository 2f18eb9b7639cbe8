import { existsSync } from "node:fs";
import { createMind, HypothesisSchema, type Mind } from "@attune/mind";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createChatModel,
  disposeLocalModels,
  LocalChatModel,
  loadLocalModel,
  resolveLocalModelPath,
} from "../llm/index.js";
import { createLlmReflector } from "./llm-reflector.js";
import { createReflectionScheduler, type FailedReflection, type PendingReflection } from "./reflection-scheduler.js";

const ids = { workspaceId: "acme", observerId: "assistant", subjectId: "ada" };
const conversation = [
  {
    role: "user" as const,
    text: "I'm fine-tuning llama with LoRA. Should I set the rank to 64 so it trains more layers?",
  },
  {
    role: "assistant" as const,
    text: "Rank is the size of the low-rank update matrices, not the number of layers adapted.",
  },
  {
    role: "user" as const,
    text: "wait, so rank isn't how many layers get adapted? I thought higher rank = more layers",
  },
  {
    role: "assistant" as const,
    text: "Right: which layers get adapters is set by target_modules. Rank 8 or 16 is usually enough.",
  },
  {
    role: "user" as const,
    text: "ok I'm confused, why would rank 8 be enough then?? doesn't a bigger rank mean it learns more layers",
  },
];

function loraMind(): Mind {
  const mind = createMind(ids);
  let minute = 0;
  for (const [i, m] of conversation.entries()) {
    const at = new Date(Date.UTC(2025, 2, 3, 8, minute++)).toISOString();
    if (m.role === "user") mind.observe({ messageId: `m${i}`, speakerId: "ada", text: m.text, at });
    else mind.observeReply({ plan: mind.plan(), at });
  }
  return mind;
}

describe("slow-path reflection on the real local model", { timeout: 180_000 }, () => {
  beforeAll(async () => {
    const modelPath = resolveLocalModelPath();
    if (!existsSync(modelPath)) throw new Error(`Model file missing at ${modelPath}; run \`pnpm model:pull\`.`);
    await loadLocalModel();
  }, 120_000);

  afterAll(async () => {
    await disposeLocalModels();
  });

  it("reflects on a person confused about LoRA rank off the reply path, and only tilts the mind", async () => {
    const model = await createChatModel({ provider: "local" });
    expect(model).toBeInstanceOf(LocalChatModel);
    // Seeded so the run is reproducible (sampling otherwise follows the clock).
    (model as LocalChatModel).seed = 7;
    const reflector = createLlmReflector({ model });
    expect(reflector.mode).toBe("text");

    const results: PendingReflection[] = [];
    const failures: FailedReflection[] = [];
    const scheduler = createReflectionScheduler({
      reflector,
      every: 1,
      onResult: (r) => results.push(r),
      onFailure: (f) => failures.push(f),
    });
    const mind = loraMind();
    const runs = 3;
    const replyPath: number[] = [];
    for (let i = 0; i < runs; i++) {
      const key = `acme|assistant|ada#${i}`;
      const started = performance.now();
      const decision = scheduler.maybeReflect({
        key,
        mindState: mind.toJSON(),
        transcript: conversation,
        turn: mind.turns,
        messageId: `m4r${i}`,
        at: "2025-03-03T08:04:00.000Z",
      });
      replyPath.push(performance.now() - started);
      expect(decision.queued).toBe(true);
    }
    // Nothing has run yet: the model works after the turn has returned.
    expect(results.length + failures.length).toBe(0);
    await scheduler.drain();

    const stats = scheduler.stats();
    console.info(
      `[reflection.int] ${stats.runs} runs: ${stats.valid} valid, ${stats.repaired} repaired, ${stats.rejected} rejected, ` +
        `${stats.failed} failed; tokens ${stats.tokens.input} in / ${stats.tokens.output} out; ${(stats.totalMs / 1000).toFixed(1)} s; ` +
        `maybeReflect max ${Math.max(...replyPath).toFixed(3)} ms`,
    );
    for (const r of results) console.info(`[reflection.int] kept: ${r.hypotheses.map((h) => h.key).join(" | ")}`);
    for (const f of failures) console.info(`[reflection.int] ${f.outcome}: ${f.error}: ${f.output}`);
    // Off the critical path: queueing costs a small fraction of one reflection (a ratio, not a wall-clock bound,
    // so a busy host cannot fail it).
    expect(Math.max(...replyPath)).toBeLessThan(stats.totalMs / runs / 10);
    expect(stats.runs).toBe(runs);
    expect(stats.failed).toBe(0); // the model answered; it may have answered nonsense, never thrown
    expect(stats.ok + stats.rejected).toBe(runs);
    expect(stats.tokens.input).toBeGreaterThan(100 * runs);
    expect(stats.tokens.output).toBeGreaterThan(0);
    expect(stats.tokens.output).toBeLessThanOrEqual(160 * runs);

    // The seeded model proposes a misconception that survives validation (checked on this machine's
    // llama.cpp build; the same prompt and seed give the same tokens).
    expect(results.length).toBeGreaterThan(0);
    for (const r of results) {
      expect(r.hypotheses.length).toBeGreaterThan(0);
      for (const h of r.hypotheses) expect(HypothesisSchema.safeParse(h).success).toBe(true);
    }

    // Merging into the next turn's mind moves beliefs, each by a bounded amount.
    const next = loraMind();
    const before = new Map(next.beliefs().map((b) => [`${b.dimension}:${b.key}`, b.mean]));
    const observations = scheduler.mergePending({ key: results[0]?.key ?? "", mind: next });
    expect(observations.length).toBe(1);
    const changed = observations.flatMap((o) => o.beliefs);
    expect(changed.length).toBeGreaterThan(0);
    for (const belief of changed) {
      const prior = before.get(`${belief.dimension}:${belief.key}`);
      if (prior === undefined) {
        // A new belief starts at its prior (knowledge and preferences 0.5, states 0.2, intents 0.25):
        // one observation's worth moves it by at most 1/6.
        const start = { knowledge: 0.5, preference: 0.5, state: 0.2, intent: 0.25, directive: 0.1 }[belief.dimension];
        expect(Math.abs(belief.mean - start)).toBeLessThanOrEqual(1 / 6 + 1e-9);
      } else {
        // An existing one moves less, unless the hypothesis contradicts it (the mind then also
        // discounts the old counts): still a tilt.
        expect(Math.abs(belief.mean - prior)).toBeLessThanOrEqual(0.25);
      }
      expect(belief.evidenceIds.at(-1)).toMatch(/^m4r\d\.h\d$/);
    }
    // Everything the reflection did not address is exactly as the fast path left it.
    const touched = new Set(changed.map((b) => `${b.dimension}:${b.key}`));
    for (const b of next.beliefs()) {
      if (!touched.has(`${b.dimension}:${b.key}`)) expect(b.mean).toBe(before.get(`${b.dimension}:${b.key}`));
    }
  });
});

/**
 * Reflection cost per 100 turns on the real local model (issue 5, docs/benchmarks.md).
 *
 * The mind package's simulated users (packages/mind/bench/sim) talk to real `Mind`s; every turn goes
 * through what an update-minds node does (merge finished reflections, observe, offer the turn to the
 * scheduler at its defaults, plan) while a reply is "written" for REFLECTION_BENCH_REPLY_MS. The
 * reflections run on Gemma 3 270M meanwhile. Prints the runs, their share of turns, tokens and model
 * seconds per 100 turns, how the output fared (valid / repaired / rejected), and the time
 * `maybeReflect` adds to the reply path.
 *
 *   npx tsx packages/agents/bench/reflection-cost.ts
 *   REFLECTION_BENCH_PEOPLE=4 REFLECTION_BENCH_TURNS=25 REFLECTION_BENCH_REPLY_MS=750 REFLECTION_BENCH_SEED=7
 *
 * Exits 1 if `maybeReflect` blocks the reply path (p95 > 1 ms) or anything threw.
 */
import { createMind, type Mind } from "@attune/mind";
import { cannedReply } from "../../mind/bench/sim/attune.js";
import { samplePopulation } from "../../mind/bench/sim/profile.js";
import { SimulatedUser } from "../../mind/bench/sim/simulator.js";
import { createChatModel, disposeLocalModels, LocalChatModel, loadLocalModel } from "../src/llm/index.js";
import { createLlmReflector } from "../src/reflection/llm-reflector.js";
import {
  createReflectionScheduler,
  type FailedReflection,
  type PendingReflection,
} from "../src/reflection/reflection-scheduler.js";

const int = (name: string, fallback: number) => {
  const value = Number.parseInt(process.env[name] ?? "", 10);
  return Number.isFinite(value) && value >= 0 ? value : fallback;
};
const PEOPLE = Math.max(1, int("REFLECTION_BENCH_PEOPLE", 4));
const TURNS_EACH = Math.max(1, int("REFLECTION_BENCH_TURNS", 25));
const REPLY_MS = int("REFLECTION_BENCH_REPLY_MS", 750);
const SEED = int("REFLECTION_BENCH_SEED", 7);
const TRANSCRIPT = 6;

const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;

async function main(): Promise<number> {
  const loadStarted = performance.now();
  await loadLocalModel();
  const loadMs = performance.now() - loadStarted;
  const model = await createChatModel({ provider: "local" });
  if (model instanceof LocalChatModel) model.seed = SEED;
  const reflector = createLlmReflector({ model });

  const results: PendingReflection[] = [];
  const failures: FailedReflection[] = [];
  // The scheduler at its defaults (every 8 turns, surprise ≥ 1, weight 1, queue 32, one at a time).
  const scheduler = createReflectionScheduler({
    reflector,
    onResult: (r) => results.push(r),
    onFailure: (f) => failures.push(f),
  });

  const people = samplePopulation(SEED, PEOPLE).map((profile) => ({
    profile,
    user: new SimulatedUser(profile, SEED, TURNS_EACH),
    mind: createMind({ workspaceId: "bench", observerId: "assistant", subjectId: profile.id }) as Mind,
    transcript: [] as { role: "user" | "assistant"; text: string }[],
    key: `bench|assistant|${profile.id}`,
  }));

  const replyPathUs: number[] = [];
  const serializeUs: number[] = [];
  let threw = 0;
  let merged = 0;
  let beliefsTilted = 0;
  const started = performance.now();
  // Round-robin, as in a channel where several people talk to the assistant.
  for (let t = 0; t < TURNS_EACH; t++) {
    for (const person of people) {
      const turn = person.user.nextTurn();
      // update-minds: last turns' finished reflections first, into the mind as it is now.
      for (const observation of scheduler.mergePending({ key: person.key, mind: person.mind })) {
        merged += 1;
        beliefsTilted += observation.beliefs.length;
      }
      const observation = person.mind.observe({
        messageId: turn.messageId,
        speakerId: turn.speakerId,
        text: turn.text,
        at: turn.at,
      });
      person.transcript.push({ role: "user", text: turn.text });
      const s0 = performance.now();
      const mindState = person.mind.toJSON();
      const s1 = performance.now();
      try {
        scheduler.maybeReflect({
          key: person.key,
          mindState,
          transcript: person.transcript.slice(-TRANSCRIPT),
          turn: person.mind.turns,
          surprise: observation.experiment?.surprise ?? null,
          messageId: turn.messageId,
          at: turn.at,
        });
      } catch {
        threw += 1;
      }
      const s2 = performance.now();
      serializeUs.push((s1 - s0) * 1000);
      replyPathUs.push((s2 - s1) * 1000);
      const plan = person.mind.plan();
      person.user.respond(plan);
      person.transcript.push({ role: "assistant", text: cannedReply(plan) });
      // The reply being written: the reflection (if any) runs meanwhile.
      await new Promise((resolve) => setTimeout(resolve, REPLY_MS));
    }
  }
  const turnsMs = performance.now() - started;
  const drainStarted = performance.now();
  await scheduler.drain();
  const drainMs = performance.now() - drainStarted;
  for (const person of people) {
    for (const observation of scheduler.mergePending({ key: person.key, mind: person.mind })) {
      merged += 1;
      beliefsTilted += observation.beliefs.length;
    }
  }

  const stats = scheduler.stats();
  const turns = stats.turns;
  const per100 = (x: number) => (x * 100) / Math.max(1, turns);
  const sortedPath = [...replyPathUs].sort((a, b) => a - b);
  const sortedSerialize = [...serializeUs].sort((a, b) => a - b);
  const p95 = quantile(sortedPath, 0.95);

  console.log(`reflection cost on the local model (Gemma 3 270M), scheduler defaults`);
  console.log(
    `  conversation        ${PEOPLE} simulated people × ${TURNS_EACH} turns = ${turns} turns (seed ${SEED}), reply gap ${REPLY_MS} ms`,
  );
  console.log(`  model load          ${(loadMs / 1000).toFixed(1)} s (once, not counted below)`);
  console.log(
    `  reflections         ${stats.runs} run (${(stats.shareReflected * 100).toFixed(1)} % of turns), ${stats.skipped} skipped (mind already reflecting), ${stats.evicted} evicted`,
  );
  console.log(
    `  tokens / 100 turns  ${per100(stats.tokens.input).toFixed(0)} in, ${per100(stats.tokens.output).toFixed(0)} out` +
      ` (per run ${(stats.tokens.input / Math.max(1, stats.runs)).toFixed(0)} in, ${(stats.tokens.output / Math.max(1, stats.runs)).toFixed(0)} out)`,
  );
  console.log(
    `  model s / 100 turns ${(per100(stats.totalMs) / 1000).toFixed(1)} s (per run ${(stats.totalMs / Math.max(1, stats.runs) / 1000).toFixed(2)} s)`,
  );
  console.log(
    `  output              ${stats.valid} valid, ${stats.repaired} repaired, ${stats.rejected} rejected, ${stats.failed} failed`,
  );
  console.log(
    `  merged              ${merged} reflections into the next turn's mind, ${beliefsTilted} belief versions`,
  );
  console.log(
    `  reply path          maybeReflect p50 ${quantile(sortedPath, 0.5).toFixed(1)} µs, p95 ${p95.toFixed(1)} µs, max ${(sortedPath.at(-1) ?? 0).toFixed(1)} µs (turn ${replyPathUs.indexOf(sortedPath.at(-1) ?? 0) + 1})`,
  );
  console.log(
    `                      (mind.toJSON() the caller does for the request: p50 ${quantile(sortedSerialize, 0.5).toFixed(1)} µs, p95 ${quantile(sortedSerialize, 0.95).toFixed(1)} µs)`,
  );
  console.log(
    `  wall                ${(turnsMs / 1000).toFixed(1)} s of turns, then ${(drainMs / 1000).toFixed(1)} s draining the last reflections`,
  );
  for (const r of results.slice(0, 6)) {
    console.log(`  kept  ${r.messageId}: ${r.hypotheses.map((h) => `${h.key} (${h.value.toFixed(2)})`).join(" | ")}`);
  }
  for (const f of failures.filter((x) => x.outcome === "rejected").slice(0, 3)) {
    console.log(`  rejected ${f.messageId}: ${f.error}; ${(f.output ?? "").slice(0, 140)}`);
  }
  for (const f of failures.filter((x) => x.outcome === "failed").slice(0, 3)) {
    console.log(`  FAILED ${f.messageId}: ${f.error}`);
  }

  let exit = 0;
  if (p95 > 1000) {
    console.error(`FAIL: maybeReflect p95 ${p95.toFixed(1)} µs > 1 ms: reflection blocks the reply path`);
    exit = 1;
  }
  if (threw > 0 || stats.failed > 0) {
    console.error(`FAIL: ${threw} maybeReflect call(s) threw, ${stats.failed} reflection(s) threw or timed out`);
    exit = 1;
  }
  return exit;
}

main()
  .then(async (code) => {
    await disposeLocalModels();
    process.exit(code);
  })
  .catch(async (error: unknown) => {
    console.error(error);
    await disposeLocalModels().catch(() => {});
    process.exit(1);
  });

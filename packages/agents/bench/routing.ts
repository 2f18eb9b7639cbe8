/**
 * Routing benchmark: does the router send each turn to the agent that is right for it?
 *
 *   npx tsx packages/agents/bench/routing.ts
 *     ROUTING_SEEDS=2001,2002   held-out seeds to report (default 2001–2005)
 *     ROUTING_TURNS=600         evaluation turns per seed
 *     ROUTING_ONLY=design       run the design seeds only (while working on the router: never peek at held-out)
 *
 * Scenarios come from bench/scenarios/generator.ts (read its header: the right agent of every turn is
 * known by construction from a hidden truth the router never sees). Each run replays a month of
 * history (the router learns from those outcomes), then routes every evaluation turn and learns online
 * from the outcome of the agent it chose, as a deployment would: the router only has its peer models,
 * the load events, the turn's text (topics via the mind's vocabulary) and the person's mind (intent,
 * plan).
 *
 * Routers compared on the same turns (bench/scenarios/replay.ts):
 * - `keyword`: declared skills only (fuzzy/vocabulary match of the turn's topics; team order breaks ties);
 * - `priors only`: `routeTurn` with peer models that never see an outcome (declared skills, role, load);
 * - `attune`: `routeTurn` with learned peer models.
 *
 * The router's weights were tuned on the DESIGN seeds (1–5) only. The target (≥ 90 % of turns routed
 * to the right agent, pooled over the HELD-OUT seeds) is checked here; the process exits 1 below it.
 */
import { generateScenario } from "./scenarios/generator.js";
import { declaredMatch, emptyResult, type ReplayResult, ROUTERS, readTurns, replay } from "./scenarios/replay.js";

const DESIGN_SEEDS = [1, 2, 3, 4, 5];
const HELD_OUT_SEEDS = (process.env.ROUTING_SEEDS ?? "2001,2002,2003,2004,2005").split(",").map(Number);
const TURNS = Number(process.env.ROUTING_TURNS ?? 600);
const TARGET = 0.9;

const pct = (n: number, d: number) => (d === 0 ? "n/a" : `${((100 * n) / d).toFixed(1)}%`);

function runSeed(seed: number): { results: ReplayResult[]; dropped: number; agents: string[]; truth: string } {
  const scenario = generateScenario({ seed, turns: TURNS, declaredMatch });
  // Minds read each turn once; every router sees the same readings.
  const readings = { history: readTurns(scenario.history), turns: readTurns(scenario.turns) };
  const truth = `overclaimed ${scenario.truth.overclaimed.map(([a, t]) => `${a}/${t}`).join(", ")}; hidden talents ${scenario.truth.hiddenTalents.map(([a, t]) => `${a}/${t}`).join(", ")}`;
  return {
    results: ROUTERS.map((router) => replay({ scenario, readings, router })),
    dropped: scenario.dropped,
    agents: scenario.agents.map((a) => a.id),
    truth,
  };
}

function pooled(results: ReplayResult[]): ReplayResult {
  const first = results[0] as ReplayResult;
  const sum = emptyResult(first.router, first.seed);
  for (const r of results) {
    sum.correct += r.correct;
    sum.total += r.total;
    sum.accepted += r.accepted;
    sum.overload.correct += r.overload.correct;
    sum.overload.total += r.overload.total;
    sum.surprise.correct += r.surprise.correct;
    sum.surprise.total += r.surprise.total;
    for (const [right, row] of r.confusion) {
      const into = sum.confusion.get(right) ?? new Map<string, number>();
      for (const [routed, n] of row) into.set(routed, (into.get(routed) ?? 0) + n);
      sum.confusion.set(right, into);
    }
  }
  return sum;
}

function confusionTable(result: ReplayResult, ids: string[]): string {
  const head = ["right ↓ / routed →", ...ids, "recall"];
  const rows = ids.map((right) => {
    const row = result.confusion.get(right) ?? new Map<string, number>();
    const total = [...row.values()].reduce((a, b) => a + b, 0);
    return [right, ...ids.map((id) => String(row.get(id) ?? 0)), pct(row.get(right) ?? 0, total)];
  });
  return [head, head.map(() => "---"), ...rows].map((r) => `| ${r.join(" | ")} |`).join("\n");
}

function evaluate(label: string, seeds: number[]): ReplayResult[] {
  const started = performance.now();
  console.log(`\n### ${label} seeds (${TURNS} turns each, after 2,000 history turns)\n`);
  console.log(`| seed | ${ROUTERS.join(" | ")} | ambiguous drafts dropped | hidden truth |`);
  console.log(`| --- | ${ROUTERS.map(() => "---").join(" | ")} | --- | --- |`);
  const bySeed = seeds.map((seed) => {
    const run = runSeed(seed);
    console.log(
      `| ${seed} | ${run.results.map((r) => pct(r.correct, r.total)).join(" | ")} | ${run.dropped} | ${run.truth} |`,
    );
    return run;
  });
  const totals = ROUTERS.map((_, i) => pooled(bySeed.map((s) => s.results[i] as ReplayResult)));
  console.log(`\nPooled over ${seeds.length} seeds (${((performance.now() - started) / 1000).toFixed(1)} s):\n`);
  console.log("| router | accuracy | answers accepted | overload turns (n) | overclaim/talent turns (n) |");
  console.log("| --- | --- | --- | --- | --- |");
  for (const r of totals) {
    console.log(
      `| ${r.router} | ${pct(r.correct, r.total)} | ${pct(r.accepted, r.total)} | ${pct(r.overload.correct, r.overload.total)} (${r.overload.total}) | ${pct(r.surprise.correct, r.surprise.total)} (${r.surprise.total}) |`,
    );
  }
  const ids = bySeed[0]?.agents ?? [];
  for (const r of totals.filter((t) => t.router !== "priors only")) {
    console.log(`\nConfusion, ${r.router} (pooled):\n`);
    console.log(confusionTable(r, ids));
  }
  return totals;
}

console.log("## Routing accuracy on seeded scenarios");
evaluate("Design", DESIGN_SEEDS);
if (process.env.ROUTING_ONLY === "design") process.exit(0);
const held = evaluate("Held-out", HELD_OUT_SEEDS);
const attune = held.find((r) => r.router === "attune");
const accuracy = attune ? attune.correct / attune.total : 0;
console.log(
  `\nHeld-out accuracy (pooled): ${(100 * accuracy).toFixed(1)}% (target ≥ ${100 * TARGET}%): ${accuracy >= TARGET ? "PASS" : "FAIL"}`,
);
if (accuracy < TARGET) process.exit(1);

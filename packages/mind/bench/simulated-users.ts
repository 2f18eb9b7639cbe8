/**
 * Simulated-users benchmark: mean reward per turn, as % of the oracle, for a fixed average plan, baseline 1.0
 * (directives), baseline 2.0 (explicit memory + keyword expertise), a reference reader (reads what the text
 * expresses, perfectly: an achievable ceiling) and Attune.
 *
 *   tsx bench/simulated-users.ts          SIM_PEOPLE=200 SIM_SEED=424242 (held-out population) SIM_TURNS=30
 *
 * Targets (checked on the held-out population; exit 1 if missed):
 *   - "by turn 10": Attune's mean share of oracle over turns 8–12 ≥ 85 %;
 *   - Attune's mean over turns 1–30 ≥ 1.25 × baseline 2.0's.
 */
import { attune } from "./sim/attune.js";
import { directivesPolicy, fixedPolicy, memoryPolicy, oracle, type PolicySpec } from "./sim/baselines.js";
import { samplePopulation } from "./sim/profile.js";
import { reader } from "./sim/reader.js";
import { type PolicyRun, runPolicy, searchFixedPlan, shareOfOracle, windowShare } from "./sim/run.js";

const PEOPLE = Number(process.env.SIM_PEOPLE ?? 200);
const TURNS = Number(process.env.SIM_TURNS ?? 30);
/** Held-out population: the one the targets are checked on (never looked at while designing the simulator). */
const HELD_OUT_SEED = Number(process.env.SIM_SEED ?? 424242);
/** Design population: the one looked at while building the simulator and its baselines. */
const DESIGN_SEED = 1;
/** Population the fixed average plan is searched on. */
const CALIBRATION_SEED = 99;
const REPORT_TURNS = [1, 5, 10, 20, 30].filter((t) => t <= TURNS);

const pct = (x: number) => (Number.isFinite(x) ? `${(100 * x).toFixed(1)}%` : "n/a");

function table(runs: PolicyRun[]): string {
  const head = ["policy", ...REPORT_TURNS.map((t) => `t${t}`), "t8–12", `mean 1–${TURNS}`];
  const rows = runs.map((run) => {
    const share = shareOfOracle(run);
    const failed = run.failures > 0 ? ` (${run.failures} failed: ${run.error ?? "?"})` : "";
    return [
      `${run.policy}${failed}`,
      ...REPORT_TURNS.map((t) => pct(share[t - 1] ?? Number.NaN)),
      pct(windowShare(run, 8, 12)),
      pct(windowShare(run, 1, TURNS)),
    ];
  });
  return [head, head.map(() => "---"), ...rows].map((r) => `| ${r.join(" | ")} |`).join("\n");
}

function evaluate(label: string, seed: number, specs: PolicySpec[]): Map<string, PolicyRun> {
  const profiles = samplePopulation(seed, PEOPLE);
  const runs = specs.map((spec) => runPolicy(spec, profiles, seed, TURNS));
  console.log(`\n### ${label} population (seed ${seed}, ${PEOPLE} people × ${TURNS} turns)\n`);
  console.log(table(runs));
  const by = new Map(runs.map((r) => [r.policy, r]));
  const a = by.get(attune.name);
  const m = by.get("2.0 memory+keywords");
  if (a && m) {
    console.log(
      `\nAttune / 2.0 over turns 1–${TURNS}: ${(windowShare(a, 1, TURNS) / windowShare(m, 1, TURNS)).toFixed(3)}×`,
    );
  }
  return by;
}

const started = performance.now();
const fixed = searchFixedPlan(CALIBRATION_SEED, Math.min(PEOPLE, 150), TURNS);
console.log("## Simulated users: mean reward per turn as % of oracle\n");
console.log(
  `Fixed average plan (searched on seed ${CALIBRATION_SEED}): ${[
    "length",
    "depth",
    "structure",
    "examples",
    "tone",
    "pace",
  ]
    .map((k) => fixed[k as "length"])
    .join(" / ")}, ask=${fixed.askClarifyingQuestion}, challenge=${fixed.challenge}, explore=${fixed.explore}`,
);
const specs = [oracle, fixedPolicy(fixed), directivesPolicy(fixed), memoryPolicy(fixed), reader, attune];
evaluate("Design", DESIGN_SEED, specs);
if (process.env.SIM_ONLY === "design") process.exit(0); // while working on the simulator: never peek at held-out
const held = evaluate("Held-out", HELD_OUT_SEED, specs);

const a = held.get(attune.name);
const m = held.get("2.0 memory+keywords");
if (!a || !m) throw new Error("missing runs");
const by10 = windowShare(a, 8, 12);
const ratio = windowShare(a, 1, TURNS) / windowShare(m, 1, TURNS);
const ok10 = by10 >= 0.85;
const okRatio = ratio >= 1.25;
console.log("\n### Targets (held-out population)\n");
console.log(`- Attune by turn 10 (mean share of oracle over turns 8–12) ≥ 85%: ${pct(by10)} ${ok10 ? "✓" : "✗"}`);
console.log(`- Attune mean over turns 1–${TURNS} ≥ 1.25 × baseline 2.0: ${ratio.toFixed(3)}× ${okRatio ? "✓" : "✗"}`);
console.log(`\n(${((performance.now() - started) / 1000).toFixed(1)} s)`);
if (!ok10 || !okRatio || a.failures > 0) process.exitCode = 1;

/**
 * Where each policy loses reward: per plan dimension, the mean weighted loss as a share of the total weight
 * (the losses of all dimensions add up to 1 − mean reward). Design population only.
 *
 *   tsx bench/sim/diagnose.ts [people=200] [seed=1]
 */
import { attune } from "./attune.js";
import { directivesPolicy, fixedPolicy, memoryPolicy, oracle, type PolicySpec } from "./baselines.js";
import { DIMS, type Dim } from "./model.js";
import { samplePopulation } from "./profile.js";
import { reader } from "./reader.js";
import { score } from "./reward.js";
import { converse, searchFixedPlan } from "./run.js";

const [peopleArg = "200", seedArg = "1"] = process.argv.slice(2);
const seed = Number(seedArg);
const profiles = samplePopulation(seed, Number(peopleArg));
const fixed = searchFixedPlan(99, 150, 30);
const specs: PolicySpec[] = [oracle, fixedPolicy(fixed), directivesPolicy(fixed), memoryPolicy(fixed), reader, attune];
const rows: string[][] = [["policy", "reward", ...DIMS]];
for (const spec of specs) {
  const loss = Object.fromEntries(DIMS.map((d) => [d, 0])) as Record<Dim, number>;
  let reward = 0;
  let n = 0;
  for (const p of profiles) {
    for (const x of converse(p, seed, spec, 30)) {
      const s = score(x.plan, x.wants);
      const total = DIMS.reduce((sum, d) => sum + s.dims[d].weight, 0);
      for (const d of DIMS) loss[d] += s.dims[d].loss / total;
      reward += s.reward;
      n += 1;
    }
  }
  rows.push([spec.name, (reward / n).toFixed(3), ...DIMS.map((d) => (loss[d] / n).toFixed(3))]);
}
console.log(rows.map((r) => r.join("\t")).join("\n"));

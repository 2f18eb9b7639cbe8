/**
 * Prints one simulated person's hidden profile and conversation with a policy (for building and debugging).
 *
 *   tsx bench/sim/inspect.ts [person=0] [policy=reader|attune|fixed|1.0|2.0|oracle] [seed=1]
 */
import { attune } from "./attune.js";
import { directivesPolicy, fixedPolicy, memoryPolicy, oracle, type PolicySpec } from "./baselines.js";
import { DIMS } from "./model.js";
import { sampleProfile } from "./profile.js";
import { reader } from "./reader.js";
import { converse, searchFixedPlan } from "./run.js";

const [personArg = "0", policyArg = "reader", seedArg = "1"] = process.argv.slice(2);
const seed = Number(seedArg);
const fixed = searchFixedPlan(99, 60, 30);
const specs: Record<string, PolicySpec> = {
  oracle,
  reader,
  attune,
  fixed: fixedPolicy(fixed),
  "1.0": directivesPolicy(fixed),
  "2.0": memoryPolicy(fixed),
};
const spec = specs[policyArg] ?? reader;
const profile = sampleProfile(seed, Number(personArg));
const { knowledge, topicWeights: _w, intentWeights: _i, sensitivity: _s, proneness: _p, ...traits } = profile;
console.log(JSON.stringify(traits));
console.log(
  "knowledge:",
  Object.entries(knowledge)
    .map(([k, v]) => `${k}=${v.toFixed(2)}`)
    .join(" "),
);
for (const x of converse(profile, seed, spec, 30)) {
  const c = x.wants;
  const misses = DIMS.filter(
    (d) => String(c[d].value) !== String(d === "ask" ? x.plan.askClarifyingQuestion : x.plan[d]),
  )
    .map((d) => `${d}:${String(d === "ask" ? x.plan.askClarifyingQuestion : x.plan[d])}→${String(c[d].value)}`)
    .join(" ");
  console.log(`\n#${x.turn.turn} ${x.turn.at}  reward ${x.reward.toFixed(2)}  ${misses}`);
  console.log(`  > ${x.turn.text.replaceAll("\n", "\n  > ")}`);
}

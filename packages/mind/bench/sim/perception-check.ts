/** Perception accuracy on the design population: the engine's reading vs the simulator's hidden context. */
import { createMind } from "../../src/index.js";
import { isOn, STATES } from "./model.js";
import { samplePopulation } from "./profile.js";
import { wantsOf } from "./reward.js";
import { SimulatedUser } from "./simulator.js";

const people = samplePopulation(1, 120);
let n = 0;
let intentHit = 0;
const stateStats: Record<string, { tp: number; fp: number; fn: number }> = {};
const depth: number[][] = [
  [0, 0, 0],
  [0, 0, 0],
  [0, 0, 0],
];
const intentConf: Record<string, Record<string, number>> = {};
/** wanted → planned counts per plan dimension (to see which way each dimension errs). */
const dims = ["length", "structure", "examples", "tone", "pace"] as const;
const confusionOf: Record<string, number> = {};
for (const [i, profile] of people.entries()) {
  const user = new SimulatedUser(profile, 1000 + i, 30);
  const mind = createMind({ workspaceId: "sim", observerId: "assistant", subjectId: profile.id });
  for (let t = 1; t <= 30; t++) {
    const turn = user.nextTurn();
    const truth = user.truth();
    mind.observe({ messageId: turn.messageId, speakerId: turn.speakerId, text: turn.text, at: turn.at });
    const snap = mind.snapshot();
    const plan = mind.plan();
    user.respond(plan);
    n++;
    const top = snap.intent.distribution[snap.intent.top] > 0.15 ? snap.intent.top : "chat";
    if (top === truth.context.intent) intentHit++;
    intentConf[truth.context.intent] ??= {};
    const row = intentConf[truth.context.intent] as Record<string, number>;
    row[top] = (row[top] ?? 0) + 1;
    for (const s of STATES) {
      stateStats[s] ??= { tp: 0, fp: 0, fn: 0 };
      const st = stateStats[s];
      const predicted = snap.state[s] >= 0.45;
      const actual = isOn(truth.context, s);
      if (predicted && actual) st.tp++;
      else if (predicted) st.fp++;
      else if (actual) st.fn++;
    }
    const wants = wantsOf(profile, truth.context);
    for (const d of dims) {
      const key = `${d}: ${String(wants[d].value)} → ${String(plan[d])}`;
      confusionOf[key] = (confusionOf[key] ?? 0) + 1;
    }
    const wantDepth = ["overview", "working", "expert"].indexOf(wantsOf(profile, truth.context).depth.value as string);
    const got = ["overview", "working", "expert"].indexOf(plan.depth);
    (depth[wantDepth] as number[])[got] = ((depth[wantDepth] as number[])[got] ?? 0) + 1;
  }
}
console.log(`intent accuracy ${(intentHit / n).toFixed(3)} over ${n} turns`);
for (const [want, row] of Object.entries(intentConf)) console.log(`  ${want}:`, JSON.stringify(row));
for (const [s, st] of Object.entries(stateStats)) {
  const p = st.tp / Math.max(1, st.tp + st.fp);
  const r = st.tp / Math.max(1, st.tp + st.fn);
  console.log(`state ${s}: precision ${p.toFixed(2)} recall ${r.toFixed(2)} (actual ${st.tp + st.fn})`);
}
for (const d of dims) {
  const rows = Object.entries(confusionOf)
    .filter(([k]) => k.startsWith(`${d}:`))
    .sort((a, b) => b[1] - a[1]);
  console.log(
    rows
      .slice(0, 8)
      .map(([k, v]) => `${k} ${v}`)
      .join(" · "),
  );
}
console.log("depth wanted (rows overview/working/expert) × planned (cols):", JSON.stringify(depth));

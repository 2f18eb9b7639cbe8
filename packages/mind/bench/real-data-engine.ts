/**
 * The real-data benchmark through the evaluation contract: the whole engine (cues + learned readers +
 * policy), read from `snapshot.state`, `snapshot.reaction.satisfaction` and `plan.askClarifyingQuestion`
 * exactly as `attune mind eval` reports them. Thresholds for F1 are chosen on dev; numbers are on test.
 * Run: pnpm --filter @attune/mind bench:engine
 */
import {
  clamber,
  clariq,
  dissatisfied,
  goEmotions,
  STATES,
  stateLabel,
  ussSplit,
  ussTurns,
} from "../scripts/lib/data.js";
import { auc, bestThreshold, confusion, f1At, f1Of } from "../scripts/lib/metrics.js";
import { evaluateConversation } from "../src/eval-contract.js";

const last = (turns: { role: "user" | "assistant"; text: string }[], id: string) => {
  const line = evaluateConversation({ conversation: { id, turns } }).at(-1);
  if (!line) throw new Error("no output");
  return line;
};
const f3 = (x: number) => x.toFixed(3);
const rows: string[] = [];

// GoEmotions → snapshot.state (one user message each).
const dev = goEmotions("dev");
const test = goEmotions("test");
const devSnap = dev.map((e, i) => last([{ role: "user", text: e.text }], `d${i}`).snapshot.state);
const testSnap = test.map((e, i) => last([{ role: "user", text: e.text }], `t${i}`).snapshot.state);
let macro = 0;
for (const s of STATES) {
  const yDev = dev.map((e) => stateLabel(e, s));
  const t = bestThreshold(
    devSnap.map((x) => x[s]),
    yDev,
  ).threshold;
  const y = test.map((e) => stateLabel(e, s));
  const p = testSnap.map((x) => x[s]);
  const f1 = f1At(p, y, t);
  macro += f1 / STATES.length;
  rows.push(
    `| GoEmotions → snapshot.state.${s} | F1 ${f3(f1)} · AUC ${f3(auc(p, y))} | ${y.filter((v) => v === 1).length}/${y.length} |`,
  );
}
rows.push(`| GoEmotions, 4 states | macro-F1 ${f3(macro)} | |`);

// USS → snapshot.reaction.satisfaction (the system turn, then the user's reply to it).
const satOf = (t: { previous: string; text: string }, id: string) =>
  last([...(t.previous ? [{ role: "assistant" as const, text: t.previous }] : []), { role: "user", text: t.text }], id)
    .snapshot.reaction.satisfaction;
const mwozSgd = [...ussTurns("MWOZ"), ...ussTurns("SGD")];
const ussDev = mwozSgd.filter((t) => ussSplit(t) === "dev" && dissatisfied(t) !== undefined);
const tSat = bestThreshold(
  ussDev.map((t, i) => -satOf(t, `ud${i}`)),
  ussDev.map((t) => dissatisfied(t) ?? 0),
).threshold;
for (const [name, turns] of [
  ["USS MWOZ+SGD held-out", mwozSgd.filter((t) => ussSplit(t) === "test")],
  ["USS ReDial", ussTurns("ReDial")],
  ["USS CCPE", ussTurns("CCPE")],
] as const) {
  const ext = turns.filter((t) => dissatisfied(t) !== undefined);
  const y = ext.map((t) => dissatisfied(t) ?? 0);
  const s = ext.map((t, i) => -satOf(t, `${name}${i}`));
  rows.push(
    `| ${name} → snapshot.reaction.satisfaction | AUC ${f3(auc(s, y))} · F1(dissatisfied) ${f3(f1At(s, y, tSat))} | ${y.filter((v) => v === 1).length}/${y.length} |`,
  );
}

// ClariQ and CLAMBER → plan.askClarifyingQuestion (a decision, so F1 of the booleans).
const ask = (text: string, id: string) => (last([{ role: "user", text }], id).plan.askClarifyingQuestion ? 1 : 0);
const cq = clariq("test");
const yCq = cq.map((r) => (r.need >= 3 ? 1 : 0));
const pCq = cq.map((r, i) => ask(r.text, `cq${i}`));
rows.push(
  `| ClariQ (need ≥ 3) → plan.askClarifyingQuestion | F1 ${f3(f1Of(confusion(pCq, yCq)))} · asks ${pCq.filter(Boolean).length}/${pCq.length} | ${yCq.filter(Boolean).length}/${yCq.length} |`,
);
const cb = clamber("test");
const yCb = cb.map((r) => r.needsClarification);
const pCb = cb.map((r, i) => ask(r.question, `cb${i}`));
const cCb = confusion(pCb, yCb);
rows.push(
  `| CLAMBER → plan.askClarifyingQuestion | F1 ${f3(f1Of(cCb))} · accuracy ${f3((cCb.tp + cCb.tn) / yCb.length)} | ${yCb.filter(Boolean).length}/${yCb.length} |`,
);

console.log("| task (test) | through the engine | positives/n |\n|---|---|---|");
for (const row of rows) console.log(row);

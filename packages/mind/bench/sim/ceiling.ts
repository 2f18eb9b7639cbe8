/**
 * How far better perception alone could take Attune: the engine unchanged, but after each message a
 * perfect "slow path" reflection (`mind.mergeHypotheses`, the same hook an LLM reflector uses) adds what
 * the simulator annotated the message as expressing — intent, states, the vocabulary tier of the
 * topic — never the hidden profile. Compare with plain Attune and the reference reader.
 *
 *   tsx bench/sim/ceiling.ts            (design population, seed 1; SIM_PEOPLE=150)
 */
import type { Plan } from "@attune/model";
import { createMind } from "../../src/index.js";
import { attune } from "./attune.js";
import type { PolicySpec } from "./baselines.js";
import type { Cue } from "./model.js";
import { samplePopulation } from "./profile.js";
import { reader } from "./reader.js";
import { runPolicy, windowShare } from "./run.js";

/** The engine's own topic names for the simulator's topics. */
const TOPIC: Record<string, string> = { react: "frontend", kubernetes: "infrastructure" };
const TIER: Record<string, number> = { lay: 0.2, definitional: 0.1, misuse: 0.15, basic: 0.6, advanced: 0.92 };

function hypothesesOf(cues: Cue[], parts: Set<string>) {
  const out: {
    dimension: "state" | "intent" | "knowledge";
    key: string;
    value: number;
    confidence: number;
    rationale: string;
  }[] = [];
  if (parts.has("intent")) {
    const intent = cues.find((c) => c.kind === "intent");
    if (intent && intent.kind === "intent")
      out.push({ dimension: "intent", key: intent.intent, value: 1, confidence: 1, rationale: "oracle" });
  }
  if (parts.has("state")) {
    const said = new Set(cues.flatMap((c) => (c.kind === "state" ? [c.state] : [])));
    for (const s of said) out.push({ dimension: "state", key: s, value: 1, confidence: 1, rationale: "oracle" });
  }
  if (parts.has("knowledge")) {
    for (const c of cues) {
      if (c.kind === "knowledge")
        out.push({
          dimension: "knowledge",
          key: TOPIC[c.topic] ?? c.topic,
          value: TIER[c.tier] ?? 0.5,
          confidence: 1,
          rationale: "oracle",
        });
      if (c.kind === "background")
        out.push({
          dimension: "knowledge",
          key: TOPIC[c.topic] ?? c.topic,
          value: c.level === "expert" ? 0.95 : 0.05,
          confidence: 1,
          rationale: "oracle",
        });
    }
  }
  return out;
}

function withReflection(parts: string[]): PolicySpec {
  const set = new Set(parts);
  return {
    name: `Attune + perfect reflection (${parts.join(", ")})`,
    create(personId) {
      const mind = createMind({ workspaceId: "sim", observerId: "assistant", subjectId: personId });
      return {
        act(turn) {
          mind.observe({ messageId: turn.messageId, speakerId: turn.speakerId, text: turn.text, at: turn.at });
          const hypotheses = hypothesesOf(turn.cues, set);
          // Knowledge hypotheses are soft observations: keep the value, not only its sign.
          if (hypotheses.length > 0)
            mind.mergeHypotheses({ hypotheses, weight: 4, messageId: `${turn.messageId}-r`, at: turn.at });
          const plan: Plan = mind.plan();
          const at = new Date(Date.parse(turn.at) + 5_000).toISOString();
          mind.observeReply({ plan, at });
          return plan;
        },
      };
    },
  };
}

const PEOPLE = Number(process.env.SIM_PEOPLE ?? 150);
const SEED = 1;
const profiles = samplePopulation(SEED, PEOPLE);
const specs = [
  attune,
  withReflection(["intent"]),
  withReflection(["state"]),
  withReflection(["knowledge"]),
  withReflection(["intent", "state", "knowledge"]),
  reader,
];
console.log(`| policy (design population, seed ${SEED}, ${PEOPLE} people) | t8–12 | mean 1–30 |\n|---|---|---|`);
for (const spec of specs) {
  const run = runPolicy(spec, profiles, SEED, 30);
  const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
  console.log(
    `| ${spec.name}${run.failures ? ` (${run.failures} failed: ${run.error})` : ""} | ${pct(windowShare(run, 8, 12))} | ${pct(windowShare(run, 1, 30))} |`,
  );
}

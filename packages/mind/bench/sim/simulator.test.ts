import type { Plan } from "@attune/model";
import { describe, expect, it } from "vitest";
import { bestFixedPlan, directivesPolicy, fixedPolicy, memoryPolicy, oracle } from "./baselines.js";
import { DIM_VALUES, DIMS, type Dim, type DimValue } from "./model.js";
import { REACTIONS, STATE_CUES } from "./phrases.js";
import { samplePopulation, sampleProfile } from "./profile.js";
import { reader } from "./reader.js";
import { planOf, score } from "./reward.js";
import { Rng } from "./rng.js";
import { converse, runPolicy, windowShare } from "./run.js";

const AVERAGE: Plan = planOf(
  (d) =>
    ({
      length: "standard",
      depth: "working",
      structure: "steps",
      examples: "concrete-first",
      tone: "neutral",
      pace: "complete",
      ask: false,
      challenge: false,
      explore: false,
    })[d],
);

/** Over-long, over-technical, cold: makes people complain and get confused. */
const OVERWHELMING: Plan = planOf(
  (d) =>
    ({
      length: "thorough",
      depth: "expert",
      structure: "prose",
      examples: "none",
      tone: "precise",
      pace: "complete",
      ask: false,
      challenge: false,
      explore: false,
    })[d],
);

describe("simulated users", () => {
  it("is deterministic: same seed, same transcript; another seed, another one", () => {
    const run = (seed: number) =>
      converse(sampleProfile(seed, 3), seed, directivesPolicy(AVERAGE), 30).map((x) => [
        x.turn.text,
        x.turn.at,
        x.reward,
      ]);
    expect(run(11)).toEqual(run(11));
    expect(run(12)).not.toEqual(run(11));
    expect(sampleProfile(11, 3)).toEqual(sampleProfile(11, 3));
  });

  it("phrases the same signal in many ways", () => {
    const confused: string[] = [];
    const tooLong: string[] = [];
    const messages = new Set<string>();
    for (const p of samplePopulation(5, 300)) {
      for (const x of converse(p, 5, fixedPolicy(OVERWHELMING), 30)) {
        const text = x.turn.text.toLowerCase();
        messages.add(text);
        const cues = x.turn.cues;
        if (cues.some((c) => c.kind === "state" && c.state === "confused" && c.explicit)) confused.push(text);
        if (cues.some((c) => c.kind === "reaction" && c.dim === "length" && c.want !== "thorough")) tooLong.push(text);
      }
    }
    const distinct = (texts: string[], pool: string[]) =>
      new Set(texts.flatMap((t) => pool.filter((phrase) => t.includes(phrase.toLowerCase())))).size;
    expect(confused.length).toBeGreaterThanOrEqual(500);
    expect(distinct(confused.slice(0, 500), STATE_CUES.confused)).toBeGreaterThanOrEqual(20);
    expect(distinct(tooLong.slice(0, 500), REACTIONS["length:shorter"] ?? [])).toBeGreaterThanOrEqual(15);
    // Almost no two messages are the same.
    expect(messages.size).toBeGreaterThan(0.9 * 300 * 30);
  });

  it("keeps rewards in 0..1 with the oracle plan at the top", () => {
    const rng = new Rng(7);
    const random = () => planOf((d: Dim) => rng.pick(DIM_VALUES[d]) as DimValue);
    for (const p of samplePopulation(3, 20)) {
      for (const x of converse(p, 3, fixedPolicy(AVERAGE), 30)) {
        expect(x.oracle).toBeCloseTo(1, 9);
        for (let i = 0; i < 5; i++) {
          const r = score(random(), x.wants).reward;
          expect(r).toBeGreaterThanOrEqual(0);
          expect(r).toBeLessThanOrEqual(x.oracle + 1e-9);
        }
      }
    }
  });

  it("ranks the oracle above every baseline, and no fixed plan is good for everyone", () => {
    const seed = 21;
    const profiles = samplePopulation(seed, 60);
    const fixed = bestFixedPlan(profiles.flatMap((p) => converse(p, seed, oracle, 30).map((x) => x.wants)));
    const share = (spec: Parameters<typeof runPolicy>[0]) => windowShare(runPolicy(spec, profiles, seed, 30), 1, 30);
    const o = share(oracle);
    const results = [fixedPolicy(fixed), directivesPolicy(fixed), memoryPolicy(fixed), reader].map(share);
    for (const r of results) expect(r).toBeLessThan(o);
    expect(o).toBeCloseTo(1, 9);
    const [f] = results;
    expect(f).toBeGreaterThan(0.4);
    expect(f).toBeLessThan(0.7);
  });

  it("annotates every dimension of what a person wants", () => {
    const [x] = converse(sampleProfile(1, 0), 1, oracle, 1);
    expect(Object.keys(x?.wants ?? {}).sort()).toEqual([...DIMS].sort());
  });
});

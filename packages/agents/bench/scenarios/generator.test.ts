import { perceive, sharedVocabulary } from "@attune/mind";
import { describe, expect, it } from "vitest";
import { generateScenario } from "./generator.js";
import { declaredMatch, readTurns, replay } from "./replay.js";
import { TOPICS } from "./team.js";

const small = (seed: number) => generateScenario({ seed, turns: 60, history: 80, declaredMatch });

describe("routing scenario generator", () => {
  it("uses terms that the mind's vocabulary maps to their topic and that carry no intent of their own", () => {
    for (const [topic, { basic, advanced }] of Object.entries(TOPICS)) {
      for (const term of [...basic, ...advanced]) {
        expect(sharedVocabulary.topicOf(term), term).toBe(topic);
        const intents = perceive(`${term}.`).signals.filter((s) => s.dimension === "intent" && s.weight > 0);
        expect(intents, term).toEqual([]);
      }
    }
  });

  it("is deterministic in its seed", () => {
    expect(JSON.stringify(small(7))).toBe(JSON.stringify(small(7)));
    expect(JSON.stringify(small(7).turns)).not.toBe(JSON.stringify(small(8).turns));
  });

  it("keeps only turns whose right agent is clearly right and good, counting load", () => {
    const s = small(3);
    expect(s.turns).toHaveLength(60);
    expect(s.history).toHaveLength(80);
    for (const t of s.turns) {
      const utility = (id: string) => (t.p[id] ?? 0) - (t.overloaded.includes(id) ? 0.3 : 0);
      const ranked = s.agents.map((a) => utility(a.id)).sort((a, b) => b - a);
      expect(utility(t.rightAgentId)).toBe(ranked[0]);
      expect((ranked[0] ?? 0) - (ranked[1] ?? 0)).toBeGreaterThanOrEqual(0.15);
      expect(ranked[0]).toBeGreaterThanOrEqual(0.5);
      expect(t.text.length).toBeGreaterThan(10);
    }
    // Load events are ordered and balanced per agent up to the last turn.
    expect([...s.load].sort((a, b) => a.at.localeCompare(b.at)).map((e) => e.at)).toEqual(s.load.map((e) => e.at));
  });

  it("replays every turn through each router with the same readings", () => {
    const scenario = small(5);
    const readings = { history: readTurns(scenario.history), turns: readTurns(scenario.turns) };
    expect(readings.turns.filter((r) => r.topics.length > 0).length).toBe(scenario.turns.length);
    for (const router of ["keyword", "priors only", "attune"] as const) {
      const result = replay({ scenario, readings, router });
      expect(result.total).toBe(60);
      const routed = [...result.confusion.values()].reduce(
        (sum, row) => sum + [...row.values()].reduce((a, b) => a + b, 0),
        0,
      );
      expect(routed).toBe(60);
    }
  });
});

import { BeliefSchema, EvidenceSchema, type Plan, PlanSchema } from "@attune/model";
import { describe, expect, it } from "vitest";
import { createMind, Mind } from "./mind.js";
import { derivePrior } from "./priors.js";

const ids = { workspaceId: "acme", observerId: "assistant", subjectId: "ada" };
const t = (minute: number) => new Date(Date.UTC(2026, 0, 1, 9, 0) + minute * 60_000).toISOString();

/** Plans are sampled (Thompson sampling): assert on what most seeds choose. */
function share(run: (mind: Mind) => Plan, predicate: (plan: Plan) => boolean, seeds = 60): number {
  let hits = 0;
  for (let seed = 1; seed <= seeds; seed++) if (predicate(run(createMind({ ...ids, seed })))) hits++;
  return hits / seeds;
}

describe("perception and beliefs", () => {
  it("turns technical vocabulary into knowledge beliefs linked to evidence", () => {
    const mind = createMind(ids);
    const { evidence, beliefs } = mind.observe({
      messageId: "m1",
      speakerId: "ada",
      text: "Our KV cache eats the latency budget once LoRA adapters are swapped in.",
      at: t(0),
    });
    for (const e of evidence) EvidenceSchema.parse(e);
    for (const b of beliefs) BeliefSchema.parse(b);
    const topics = beliefs.filter((b) => b.dimension === "knowledge").map((b) => b.key);
    expect(topics).toEqual(expect.arrayContaining(["llm-inference", "performance", "fine-tuning"]));
    const kv = beliefs.find((b) => b.key === "llm-inference");
    expect(kv?.mean).toBeGreaterThan(0.5);
    expect(evidence.find((e) => kv?.evidenceIds.includes(e.id))?.messageId).toBe("m1");
  });

  it("does not credit pasted code, quoted or relayed text as mastery", () => {
    const mind = createMind(ids);
    const { beliefs } = mind.observe({
      messageId: "m1",
      speakerId: "ada",
      text: 'my colleague said "the kubernetes raft consensus shards the b-tree index" and sent:\n> quorum reads\n```\nkv cache quantization lora\n```\nno idea what it means',
      at: t(0),
    });
    expect(beliefs.filter((b) => b.dimension === "knowledge" && b.mean > 0.5)).toEqual([]);
  });

  it("ignores words that are not the subject's own", () => {
    const mind = createMind(ids);
    expect(mind.observe({ messageId: "m2", speakerId: "assistant", text: "KV cache, LoRA, raft" })).toEqual({
      evidence: [],
      beliefs: [],
    });
  });

  it("treats a person's statement about themselves as directive-strength evidence", () => {
    const mind = createMind(ids);
    for (let i = 0; i < 3; i++)
      mind.observe({ messageId: `m${i}`, speakerId: "ada", text: "the sql index and the foreign key", at: t(i) });
    expect(mind.snapshot().knowledge.databases?.level).toBeGreaterThan(0.55);
    mind.observe({ messageId: "m9", speakerId: "ada", text: "honestly I'm not an expert in sql at all", at: t(5) });
    expect(mind.snapshot().knowledge.databases?.level).toBeLessThan(0.4);
  });

  it("lowers confidence visibly when evidence contradicts a belief", () => {
    const mind = createMind(ids);
    mind.observe({ messageId: "m1", speakerId: "ada", text: "kubernetes pods and the helm chart", at: t(0) });
    mind.observe({ messageId: "m2", speakerId: "ada", text: "terraform for the load balancer", at: t(1) });
    const before = mind.snapshot().knowledge.infrastructure?.confidence ?? 0;
    mind.observe({ messageId: "m3", speakerId: "ada", text: "wait, what is kubernetes exactly?", at: t(2) });
    const after = mind.snapshot().knowledge.infrastructure?.confidence ?? 1;
    expect(before).toBeGreaterThan(0.3);
    expect(after).toBeLessThan(before * 0.7);
  });

  it("reads a reply far faster than the person's own usual pace as hurry, and survives a restart", () => {
    const at = (second: number) => new Date(Date.UTC(2026, 0, 1, 9, 0) + second * 1000).toISOString();
    const mind = createMind(ids);
    const msgs = ["how do I add an index", "and a composite one?", "what about partial indexes", "ok and vacuum"];
    for (const [i, text] of msgs.entries())
      mind.observe({ messageId: `m${i}`, speakerId: "ada", text, at: at(240 * i) });
    const calm = mind.snapshot().state.rushed;
    const restored = Mind.fromJSON(JSON.parse(JSON.stringify(mind.toJSON())));
    const { evidence } = restored.observe({
      messageId: "m9",
      speakerId: "ada",
      text: "and now?",
      at: at(240 * 3 + 20),
    });
    expect(evidence.some((e) => e.signal === "fast-reply" && e.key === "rushed")).toBe(true);
    expect(restored.snapshot().state.rushed).toBeGreaterThan(calm);
    // Someone who always answers within seconds is not in a hurry when they do it again.
    const quick = createMind(ids);
    for (let i = 0; i < 6; i++)
      quick.observe({ messageId: `q${i}`, speakerId: "ada", text: msgs[i % 4] ?? "", at: at(15 * i) });
    const last = quick.observe({ messageId: "q9", speakerId: "ada", text: "and now?", at: at(15 * 6) });
    expect(last.evidence.some((e) => e.signal === "fast-reply")).toBe(false);
  });

  it("asks a clarifying question for an underspecified request, not for a specific one", () => {
    const vague = share(
      (mind) => {
        mind.observe({ messageId: "m1", speakerId: "ada", text: "can you look at this", at: t(0) });
        return mind.plan();
      },
      (plan) => plan.askClarifyingQuestion,
    );
    const specific = share(
      (mind) => {
        mind.observe({
          messageId: "m1",
          speakerId: "ada",
          text: "why does our postgres replica lag behind the primary after every bulk import?",
          at: t(0),
        });
        return mind.plan();
      },
      (plan) => plan.askClarifyingQuestion,
    );
    expect(vague).toBeGreaterThan(0.8);
    expect(specific).toBeLessThan(0.2);
  });

  it("lets states fade within turns and minutes while traits persist", () => {
    const mind = createMind(ids);
    mind.observe({
      messageId: "m1",
      speakerId: "ada",
      text: "urgent!! need this asap, kubernetes deploy broken",
      at: t(0),
    });
    const rushed = mind.snapshot().state.rushed;
    expect(rushed).toBeGreaterThan(0.45);
    mind.observe({ messageId: "m2", speakerId: "ada", text: "ok and the terraform side of it?", at: t(40) });
    expect(mind.snapshot().state.rushed).toBeLessThan((rushed + 0.2) / 2);
    expect(mind.snapshot().knowledge.infrastructure?.level).toBeGreaterThan(0.55);
  });

  it("grows its vocabulary from what people say", () => {
    const mind = createMind({ ...ids, subjectId: "vocab" });
    for (let i = 0; i < 4; i++) {
      mind.observe({
        messageId: `v${i}`,
        speakerId: "vocab",
        text: `the postgres index bloat with pg_repack${i === 3 ? "" : ""} again`,
        at: t(i),
      });
    }
    const fresh = createMind({ ...ids, subjectId: "other" });
    const { beliefs } = fresh.observe({
      messageId: "x",
      speakerId: "other",
      text: "should I run pg_repack tonight?",
      at: t(9),
    });
    expect(beliefs.some((b) => b.dimension === "knowledge" && b.key === "databases")).toBe(true);
  });
});

describe("plans", () => {
  it("plans an overview with examples first for someone new and confused", () => {
    const p = share(
      (mind) => {
        mind.observe({ messageId: "m1", speakerId: "ada", text: "what is a kubernetes pod? I'm confused", at: t(0) });
        return mind.plan();
      },
      (plan) => plan.depth === "overview",
    );
    expect(p).toBeGreaterThan(0.6);
    const examples = share(
      (mind) => {
        mind.observe({ messageId: "m1", speakerId: "ada", text: "what is a kubernetes pod? I'm confused", at: t(0) });
        return mind.plan();
      },
      (plan) => plan.examples === "concrete-first",
    );
    expect(examples).toBeGreaterThan(0.5);
  });

  it("goes brief when the person is rushed and expert-level when they know the topic", () => {
    const brief = share(
      (mind) => {
        mind.observe({
          messageId: "m1",
          speakerId: "ada",
          text: "urgent, demo in 5 minutes: the deploy is failing, quick fix?",
          at: t(0),
        });
        return mind.plan();
      },
      (plan) => plan.length === "brief",
    );
    expect(brief).toBeGreaterThan(0.7);
    const expert = share(
      (mind) => {
        mind.observe({
          messageId: "m1",
          speakerId: "ada",
          text: "KV cache quantization vs paged attention for prefill-heavy batching with vllm",
          at: t(0),
        });
        mind.observe({
          messageId: "m2",
          speakerId: "ada",
          text: "and speculative decoding with the gguf build of llama.cpp?",
          at: t(1),
        });
        return mind.plan();
      },
      (plan) => plan.depth === "expert",
    );
    expect(expert).toBeGreaterThan(0.7);
  });

  it("gives directives precedence over inference, with scope", () => {
    const mind = createMind(ids);
    mind.observe({ messageId: "m1", speakerId: "ada", text: "from now on please go into detail", at: t(0) });
    mind.observe({ messageId: "m2", speakerId: "ada", text: "urgent, quick question about sql", at: t(1) });
    expect(mind.plan().length).toBe("thorough");
    expect(mind.snapshot().directives).toEqual([{ text: "go into detail", scope: "persistent" }]);
    mind.observe({ messageId: "m3", speakerId: "ada", text: "stop asking me questions please", at: t(2) });
    expect(mind.plan().askClarifyingQuestion).toBe(false);
    // A session directive ends with the session; the persistent one stays.
    mind.observe({ messageId: "m4", speakerId: "ada", text: "hello again, what is a b-tree?", at: t(300) });
    expect(mind.snapshot().directives).toEqual([{ text: "go into detail", scope: "persistent" }]);
  });

  it("applies a turn-scoped directive to one reply only", () => {
    const mind = createMind(ids);
    mind.observe({ messageId: "m1", speakerId: "ada", text: "just this time, keep it short: what is raft?", at: t(0) });
    expect(mind.plan().length).toBe("brief");
    expect(mind.snapshot().directives).toEqual([]);
  });

  it("learns context-dependent preferences from reactions (violation of expectation)", () => {
    // Ada wants brevity when debugging under pressure and depth when learning.
    const mind = createMind({ ...ids, seed: 7 });
    let minute = 0;
    // Every message gets a reply (a plan); the next message is the reaction to it.
    const turn = (text: string) => {
      mind.observe({ messageId: `m${minute}`, speakerId: "ada", text, at: t(minute++) });
      return mind.plan();
    };
    for (let round = 0; round < 8; round++) {
      const debugPlan = turn("urgent: prod is down, the deploy keeps failing with an error, quick fix?");
      turn(debugPlan.length === "brief" ? "perfect, thanks" : "way too long, I'm in a hurry");
      const learnPlan = turn("I'm curious, can you explain how raft consensus works?");
      turn(learnPlan.length === "thorough" ? "great, that really helps" : "too short, can you go deeper?");
    }
    const plans = { debug: [] as Plan[], learn: [] as Plan[] };
    for (let i = 0; i < 6; i++) {
      plans.debug.push(turn("urgent: prod is down again, deploy failing with an error, quick fix?"));
      turn("thanks");
      plans.learn.push(turn("I'm curious, how does leader election in raft work?"));
      turn("thanks");
    }
    const experiments = mind.experiments();
    expect(experiments.length).toBeGreaterThan(0);
    expect(experiments.every((e) => e.surprise !== null)).toBe(true);
  });

  it("records the prediction of each plan and settles it with the next message", () => {
    const mind = createMind(ids);
    mind.observe({ messageId: "m1", speakerId: "ada", text: "how do I add an index in postgres?", at: t(0) });
    const plan = PlanSchema.parse(mind.plan());
    const { experiment } = mind.observe({
      messageId: "m2",
      speakerId: "ada",
      text: "that's wrong and useless",
      at: t(1),
    });
    expect(experiment?.predicted).toBe(plan.predictedSatisfaction);
    expect(experiment?.observed).toBeLessThan(0);
    expect(mind.snapshot().reaction.satisfaction).toBeLessThan(0);
  });
});

describe("priors, explanation, correction, persistence", () => {
  it("starts a newcomer from a team prior and lets them diverge", () => {
    const teammates = [1, 2, 3].map((n) => {
      const mind = createMind({ ...ids, subjectId: `mate${n}`, seed: n });
      for (let i = 0; i < 10; i++) {
        mind.observe({
          messageId: `t${n}.${i}`,
          speakerId: `mate${n}`,
          text: "how do I fix this sql migration error?",
          at: t(i * 2),
        });
        mind.plan();
        mind.observe({
          messageId: `r${n}.${i}`,
          speakerId: `mate${n}`,
          text: "too long, shorter please",
          at: t(i * 2 + 1),
        });
      }
      return mind.toJSON();
    });
    const prior = derivePrior({ minds: teammates });
    const withPrior = (seed: number) => {
      const mind = createMind({ ...ids, subjectId: "newcomer", seed, prior });
      mind.observe({
        messageId: "n1",
        speakerId: "newcomer",
        text: "how do I fix this sql migration error?",
        at: t(0),
      });
      return mind.plan().length;
    };
    const without = (seed: number) => {
      const mind = createMind({ ...ids, subjectId: "newcomer", seed });
      mind.observe({
        messageId: "n1",
        speakerId: "newcomer",
        text: "how do I fix this sql migration error?",
        at: t(0),
      });
      return mind.plan().length;
    };
    const seeds = Array.from({ length: 40 }, (_, i) => i + 1);
    const briefWith = seeds.filter((s) => withPrior(s) === "brief").length;
    const briefWithout = seeds.filter((s) => without(s) === "brief").length;
    expect(briefWith).toBeGreaterThan(briefWithout);
    expect(prior.preferences?.verbosity?.mean).toBeLessThan(0.5);
  });

  it("explains a belief with its evidence and accepts a correction", () => {
    const mind = createMind(ids);
    mind.observe({ messageId: "m1", speakerId: "ada", text: "the kubernetes ingress and helm values", at: t(0) });
    const why = mind.explain({ dimension: "knowledge", key: "infrastructure" });
    expect(why.belief?.mean).toBeGreaterThan(0.5);
    expect(why.evidence[0]).toMatchObject({ messageId: "m1", signal: "technical-vocabulary" });
    expect(why.summary).toContain("infrastructure");
    const corrected = mind.correct({
      dimension: "knowledge",
      key: "infrastructure",
      value: 0.1,
      messageId: "m2",
      text: "I just copy these",
    });
    expect(corrected.beliefs[0]?.mean).toBeLessThan(0.3);
    expect(mind.explain({ dimension: "knowledge", key: "infrastructure" }).evidence.at(-1)?.signal).toBe(
      "self-correction",
    );
    expect(mind.explain({ dimension: "knowledge", key: "gardening" }).belief).toBeUndefined();
  });

  it("round-trips through JSON, plans identically after it, and rejects foreign JSON", () => {
    const mind = createMind(ids);
    mind.observe({ messageId: "m1", speakerId: "ada", text: "hi! what is a kubernetes pod? I am confused", at: t(0) });
    const restored = Mind.fromJSON(JSON.parse(JSON.stringify(mind.toJSON())));
    expect(restored.toJSON()).toEqual(mind.toJSON());
    expect(restored.plan()).toEqual(mind.plan());
    expect(() => Mind.fromJSON('{"format":"other"}')).toThrow(/not a serialized attune mind/);
    expect(() => Mind.fromJSON("{not json")).toThrow(/not a serialized attune mind/);
  });

  it("upgrades a version 1 mind", () => {
    const v1 = {
      format: "attune.mind",
      version: 1,
      workspaceId: "acme",
      observerId: "assistant",
      subjectId: "ada",
      turns: 2,
      lastObservedAt: t(0),
      focusTopics: ["databases"],
      beliefs: [
        {
          dimension: "knowledge",
          key: "databases",
          alpha: 3,
          beta: 1,
          version: 2,
          validFrom: t(0),
          evidenceIds: ["m1.e0"],
        },
      ],
    };
    const mind = Mind.fromJSON(v1);
    expect(mind.snapshot().knowledge.databases?.level).toBeCloseTo(0.75);
    expect(mind.toJSON().version).toBe(2);
  });

  it("versions beliefs: each change gets a new id", () => {
    const mind = createMind(ids);
    const first = mind.observe({ messageId: "m1", speakerId: "ada", text: "sql index question", at: t(0) }).beliefs;
    const second = mind.observe({ messageId: "m2", speakerId: "ada", text: "another sql thing", at: t(1) }).beliefs;
    const a = first.find((b) => b.key === "databases");
    const b = second.find((b) => b.key === "databases");
    expect(a?.id).not.toBe(b?.id);
    expect(a?.id.split(".")[0]).toBe(b?.id.split(".")[0]);
  });
});

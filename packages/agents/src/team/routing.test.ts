import { AttuneError, type Plan } from "@attune/model";
import { describe, expect, it } from "vitest";
import { testPlan } from "../testing/index.js";
import { createLoadBoard } from "./load-board.js";
import { TeamModels } from "./peer-model.js";
import { inferTurnTopics, routeTurn, routingKeys, turnIntent } from "./routing.js";
import type { AgentProfile } from "./types.js";

const T0 = "2025-03-01T10:00:00.000Z";
const at = (minutes: number) => new Date(Date.parse(T0) + minutes * 60_000).toISOString();

const tutor: AgentProfile = {
  id: "tutor",
  name: "Tess",
  role: "patient tutor who explains concepts to newcomers",
  skills: ["lora", "pandas"],
};
const reviewer: AgentProfile = {
  id: "reviewer",
  name: "Rex",
  role: "reviewer who critiques designs and challenges assumptions",
  skills: ["code-review", "postgres"],
};
const researcher: AgentProfile = {
  id: "researcher",
  name: "Rae",
  role: "researcher who explores papers and new ideas",
  skills: ["LoRA fine tuning", "quantization"],
};
const ops: AgentProfile = { id: "ops", name: "Oz", role: "on-call SRE who debugs incidents", skills: ["kubernetes"] };
const agents = [tutor, reviewer, researcher, ops];

const plan = testPlan;

const routerModels = (team = TeamModels.create({ profiles: agents })) => team.forObserver("router");

describe("routeTurn", () => {
  it("follows the plan and intent when skills are equal: learn + overview → tutor, challenge → reviewer, debug → ops", () => {
    const models = routerModels();
    const route = (p: Plan, intent?: string, topics: string[] = []) =>
      routeTurn({ agents, models, plan: p, topics, ...(intent ? { intent } : {}), at: T0 }).agentId;
    expect(route(plan({ depth: "overview" }), "learn")).toBe("tutor");
    expect(route(plan({ challenge: true }), "decide")).toBe("reviewer");
    expect(route(plan(), "debug")).toBe("ops");
    expect(route(plan({ explore: true, depth: "expert" }), "explore")).toBe("researcher");
    // Topic skill still counts: an infrastructure question to debug stays with ops.
    expect(route(plan(), "debug", ["infrastructure"])).toBe("ops");
  });

  it("learns from outcomes: a peer corrected on a topic it claims loses it to one that delivers", () => {
    const team = TeamModels.create({ profiles: agents });
    const models = routerModels(team);
    const turn = {
      agents,
      models,
      plan: plan({ depth: "overview" }),
      topics: ["fine-tuning"],
      intent: "learn",
      at: T0,
    };
    expect(routeTurn(turn).agentId).toBe("tutor");
    for (let i = 0; i < 10; i++) {
      const keys = routingKeys({ topics: ["fine-tuning"], plan: turn.plan, intent: "learn" });
      team.get("router", "tutor").recordOutcome({ kind: "corrected", topic: keys, at: at(i) });
      team.get("router", "researcher").recordOutcome({ kind: "accepted", topic: keys, at: at(i) });
    }
    const after = routeTurn({ ...turn, at: at(20) });
    expect(after.agentId).toBe("researcher");
    const byId = Object.fromEntries(after.candidates.map((c) => [c.agentId, c.parts]));
    expect(byId.researcher?.skill).toBeGreaterThan(byId.tutor?.skill ?? 1);
    expect(after.reason).toMatch(/^Rae/);
  });

  it("spots a hidden talent from outcomes on a topic the agent never claimed", () => {
    const team = TeamModels.create({ profiles: agents });
    const keys = routingKeys({ topics: ["databases"], plan: plan(), intent: "debug" });
    const before = routeTurn({
      agents,
      models: routerModels(team),
      plan: plan(),
      topics: ["databases"],
      intent: "debug",
      at: T0,
    });
    expect(before.agentId).not.toBe("researcher");
    for (let i = 0; i < 12; i++) {
      team.get("router", "researcher").recordOutcome({ kind: "accepted", topic: keys, at: at(i) });
      team.get("router", before.agentId).recordOutcome({ kind: "corrected", topic: keys, at: at(i) });
    }
    expect(
      routeTurn({
        agents,
        models: routerModels(team),
        plan: plan(),
        topics: ["databases"],
        intent: "debug",
        at: at(30),
      }).agentId,
    ).toBe("researcher");
  });

  it("passes a swamped agent's turn to a comparably good idle one, but not to one unlikely to answer", () => {
    const twin: AgentProfile = { ...ops, id: "ops2", name: "Ozzy" };
    const team = TeamModels.create({ profiles: [ops, twin, tutor] });
    const keys = routingKeys({ topics: ["infrastructure"], plan: plan(), intent: "debug" });
    for (let i = 0; i < 6; i++) {
      team.get("router", "ops").recordOutcome({ kind: "accepted", topic: keys, at: at(i) });
      team.get("router", "ops2").recordOutcome({ kind: i < 5 ? "accepted" : "corrected", topic: keys, at: at(i) });
    }
    const turn = { agents: [ops, twin, tutor], plan: plan(), topics: ["infrastructure"], intent: "debug", at: at(10) };
    expect(routeTurn({ ...turn, models: team.forObserver("router") }).agentId).toBe("ops");
    for (let i = 0; i < 8; i++) team.get("router", "ops").recordAssigned({ at: at(9) });
    const busy = routeTurn({ ...turn, models: team.forObserver("router") });
    expect(busy.agentId).toBe("ops2");
    expect(busy.candidates.find((c) => c.agentId === "ops")?.parts.load).toBeLessThan(-0.1);
    expect(busy.reason).toMatch(/busier/);
    // With no competent twin, the busy expert still beats the tutor.
    expect(routeTurn({ ...turn, agents: [ops, tutor], models: team.forObserver("router") }).agentId).toBe("ops");
    // Load tracked outside the models (the team graph's board) takes the models' place.
    const board = createLoadBoard();
    for (let i = 0; i < 8; i++) board.assign({ workspaceId: "w", agentId: "ops2", turnId: `t${i}`, at: at(9) });
    const load = (agentId: string) => board.load({ workspaceId: "w", agentId, at: at(10) });
    expect(routeTurn({ ...turn, models: team.forObserver("router"), load }).agentId).toBe("ops");
  });

  it("is deterministic, explains every candidate, and breaks exact ties by team order", () => {
    const models = routerModels();
    const input = { agents, models, plan: plan(), topics: ["fine-tuning"], intent: "learn", at: T0 };
    const a = routeTurn(input);
    expect(routeTurn(input)).toEqual(a);
    expect(a.candidates).toHaveLength(agents.length);
    for (const c of a.candidates) {
      expect(c.score).toBeCloseTo((c.parts.acceptance ?? 0) + (c.parts.load ?? 0) + (c.parts.continuity ?? 0), 3);
      expect(Object.keys(c.parts)).toEqual(
        expect.arrayContaining(["acceptance", "skill", "fit", "reliability", "load", "continuity", "cell"]),
      );
    }
    const clones = [0, 1, 2].map((i) => ({ ...tutor, id: `t${i}`, name: `T${i}` }));
    const tie = routeTurn({ agents: clones, models: new Map(), plan: plan(), topics: [], at: T0 });
    expect(tie.agentId).toBe("t0");
    expect(
      routeTurn({ agents: clones, models: new Map(), plan: plan(), topics: [], at: T0, currentAgentId: "t2" }).agentId,
    ).toBe("t2");
  });

  it("needs an agent", () => {
    try {
      routeTurn({ agents: [], models: new Map(), plan: plan(), topics: [], at: T0 });
      expect.unreachable();
    } catch (e) {
      expect(AttuneError.is(e) && e.code).toBe("config-invalid");
    }
  });
});

describe("helpers", () => {
  it("infers topics with the mind's vocabulary, most salient first, pasted text last", () => {
    expect(inferTurnTopics({ text: "my LoRA adapter diverges after I bumped the lora rank" })).toEqual(["fine-tuning"]);
    const topics = inferTurnTopics({
      text: "postgres vacuum and the query planner are slow; also kubernetes\n```\nError: pod crashloopbackoff\n```",
    });
    expect(topics[0]).toBe("databases");
    expect(topics).toContain("infrastructure");
    expect(inferTurnTopics({ text: "hello there" })).toEqual([]);
  });

  it("reads an intent label from a mind's distribution, joining near-ties", () => {
    const flat = { learn: 0.125, debug: 0.125, decide: 0.125, chat: 0.125 };
    expect(turnIntent({ distribution: flat })).toBeUndefined();
    expect(turnIntent({ distribution: { ...flat, debug: 0.4 } })).toBe("debug");
    expect(turnIntent({ distribution: { ...flat, learn: 0.3, decide: 0.29 } })).toBe("decide+learn");
  });

  it("builds the keys outcomes are learned under", () => {
    expect(
      routingKeys({ topics: ["fine-tuning"], plan: plan({ depth: "overview", challenge: true }), intent: "learn" }),
    ).toEqual(["fine-tuning", "intent:learn", "depth:overview", "plan:challenge", "fine-tuning|intent:learn"]);
    expect(routingKeys({ topics: [] })).toEqual(["general|intent:none"]);
  });
});

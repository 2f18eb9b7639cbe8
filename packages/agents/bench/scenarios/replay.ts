import { createMind, type Mind } from "@attune/mind";
import type { Plan } from "@attune/model";
import { declaredTopicMatch, TeamModels } from "../../src/team/peer-model.js";
import { inferTurnTopics, type RouteWeights, routeTurn, routingKeys, turnIntent } from "../../src/team/routing.js";
import type { AgentProfile } from "../../src/team/types.js";
import type { EvalTurn, Scenario, ScenarioTurn } from "./generator.js";

/** The router's observer id in the peer models. */
const ROUTER = "router";

export const ROUTERS = ["keyword", "priors only", "attune"] as const;
export type RouterName = (typeof ROUTERS)[number];

/** What the router may read from a turn: the person's plan and intent (from their mind) and the topics. */
export interface Reading {
  plan: Plan;
  intent: string | undefined;
  topics: string[];
}

export const declaredMatch = (skills: readonly string[], topic: string) => declaredTopicMatch({ skills, topic });

/** Feeds every turn to its person's mind, in order, and reads what the router may use. */
export function readTurns(turns: readonly ScenarioTurn[]): Reading[] {
  const minds = new Map<string, Mind>();
  return turns.map((turn) => {
    let mind = minds.get(turn.personId);
    if (!mind) {
      mind = createMind({ workspaceId: "bench", observerId: ROUTER, subjectId: turn.personId });
      minds.set(turn.personId, mind);
    }
    mind.observe({ messageId: `m${turn.index}-${turn.at}`, speakerId: turn.personId, text: turn.text, at: turn.at });
    return {
      plan: mind.plan(),
      intent: turnIntent({ distribution: mind.snapshot().intent.distribution }),
      topics: inferTurnTopics({ text: turn.text }),
    };
  });
}

/** The baseline: declared skills only (topic match, salience-weighted); team order breaks ties. */
export function keywordRoute(agents: readonly AgentProfile[], topics: readonly string[]): string {
  let best = agents[0] as AgentProfile;
  let bestScore = -1;
  for (const agent of agents) {
    const score = topics.reduce((sum, t, i) => sum + declaredMatch(agent.skills, t) / (i + 1), 0);
    if (score > bestScore) {
      bestScore = score;
      best = agent;
    }
  }
  return best.id;
}

export interface Tally {
  correct: number;
  total: number;
}

export interface ReplayResult {
  router: RouterName;
  seed: number;
  correct: number;
  total: number;
  /** Answers accepted by the simulated people (the outcome draw against the routed agent's p). */
  accepted: number;
  /** right agent → routed agent → count */
  confusion: Map<string, Map<string, number>>;
  /** Turns whose best agent ignoring load was swamped. */
  overload: Tally;
  /** Turns on a topic some agent overclaimed or is secretly good at. */
  surprise: Tally;
}

/** A result with nothing counted yet. */
export function emptyResult(router: RouterName, seed: ReplayResult["seed"]): ReplayResult {
  return {
    router,
    seed,
    correct: 0,
    total: 0,
    accepted: 0,
    confusion: new Map(),
    overload: { correct: 0, total: 0 },
    surprise: { correct: 0, total: 0 },
  };
}

/**
 * Replays a scenario through one router. `attune` first learns from the history's outcomes, then
 * learns online from the outcome of every turn it routes; `priors only` uses the same `routeTurn` on
 * models that never see an outcome; `keyword` is the declared-skills baseline. Load events reach the
 * models of both `routeTurn` routers as they happen.
 */
export function replay(options: {
  scenario: Scenario;
  readings: { history: readonly Reading[]; turns: readonly Reading[] };
  router: RouterName;
  weights?: Partial<RouteWeights>;
}): ReplayResult {
  const { scenario, readings, router } = options;
  const models = TeamModels.create({ profiles: scenario.agents }).forObserver(ROUTER);
  const learn = router === "attune";
  const keysOf = (r: Reading) =>
    routingKeys({ topics: r.topics, plan: r.plan, ...(r.intent ? { intent: r.intent } : {}) });
  if (learn) {
    scenario.history.forEach((turn, i) => {
      models.get(turn.assignedTo)?.recordOutcome({
        kind: turn.draw < (turn.p[turn.assignedTo] ?? 0) ? "accepted" : "corrected",
        topic: keysOf(readings.history[i] as Reading),
        at: turn.at,
      });
    });
  }
  const surprising = new Set(
    [...scenario.truth.overclaimed, ...scenario.truth.hiddenTalents].map(([a, t]) => `${a}|${t}`),
  );
  const result = emptyResult(router, scenario.seed);
  let nextLoad = 0;
  scenario.turns.forEach((turn: EvalTurn, i) => {
    for (; nextLoad < scenario.load.length && (scenario.load[nextLoad]?.at ?? "") <= turn.at; nextLoad++) {
      const e = scenario.load[nextLoad];
      const model = e && models.get(e.agentId);
      if (!e || !model) continue;
      if (e.kind === "assigned") model.recordAssigned({ at: e.at });
      else model.recordFinished({ at: e.at });
    }
    const r = readings.turns[i] as Reading;
    const routed =
      router === "keyword"
        ? keywordRoute(scenario.agents, r.topics)
        : routeTurn({
            agents: scenario.agents,
            models,
            plan: r.plan,
            topics: r.topics,
            ...(r.intent ? { intent: r.intent } : {}),
            at: turn.at,
            ...(options.weights ? { weights: options.weights } : {}),
          }).agentId;
    const ok = routed === turn.rightAgentId;
    const accepted = turn.draw < (turn.p[routed] ?? 0);
    result.total += 1;
    if (ok) result.correct += 1;
    if (accepted) result.accepted += 1;
    const row = result.confusion.get(turn.rightAgentId) ?? new Map<string, number>();
    row.set(routed, (row.get(routed) ?? 0) + 1);
    result.confusion.set(turn.rightAgentId, row);
    const bestIgnoringLoad = Object.entries(turn.p).sort((a, b) => b[1] - a[1])[0]?.[0];
    if (bestIgnoringLoad && turn.overloaded.includes(bestIgnoringLoad)) {
      result.overload.total += 1;
      if (ok) result.overload.correct += 1;
    }
    if (scenario.agents.some((a) => surprising.has(`${a.id}|${turn.topic}`))) {
      result.surprise.total += 1;
      if (ok) result.surprise.correct += 1;
    }
    if (learn) {
      models.get(routed)?.recordOutcome({ kind: accepted ? "accepted" : "corrected", topic: keysOf(r), at: turn.at });
    }
  });
  return result;
}

import { perceive, sharedVocabulary, type Vocabulary } from "@attune/mind";
import { AttuneError, type Plan } from "@attune/model";
import { type LoadEstimate, normalizeKey, PeerModel } from "./peer-model.js";
import type { AgentProfile, RouteDecision } from "./types.js";

/** Tunables of the routing score. */
export interface RouteWeights {
  /** Penalty per unit of load score (0 idle, 0.5 at capacity, toward 1 swamped). */
  load: number;
  /** Bonus for the agent already answering (a handoff has a cost for the person). */
  continuity: number;
  /**
   * Observations' worth of the factorized estimate (skill × fit ÷ reliability) as the prior of the
   * cell estimate (this topic × this intent); fewer lets specific experience override it sooner.
   */
  cellPrior: number;
}

/**
 * Tuned on the routing benchmark's design seeds (packages/agents/bench/routing.ts), checked on its
 * held-out seeds. A swamped agent (load ≈ 0.65) loses about 0.13 of expected acceptance: enough for a
 * comparably good idle peer to take over, while the everyday one or two open turns (≈ 0.1–0.3) barely
 * move a decision. Cells are noisy (few outcomes each), so the factorized estimate counts for 16 of them.
 */
export const DEFAULT_ROUTE_WEIGHTS: RouteWeights = { load: 0.2, continuity: 0.03, cellPrior: 16 };

/** Share of the skill estimate each topic gets, in order of salience (the first topic leads). */
const TOPIC_WEIGHTS = [1, 0.5, 0.3];
/** Share of the fit estimate each context key gets: intent says most about who should answer. */
const CONTEXT_WEIGHTS: Record<string, number> = { intent: 1, depth: 0.6, plan: 0.5 };
/** Topic of a turn whose text names none. */
const NO_TOPIC = "general";

/** The cell a turn falls in: its main topic × the person's intent (`fine-tuning|intent:learn`). */
function cellKey(topics: readonly string[], intent: string | undefined): string {
  return `${topics[0] ?? NO_TOPIC}|intent:${intent ?? "none"}`;
}

/**
 * The keys a turn is learned and routed under: its topic slugs; context keys for the person's intent
 * (`intent:debug`), the plan's depth when not the default (`depth:overview`) and the plan's flags
 * (`plan:challenge`, `plan:explore`); and the cell of the main topic × the intent
 * (`fine-tuning|intent:learn`), which captures what the factors alone miss (a writer who cannot debug
 * Kubernetes can still announce the move to it). Record outcomes under the same keys
 * (`model.recordOutcome({ kind, topic: routingKeys(…), at })`) so the router learns from them.
 *
 * @example
 * routingKeys({ topics: ["fine-tuning"], plan, intent: "learn" });
 * // ["fine-tuning", "intent:learn", "depth:overview", "fine-tuning|intent:learn"]
 */
export function routingKeys(options: { topics: readonly string[]; plan?: Plan; intent?: string }): string[] {
  return [...options.topics, ...contextKeys(options), cellKey(options.topics, options.intent)];
}

function contextKeys(options: { plan?: Plan; intent?: string }): string[] {
  const keys: string[] = [];
  if (options.intent) keys.push(`intent:${options.intent}`);
  if (options.plan) {
    if (options.plan.depth !== "working") keys.push(`depth:${options.plan.depth}`);
    if (options.plan.challenge) keys.push("plan:challenge");
    if (options.plan.explore) keys.push("plan:explore");
  }
  return keys;
}

/**
 * Topics a message is about, most salient first: topics shown by the person's own words (ranked by how
 * many distinct terms showed them), then topics only in pasted text. Uses the mind engine's vocabulary.
 *
 * @example
 * inferTurnTopics({ text: "my LoRA run diverges after the rank change" }); // ["fine-tuning"]
 */
export function inferTurnTopics(options: {
  text: string;
  /** @default the shared vocabulary */
  vocabulary?: Vocabulary;
  /** @default 3 */
  max?: number;
}): string[] {
  const perception = perceive(options.text, { vocabulary: options.vocabulary ?? sharedVocabulary });
  const own = [...perception.topics.entries()]
    .map(([topic, terms], order) => ({ topic, terms: terms.length, order }))
    .sort((a, b) => b.terms - a.terms || a.order - b.order)
    .map((t) => t.topic);
  return [...own, ...perception.pastedTopics].slice(0, options.max ?? 3);
}

/**
 * The intent label to route on, from a mind's intent distribution (`mind.snapshot().intent.distribution`):
 * the top intent, or the top two joined alphabetically ("decide+learn") when the runner-up is within
 * `tie` of it. Real messages often carry two cues ("should we use X or Y? what are the trade-offs?"
 * reads as deciding and learning); such a mix is its own kind of request, learned under its own key,
 * rather than a coin flip between the two. Undefined when no intent stands out from the rest.
 *
 * @example
 * turnIntent({ distribution: mind.snapshot().intent.distribution }); // "debug"
 */
export function turnIntent(options: {
  distribution: Readonly<Record<string, number>>;
  /** Runner-up share of the top one at which both count. @default 0.8 */
  tie?: number;
}): string | undefined {
  const ranked = Object.entries(options.distribution).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const [top, second] = ranked;
  if (!top) return undefined;
  const mean = ranked.reduce((sum, [, v]) => sum + v, 0) / ranked.length;
  if (top[1] <= 1.1 * mean) return undefined;
  if (second && second[1] >= (options.tie ?? 0.8) * top[1]) return [top[0], second[0]].sort().join("+");
  return top[0];
}

export interface RouteTurnOptions {
  /** Candidate agents (order breaks exact ties). */
  agents: readonly AgentProfile[];
  /**
   * The router's models of the agents, keyed by agent id (or a list). An agent without one is judged
   * on its declared profile alone.
   */
  models: ReadonlyMap<string, PeerModel> | readonly PeerModel[];
  /** The person's current plan (from their mind). */
  plan: Plan;
  /** The turn's topic slugs, most salient first (see `inferTurnTopics`). */
  topics: readonly string[];
  /** The person's current intent label (see `turnIntent`), when the mind reads one. */
  intent?: string;
  /** Time of the turn (load decays to it). */
  at: string;
  /**
   * Each agent's current load, when the caller tracks it outside the models (the team graph's
   * `LoadBoard`). @default each model's own `load(at)`
   */
  load?: (agentId: string) => LoadEstimate;
  /** The agent answering so far, which gets a small continuity bonus. */
  currentAgentId?: string;
  /** @default DEFAULT_ROUTE_WEIGHTS */
  weights?: Partial<RouteWeights>;
}

/**
 * Chooses the agent for a turn from the router's learned peer models and the person's plan.
 *
 * Each candidate's `acceptance` is the chance the person accepts its answer, estimated in two steps:
 * 1. factorized: `skill` (posterior on the turn's topics) × `fit` (posterior on the intent/plan
 *    context keys) ÷ `reliability` (its overall rate, which both factors already contain once);
 * 2. refined by its outcomes on this exact topic × intent (the cell, see `routingKeys`), with the
 *    factorized value as a prior worth `cellPrior` observations.
 *
 * score = acceptance + load + continuity (the `parts` with those names sum to it; `skill`,
 * `fit`, `reliability` and `cell` explain `acceptance`). Declared skills and role only seed the
 * posteriors. Deterministic: the same models and inputs give the same decision.
 *
 * @example
 * const decision = routeTurn({ agents, models: teamModels.forObserver("router"), plan, topics: ["fine-tuning"], intent: "learn", at });
 * decision.agentId; // "tutor"
 */
export function routeTurn(options: RouteTurnOptions): RouteDecision {
  if (options.agents.length === 0) {
    throw new AttuneError({ code: "config-invalid", message: "routeTurn needs at least one agent" });
  }
  const w = { ...DEFAULT_ROUTE_WEIGHTS, ...options.weights };
  const byId =
    options.models instanceof Map
      ? (options.models as ReadonlyMap<string, PeerModel>)
      : new Map((options.models as readonly PeerModel[]).map((m) => [m.subjectId, m]));
  const topics = [...new Set(options.topics.map(normalizeKey))].filter(Boolean);
  const context = contextKeys(options);
  const cell = cellKey(topics, options.intent);
  const scored = options.agents.map((agent, order) => {
    const model = byId.get(agent.id) ?? PeerModel.create({ observerId: "router", subject: agent });
    const reliability = model.reliability().mean;
    const skill = weightedMean(
      topics.map((t, i) => [model.skill(t).mean, TOPIC_WEIGHTS[i] ?? 0.2]),
      reliability,
    );
    const fit = weightedMean(
      context.map((k) => [model.skill(k).mean, CONTEXT_WEIGHTS[k.split(":")[0] as string] ?? 0.5]),
      reliability,
    );
    const factorized = clamp01((skill * fit) / reliability);
    const seen = model.evidence(cell);
    const acceptance = (w.cellPrior * factorized + seen.successes) / (w.cellPrior + seen.successes + seen.failures);
    const parts = {
      acceptance: round(acceptance),
      load: round(-w.load * (options.load?.(agent.id) ?? model.load(options.at)).score),
      continuity: options.currentAgentId === agent.id ? w.continuity : 0,
      skill: round(skill),
      fit: round(fit),
      reliability: round(reliability),
      cell: round(acceptance - factorized),
    };
    const score = round(parts.acceptance + parts.load + parts.continuity);
    return { agent, order, score, parts };
  });
  scored.sort((a, b) => b.score - a.score || a.order - b.order);
  const [best, runnerUp] = scored as [(typeof scored)[number], ...(typeof scored)[number][]];
  return {
    agentId: best.agent.id,
    reason: explainChoice({ best, runnerUp, topics, context }),
    candidates: scored.map(({ agent, score, parts }) => ({ agentId: agent.id, score, parts })),
  };
}

/** Mean of values by weight; `fallback` when there are none (a factor that is absent cancels out). */
function weightedMean(pairs: [value: number, weight: number][], fallback: number): number {
  const total = pairs.reduce((sum, [, wt]) => sum + wt, 0);
  return total === 0 ? fallback : pairs.reduce((sum, [v, wt]) => sum + v * wt, 0) / total;
}

const round = (x: number) => Math.round(x * 1e4) / 1e4;
const clamp01 = (x: number) => Math.max(0, Math.min(1, x));

function explainChoice(options: {
  best: { agent: AgentProfile; score: number; parts: Record<string, number> };
  runnerUp: { agent: AgentProfile; score: number; parts: Record<string, number> } | undefined;
  topics: string[];
  context: string[];
}): string {
  const { best, runnerUp } = options;
  const p = (parts: Record<string, number>, k: string) => parts[k] ?? 0;
  const head = `${best.agent.name}: expected acceptance ${p(best.parts, "acceptance").toFixed(2)}`;
  if (!runnerUp) return `${head}; the only candidate`;
  const why: string[] = [];
  const gap = (k: string) => p(best.parts, k) - p(runnerUp.parts, k);
  if (gap("skill") > 0.02 && options.topics.length > 0)
    why.push(
      `stronger on ${options.topics.slice(0, 2).join(", ")} (${p(best.parts, "skill").toFixed(2)} vs ${p(runnerUp.parts, "skill").toFixed(2)})`,
    );
  if (gap("fit") > 0.02 && options.context.length > 0)
    why.push(
      `better fit for ${options.context.map((c) => c.split(":")[1]).join(" / ")} (${p(best.parts, "fit").toFixed(2)} vs ${p(runnerUp.parts, "fit").toFixed(2)})`,
    );
  if (gap("cell") > 0.02) why.push("did well on this exact kind of request before");
  if (gap("load") > 0.02) why.push(`${runnerUp.agent.name} is busier`);
  if (gap("continuity") > 0) why.push("already answering");
  if (why.length === 0) why.push(gap("reliability") > 0 ? "more reliable overall" : "close call");
  return `${head}, over ${runnerUp.agent.name} (${p(runnerUp.parts, "acceptance").toFixed(2)}): ${why.join("; ")}`;
}

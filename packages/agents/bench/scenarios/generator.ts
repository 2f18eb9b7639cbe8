/**
 * Seeded routing scenarios where the right agent is known by construction.
 *
 * A scenario is a five-agent team (tutor, reviewer, researcher, ops, writer: `ARCHETYPES`) with a HIDDEN
 * truth drawn from the seed:
 * - competence per agent × topic: claimed topics are strong (0.78–0.95), unclaimed ones weak
 *   (0.2–0.4), except that three claims per seed are false (0.15–0.3: "unreliable on that topic") and
 *   two unclaimed topics are hidden talents (0.8–0.92);
 * - fit per agent × mode (teach, research, debug, review, write): the archetype's fit, jittered ±0.07;
 * - the probability that an agent's answer is accepted on a turn of topic t and mode m:
 *   p = fit × competence^κ, κ = 1 (ROUTING_KAPPA_WRITE sets κ for `write` turns: at 0.35 writing about
 *   a topic needs little expertise in it, an interaction the factors cannot express, which the router
 *   must learn per cell; a stress variant, not the default);
 * - load: every agent gets short background tasks (at most two at once), and three agents per seed are
 *   swamped (six extra open tasks) for one window of 60–120 turns, like an incident or a deadline.
 *
 * The right agent of a turn maximizes u = p − 0.3 × [agent has ≥ 5 open tasks]: a swamped agent's
 * answer comes late, which costs about a third of its value. Turns whose best and second-best u are
 * closer than `margin` (0.15), or whose best u is below `minBest` (0.5), are not kept: the right agent
 * must be clearly right (15 points more likely to satisfy the person than anyone else) and actually
 * good at it (more likely than not to satisfy them). When nobody on the team can answer well, the right
 * move is to escalate to a person, which this benchmark does not score.
 *
 * What the router sees is only what a deployment would see: the message text, the person's mind (a
 * real `Mind` fed every message of that person), the load events (assignments and completions) and the
 * outcomes of the turns it routed (accepted with probability p, drawn with a per-turn uniform so that
 * every router faces the same luck). A warm-up history of 2,000 past turns (about a month of a busy
 * team), routed by an older policy (the declared-skills keyword router 60 % of the time, a random agent
 * otherwise), gives the first outcomes.
 *
 * People: each has a level per topic (expert with probability 0.35, else newcomer). Newcomers use
 * basic terms and can ask to be taught; experts use advanced terms and can ask for a deep dive
 * (research). Every mode's text comes from `PHRASES`.
 */

import { Rng } from "../../../mind/bench/sim/rng.js";
import type { AgentProfile } from "../../src/team/types.js";
import { PHRASES } from "./phrases.js";
import { ARCHETYPES, MODES, type Mode, TOPIC_NAMES, TOPICS } from "./team.js";

export interface ScenarioTurn {
  index: number;
  at: string;
  personId: string;
  text: string;
  /** Generator's truth (hidden from the router). */
  topic: string;
  mode: Mode;
  /** Acceptance probability of each agent on this turn. */
  p: Record<string, number>;
  /** Uniform draw deciding the outcome of whoever answers (accepted iff draw < p[agent]). */
  draw: number;
}

export interface EvalTurn extends ScenarioTurn {
  rightAgentId: string;
  /** Best minus second-best utility (≥ margin). */
  margin: number;
  /** Agents with ≥ 5 open tasks at this turn. */
  overloaded: string[];
}

export interface HistoryTurn extends ScenarioTurn {
  /** Who the old policy sent it to. */
  assignedTo: string;
}

export interface LoadEvent {
  at: string;
  agentId: string;
  kind: "assigned" | "finished";
}

export interface Scenario {
  seed: number;
  agents: AgentProfile[];
  truth: {
    competence: Record<string, Record<string, number>>;
    fit: Record<string, Record<Mode, number>>;
    overclaimed: [agentId: string, topic: string][];
    hiddenTalents: [agentId: string, topic: string][];
  };
  history: HistoryTurn[];
  turns: EvalTurn[];
  load: LoadEvent[];
  /** Turns generated and dropped as ambiguous. */
  dropped: number;
}

export interface GenerateOptions {
  seed: number;
  /** Evaluation turns kept. @default 600 */
  turns?: number;
  /** Warm-up history turns. @default 2000 */
  history?: number;
  /** People sending evaluation turns (history uses as many others). @default 40 */
  people?: number;
  /** Minimum utility gap between the right agent and the runner-up. @default 0.15 */
  margin?: number;
  /** Lowest utility of a right agent: a turn nobody on the team is likely to answer well has no right agent. @default 0.5 */
  minBest?: number;
  /** Matches declared skills to topics for the old keyword policy (injected to keep this file pure data). */
  declaredMatch: (skills: readonly string[], topic: string) => number;
}

const START = Date.parse("2025-06-02T08:00:00.000Z");
const TURN_MS = 3 * 60_000;
const OVERLOAD = 5;
const OVERLOAD_COST = 0.3;
const KAPPA: Record<Mode, number> = {
  teach: 1,
  research: 1,
  debug: 1,
  review: 1,
  write: Number(process.env.ROUTING_KAPPA_WRITE ?? 1),
};

const iso = (ms: number) => new Date(ms).toISOString();
const clamp = (x: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, x));

interface Person {
  id: string;
  expert: Record<string, boolean>;
}

function people(rng: Rng, prefix: string, n: number): Person[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `${prefix}${i + 1}`,
    expert: Object.fromEntries(TOPIC_NAMES.map((t) => [t, rng.chance(0.35)])),
  }));
}

function hiddenTruth(rng: Rng, declaredMatch: GenerateOptions["declaredMatch"]) {
  const competence: Scenario["truth"]["competence"] = {};
  const fit: Scenario["truth"]["fit"] = {};
  const claimed: [string, string][] = [];
  const unclaimed: [string, string][] = [];
  for (const { profile, fit: base } of ARCHETYPES) {
    competence[profile.id] = {};
    fit[profile.id] = Object.fromEntries(
      MODES.map((m) => [m, clamp(base[m] + rng.range(-0.07, 0.07), 0.2, 1)]),
    ) as Record<Mode, number>;
    for (const topic of TOPIC_NAMES) {
      const claims = declaredMatch(profile.skills, topic) >= 0.7;
      (competence[profile.id] as Record<string, number>)[topic] = claims ? rng.range(0.78, 0.95) : rng.range(0.2, 0.4);
      (claims ? claimed : unclaimed).push([profile.id, topic]);
    }
  }
  const overclaimed = rng.shuffle(claimed).slice(0, 3);
  const hiddenTalents = rng.shuffle(unclaimed).slice(0, 2);
  for (const [a, t] of overclaimed) (competence[a] as Record<string, number>)[t] = rng.range(0.15, 0.3);
  for (const [a, t] of hiddenTalents) (competence[a] as Record<string, number>)[t] = rng.range(0.8, 0.92);
  return { competence, fit, overclaimed, hiddenTalents };
}

/** Two different terms of a topic, at the person's level (experts mix in one basic term now and then). */
function terms(rng: Rng, topic: string, expert: boolean): [string, string] {
  const t = TOPICS[topic] as { basic: readonly string[]; advanced: readonly string[] };
  const first = expert ? rng.pick(t.advanced) : rng.pick(t.basic);
  const pool = (expert && rng.chance(0.7) ? t.advanced : t.basic).filter((x) => x !== first);
  return [first, rng.pick(pool)];
}

function writeTurn(rng: Rng, person: Person, topic: string, mode: Mode): string {
  const expert = person.expert[topic] ?? false;
  const phrases = PHRASES[mode];
  const pool = [...phrases.any, ...(expert ? phrases.expert : phrases.novice)];
  const [a, b] = terms(rng, topic, expert);
  return rng
    .pick(pool)
    .replaceAll("{A}", a.charAt(0).toUpperCase() + a.slice(1))
    .replaceAll("{a}", a)
    .replaceAll("{b}", b);
}

/** Modes a person can ask on a topic: only newcomers ask to be taught. */
function modesFor(person: Person, topic: string): Mode[] {
  return person.expert[topic] ? MODES.filter((m) => m !== "teach") : [...MODES];
}

function turnDraft(
  rng: Rng,
  truth: ReturnType<typeof hiddenTruth>,
  person: Person,
  index: number,
  at: number,
): ScenarioTurn {
  const topic = rng.pick(TOPIC_NAMES);
  const mode = rng.pick(modesFor(person, topic));
  const p = Object.fromEntries(
    ARCHETYPES.map(({ profile: { id } }) => {
      const c = truth.competence[id]?.[topic] ?? 0;
      const f = truth.fit[id]?.[mode] ?? 0;
      return [id, clamp(f * c ** KAPPA[mode], 0.02, 0.98)];
    }),
  );
  return {
    index,
    at: iso(at),
    personId: person.id,
    text: writeTurn(rng, person, topic, mode),
    topic,
    mode,
    p,
    draw: rng.next(),
  };
}

/** Background tasks plus three overload windows, as assign/finish events; and the open count at each slot. */
function loadSchedule(rng: Rng, evalStart: number, evalTurns: number, windowsWithin: number) {
  const events: LoadEvent[] = [];
  const ids = ARCHETYPES.map((a) => a.profile.id);
  for (const agentId of ids) {
    // Background: short tasks, never more than two at once.
    for (let t = -20; t < evalTurns; ) {
      const length = 3 + rng.int(0, 7);
      events.push({ at: iso(evalStart + t * TURN_MS - 60_000), agentId, kind: "assigned" });
      events.push({ at: iso(evalStart + (t + length) * TURN_MS - 60_000), agentId, kind: "finished" });
      if (rng.chance(0.4)) {
        const l2 = 2 + rng.int(0, 4);
        const s2 = t + 1 + rng.int(0, 1);
        events.push({ at: iso(evalStart + s2 * TURN_MS - 30_000), agentId, kind: "assigned" });
        events.push({ at: iso(evalStart + (s2 + l2) * TURN_MS - 30_000), agentId, kind: "finished" });
      }
      t += length + rng.int(0, 11);
    }
  }
  for (const agentId of rng.shuffle(ids).slice(0, 3)) {
    const length = 60 + rng.int(0, 60);
    // Within the slots a scenario typically uses (about two drafts per kept turn).
    const start = rng.int(0, windowsWithin - length - 1);
    for (let i = 0; i < 6; i++) {
      events.push({ at: iso(evalStart + start * TURN_MS - 90_000), agentId, kind: "assigned" });
      events.push({ at: iso(evalStart + (start + length) * TURN_MS - 90_000), agentId, kind: "finished" });
    }
  }
  events.sort((a, b) => a.at.localeCompare(b.at) || (a.kind === b.kind ? 0 : a.kind === "finished" ? -1 : 1));
  // Open tasks per agent at each evaluation slot, from one sweep over the sorted events.
  const open = new Map(ids.map((id) => [id, new Int16Array(evalTurns)]));
  const counts = new Map(ids.map((id) => [id, 0]));
  let next = 0;
  for (let slot = 0; slot < evalTurns; slot++) {
    const at = iso(evalStart + slot * TURN_MS);
    for (; next < events.length && (events[next] as LoadEvent).at <= at; next++) {
      const e = events[next] as LoadEvent;
      counts.set(e.agentId, (counts.get(e.agentId) ?? 0) + (e.kind === "assigned" ? 1 : -1));
    }
    for (const id of ids) (open.get(id) as Int16Array)[slot] = counts.get(id) ?? 0;
  }
  const openAt = (agentId: string, slot: number) => open.get(agentId)?.[slot] ?? 0;
  return { events, openAt };
}

/**
 * Builds one scenario. Deterministic in `seed` (and the options): the same seed gives the same team
 * truth, history, turns, load and outcome draws.
 *
 * @example
 * const scenario = generateScenario({ seed: 1, declaredMatch: (skills, topic) => declaredTopicMatch({ skills, topic }) });
 */
export function generateScenario(options: GenerateOptions): Scenario {
  const rng = new Rng(options.seed);
  const evalTurns = options.turns ?? 600;
  const historyTurns = options.history ?? 2000;
  const margin = options.margin ?? 0.15;
  const minBest = options.minBest ?? 0.5;
  const truth = hiddenTruth(rng, options.declaredMatch);
  const agents = ARCHETYPES.map((a) => ({ ...a.profile, skills: [...a.profile.skills] }));
  const ids = agents.map((a) => a.id);

  // History: the month before, routed by the old policy.
  const pastPeople = people(rng, "past-", options.people ?? 40);
  const historyStart = START - 30 * 86_400_000;
  const historySpacing = (30 * 86_400_000 - 3_600_000) / historyTurns;
  const history: HistoryTurn[] = [];
  for (let i = 0; i < historyTurns; i++) {
    const turn = turnDraft(rng, truth, rng.pick(pastPeople), i, historyStart + i * historySpacing);
    const keyword = [...agents].sort(
      (a, b) => options.declaredMatch(b.skills, turn.topic) - options.declaredMatch(a.skills, turn.topic),
    )[0] as AgentProfile;
    history.push({ ...turn, assignedTo: rng.chance(0.6) ? keyword.id : rng.pick(ids) });
  }

  // Evaluation turns.
  const persons = people(rng, "person-", options.people ?? 40);
  // Drafts dropped as ambiguous still take their time slot; five slots per kept turn is ample.
  const slots = evalTurns * 5;
  const load = loadSchedule(rng, START, slots, evalTurns * 2);
  const turns: EvalTurn[] = [];
  let dropped = 0;
  for (let slot = 0; turns.length < evalTurns; slot++) {
    if (slot >= slots) throw new Error(`seed ${options.seed}: fewer than ${evalTurns} clear turns in ${slots} drafts`);
    const at = START + slot * TURN_MS;
    const turn = turnDraft(rng, truth, rng.pick(persons), turns.length, at);
    const overloaded = ids.filter((id) => load.openAt(id, slot) >= OVERLOAD);
    const utility = ids
      .map((id) => ({ id, u: (turn.p[id] ?? 0) - (overloaded.includes(id) ? OVERLOAD_COST : 0) }))
      .sort((a, b) => b.u - a.u);
    const [best, second] = utility as [{ id: string; u: number }, { id: string; u: number }];
    if (best.u - second.u < margin || best.u < minBest) {
      dropped += 1;
      continue;
    }
    turns.push({ ...turn, rightAgentId: best.id, margin: best.u - second.u, overloaded });
  }
  const lastAt = turns.at(-1)?.at ?? iso(START);
  return {
    seed: options.seed,
    agents,
    truth,
    history,
    turns,
    load: load.events.filter((e) => e.at <= lastAt),
    dropped,
  };
}

import type { Plan } from "@attune/model";
import {
  band,
  type Context,
  type Cue,
  type Dim,
  type DimValue,
  type Directive,
  type Intent,
  type Profile,
  STATE_ON,
  STATES,
  type StateName,
  type TopicId,
} from "./model.js";
import {
  BACKGROUND,
  CLAIM_FRAMES,
  DEFINITIONAL,
  DIRECTIVES,
  DISCLOSURES,
  EMOJI,
  FILLERS,
  FOLLOW_UPS,
  GREETINGS,
  NEGATIVE,
  NEUTRAL_ACKS,
  PASTE_INTROS,
  PASTE_OUTROS,
  POSITIVE,
  PRAISE,
  QUOTE_FRAMES,
  REACTIONS,
  REQUESTS,
  SIGNOFFS,
  STATE_CUES,
  VAGUE,
} from "./phrases.js";
import { type Score, score, type Wants, wantsOf } from "./reward.js";
import { Rng } from "./rng.js";
import { TOPICS, type Topic } from "./topics.js";

/** One user message as a policy sees it. `cues` annotates what the text expresses (reference reader only). */
export interface UserTurn {
  turn: number;
  messageId: string;
  speakerId: string;
  at: string;
  text: string;
  cues: Cue[];
}

/** The hidden truth of the current turn (for the oracle and for scoring). */
export interface TurnTruth {
  context: Context;
  wants: Wants;
}

/** Exogenous course of a conversation: what the person works on and what happens to them, whatever the replies. */
interface Beat {
  topic: TopicId;
  intent: Intent;
  episodeStart: boolean;
  vague: boolean;
  claim: boolean;
  deadline: boolean;
  stillBroken: boolean;
  playfulMoment: boolean;
  skepticMoment: boolean;
  hardMaterial: boolean;
  gapMs: number;
}

/** How fast each state fades per turn. */
const FADE: Record<StateName, number> = {
  rushed: 0.8,
  frustrated: 0.6,
  confused: 0.45,
  playful: 0.5,
  skeptical: 0.55,
  engaged: 0.6,
};

const RELATED: Record<Intent, Intent[]> = {
  learn: ["debug", "explore", "create"],
  debug: ["learn", "unstuck"],
  unstuck: ["debug", "learn"],
  decide: ["persuade", "learn"],
  persuade: ["decide", "create"],
  create: ["debug", "learn"],
  explore: ["learn", "create", "chat"],
  chat: ["learn", "explore"],
};

const START = Date.UTC(2025, 2, 3, 8, 0);
const MINUTE = 60_000;

function schedule(p: Profile, seed: number, turns: number): Beat[] {
  const rng = Rng.of(seed, "schedule", p.index);
  const beats: Beat[] = [];
  let prevTopic: TopicId | null = null;
  while (beats.length < turns) {
    const weights = { ...p.topicWeights };
    if (prevTopic) weights[prevTopic] = rng.chance(0.2) ? 1000 : 0;
    const topic = rng.weighted(weights);
    let intent = rng.weighted(p.intentWeights);
    const len = Math.min(9, 2 + Math.floor(-Math.log(Math.max(1e-9, rng.next())) / 0.35));
    const newSession = beats.length > 0 && rng.chance(0.35);
    for (let j = 0; j < len && beats.length < turns; j++) {
      if (j > 0 && rng.chance(0.12)) intent = rng.pick(RELATED[intent]);
      const debugging = intent === "debug" || intent === "unstuck";
      beats.push({
        topic,
        intent,
        episodeStart: j === 0,
        vague: rng.chance(j === 0 ? 0.15 + 0.6 * p.vagueness : 0.04 + 0.1 * p.vagueness),
        claim: rng.chance(intent === "decide" || intent === "persuade" || intent === "learn" ? 0.22 : 0.06),
        deadline: rng.chance(0.07 * p.proneness.rushed * (debugging ? 2 : 1)),
        stillBroken: debugging && j > 0 && rng.chance(0.35),
        playfulMoment: rng.chance(0.12 * p.playfulness * (intent === "chat" ? 3 : 1)),
        skepticMoment: rng.chance(0.1 * p.proneness.skeptical * (intent === "decide" || intent === "persuade" ? 2 : 1)),
        hardMaterial: intent === "learn" && p.knowledge[topic] < 0.35 && rng.chance(0.35 * p.proneness.confused),
        gapMs:
          j > 0 ? rng.range(0.7, 5) * MINUTE : newSession ? rng.range(2, 30) * 60 * MINUTE : rng.range(3, 40) * MINUTE,
      });
    }
    prevTopic = topic;
  }
  return beats;
}

const clamp01 = (x: number) => Math.min(1, Math.max(0, x));

/**
 * One simulated person in one conversation with one policy. Call `nextTurn()` for their message, then
 * `respond(plan)` with the policy's plan for the reply; their next message reacts to it.
 */
export class SimulatedUser {
  readonly profile: Profile;
  readonly seed: number;
  readonly #beats: Beat[];
  #t = 0;
  #time: number;
  #states: Record<StateName, number>;
  #persistent: Directive[] = [];
  #context: Context | null = null;
  #wants: Wants | null = null;
  #last: { plan: Plan; score: Score; context: Context } | null = null;
  #awaitingPlan = false;
  #boost: Partial<Record<StateName, number>> = {};
  #badStreak = 0;
  readonly #earlyTurns: number[];

  constructor(profile: Profile, seed: number, turns = 30) {
    this.profile = profile;
    this.seed = seed;
    this.#beats = schedule(profile, seed, turns + 1);
    this.#states = Object.fromEntries(STATES.map((s) => [s, 0])) as Record<StateName, number>;
    const rng = Rng.of(seed, "start", profile.index);
    this.#time = START + profile.index * 7 * MINUTE + rng.range(0, 10) * 60 * MINUTE;
    this.#earlyTurns = profile.earlyDirectives.map(() => rng.int(1, 3));
  }

  /** Hidden truth of the current turn (oracle only). */
  truth(): TurnTruth {
    if (!this.#context || !this.#wants) throw new Error("no turn yet");
    return { context: this.#context, wants: this.#wants };
  }

  /** The person's next message: a reaction to the previous reply (if any) and the next request. */
  nextTurn(): UserTurn {
    if (this.#awaitingPlan) throw new Error("respond(plan) before the next turn");
    this.#t += 1;
    const t = this.#t;
    const beat = this.#beats[t - 1] ?? (this.#beats[this.#beats.length - 1] as Beat);
    const p = this.profile;
    const rng = Rng.of(this.seed, "text", p.index, t);

    // States fade, then this turn's events and last reply's effects land.
    const before = { ...this.#states };
    for (const s of STATES) this.#states[s] *= FADE[s];
    for (const [s, v] of Object.entries(this.#boost) as [StateName, number][]) this.#states[s] += v;
    this.#boost = {};
    if (beat.deadline) this.#states.rushed = Math.max(this.#states.rushed, 1);
    if (beat.stillBroken) this.#states.frustrated += 0.2 + 0.5 * p.proneness.frustrated;
    if (beat.playfulMoment) this.#states.playful = Math.max(this.#states.playful, 0.9);
    if (beat.skepticMoment) this.#states.skeptical = Math.max(this.#states.skeptical, 0.9);
    if (beat.hardMaterial) this.#states.confused += 0.7;
    for (const s of STATES) this.#states[s] = clamp01(this.#states[s]);

    const out = new Composer(rng, p);
    const turnDirectives: Directive[] = [];
    const last = this.#last;
    const clarified = last?.context.vague === true && last.plan.askClarifyingQuestion && !beat.episodeStart;

    if (last) this.#react(out, rng, last, turnDirectives);

    // Ground rules some people lay down early.
    p.earlyDirectives.forEach((d, i) => {
      if (this.#earlyTurns[i] !== t) return;
      out.say("rule", rng.pick(DIRECTIVES[`${d.dim}:${String(d.value)}`]?.persistent ?? []));
      out.cue({ kind: "directive", dim: d.dim, value: d.value, scope: "persistent" });
      this.#persistent.push(d);
    });

    // Volunteered preferences and background.
    if (rng.chance((t <= 4 ? 0.3 : 0.04) * p.disclosure)) {
      const options = disclosable(p);
      if (options.length > 0) {
        const [trait, value] = rng.pick(options);
        out.say("rule", rng.pick(DISCLOSURES[`${trait}:${value}`] ?? []));
        out.cue({ kind: "preference", trait, value });
      }
    }
    const topic = TOPICS[beat.topic];
    const level = band(p.knowledge[beat.topic]);
    if (beat.episodeStart && level !== 1 && rng.chance(0.18 + 0.2 * p.disclosure)) {
      const kind = level === 2 ? "expert" : "novice";
      out.say("rule", fill(rng.pick(BACKGROUND[kind]), topic, rng));
      out.cue({ kind: "background", topic: topic.id, level: kind });
    }

    // State cues: often said outright, sometimes only hinted, sometimes not at all.
    for (const s of STATES) {
      if (this.#states[s] < STATE_ON) continue;
      const fresh = before[s] < STATE_ON;
      if (rng.chance((0.3 + 0.6 * p.expressiveness) * (fresh ? 1 : 0.55))) {
        out.say(rng.chance(0.6) ? "pre" : "post", rng.pick(STATE_CUES[s]));
        out.cue({ kind: "state", state: s, explicit: true });
      } else if (s !== "engaged" && rng.chance(0.45)) {
        out.hint(s);
        out.cue({ kind: "state", state: s, explicit: false });
      }
    }

    const vague = beat.vague && !clarified;
    if (clarified)
      out.say("request", rng.pick(["I meant:", "to answer your question:", "sorry, more specifically:", "right, so"]));
    this.#request(out, rng, beat, vague, clarified, topic, level);

    this.#time += beat.gapMs * (this.#states.rushed >= STATE_ON ? 0.3 : 1);
    const directives = [...this.#persistent, ...turnDirectives];
    const context: Context = {
      turn: t,
      topic: beat.topic,
      intent: beat.intent,
      states: { ...this.#states },
      vague,
      claim: beat.claim && !vague,
      directives,
    };
    this.#context = context;
    this.#wants = wantsOf(p, context);
    this.#awaitingPlan = true;
    return {
      turn: t,
      messageId: `${p.id}-u${t}`,
      speakerId: p.id,
      at: new Date(this.#time).toISOString(),
      text: out.text(this.#states.rushed >= STATE_ON),
      cues: out.cues,
    };
  }

  /** Scores the plan used for the reply to the current turn; the person's next message reacts to it. */
  respond(plan: Plan): Score {
    if (!this.#awaitingPlan || !this.#context || !this.#wants) throw new Error("nextTurn() first");
    this.#awaitingPlan = false;
    const result = score(plan, this.#wants);
    const ctx = this.#context;
    const p = this.profile;
    const boost = (s: StateName, v: number) => {
      this.#boost[s] = (this.#boost[s] ?? 0) + v;
    };
    if (result.reward < 0.5) {
      boost("frustrated", p.proneness.frustrated * (0.45 + 0.25 * this.#badStreak));
      this.#badStreak += 1;
    } else this.#badStreak = 0;
    const depths = ["overview", "working", "expert"];
    const over = depths.indexOf(plan.depth) - depths.indexOf(String(this.#wants.depth.value));
    if (over > 0) boost("confused", over * 0.45 * (0.5 + p.proneness.confused));
    if (plan.askClarifyingQuestion && !this.#wants.ask.value && ctx.states.rushed >= STATE_ON)
      boost("frustrated", 0.25);
    if (result.reward >= 0.8) {
      boost("engaged", 0.5);
      this.#states.frustrated *= 0.5;
      this.#states.confused *= 0.4;
    }
    this.#last = { plan, score: result, context: ctx };
    return result;
  }

  #react(out: Composer, rng: Rng, last: { plan: Plan; score: Score; context: Context }, turnDirectives: Directive[]) {
    const p = this.profile;
    const { reward, dims } = last.score;
    const expr = p.expressiveness;
    const ranked = (Object.entries(dims) as [Dim, Score["dims"][Dim]][]).sort((a, b) => b[1].loss - a[1].loss);
    if (reward >= 0.85) {
      if (!rng.chance(0.2 + 0.45 * expr)) return;
      // Praise, when specific, is for what mattered most to them.
      const praised = ranked.filter(([d, s]) => s.fit === 1 && PRAISE[d]).sort((a, b) => b[1].weight - a[1].weight);
      const best = praised[0];
      if (best && rng.chance(0.3)) {
        const [d] = best;
        out.say("reaction", rng.pick(PRAISE[d] ?? POSITIVE));
        out.cue({ kind: "praise", dim: d });
      } else {
        out.say("reaction", rng.pick(POSITIVE));
        out.cue({ kind: "sentiment", value: 1 });
      }
      return;
    }
    const complaints = ranked.filter(([, s]) => s.loss >= 0.3 && s.fit < 0.6);
    const top = complaints[0];
    // How much the worst miss cost them, as a share of everything they cared about.
    const total = ranked.reduce((sum, [, s]) => sum + s.weight, 0);
    const worst = top ? top[1].loss / total : 0;
    if (top && rng.chance(Math.min(0.85, expr * (0.25 + 3 * worst)))) {
      if (reward < 0.45 && rng.chance(0.35)) {
        out.say("reaction", rng.pick(NEGATIVE));
        out.cue({ kind: "sentiment", value: -1 });
      }
      const mentioned = complaints.slice(0, rng.chance(0.35 * expr) ? 2 : 1);
      for (const [dim, s] of mentioned) this.#complain(out, rng, last.context, dim, s.want, s.got, turnDirectives);
      return;
    }
    if (reward < 0.5 && rng.chance(0.15 + 0.3 * expr)) {
      out.say("reaction", rng.pick(NEGATIVE));
      out.cue({ kind: "sentiment", value: -1 });
    } else if (rng.chance(0.2)) {
      out.say("reaction", rng.pick(NEUTRAL_ACKS));
      out.cue({ kind: "sentiment", value: 0 });
    }
  }

  #complain(
    out: Composer,
    rng: Rng,
    ctx: Context,
    dim: Dim,
    want: DimValue,
    got: DimValue,
    turnDirectives: Directive[],
  ) {
    const p = this.profile;
    const topic = TOPICS[ctx.topic];
    const directive = DIRECTIVES[`${dim}:${String(want)}`];
    if (directive && rng.chance(0.55 * p.assertiveness)) {
      const persistent = traitConsistent(p, dim, want) && rng.chance(0.45);
      const pool = persistent ? directive.persistent : directive.turn;
      out.say("reaction", rng.pick(pool));
      const d: Directive = { dim, value: want, scope: persistent ? "persistent" : "turn" };
      out.cue({ kind: "directive", ...d });
      if (persistent) this.#persistent.push(d);
      else turnDirectives.push(d);
      return;
    }
    let key = `${dim}:${String(want)}`;
    let implied: DimValue = want;
    if (dim === "length" || dim === "depth") {
      const order = dim === "length" ? ["brief", "standard", "thorough"] : ["overview", "working", "expert"];
      const down = order.indexOf(String(got)) > order.indexOf(String(want));
      key = dim === "length" ? (down ? "length:shorter" : "length:longer") : down ? "depth:simpler" : "depth:deeper";
      implied = order[order.indexOf(String(got)) + (down ? -1 : 1)] ?? want;
    }
    const pool = REACTIONS[key];
    if (!pool) return;
    out.say("reaction", fill(rng.pick(pool), topic, rng));
    out.cue({ kind: "reaction", dim, got, want: implied });
  }

  #request(out: Composer, rng: Rng, beat: Beat, vague: boolean, clarified: boolean, topic: Topic, level: 0 | 1 | 2) {
    if (vague) {
      const line = rng.pick(VAGUE);
      out.say("request", fill(line, topic, rng));
      out.cue({ kind: "vague" });
      if (line.includes("{nick}")) out.cue({ kind: "topic", topic: topic.id });
      return;
    }
    out.cue({ kind: "topic", topic: topic.id });
    out.cue({ kind: "intent", intent: beat.intent });
    if (!beat.episodeStart && !clarified && rng.chance(0.25)) out.say("request", rng.pick(FOLLOW_UPS));
    const tierOf = (l: 0 | 1 | 2) => (["lay", "basic", "advanced"] as const)[l];
    // Mostly the level they are at, sometimes one below (experts also speak plainly).
    const spoken = (): 0 | 1 | 2 => (level > 0 && rng.chance(0.22) ? ((level - 1) as 0 | 1) : level);
    const knowledgeCue = (tier: "lay" | "definitional" | "misuse" | "basic" | "advanced") =>
      out.cue({ kind: "knowledge", topic: topic.id, tier });
    const context = () => {
      // Tier-revealing background to an otherwise neutral request.
      if (!rng.chance(0.45)) return;
      const l = spoken();
      if (l === 0 && rng.chance(0.5)) {
        out.say("post", fill(rng.pick(BACKGROUND.novice), topic, rng));
        out.cue({ kind: "background", topic: topic.id, level: "novice" });
        return;
      }
      const frame = rng.pick([
        "for context, {x}",
        "(context: {x})",
        "fwiw {x}",
        "background: {x}",
        "the situation: {x}",
      ]);
      out.say("post", frame.replace("{x}", rng.pick(topic.problem[tierOf(l)])));
      knowledgeCue(tierOf(l));
    };

    switch (beat.intent) {
      case "learn": {
        if (level === 0) {
          const r = rng.next();
          if (r < 0.35) {
            out.say("request", fill(rng.pick(DEFINITIONAL), topic, rng, rng.pick(topic.basic)));
            knowledgeCue("definitional");
          } else if (r < 0.5) {
            out.say("request", rng.pick(QUOTE_FRAMES).replace("{quote}", rng.pick(topic.quotes)));
            out.cue({ kind: "pasted" });
            knowledgeCue("definitional");
          } else if (r < 0.62) {
            out.say("request", rng.pick(topic.misuse));
            knowledgeCue("misuse");
          } else {
            out.say("request", fill(rng.pick(REQUESTS.learn), topic, rng, undefined, rng.pick(topic.learn.lay)));
            knowledgeCue("lay");
          }
        } else if (level === 1 && rng.chance(0.15)) {
          out.say(
            "request",
            `I use ${rng.pick(topic.basic)} all the time but what's ${rng.pick(topic.advanced)} exactly?`,
          );
          knowledgeCue("basic");
        } else {
          const l = spoken();
          out.say("request", fill(rng.pick(REQUESTS.learn), topic, rng, undefined, rng.pick(topic.learn[tierOf(l)])));
          knowledgeCue(tierOf(l));
        }
        break;
      }
      case "debug":
      case "unstuck": {
        const templates = REQUESTS[beat.intent];
        const line = rng.pick(templates);
        if (level === 0 && rng.chance(0.2)) {
          out.say("request", rng.pick(topic.misuse));
          knowledgeCue("misuse");
        } else {
          const l = spoken();
          out.say("request", fill(line, topic, rng, undefined, undefined, rng.pick(topic.problem[tierOf(l)])));
          if (line.includes("{problem}")) knowledgeCue(tierOf(l));
        }
        if (rng.chance(beat.intent === "debug" ? 0.35 : 0.15)) {
          const paste = rng.pick(topic.pastes);
          out.paste(`${rng.pick(PASTE_INTROS)}\n${paste}\n${rng.pick(PASTE_OUTROS)}`.trim());
          out.cue({ kind: "pasted" });
        }
        break;
      }
      case "chat":
        out.say("request", fill(rng.pick(REQUESTS.chat), topic, rng));
        break;
      default: {
        out.say("request", fill(rng.pick(REQUESTS[beat.intent]), topic, rng));
        context();
      }
    }
    if (beat.claim) {
      out.say("post", rng.pick(CLAIM_FRAMES).replace("{claim}", rng.pick(topic.claims)));
      out.cue({ kind: "claim" });
    }
  }
}

/** Which of their own traits a person might mention, as (trait, value) keys of `DISCLOSURES`. */
function disclosable(p: Profile): [string, string][] {
  const out: [string, string][] = [["examples", p.examples]];
  if (p.structureHabit) out.push(["structure", p.structureHabit]);
  if (p.warmth > 0.45) out.push(["warmth", "warm"]);
  if (p.warmth < -0.45) out.push(["warmth", "precise"]);
  if (p.playfulness > 0.65) out.push(["playfulness", "high"]);
  if (p.challengeAppetite > 0.65) out.push(["challenge", "high"]);
  if (p.challengeAppetite < 0.15) out.push(["challenge", "low"]);
  if (p.novelty > 0.7) out.push(["novelty", "high"]);
  if (p.novelty < 0.25) out.push(["novelty", "low"]);
  if (p.clarifyTolerance > 0.65) out.push(["clarify", "high"]);
  if (p.clarifyTolerance < 0.2) out.push(["clarify", "low"]);
  if (p.rushBrief > 0.7) out.push(["rushBrief", "high"]);
  if (p.learnDepth > 0.7) out.push(["learnDepth", "high"]);
  if (p.verbosity < -0.5) out.push(["verbosity", "low"]);
  if (p.verbosity > 0.5) out.push(["verbosity", "high"]);
  if (p.stepwise > 0.7) out.push(["stepwise", "high"]);
  if (p.codeFirst) out.push(["codeFirst", "true"]);
  return out;
}

/** A complaint becomes a standing rule only when it reflects how the person always is. */
function traitConsistent(p: Profile, dim: Dim, want: DimValue): boolean {
  switch (`${dim}:${String(want)}`) {
    case "length:brief":
      return p.verbosity < -0.3;
    case "length:thorough":
      return p.verbosity > 0.4;
    case "structure:bullets":
      return p.structureHabit === "bullets";
    case "structure:prose":
      return p.structureHabit === "prose";
    case "tone:precise":
      return p.warmth < -0.4;
    case "tone:warm":
      return p.warmth > 0.4;
    case "ask:false":
      return p.clarifyTolerance < 0.3;
    case "explore:false":
      return p.novelty < 0.3;
    case "examples:concrete-first":
      return p.examples === "concrete-first";
    case "pace:one-step":
      return p.stepwise > 0.7;
    default:
      return false;
  }
}

function fill(template: string, topic: Topic, rng: Rng, term?: string, learn?: string, problem?: string): string {
  const [a, b] = rng.pick(topic.options);
  return template
    .replaceAll("{nick}", rng.pick(topic.nick))
    .replaceAll("{term}", term ?? rng.pick(topic.basic))
    .replaceAll("{basic}", rng.pick(topic.basic))
    .replaceAll("{advanced}", rng.pick(topic.advanced))
    .replaceAll("{role}", rng.pick(topic.roles))
    .replaceAll("{learn}", learn ?? rng.pick(topic.learn.basic))
    .replaceAll("{problem}", problem ?? rng.pick(topic.problem.basic))
    .replaceAll("{artifact}", rng.pick(topic.artifacts))
    .replaceAll("{explore}", rng.pick(topic.explore))
    .replaceAll("{a}", a)
    .replaceAll("{b}", b);
}

type Slot = "reaction" | "rule" | "pre" | "request" | "post";
const SLOT_ORDER: Slot[] = ["reaction", "pre", "rule", "request", "post"];

/** Assembles one message from parts, then roughens it the way this person types. */
class Composer {
  readonly cues: Cue[] = [];
  readonly #parts: { slot: Slot; text: string }[] = [];
  readonly #pastes: string[] = [];
  readonly #hints = new Set<StateName>();
  readonly rng: Rng;
  readonly p: Profile;

  constructor(rng: Rng, p: Profile) {
    this.rng = rng;
    this.p = p;
  }

  say(slot: Slot, text: string) {
    if (text) this.#parts.push({ slot, text });
  }

  paste(text: string) {
    this.#pastes.push(text);
  }

  hint(state: StateName) {
    this.#hints.add(state);
  }

  cue(c: Cue) {
    this.cues.push(c);
  }

  text(rushed: boolean): string {
    const rng = this.rng;
    const style = this.p.style;
    const terse = rushed || this.#hints.has("rushed");
    const ordered = SLOT_ORDER.flatMap((slot) => this.#parts.filter((x) => x.slot === slot).map((x) => x.text));
    if (!terse && rng.chance(style.filler)) {
      const i = rng.int(0, ordered.length - 1);
      ordered[i] = `${rng.pick(FILLERS)} ${ordered[i] ?? ""}`;
    }
    if (!terse && rng.chance(style.greet)) ordered.unshift(rng.pick(GREETINGS));
    let own = "";
    for (const [i, part] of ordered.entries()) {
      if (i === 0) {
        own = part;
        continue;
      }
      const ended = /[.?!:)]$/.test(own) || /\p{Extended_Pictographic}$/u.test(own);
      const sep = ended ? rng.pick([" ", " ", "\n", "  "]) : rng.pick([". ", " - ", ", ", "\n", "... ", ". "]);
      own += sep + part;
    }
    if (this.#hints.has("frustrated")) own += rng.pick(["!!", " again", " still", "!!!", " :("]);
    if (this.#hints.has("confused")) own += rng.pick(["??", " ???", "?? not sure", " ...?"]);
    if (this.#hints.has("playful")) own += rng.pick([" :P", " heh", " 😜", " lol"]);
    if (this.#hints.has("skeptical")) own += rng.pick([" (if that's even right)", " hmm", " supposedly"]);
    if (!terse && rng.chance(style.signoff)) own += ` ${rng.pick(SIGNOFFS)}`;
    if (rng.chance(style.emoji)) own += ` ${rng.pick(EMOJI)}`;
    own = this.#roughen(own, terse);
    return [own, ...this.#pastes].join("\n");
  }

  #roughen(text: string, terse: boolean): string {
    const rng = this.rng;
    const style = this.p.style;
    const lower = style.lowercase || (terse && rng.chance(0.5));
    let out = lower ? text.toLowerCase() : text.charAt(0).toUpperCase() + text.slice(1);
    const typo = style.typo * (terse ? 2 : 1);
    out = out.replace(/[A-Za-z]{4,}/g, (word) => {
      if (!rng.chance(typo)) return word;
      const i = rng.int(1, word.length - 2);
      switch (rng.int(0, 2)) {
        case 0:
          return word.slice(0, i) + (word[i + 1] ?? "") + (word[i] ?? "") + word.slice(i + 2);
        case 1:
          return word.slice(0, i) + word.slice(i + 1);
        default:
          return word.slice(0, i) + (word[i] ?? "") + word.slice(i);
      }
    });
    return out;
  }
}

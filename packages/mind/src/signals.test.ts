import { describe, expect, it } from "vitest";
import type { DirectiveScope, IntentName, StateName } from "./dimensions.js";
import { type Perception, perceive } from "./signals.js";

/** What one message should (and should not) be read as. */
interface Case {
  text: string;
  states?: StateName[];
  notStates?: StateName[];
  /** `target=wants`, e.g. `length=brief`. */
  feedback?: string[];
  notFeedback?: string[];
  /** Only these targets may carry feedback (negation cases: nothing else is misread). */
  directive?: [string, DirectiveScope];
  noDirective?: boolean;
  intents?: IntentName[];
  notIntents?: IntentName[];
  self?: "novice" | "expert" | "none";
}

const stateKeys = (p: Perception) =>
  p.signals.filter((s) => s.dimension === "state" && s.signal.endsWith("-marker")).map((s) => s.key);
const feedbackKeys = (p: Perception) => p.feedback.map((f) => `${f.target}=${f.wants}`);
const intentKeys = (p: Perception) => p.signals.filter((s) => s.dimension === "intent").map((s) => s.key);
const selfReport = (p: Perception) =>
  p.signals.some((s) => s.signal === "self-report-novice")
    ? "novice"
    : p.signals.some((s) => s.signal === "self-report-expert")
      ? "expert"
      : "none";

function check(c: Case) {
  const p = perceive(c.text);
  const states = stateKeys(p);
  const feedback = feedbackKeys(p);
  const intents = intentKeys(p);
  for (const s of c.states ?? []) expect(states, `${c.text} → state ${s}`).toContain(s);
  for (const s of c.notStates ?? []) expect(states, `${c.text} ↛ state ${s}`).not.toContain(s);
  for (const f of c.feedback ?? []) expect(feedback, `${c.text} → ${f}`).toContain(f);
  for (const f of c.notFeedback ?? []) expect(feedback, `${c.text} ↛ ${f}`).not.toContain(f);
  if (c.directive) {
    const [key, scope] = c.directive;
    expect(
      p.directives.map((d) => `${d.key}@${d.scope}`),
      `${c.text} → directive ${key}@${scope}`,
    ).toContain(`${key}@${scope}`);
  }
  if (c.noDirective) expect(p.directives, `${c.text} → no directive`).toEqual([]);
  for (const i of c.intents ?? []) expect(intents, `${c.text} → intent ${i}`).toContain(i);
  for (const i of c.notIntents ?? []) expect(intents, `${c.text} ↛ intent ${i}`).not.toContain(i);
  if (c.self) expect(selfReport(p), `${c.text} → self ${c.self}`).toBe(c.self);
}

const STATES: Case[] = [
  // rushed: time pressure, idioms and terse forms
  { text: "racing the clock here, what's the fix", states: ["rushed"] },
  { text: "between meetings — can you give me the command", states: ["rushed"] },
  { text: "standup in 5, need a one-line status", states: ["rushed"] },
  { text: "need this before EOD", states: ["rushed"] },
  { text: "can't dig in right now, is it safe to merge?", states: ["rushed"] },
  { text: "on a deadline: how do I revert the last commit", states: ["rushed"] },
  { text: "prod is down, how do I roll back the helm release", states: ["rushed"] },
  { text: "got 10 mins before my flight", states: ["rushed"] },
  { text: "no time to read the docs, which flag?", states: ["rushed"] },
  { text: "client is waiting on me, quick sanity check", states: ["rushed"] },
  { text: "No rush at all, take your time with this one", notStates: ["rushed"] },
  { text: "not urgent, just curious how it works", notStates: ["rushed"] },
  { text: "there's no hurry on this", notStates: ["rushed"] },
  // confused
  { text: "that went right past me", states: ["confused"] },
  { text: "you lost me at the part about eigenvectors", states: ["confused"] },
  { text: "i have no clue what you just said", states: ["confused"] },
  { text: "can you say that differently?", states: ["confused"] },
  { text: "eli5 pls", states: ["confused"] },
  { text: "wait, what?", states: ["confused"] },
  { text: "sorry, still not following", states: ["confused"] },
  { text: "I don't get why that works", states: ["confused"] },
  { text: "clear as mud tbh", states: ["confused"] },
  { text: "huh?", states: ["confused"] },
  { text: "ok i'm completely lost now", states: ["confused"] },
  { text: "it’s not clicking for me", states: ["confused"] },
  { text: "I don't get any errors anymore, it deploys", notStates: ["confused"] },
  // frustrated
  { text: "ugh, still broken", states: ["frustrated"] },
  { text: "I already tried that!!", states: ["frustrated"] },
  { text: "this is driving me up the wall", states: ["frustrated"] },
  { text: "for the third time, it's not the cache", states: ["frustrated"] },
  { text: "been at this all day and nothing works", states: ["frustrated"] },
  { text: "you keep suggesting the same thing", states: ["frustrated"] },
  { text: "why won't it just compile 😤", states: ["frustrated"] },
  // playful
  { text: "haha ok fair 😂", states: ["playful"] },
  { text: "lol you're not wrong", states: ["playful"] },
  { text: "bahaha, no", states: ["playful"] },
  { text: "jk jk, carry on :p", states: ["playful"] },
  { text: "that made me laugh 🤣", states: ["playful"] },
  { text: "this is infuriating 😡", notStates: ["playful"] },
  // skeptical
  { text: "are you sure about that?", states: ["skeptical"] },
  { text: "source?", states: ["skeptical"] },
  { text: "hmm, that doesn't sound right", states: ["skeptical"] },
  { text: "really? since when", states: ["skeptical"] },
  { text: "did you just make that up", states: ["skeptical"] },
  { text: "last i checked that flag was deprecated", states: ["skeptical"] },
  { text: "I really like the open source version", notStates: ["skeptical"] },
];

const FEEDBACK: Case[] = [
  // too long → brief
  { text: "could've said that in two lines", feedback: ["length=brief"] },
  { text: "shorter pls", feedback: ["length=brief"], directive: ["length=brief", "turn"] },
  { text: "tl;dr?", feedback: ["length=brief"], noDirective: true },
  { text: "skimmable?", feedback: ["length=brief"] },
  { text: "way too long, sorry", feedback: ["length=brief"] },
  { text: "wall of text lol", feedback: ["length=brief"] },
  { text: "just give me the gist", feedback: ["length=brief"] },
  { text: "the build takes way too long on CI", notFeedback: ["length=brief"] },
  { text: "this query has been running for too long", notFeedback: ["length=brief"] },
  // wants more → thorough
  { text: "don't drip-feed me", feedback: ["length=thorough"] },
  { text: "don’t drip feed me, give me everything", feedback: ["length=thorough"] },
  { text: "give me the full picture", feedback: ["length=thorough"] },
  { text: "that's it?", feedback: ["length=thorough"] },
  { text: "kinda vague, can you go deeper", feedback: ["length=thorough"] },
  { text: "that was too short", feedback: ["length=thorough"], notFeedback: ["length=brief"] },
  { text: "the session timeout is too short", notFeedback: ["length=thorough"] },
  // depth: too basic → expert
  { text: "skip the 101", feedback: ["depth=expert"] },
  { text: "i know what a mutex is", feedback: ["depth=expert"] },
  { text: "too basic, I'm not a beginner", feedback: ["depth=expert"] },
  { text: "don't dumb it down", feedback: ["depth=expert"] },
  { text: "feels a bit condescending tbh", feedback: ["depth=expert"] },
  { text: "get into the weeds, what happens under the hood", feedback: ["depth=expert"] },
  { text: "I know what you mean but the cache is cold", notFeedback: ["depth=expert"] },
  // depth: too much → overview
  { text: "too technical for me", feedback: ["depth=overview"] },
  { text: "plain english please", feedback: ["depth=overview"] },
  { text: "explain it like I'm five", feedback: ["depth=overview"] },
  { text: "less jargon", feedback: ["depth=overview"] },
  { text: "big picture first", feedback: ["depth=overview"] },
  // examples
  { text: "I learn best from examples", feedback: ["examples=concrete-first"] },
  { text: "show, don't tell", feedback: ["examples=concrete-first"] },
  { text: "what would that look like in practice?", feedback: ["examples=concrete-first"] },
  { text: "no examples please, just the rule", feedback: ["examples=none"], notFeedback: ["examples=concrete-first"] },
  { text: "skip the analogies", feedback: ["examples=none"], notFeedback: ["examples=analogy"] },
  { text: "is there an analogy that would help?", feedback: ["examples=analogy"] },
  { text: "explain the why before the how", feedback: ["examples=theory-first"] },
  { text: "what's the intuition behind it", feedback: ["examples=theory-first"] },
  // structure, with negation
  { text: "no bullet points", feedback: ["structure=prose"], notFeedback: ["structure=bullets"] },
  { text: "less listy please", feedback: ["structure=prose"], notFeedback: ["structure=bullets"] },
  { text: "don't use bullet points, write it out", feedback: ["structure=prose"], notFeedback: ["structure=bullets"] },
  { text: "bullet points please", feedback: ["structure=bullets"] },
  { text: "can you list them out", feedback: ["structure=bullets"] },
  { text: "no bullets — numbered steps", feedback: ["structure=steps"] },
  { text: "step by step please", feedback: ["structure=steps"] },
  { text: "just the code", feedback: ["structure=code-first"] },
  { text: "code first, explanation after", feedback: ["structure=code-first"] },
  { text: "no bullet points, just the code", feedback: ["structure=code-first"] },
  {
    text: "don't show me the code, explain the idea",
    notFeedback: ["structure=code-first", "examples=concrete-first"],
  },
  { text: "in order to deploy I need a token", notFeedback: ["structure=steps"] },
  // tone
  { text: "you sound like a manual", feedback: ["tone=warm"] },
  { text: "less corporate please", feedback: ["tone=warm"] },
  { text: "less fluff", feedback: ["tone=precise"] },
  { text: "be blunt", feedback: ["tone=precise"] },
  { text: "that was a bit too blunt", feedback: ["tone=warm"], notFeedback: ["tone=precise"] },
  { text: "no emojis please", feedback: ["tone=neutral"] },
  { text: "lighten up a little", feedback: ["tone=playful"] },
  { text: "sorry if this is a dumb question", feedback: ["tone=warm"] },
  // pace
  { text: "one thing at a time", feedback: ["pace=one-step"] },
  { text: "whoa, slow down", feedback: ["pace=one-step"] },
  { text: "that's a lot to take in", feedback: ["pace=one-step"] },
  { text: "this will slow down the build", notFeedback: ["pace=one-step"] },
  { text: "just give me the whole script", feedback: ["pace=complete"] },
  { text: "the whole thing crashed", notFeedback: ["pace=complete"] },
  // ask
  { text: "just answer", feedback: ["ask=false"] },
  { text: "stop asking me questions", feedback: ["ask=false"] },
  { text: "use your best judgment", feedback: ["ask=false"] },
  { text: "ask me first if anything's unclear", feedback: ["ask=true"] },
  { text: "don't assume, check with me", feedback: ["ask=true"] },
  // challenge
  { text: "you're just agreeing with me", feedback: ["challenge=true"] },
  { text: "poke holes in this plan", feedback: ["challenge=true"] },
  { text: "be brutally honest", feedback: ["challenge=true"] },
  { text: "I didn't ask for a debate", feedback: ["challenge=false"], notFeedback: ["challenge=true"] },
  { text: "I didn't ask for a critique", feedback: ["challenge=false"], notFeedback: ["challenge=true"] },
  { text: "spare me the lecture", feedback: ["challenge=false"] },
  { text: "to be honest I'm not sure", notFeedback: ["challenge=true"] },
  // explore
  { text: "what else?", feedback: ["explore=true"] },
  { text: "any other options?", feedback: ["explore=true"] },
  { text: "brainstorm some alternatives", feedback: ["explore=true"] },
  { text: "stay on topic", feedback: ["explore=false"] },
  { text: "back to my question though", feedback: ["explore=false"] },
  { text: "no alternatives, just tell me which one", feedback: ["explore=false"], notFeedback: ["explore=true"] },
  { text: "I don't need other options", feedback: ["explore=false"], notFeedback: ["explore=true"] },
];

const DIRECTIVES: Case[] = [
  { text: "from now on, no bullet points", directive: ["structure=prose", "persistent"] },
  { text: "going forward please skip the basics", directive: ["depth=expert", "persistent"] },
  { text: "keep it short for the rest of this chat", directive: ["length=brief", "session"] },
  { text: "stop asking clarifying questions", directive: ["ask=false", "session"] },
  { text: "just this once, give me the whole script", directive: ["pace=complete", "turn"] },
  { text: "could you slow down a bit", directive: ["pace=one-step", "turn"] },
  { text: "what else?", noDirective: true },
];

const INTENTS: Case[] = [
  { text: "let's brainstorm names for the new billing service", intents: ["explore"] },
  { text: "just spitballing here, what if we cached at the edge", intents: ["explore"] },
  { text: "torn between postgres and mongo for this", intents: ["decide"] },
  { text: "should we go with kafka or rabbitmq", intents: ["decide"] },
  { text: "what would you pick if you were me", intents: ["decide"] },
  { text: "how do I get my manager to sign off on a rewrite", intents: ["persuade"] },
  { text: "help me make the case for typescript to the team", intents: ["persuade"] },
  { text: "I need talking points to win them over", intents: ["persuade"] },
  { text: "I'm stuck and don't know where to go from here", intents: ["unstuck"] },
  { text: "can you point me in the right direction", intents: ["unstuck"] },
  { text: "help me wrap my head around monads", intents: ["learn"] },
  { text: "draft a cover letter for this role", intents: ["create"] },
  { text: "it keeps crashing on startup", intents: ["debug"] },
  { text: "the endpoint returns null for some users", intents: ["debug"] },
  { text: "hey! how's your day going", intents: ["chat"] },
  { text: "the whole thing works now", notIntents: ["chat", "persuade"] },
];

const SELF: Case[] = [
  { text: "total beginner with docker here", self: "novice" },
  { text: "I'm not a tech person, sorry", self: "novice" },
  { text: "designer here, not a developer", self: "novice" },
  { text: "first time using kubernetes", self: "novice" },
  { text: "this is not my area at all", self: "novice" },
  { text: "I’m pretty new to this", self: "novice" },
  { text: "I'm an SRE", self: "expert" },
  { text: "I've been doing frontend for 10 years", self: "expert" },
  { text: "I'm a staff engineer on the platform team", self: "expert" },
  { text: "I know postgres inside out", self: "expert" },
  { text: "15+ years of experience with distributed systems", self: "expert" },
  { text: "it never used to do that", self: "none" },
  { text: "this is not a dev environment", self: "none" },
  { text: "I'm starting to think it's DNS", self: "none" },
];

describe("perceive reads how people phrase things", () => {
  it.each(STATES)("state: $text", check);
  it.each(FEEDBACK)("feedback: $text", check);
  it.each(DIRECTIVES)("directive: $text", check);
  it.each(INTENTS)("intent: $text", check);
  it.each(SELF)("self-description: $text", check);

  it("reads engagement as a state of its own", () => {
    expect(stateKeys(perceive("ooh interesting, tell me more"))).toContain("engaged");
    expect(stateKeys(perceive("fix the login bug"))).not.toContain("engaged");
  });

  it("never turns confusion into a standing instruction", () => {
    const p = perceive("Huh, never thought of it that way. I work with this every day, just wondering about pools");
    expect(p.directives).toEqual([]);
    expect(stateKeys(p)).not.toContain("confused");
    const lost = perceive("you lost me, please keep going");
    expect(feedbackKeys(lost)).toContain("depth=overview");
    expect(lost.directives.map((d) => d.key)).not.toContain("depth=overview");
  });

  it.each([
    ["changing DNS servers makes your internet faster, right?", true],
    ["I'm pretty sure JWTs are always more secure than sessions", true],
    ["fine-tuning is always better than retrieval, no?", true],
    ["I'd argue more threads always means faster code", true],
    ["I read that you should never commit directly to main", true],
    ["a consultant told us to use a mutex. is that right?", false],
    ["is that actually true?", false],
    ["why are developers always talking about branches?", false],
    ["I read that three times and still don't get it", false],
    ["how do memory barriers make lock-free code correct?", false],
  ])("claim: %s", (text, claim) => {
    expect(perceive(text).claim).toBe(claim);
  });

  it("reads questions that check a newcomer's picture as definitional", () => {
    for (const text of [
      "is a git commit the same thing as saving the file?",
      "I keep seeing pods everywhere, what is it",
    ]) {
      const p = perceive(text);
      expect(p.signals.some((s) => s.signal === "definitional-question")).toBe(true);
    }
  });

  it("reads curly apostrophes like straight ones", () => {
    expect(feedbackKeys(perceive("don’t dumb it down"))).toContain("depth=expert");
    expect(perceive("don’t dumb it down").feedback[0]?.excerpt).toBe("don’t dumb it down");
  });
});

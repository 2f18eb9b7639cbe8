import type { Dimension } from "@attune/model";
import type { DirectiveScope, IntentName, StateName } from "./dimensions.js";
import { sharedVocabulary, tokenize, type Vocabulary } from "./vocabulary.js";

/** One cue found in a message, before it is weighed as evidence about a belief. */
export interface Signal {
  signal: string;
  dimension: Dimension;
  key: string;
  /** Log-likelihood-ratio-like strength; negative contradicts `key`. */
  weight: number;
  excerpt: string;
}

/** Knowledge key for what a person says about their expertise in general. */
export const GENERAL_TOPIC = "general";

/** Plan dimensions a reaction can be about. */
export type FeedbackTarget =
  | "length"
  | "depth"
  | "examples"
  | "structure"
  | "tone"
  | "pace"
  | "ask"
  | "challenge"
  | "explore";

/** What the person said about the previous reply: which way one plan dimension should have gone. */
export interface Feedback {
  target: FeedbackTarget;
  /** The value the person asked for (e.g. `brief`, `expert`, `true`). */
  wants: string;
  excerpt: string;
}

/** An explicit instruction about how to answer, with its scope. */
export interface Directive {
  /** Stable key, e.g. `length=brief`. */
  key: string;
  target: FeedbackTarget;
  value: string;
  scope: DirectiveScope;
  text: string;
}

export interface Perception {
  signals: Signal[];
  feedback: Feedback[];
  directives: Directive[];
  /** Topics shown by the person's own words (pasted/quoted text excluded), with the terms that showed them. */
  topics: Map<string, string[]>;
  /** Topics that appeared only in pasted or quoted text. */
  pastedTopics: string[];
  pasted: boolean;
  /** Cue-based reading of how the previous reply landed, −1..1, when the text says so. */
  satisfaction: number | undefined;
  wordCount: number;
  questions: number;
  /** The person's own words (quotes and code removed), for learned readers. */
  own: string;
  /** Lowercase word tokens of `own`. */
  tokens: string[];
}

/** Splits a message into the person's own words and what they pasted or quoted. */
export function ownWords(text: string): { own: string; pasted: string } {
  const pastedParts: string[] = [];
  const withoutFences = text.replace(/```[\s\S]*?(?:```|$)/g, (block) => {
    pastedParts.push(block);
    return " ";
  });
  const ownLines: string[] = [];
  for (const line of withoutFences.split("\n")) {
    // Quoted lines, indented code, stack frames and shell prompts are someone else's words or output.
    if (/^\s*>/.test(line) || /^( {4}|\t)\S/.test(line) || /^\s*(at \S+ \(|\$ |Traceback|File ")/.test(line)) {
      pastedParts.push(line);
    } else {
      ownLines.push(line);
    }
  }
  // Inline quotes of someone else ("he said: '…'") are relayed, not authored.
  const own = ownLines.join("\n").replace(/\b(?:said|says|wrote|writes|asked)[:,]?\s*["“][^"”]{8,}["”]/gi, (m) => {
    pastedParts.push(m);
    return " ";
  });
  return { own, pasted: pastedParts.join("\n") };
}

// Cue patterns are written in lowercase and run on lowercased text: case-sensitive matching is
// markedly faster in V8 than the `i` flag, and the fast path has a 0.2 ms budget.
const re = (source: string, flags = "") => new RegExp(source, flags);

const CUES = {
  definitional: re(
    String.raw`\b(what(?:'s| is| are| does| do you mean by)|wtf is|define|meaning of|never heard of|new to|eli5|explain what|what the heck is|whats? an?)\b`,
  ),
  hedge: re(
    String.raw`\b(i think|i guess|maybe|not sure|probably|kind of|sort of|i believe|if i understand|iirc|might be)\b`,
  ),
  confused: re(
    String.raw`\b(confus\w*|lost me|i'?m lost|(?:don'?t|do not|didn'?t) (?:get|understand|follow)|doesn'?t make sense|makes no sense|over my head|no idea what|what do you mean|huh|i'?m not following|head is spinning|clear as mud)\b|\?\?+|wait,? what`,
  ),
  rushed: re(
    String.raw`\b(asap|urgent\w*|quick(?:ly)?|hurry|deadline|right now|in a rush|no time|short on time|running late|need (?:this|it) (?:now|today|fast)|demo in|meeting in|in \d+ ?(?:min|mins|minutes)|time-?sensitive|fast)\b`,
  ),
  frustrated: re(
    String.raw`\b(ugh+|argh+|still (?:broken|failing|not working|wrong)|(?:doesn'?t|does not|isn'?t|not) work(?:ing)?|annoy\w*|frustrat\w*|wtf|ffs|sick of|fed up|driving me (?:crazy|nuts)|for the \w+ time|again\?!|useless)\b|!{2,}`,
  ),
  playful: re(
    String.raw`\b(lol+|haha\w*|hehe\w*|lmao|rofl|jk|kidding)\b|[\u{1F600}-\u{1F64F}\u{1F923}\u{1F60E}\u{1F61C}]|:-?[)dp]|;-?\)|xd`,
    "u",
  ),
  skeptical: re(
    String.raw`\b(are you sure|i doubt|not convinced|that'?s (?:wrong|not right|incorrect)|source\??|citation|really\?|i don'?t (?:think|buy) (?:so|that)|sounds off|hmm+|that can'?t be right|prove it)\b`,
  ),
  thanks: re(
    String.raw`\b(thanks|thank you|thx|ty|got it|makes sense|perfect|great|awesome|nice|exactly|brilliant|helpful|that helps|that works|that did it|spot on|love it|clear now|cool)\b|👍|🙏|🎉`,
  ),
  negative: re(
    String.raw`\b(wrong|not what i (?:asked|meant|wanted)|useless|doesn'?t help|didn'?t help|not helpful|you (?:missed|misunderstood|ignored)|that'?s not it|no,? that|nope|irrelevant|off[- ]topic|waste of time|not really)\b`,
  ),
  correction: re(
    String.raw`\b(actually,|no,? (?:it|that|the)|that'?s (?:wrong|incorrect|not right)|you'?re wrong|correction:|it'?s not \w+,? it'?s)\b`,
  ),
  persistent: re(
    String.raw`\b(from now on|always|in (?:the )?future|going forward|every time|for all (?:future )?answers|by default|never again|in general)\b`,
  ),
  turnScope: re(String.raw`\b(this time|for this (?:one|answer|question)|just (?:this|now)|for now|right now)\b`),
  // Standing instructions (as opposed to a request about the next reply) last the session.
  sessionScope: re(
    String.raw`\b(for (?:this|the rest of (?:this|the)) (?:conversation|chat|session)|today|keep (?:it|them|answers|things|replies)|stop \w+ing|no more|don'?t (?:ever )?\w+|quit \w+ing|please (?:be|use|keep|give)|i (?:prefer|like|want|need) (?:my )?(?:answers|replies|responses|it|things))\b`,
  ),
} as const;

/** Feedback cues: the person's reaction aimed at one plan dimension. Order matters only for excerpts. */
const FEEDBACK: [FeedbackTarget, string, RegExp][] = [
  [
    "length",
    "brief",
    re(
      String.raw`\b(too long|too wordy|wall of text|tl;?dr|shorter|more concise|less verbose|cut (?:it|to the chase)|get to the point|just the answer|too much (?:text|detail|info)|keep it (?:short|brief|tight)|be (?:brief|concise|short)|in a (?:sentence|nutshell)|one-liner|briefly)\b`,
    ),
  ],
  [
    "length",
    "thorough",
    re(
      String.raw`\b(more detail\w*|(?:go )?into (?:more )?detail|in detail|detailed|elaborate|go deeper|in depth|in-depth|thorough\w*|expand on|tell me more|that'?s it\?|too short|too brief|full explanation|explain (?:everything|fully|in detail)|walk me through)\b`,
    ),
  ],
  [
    "depth",
    "expert",
    re(
      String.raw`\b(too basic|i know (?:that|this|what)|skip the basics|obviously|i'?m (?:an expert|familiar|experienced)|don'?t dumb it down|assume i know|technical (?:terms|details|language) (?:please|are fine)|be more technical|under the hood|nitty[- ]gritty)\b`,
    ),
  ],
  [
    "depth",
    "overview",
    re(
      String.raw`\b(over my head|too technical|too advanced|too complex|simpler|simplify|plain (?:english|language|words)|layman'?s terms|like i'?m (?:five|5|a beginner|new)|eli5|less jargon|dumb(?:ed)? (?:it )?down|in simple terms|big picture)\b`,
    ),
  ],
  [
    "examples",
    "concrete-first",
    re(
      String.raw`\b(example|for instance|show me|concrete(?:ly)?|a demo|real[- ]world case|sample code|illustrate|use case)\b`,
    ),
  ],
  [
    "examples",
    "theory-first",
    re(
      String.raw`\b(why does (?:it|this|that) work|underlying (?:principle|theory|idea)|the theory|first principles|intuition behind|the math behind|conceptually)\b`,
    ),
  ],
  [
    "examples",
    "none",
    re(String.raw`\b(no examples|skip the examples|without examples|don'?t need (?:an )?examples?)\b`),
  ],
  [
    "structure",
    "steps",
    re(String.raw`\b(step[- ]by[- ]step|steps|numbered|checklist|in order|one thing at a time)\b`),
  ],
  ["structure", "bullets", re(String.raw`\b(bullet(?:s| points)?|list form|as a list|key points)\b`)],
  [
    "structure",
    "code-first",
    re(String.raw`\b(just (?:the|show me the) code|code first|show (?:me )?the code|snippet)\b`),
  ],
  [
    "pace",
    "one-step",
    re(String.raw`\b(slow down|one (?:step|thing) at a time|too (?:much|fast) at once|bit by bit|piece by piece)\b`),
  ],
  [
    "pace",
    "complete",
    re(
      String.raw`\b(all at once|the whole thing|everything at once|full solution|complete (?:answer|solution)|don'?t hold back)\b`,
    ),
  ],
  [
    "ask",
    "false",
    re(String.raw`\b(stop asking|don'?t ask|no (?:more )?questions|just answer|quit asking|enough questions)\b`),
  ],
  ["ask", "true", re(String.raw`\b(ask me (?:first|if)|check with me|clarify first|ask (?:before|clarifying))\b`)],
  [
    "challenge",
    "true",
    re(
      String.raw`\b(push back|challenge me|poke holes|devil'?s advocate|be critical|tell me if i'?m wrong|play devil|stress[- ]test|what am i missing)\b`,
    ),
  ],
  [
    "challenge",
    "false",
    re(
      String.raw`\b(didn'?t ask for (?:critique|criticism|your opinion)|don'?t (?:argue|lecture|question my)|just do (?:it|what i asked)|not looking for (?:feedback|critique))\b`,
    ),
  ],
  [
    "explore",
    "true",
    re(
      String.raw`\b(other (?:ideas|options|ways|approaches)|alternatives?|what else|brainstorm|surprise me|any other|broaden|outside the box|what if)\b`,
    ),
  ],
  [
    "explore",
    "false",
    re(String.raw`\b(stay (?:focused|on topic)|stick to|off[- ]topic|tangent|only (?:answer|what i asked)|focus on)\b`),
  ],
  [
    "tone",
    "precise",
    re(
      String.raw`\b(no fluff|be direct|blunt(?:ly)?|straight answer|skip the pleasantries|no small talk|just facts|matter[- ]of[- ]fact)\b`,
    ),
  ],
  [
    "tone",
    "warm",
    re(
      String.raw`\b(be (?:nice|kind|gentle|patient)|go easy|i'?m (?:nervous|anxious|stressed|overwhelmed)|encourag\w*)\b`,
    ),
  ],
  ["tone", "playful", re(String.raw`\b(lighten up|less formal|more fun|be funny|crack a joke|loosen up)\b`)],
];

/** A directive needs an instruction shape: an imperative, "please", "I want/prefer", or a scope phrase. */
const INSTRUCTION = re(
  String.raw`\b(please|pls|plz|i (?:want|need|prefer|like|'?d like|would like)|can you|could you|keep|be|give me|use|skip|stop|don'?t|no more|just|make (?:it|them)|always|never|from now on|going forward)\b`,
);

const SELF_NOVICE = re(
  String.raw`\b(?:i'?m|i am) (?:not (?:an? )?(?:expert|specialist|pro)|(?:pretty |very |totally |completely )?new|a (?:total |complete )?(?:beginner|newbie|novice|noob)|not (?:familiar|technical|a (?:developer|programmer|tech person))|no expert)\b|\b(?:total|complete|absolute) (?:beginner|newbie|noob)\b|\bnot (?:very |that )?technical\b|\b(?:i )?(?:don'?t|do not) know (?:much|anything) about\b|\bnever (?:used|worked with|touched)\b`,
);
const SELF_EXPERT = re(
  String.raw`\b(?:i'?m|i am) (?:an? )?(?:expert|specialist|senior|staff|principal|maintainer|veteran)\b|\bi (?:work on|maintain|built|wrote|designed|teach|lecture on) \w+|\bi know \w+(?: \w+)? (?:well|inside out)\b|\b\d+ years (?:of|in|with|doing)\b`,
);

const INTENT_CUES: [IntentName, RegExp][] = [
  [
    "debug",
    re(
      String.raw`\b(error|bug|stack ?trace|exception|crash\w*|fails?|failing|failed|broken|debug\w*|fix|not working|doesn'?t work|throws|segfault|regression|why is (?:it|this|my) \w+ing)\b`,
    ),
  ],
  [
    "learn",
    re(
      String.raw`\b(explain|understand|learn\w*|teach|how does|why does|what is|what are|how do \w+ work|curious|tutorial|intro to|basics of)\b`,
    ),
  ],
  [
    "decide",
    re(
      String.raw`\b(should (?:i|we)|which (?:one|is better|should)|\bvs\.?\b|versus|choose|pick|trade-?offs?|worth it|pros and cons|compare|better option|go with)\b`,
    ),
  ],
  ["create", re(String.raw`\b(write|build|draft|generate|create|design|implement|make me|compose|set up|scaffold)\b`)],
  [
    "explore",
    re(
      String.raw`\b(ideas?|brainstorm|what if|possibilities|alternatives|explore|wondering|could we|thoughts on|open question)\b`,
    ),
  ],
  [
    "persuade",
    re(
      String.raw`\b(convince|persuade|pitch|argue|make the case|talking points|win (?:them|over)|buy-?in|sell (?:it|this) to)\b`,
    ),
  ],
  [
    "unstuck",
    re(
      String.raw`\b(stuck|blocked|no idea (?:how|where)|can'?t figure|going in circles|hit a wall|where do i (?:even )?start|spinning my wheels)\b`,
    ),
  ],
  ["chat", re(String.raw`^\s*(hi|hello|hey|yo|good (?:morning|evening|afternoon)|how are you|what'?s up|sup)\b`)],
];

/** Global twins of the state regexes, compiled once, for counting markers. */
const GLOBAL = new Map<RegExp, RegExp>();

function excerptOf(text: string, match: RegExpExecArray | null): string {
  if (!match) return text.slice(0, 80).trim();
  const start = Math.max(0, match.index - 30);
  return text.slice(start, match.index + match[0].length + 30).trim();
}

/**
 * The fast path's perception: deterministic cues from the person's own words. Pasted, quoted and
 * relayed text never counts as the person's mastery, and a single mood is only a state.
 */
export function perceive(text: string, options: { vocabulary?: Vocabulary } = {}): Perception {
  const vocabulary = options.vocabulary ?? sharedVocabulary;
  const { own, pasted } = ownWords(text);
  const ownTokens = tokenize(own);
  const topics = vocabulary.match(ownTokens);
  const pastedTopics = pasted ? [...vocabulary.match(tokenize(pasted)).keys()].filter((t) => !topics.has(t)) : [];
  const signals: Signal[] = [];
  const add = (signal: string, dimension: Dimension, key: string, weight: number, m: RegExpExecArray | null) =>
    signals.push({ signal, dimension, key, weight, excerpt: excerptOf(own, m) });
  const lower = own.toLowerCase();
  const exec = (r: RegExp) => r.exec(lower);

  const definitional = exec(CUES.definitional);
  const hedged = exec(CUES.hedge);
  const novice = exec(SELF_NOVICE);
  const expert = exec(SELF_EXPERT);
  for (const [topic, terms] of topics) {
    const at = lower.indexOf(terms[0] ?? "");
    const m =
      at >= 0
        ? (Object.assign([own.slice(at, at + (terms[0]?.length ?? 0))], {
            index: at,
            input: own,
          }) as unknown as RegExpExecArray)
        : null;
    // A person's statement about themselves is directive-strength; asking what a term means shows the
    // opposite of mastery; using several terms fluently is stronger than one; hedges halve it.
    if (novice) add("self-report-novice", "knowledge", topic, -4, novice);
    else if (expert) add("self-report-expert", "knowledge", topic, 4, expert);
    else if (definitional) add("definitional-question", "knowledge", topic, -1.5, definitional);
    else add("technical-vocabulary", "knowledge", topic, (terms.length > 1 ? 1.5 : 1) * (hedged ? 0.5 : 1), m);
  }

  // A self-description without a recognisable topic still says something about the person overall.
  if (topics.size === 0 && novice) add("self-report-novice", "knowledge", GENERAL_TOPIC, -3, novice);
  else if (topics.size === 0 && expert) add("self-report-expert", "knowledge", GENERAL_TOPIC, 3, expert);

  const states: [StateName, RegExp, number][] = [
    ["confused", CUES.confused, 3],
    ["rushed", CUES.rushed, 2],
    ["frustrated", CUES.frustrated, 2],
    ["playful", CUES.playful, 2],
    ["skeptical", CUES.skeptical, 2],
  ];
  for (const [state, r, weight] of states) {
    if (!GLOBAL.has(r)) GLOBAL.set(r, new RegExp(r.source, `${r.flags}g`));
    const m = exec(r);
    if (!m) continue;
    // Several distinct markers ("urgent!! asap") say more than one, with diminishing returns.
    const count = Math.min(3, lower.match(GLOBAL.get(r) as RegExp)?.length ?? 1);
    add(`${state}-marker`, "state", state, weight * (1 + 0.5 * (count - 1)), m);
  }
  const thanks = exec(CUES.thanks);
  const negative = exec(CUES.negative);
  const correction = exec(CUES.correction);
  const words = ownTokens.length;
  const questions = (own.match(/\?/g) ?? []).length;
  if (thanks) add("acknowledgement", "state", "engaged", 1, thanks);
  if (correction) add("corrects-assistant", "state", "skeptical", 1.5, correction);
  if (words > 0 && words <= 3 && !thanks && questions === 0) add("terse-reply", "state", "engaged", -1, null);
  else if (words >= 25 || questions >= 2) add("elaborate-reply", "state", "engaged", 1, null);

  for (const [intent, r] of INTENT_CUES) {
    const m = exec(r);
    if (m) add("intent-cue", "intent", intent, 1.5, m);
  }
  if (pasted && /error|exception|traceback|failed|panic/i.test(pasted)) add("pasted-error", "intent", "debug", 2, null);

  const feedback: Feedback[] = [];
  for (const [target, wants, r] of FEEDBACK) {
    const m = exec(r);
    if (m && !feedback.some((f) => f.target === target)) feedback.push({ target, wants, excerpt: excerptOf(own, m) });
  }
  if (exec(CUES.confused) && !feedback.some((f) => f.target === "depth")) {
    feedback.push({ target: "depth", wants: "overview", excerpt: excerptOf(own, exec(CUES.confused)) });
  }

  const directives: Directive[] = [];
  if (feedback.length > 0 && INSTRUCTION.test(lower)) {
    const scope: DirectiveScope = CUES.persistent.test(lower)
      ? "persistent"
      : CUES.turnScope.test(lower) || !CUES.sessionScope.test(lower)
        ? "turn"
        : "session";
    for (const f of feedback) {
      // "example" inside a question ("an example of X?") is a request, not a standing instruction.
      if (f.target === "examples" && f.wants === "concrete-first" && scope !== "persistent") continue;
      directives.push({ key: `${f.target}=${f.wants}`, target: f.target, value: f.wants, scope, text: f.excerpt });
      add(`directive-${scope}`, "directive", `${f.target}=${f.wants}`, 4, null);
    }
  }

  let satisfaction: number | undefined;
  const positive = thanks ? 1 : 0;
  const negativeCues = (negative ? 1 : 0) + (correction ? 1 : 0) + (exec(CUES.frustrated) ? 0.5 : 0);
  const complaints = feedback.filter((f) => f.target === "length" || f.target === "depth").length;
  if (positive || negativeCues || complaints) {
    satisfaction = Math.max(-1, Math.min(1, 0.7 * positive - 0.6 * negativeCues - 0.35 * complaints));
  }

  return {
    signals,
    feedback,
    directives,
    topics,
    pastedTopics,
    pasted: pasted.length > 0,
    satisfaction,
    wordCount: words,
    questions,
    own,
    tokens: ownTokens,
  };
}

/** Signals only (the evidence part of `perceive`), for callers that need nothing else. */
export function extractSignals(text: string): Signal[] {
  return perceive(text).signals;
}

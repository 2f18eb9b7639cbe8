import type { Dimension } from "@attune/model";

/** One cue found in a message, before it is weighed as evidence. */
export interface Signal {
  signal: string;
  dimension: Dimension;
  key: string;
  /** Log-likelihood-ratio-like strength; negative contradicts `key`. */
  weight: number;
  excerpt: string;
}

/**
 * Seed vocabulary: term → topic. Terms are matched on word boundaries, case-insensitively. The mind
 * engine issue replaces this with a vocabulary that grows from what people say.
 */
const TERMS: Record<string, string> = {
  "kv cache": "llm-inference",
  "kv-cache": "llm-inference",
  quantization: "llm-inference",
  "latency budget": "performance",
  p99: "performance",
  throughput: "performance",
  lora: "fine-tuning",
  qlora: "fine-tuning",
  "fine-tune": "fine-tuning",
  "learning rate": "machine-learning",
  "gradient descent": "machine-learning",
  backprop: "machine-learning",
  embedding: "machine-learning",
  embeddings: "machine-learning",
  transformer: "machine-learning",
  attention: "machine-learning",
  kubernetes: "infrastructure",
  k8s: "infrastructure",
  terraform: "infrastructure",
  docker: "infrastructure",
  "load balancer": "infrastructure",
  idempotent: "distributed-systems",
  idempotency: "distributed-systems",
  consensus: "distributed-systems",
  raft: "distributed-systems",
  "eventual consistency": "distributed-systems",
  sharding: "databases",
  index: "databases",
  "foreign key": "databases",
  cypher: "databases",
  sql: "databases",
  "b-tree": "databases",
  typescript: "programming",
  generics: "programming",
  closure: "programming",
  "race condition": "programming",
  mutex: "programming",
  regex: "programming",
  "big-o": "algorithms",
  "dynamic programming": "algorithms",
  recursion: "algorithms",
  "hash map": "algorithms",
};

const TERM_PATTERNS = Object.entries(TERMS).map(([term, topic]) => ({
  topic,
  term,
  re: new RegExp(`(?<![\\w-])${term.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?![\\w-])`, "i"),
}));

const DEFINITION = /\b(what(?:'s| is| are| does)|what do you mean by|define|meaning of|never heard of)\b/i;
const CONFUSION =
  /\b(confus\w*|lost me|don'?t (?:get|understand)|doesn'?t make sense|makes no sense|what do you mean|i'?m lost|huh)\b|\?\?+|wait,? what/i;
const URGENCY = /\b(asap|urgent\w*|quick(?:ly)?|hurry|deadline|right now|in a rush|no time|fast)\b/i;
const FRUSTRATION =
  /\b(ugh|argh|still (?:broken|failing|not working)|doesn'?t work|not working|annoy\w*|frustrat\w*|wtf)\b|!!+/i;
const LAUGHTER = /\b(lol|haha\w*|lmao|rofl)\b|[\u{1F600}-\u{1F64F}\u{1F923}]|:-?\)|;-?\)/u;
const THANKS = /\b(thanks|thank you|got it|makes sense|perfect|great|awesome|nice)\b/i;
const SKEPTIC = /\b(are you sure|i doubt|not convinced|that'?s wrong|source\?|really\?|i don'?t think so)\b/i;
const BREVITY = /\b(be (?:brief|concise|short)|keep it short|tl;?dr|shorter|less verbose|just the answer)\b/i;
const THOROUGH = /\b(in detail|in depth|thorough(?:ly)?|explain (?:everything|fully)|step by step|more detail)\b/i;
const ELI5 = /\b(like i'?m (?:five|5|a beginner)|eli5|in simple terms|plain (?:english|language))\b/i;
const PERSISTENT = /\b(from now on|always|in future|going forward|every time)\b/i;

const INTENTS: [string, RegExp][] = [
  ["debug", /\b(error|bug|stack ?trace|exception|crash\w*|fails?|failing|broken|debug\w*|fix)\b/i],
  ["learn", /\b(explain|understand|learn\w*|teach|how does|why does|what is)\b/i],
  ["decide", /\b(should i|which (?:one|is better)|vs\.?|versus|choose|pick|trade-?offs?|worth it)\b/i],
  ["create", /\b(write|build|draft|generate|create|design|implement)\b/i],
  ["explore", /\b(ideas?|brainstorm|what if|possibilities|alternatives|explore)\b/i],
  ["persuade", /\b(convince|persuade|pitch|argue|make the case)\b/i],
  ["unstuck", /\b(stuck|blocked|no idea how|can'?t figure)\b/i],
  ["chat", /^(hi|hello|hey|yo|good (?:morning|evening))\b/i],
];

/** Removes text the person did not author themselves: fenced or indented code and quoted lines. */
export function ownWords(text: string): { own: string; pasted: boolean } {
  let pasted = false;
  const withoutFences = text.replace(/```[\s\S]*?(```|$)/g, () => {
    pasted = true;
    return " ";
  });
  const lines = withoutFences.split("\n").filter((line) => {
    const quoted = /^\s*>/.test(line) || /^( {4}|\t)\S/.test(line);
    if (quoted) pasted = true;
    return !quoted;
  });
  return { own: lines.join("\n"), pasted };
}

function excerptOf(text: string, match: RegExpExecArray | null): string {
  if (!match) return text.slice(0, 80);
  const start = Math.max(0, match.index - 30);
  return text.slice(start, match.index + match[0].length + 30).trim();
}

/**
 * The fast path's perception: deterministic cues from the person's own words. Pasted or quoted text
 * never counts as mastery.
 */
export function extractSignals(text: string): Signal[] {
  const { own, pasted } = ownWords(text);
  const out: Signal[] = [];
  const add = (signal: string, dimension: Dimension, key: string, weight: number, m: RegExpExecArray | null) =>
    out.push({ signal, dimension, key, weight, excerpt: excerptOf(own, m) });

  const definitional = DEFINITION.exec(own);
  const topics = new Map<string, RegExpExecArray>();
  for (const { topic, re } of TERM_PATTERNS) {
    const m = re.exec(own);
    if (m && !topics.has(topic)) topics.set(topic, m);
  }
  for (const [topic, m] of topics) {
    // Asking what a term means shows the opposite of mastery.
    if (definitional) add("definitional-question", "knowledge", topic, -1.5, m);
    else add("technical-vocabulary", "knowledge", topic, 1, m);
  }

  const states: [string, RegExp, number][] = [
    // Saying so outright ("I'm confused") is about as strong as a state cue gets.
    ["confused", CONFUSION, 3],
    ["rushed", URGENCY, 1.5],
    ["frustrated", FRUSTRATION, 1.5],
    ["playful", LAUGHTER, 1.5],
    ["skeptical", SKEPTIC, 1.5],
  ];
  for (const [state, re, weight] of states) {
    const m = re.exec(own);
    if (!m) continue;
    // Several distinct markers ("urgent!! asap") are stronger evidence than one, with diminishing returns.
    const count = Math.min(3, own.match(new RegExp(re.source, `${re.flags}g`))?.length ?? 1);
    add(`${state}-marker`, "state", state, weight * (1 + 0.5 * (count - 1)), m);
  }
  const thanks = THANKS.exec(own);
  if (thanks) add("acknowledgement", "state", "engaged", 1, thanks);
  if (own.trim().split(/\s+/).length <= 3 && !thanks) add("terse-reply", "state", "engaged", -0.5, null);

  for (const [intent, re] of INTENTS) {
    const m = re.exec(own);
    if (m) add("intent-cue", "intent", intent, 1, m);
  }

  const persistent = PERSISTENT.test(own);
  const directive = (key: string, m: RegExpExecArray | null) =>
    add(persistent ? "directive-persistent" : "directive-session", "directive", key, 3, m);
  const brevity = BREVITY.exec(own);
  if (brevity) directive("brief", brevity);
  const thorough = THOROUGH.exec(own);
  if (thorough) directive("thorough", thorough);
  const eli5 = ELI5.exec(own);
  if (eli5) directive("simple", eli5);

  if (pasted) add("pasted-content", "intent", "debug", 0.5, null);
  return out;
}

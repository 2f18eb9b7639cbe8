import {
  HYPOTHESIS_DIMENSION,
  type Hypothesis,
  INTENTS,
  PREFERENCES,
  parseReflection,
  type ReflectionInput,
  ReflectionSchema,
  STATES,
} from "@attune/mind";

/**
 * How a reflection's raw output fared: `valid` passed the schema as produced, `repaired` needed fixing
 * (JSON cut out of prose or closed after truncation, numbers coerced, hypotheses dropped) but kept at
 * least one hypothesis, `rejected` kept none.
 */
export type ReflectionStatus = "valid" | "repaired" | "rejected";

export type ReadReflection =
  | { status: "valid" | "repaired"; hypotheses: Hypothesis[]; dropped: number }
  | { status: "rejected"; hypotheses: []; dropped: number; error: string };

export interface ReadReflectionOptions {
  /** What the reflector returned: a structured object, or text from a model without structured output. */
  raw: unknown;
  /** The conversation the reflection read; hypotheses with nothing in it to stand on are dropped. */
  transcript: ReflectionInput["transcript"];
  /** Topics the mind already holds knowledge about (a knowledge hypothesis about one is grounded). */
  knownTopics?: readonly string[];
  /** Keys of the prompt's worked example: a small model copies them verbatim, and they are dropped. */
  exampleKeys?: readonly string[];
  /** At most this many hypotheses survive. @default 3 */
  maxHypotheses?: number;
}

/**
 * Kinds whose key is free text get their own namespace: a misconception keyed "lora" must not read as
 * "knows LoRA well" (the mind stores a misconception as a knowledge belief that it is held).
 */
const NAMESPACED = new Set<Hypothesis["kind"]>(["goal", "misconception", "relationship"]);

/** Kinds whose key must name one of the mind's fixed dimensions, or the belief would never be read. */
const FIXED_KEYS: Partial<Record<Hypothesis["kind"], ReadonlySet<string>>> = {
  state: new Set(STATES),
  intent: new Set(INTENTS),
  preference: new Set(PREFERENCES),
};

/** Keys a small model fills in when it has nothing to say. */
const GENERIC_KEYS = new Set([
  ...Object.keys(HYPOTHESIS_DIMENSION),
  ..."wrong correct true false yes no none unknown not sure understand know learn error question answer".split(" "),
]);

const STOPWORDS = new Set(
  "the and for with that this what why how not are was were has have had but you your they them their its can could should would will into from about more less than then when does did just very much like thinks think thought wants want believes believe too also any all get got".split(
    " ",
  ),
);

const words = (text: string) =>
  text
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length >= 3 && !STOPWORDS.has(w));

/**
 * Validates a reflector's raw output: cuts JSON out of prose (closing it when the model ran out of
 * tokens), runs `parseReflection` (the mind's repair-or-reject), then keeps only hypotheses a mind
 * can use: a state, intent or preference must name a real one and give a reason found in the
 * person's words; free-text kinds are namespaced (`misconception:…`) and at least half of their
 * words (and every number) must be the person's own; copies of the prompt's example and duplicates
 * are dropped. Never throws.
 *
 * @example
 * const read = readReflection({ raw: '```json\n{"hypotheses":[…]}\n```', transcript });
 * if (read.status !== "rejected") mind.mergeHypotheses({ hypotheses: read.hypotheses, messageId: "m8" });
 */
export function readReflection(options: ReadReflectionOptions): ReadReflection {
  try {
    return read(options);
  } catch (error) {
    // parseReflection never throws; this guards against exotic inputs (getters, proxies) all the same.
    return { status: "rejected", hypotheses: [], dropped: 0, error: `unreadable output: ${(error as Error).message}` };
  }
}

function read(options: ReadReflectionOptions): ReadReflection {
  const max = options.maxHypotheses ?? 3;
  let raw = options.raw;
  let repaired = false;
  if (typeof raw === "string") {
    const strict = tryJSON(raw.trim());
    if (strict !== undefined) raw = strict;
    else {
      const extracted = extractJSON(raw);
      if (extracted !== undefined) {
        raw = extracted;
        repaired = true;
      }
    }
  }
  if (!ReflectionSchema.safeParse(raw).success) repaired = true;
  const parsed = parseReflection(raw);
  if (!parsed.ok) return { status: "rejected", hypotheses: [], dropped: 0, error: parsed.error };

  const stems = new Set(
    options.transcript.filter((m) => m.role === "user").flatMap((m) => words(m.text).map((w) => w.slice(0, 4))),
  );
  const numbers = new Set(
    options.transcript.filter((m) => m.role === "user").flatMap((m) => m.text.match(/\d+(?:\.\d+)?/g) ?? []),
  );
  // At least half of a free-text key's words must be the person's own, and every number in it: what
  // a small model makes up (or carries over from the prompt) mostly is not.
  const grounded = (text: string) => {
    const ws = words(text);
    return (
      ws.length > 0 &&
      ws.filter((w) => stems.has(w.slice(0, 4))).length * 2 >= ws.length &&
      (text.match(/\d+(?:\.\d+)?/g) ?? []).every((n) => numbers.has(n))
    );
  };
  const mentioned = (text: string) => words(text).some((w) => stems.has(w.slice(0, 4)));
  const topics = new Set(options.knownTopics ?? []);
  const examples = new Set((options.exampleKeys ?? []).map((k) => k.toLowerCase()));
  const seen = new Set<string>();
  const kept: Hypothesis[] = [];
  let dropped = parsed.dropped;
  for (const h of parsed.hypotheses) {
    const fixed = FIXED_KEYS[h.kind];
    const bare = h.key.replace(new RegExp(`^${h.kind}:\\s*`), "");
    const key = NAMESPACED.has(h.kind) ? `${h.kind}:${bare}`.slice(0, 200) : bare;
    const ok =
      bare.length > 0 &&
      !examples.has(bare) &&
      !GENERIC_KEYS.has(bare) &&
      // A state, intent or preference needs a reason the person gave; a free-text key is its own.
      (fixed ? fixed.has(bare) && mentioned(h.rationale) : topics.has(bare) || grounded(bare)) &&
      !seen.has(`${HYPOTHESIS_DIMENSION[h.kind]}:${key}`) &&
      kept.length < max;
    if (!ok) {
      dropped += 1;
      continue;
    }
    seen.add(`${HYPOTHESIS_DIMENSION[h.kind]}:${key}`);
    // The kind is what the model reasoned about; a dimension that contradicts it is the slip.
    kept.push({ ...h, key, dimension: HYPOTHESIS_DIMENSION[h.kind] });
  }
  if (kept.length === 0) {
    return { status: "rejected", hypotheses: [], dropped, error: `no usable hypothesis (${dropped} dropped)` };
  }
  return { status: repaired || dropped > 0 ? "repaired" : "valid", hypotheses: kept, dropped };
}

function tryJSON(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * The first JSON object or array in `text`, string-aware. When the text stops before it closes (a
 * small model hitting its token limit) or breaks mid-way, it is cut back to the last complete value
 * that parses and closed there. Unquoted or half-quoted keys (`value":0.5`) are mended on a second try.
 */
export function extractJSON(text: string): unknown {
  const found = scanJSON(text);
  if (found !== undefined) return found;
  const mended = text.replace(/([{,]\s*)"?([A-Za-z_]+)"?\s*:/g, '$1"$2":');
  return mended === text ? undefined : scanJSON(mended);
}

function scanJSON(text: string): unknown {
  const start = text.search(/[[{]/);
  if (start < 0) return undefined;
  const stack: string[] = [];
  const safe: { end: number; closers: string }[] = [];
  let inString = false;
  let escaped = false;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (escaped) escaped = false;
      else if (c === "\\") escaped = true;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') inString = true;
    else if (c === "{") stack.push("}");
    else if (c === "[") stack.push("]");
    else if (c === "}" || c === "]") {
      if (stack.pop() !== c) break;
      if (stack.length === 0) {
        const whole = tryJSON(text.slice(start, i + 1));
        if (whole !== undefined) return whole;
        break;
      }
      safe.push({ end: i + 1, closers: [...stack].reverse().join("") });
    }
  }
  for (const point of safe.reverse().slice(0, 8)) {
    const value = tryJSON(text.slice(start, point.end) + point.closers);
    if (value !== undefined) return value;
  }
  return undefined;
}

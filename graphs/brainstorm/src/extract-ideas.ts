import { attributeText } from "@attune/agents";
import { sharedVocabulary, type Vocabulary } from "@attune/mind";
import type { BrainstormMessage, Idea } from "./state.js";

/** Function words and brainstorm filler: they say nothing about what an idea is about. */
const STOP = new Set(
  (
    "a an the and or but if then so than that this these those there here it its it's is are was were be been " +
    "being am do does did done doing have has had having i me my we us our you your he him his she her they them " +
    "their what which who whom whose when where why how all any both each few more most other some such no nor " +
    "not only own same too very can could should would will shall may might must just also really maybe perhaps " +
    "let let's lets get got make made use using used try add put take go going want need like love great good " +
    "nice cool idea ideas think thought agree sounds sound yes yeah ok okay thanks thank please for from with " +
    "without into onto over under about above below to of in on at by as up down out off again further once " +
    "instead rather something anything everything thing things way ways lot lots bit one two first new"
  ).split(" "),
);

/** Verbs that report someone else's words: what follows them is relayed, not authored. */
const RELAY =
  /\b([\w'’-]+)\s+(?:said|says|wrote|writes|asked|asks|mentioned|mentions|suggested|suggests|proposed|proposes|posted|thinks|told (?:me|us))\b\s*(?:that\b|:)/i;
/** Quoted speech: someone's words, whoever types them. */
const QUOTED = /["“][^"”\n]{8,}["”]/g;
const BULLET = /^\s*(?:[-*•]|\d+[.)])\s+/;

/** Lowercase word tokens, joined the way the shared vocabulary reads them (kv-cache, ci/cd). */
export function tokenize(text: string): string[] {
  return text.toLowerCase().match(/[a-z0-9]+(?:[-_./+#][a-z0-9]+)*/g) ?? [];
}

/**
 * A light, deterministic stemmer: enough for "cache"/"caching"/"cached" and "hire"/"hires" to meet,
 * never a dictionary lookup.
 */
export function stem(word: string): string {
  let w = word.toLowerCase();
  if (w.length <= 3) return w;
  if (w.endsWith("ies") && w.length > 4) return `${w.slice(0, -3)}y`;
  if (w.endsWith("sses")) w = w.slice(0, -2);
  else if (w.endsWith("s") && !/(ss|us|is)$/.test(w)) w = w.slice(0, -1);
  if (w.endsWith("ing") && w.length > 5) w = w.slice(0, -3);
  else if (w.endsWith("ed") && w.length > 4) w = w.slice(0, -2);
  if (w.endsWith("e") && w.length > 3) w = w.slice(0, -1);
  return w;
}

/** Content terms of a text: stems of its non-filler words (in first-seen order, once each). */
export function contentTerms(text: string): string[] {
  const terms: string[] = [];
  for (const token of tokenize(text)) {
    for (const word of token.split(/[-_./+#]/)) {
      if (word.length < 3 || /^\d+$/.test(word) || STOP.has(word)) continue;
      const s = stem(word);
      if (!terms.includes(s)) terms.push(s);
    }
  }
  return terms;
}

/**
 * Splits a message into the author's own words and what they relay: quoted (`> `) lines, code,
 * quoted speech ("…") and reported speech ("Ben said: …", "Ben suggested that …") are someone
 * else's words, so they are credited to nobody — neither the author who typed them nor the person
 * they name, whose actual words are not in front of us.
 *
 * @example
 * ownWords("Ben said: drop the page\nlet's cache it"); // { own: ["", "let's cache it"], relayed: ["drop the page"] }
 */
export function ownWords(text: string): { own: string[]; relayed: string[] } {
  const relayed: string[] = [];
  const withoutCode = text.replace(/```[\s\S]*?(?:```|$)/g, (block) => {
    relayed.push(block.trim());
    return "";
  });
  const own = withoutCode.split("\n").map((line) => {
    if (/^\s*>/.test(line) || /^( {4}|\t)\S/.test(line)) {
      relayed.push(line.replace(/^\s*>\s?/, "").trim());
      return "";
    }
    let kept = line.replace(QUOTED, (q) => {
      relayed.push(q.slice(1, -1).trim());
      return " ";
    });
    const relay = RELAY.exec(kept);
    // "I said that…" and "we proposed…" are the author's own words.
    if (relay && !/^(i|we)$/i.test(relay[1] ?? "")) {
      const rest = kept.slice(relay.index + relay[0].length).trim();
      if (rest) relayed.push(rest);
      kept = kept.slice(0, relay.index);
    }
    return kept;
  });
  return { own, relayed: relayed.filter((r) => r.length > 0) };
}

/** An idea needs at least this many content terms: "+1", "great idea!" and "thanks" are not ideas. */
const MIN_TERMS = 2;

/**
 * The ideas in a brainstorm's messages, each credited to the person whose own words it is: bullet
 * and numbered lines are one idea each, other lines one idea per sentence. Agent messages yield no
 * ideas (an agent's suggestions are not a person's), and relayed text yields none either: the team
 * graph's `attributeText` marks relays first (pasted "Ben: …" transcripts, "Ben said that …" for
 * the brainstorm's members), then `ownWords` keeps the author's own words. Relayed passages are
 * returned as `relayed` for transparency.
 *
 * @example
 * const { ideas } = extractIdeas({ messages });
 * ideas[0]; // { id: "m1#1", authorId: "ada", text: "Write an onboarding guide", terms: ["writ", "onboard", "guid"], … }
 */
export function extractIdeas(options: {
  messages: readonly BrainstormMessage[];
  /** Topic lexicon for `Idea.topics`. @default the shared vocabulary */
  vocabulary?: Vocabulary;
}): { ideas: Idea[]; relayed: { messageId: string; text: string }[] } {
  const vocabulary = options.vocabulary ?? sharedVocabulary;
  const ideas: Idea[] = [];
  const relayed: { messageId: string; text: string }[] = [];
  const names = [...new Set(options.messages.map((m) => m.authorName))];
  for (const message of options.messages) {
    if (message.authorKind !== "person") continue;
    const marked = attributeText({ text: message.text, names: names.filter((n) => n !== message.authorName) }).text;
    const words = ownWords(marked);
    for (const text of words.relayed) relayed.push({ messageId: message.id, text });
    // Chat lines are separate thoughts: a bullet is one idea, any other line one idea per sentence.
    const units = words.own.flatMap((line) =>
      BULLET.test(line) ? [line.replace(BULLET, "")] : line.trim().split(/(?<=[.!?])\s+/),
    );
    let n = 0;
    for (const unit of units) {
      const text = unit.replace(/\s+/g, " ").trim();
      const terms = contentTerms(text);
      if (terms.length < MIN_TERMS) continue;
      n += 1;
      ideas.push({
        id: `${message.id}#${n}`,
        messageId: message.id,
        authorId: message.authorId,
        authorName: message.authorName,
        text,
        terms,
        topics: [...vocabulary.match(tokenize(text)).keys()].sort(),
      });
    }
  }
  return { ideas, relayed };
}

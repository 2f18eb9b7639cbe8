/**
 * Parser for ToMi (Le et al., EMNLP 2019; facebookresearch/ToMi) in its bAbI form: numbered lines, a
 * story restarts at line 1, and each story ends in one question line `text<TAB>answer<TAB>support`
 * (the support column is always 1 and unused). Each question has one line in the matching `.trace`
 * file: the generator's steps, the question type and the story type.
 */

export type TomiSentence =
  | { kind: "enter"; actor: string; place: string }
  | { kind: "exit"; actor: string; place: string }
  /** "The potato is in the box." — the narrator states where an item starts; no actor, no room named. */
  | { kind: "placed"; item: string; container: string }
  | { kind: "move"; actor: string; item: string; container: string }
  /** "Ella likes the crawlspace" — a distractor: says nothing about who saw what. */
  | { kind: "opinion"; actor: string; verb: string; thing: string };

export type TomiQuestion =
  | { kind: "memory"; item: string }
  | { kind: "reality"; item: string }
  | { kind: "first_order"; actor: string; item: string }
  | { kind: "second_order"; actor: string; about: string; item: string };

export type TomiStoryType = "true_belief" | "false_belief" | "second_order_false_belief";

export interface TomiTrace {
  /** The generator's steps, e.g. `agent_1_exits`, `agent_0_moves_obj`. */
  readonly steps: readonly string[];
  /** `memory`, `reality`, `first_order_0_tom`, `second_order_1_no_tom`, … */
  readonly questionType: string;
  readonly storyType: TomiStoryType;
}

export interface TomiStory {
  /** 1-based line of the question in the `.txt` file, for error reports. */
  readonly line: number;
  readonly sentences: readonly TomiSentence[];
  readonly question: TomiQuestion;
  readonly answer: string;
  readonly trace?: TomiTrace;
}

const W = "([A-Za-z0-9_]+)";
const SENTENCES: [RegExp, (m: RegExpExecArray) => TomiSentence][] = [
  [new RegExp(`^${W} entered the ${W}\\.$`), (m) => ({ kind: "enter", actor: g(m, 1), place: g(m, 2) })],
  [new RegExp(`^${W} exited the ${W}\\.$`), (m) => ({ kind: "exit", actor: g(m, 1), place: g(m, 2) })],
  [new RegExp(`^The ${W} is in the ${W}\\.$`), (m) => ({ kind: "placed", item: g(m, 1), container: g(m, 2) })],
  [
    new RegExp(`^${W} moved the ${W} to the ${W}\\.$`),
    (m) => ({ kind: "move", actor: g(m, 1), item: g(m, 2), container: g(m, 3) }),
  ],
  [
    new RegExp(`^${W} (likes|loves|hates|dislikes) the ${W}\\.?$`),
    (m) => ({ kind: "opinion", actor: g(m, 1), verb: g(m, 2), thing: g(m, 3) }),
  ],
];

const QUESTIONS: [RegExp, (m: RegExpExecArray) => TomiQuestion][] = [
  [new RegExp(`^Where was the ${W} at the beginning\\?$`), (m) => ({ kind: "memory", item: g(m, 1) })],
  [new RegExp(`^Where is the ${W} really\\?$`), (m) => ({ kind: "reality", item: g(m, 1) })],
  [
    new RegExp(`^Where will ${W} look for the ${W}\\?$`),
    (m) => ({ kind: "first_order", actor: g(m, 1), item: g(m, 2) }),
  ],
  [
    new RegExp(`^Where does ${W} think that ${W} searches for the ${W}\\?$`),
    (m) => ({ kind: "second_order", actor: g(m, 1), about: g(m, 2), item: g(m, 3) }),
  ],
];

function g(match: RegExpExecArray, group: number): string {
  return match[group] ?? "";
}

function matchOne<T>(table: [RegExp, (m: RegExpExecArray) => T][], text: string): T | undefined {
  for (const [re, build] of table) {
    const m = re.exec(text);
    if (m) return build(m);
  }
  return undefined;
}

/**
 * Parses a ToMi `.txt` file, and its `.trace` file when given (one trace line per question, in order).
 * Throws on any line it does not understand, so a format change cannot silently skew the numbers.
 */
export function parseTomi(options: { text: string; trace?: string; source?: string }): TomiStory[] {
  const source = options.source ?? "tomi";
  const traces = options.trace?.split("\n").filter((l) => l.trim() !== "") ?? [];
  const stories: TomiStory[] = [];
  let sentences: TomiSentence[] = [];
  let expected = 1;
  const lines = options.text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]?.replace(/\r$/, "") ?? "";
    if (raw.trim() === "") continue;
    const where = `${source}:${i + 1}`;
    const m = /^(\d+) (.*)$/.exec(raw);
    if (!m) throw new Error(`${where}: not a numbered bAbI line: ${raw}`);
    const n = Number(m[1]);
    const body = m[2] ?? "";
    if (n === 1) sentences = [];
    else if (n !== expected) throw new Error(`${where}: expected line ${expected}, got ${n}`);
    expected = n + 1;
    if (body.includes("\t")) {
      const [text = "", answer = ""] = body.split("\t");
      const question = matchOne(QUESTIONS, text.trim());
      if (!question) throw new Error(`${where}: unknown question: ${text}`);
      const story: {
        line: number;
        sentences: TomiSentence[];
        question: TomiQuestion;
        answer: string;
        trace?: TomiTrace;
      } = { line: i + 1, sentences, question, answer: answer.trim() };
      if (options.trace !== undefined)
        story.trace = parseTrace(traces[stories.length], `${source}.trace:${stories.length + 1}`);
      stories.push(story);
      sentences = [...sentences];
      continue;
    }
    const sentence = matchOne(SENTENCES, body.trim());
    if (!sentence) throw new Error(`${where}: unknown sentence: ${body}`);
    sentences.push(sentence);
  }
  if (options.trace !== undefined && traces.length !== stories.length) {
    throw new Error(`${source}: ${stories.length} questions but ${traces.length} trace lines`);
  }
  return stories;
}

function parseTrace(line: string | undefined, where: string): TomiTrace {
  const parts = line?.split(",").map((p) => p.trim()) ?? [];
  const storyType = parts.at(-1);
  const questionType = parts.at(-2);
  if (
    questionType === undefined ||
    (storyType !== "true_belief" && storyType !== "false_belief" && storyType !== "second_order_false_belief")
  ) {
    throw new Error(`${where}: not a ToMi trace line: ${line}`);
  }
  return { steps: parts.slice(0, -2), questionType, storyType };
}

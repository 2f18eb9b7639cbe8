import type { MindSnapshot, ReflectionInput } from "@attune/mind";
import { AIMessage, type BaseMessage, HumanMessage, SystemMessage } from "@langchain/core/messages";

/**
 * The one worked example the prompt shows, as a finished exchange (a base model continues that far
 * more reliably than an instruction). Its keys start the way the prefilled answer does ("thinks
 * that", "wants to"), which teaches the form without handing over words to copy. Its keys are
 * exported so a copy can still be dropped.
 */
export const REFLECTION_EXAMPLE = {
  question:
    "Mind: rushed; wants to debug\nChat:\nperson: my docker build fails, I thought COPY reads files from my home dir\n" +
    "person: demo in an hour, help",
  answer: {
    hypotheses: [
      {
        kind: "misconception",
        key: "thinks that COPY reads files from the home dir",
        value: 0.8,
        confidence: 0.6,
        rationale: "said so",
      },
      {
        kind: "goal",
        key: "wants to fix the build before the demo",
        value: 0.9,
        confidence: 0.7,
        rationale: "demo in an hour",
      },
    ],
  },
} as const;

export const REFLECTION_EXAMPLE_KEYS: readonly string[] = REFLECTION_EXAMPLE.answer.hypotheses.map((h) => h.key);

/**
 * How a text-mode answer is started, so a small base model is inside the JSON and past the point
 * where it would copy the example: a misconception when the person seems confused or let down by
 * the last reply, else a goal.
 */
export function reflectionPrefill(snapshot: MindSnapshot): string {
  const puzzled = snapshot.state.confused >= 0.45 || snapshot.reaction.satisfaction <= -0.3;
  return puzzled
    ? '{"hypotheses":[{"kind":"misconception","key":"thinks that '
    : '{"hypotheses":[{"kind":"goal","key":"wants to ';
}

export interface ReflectionPromptOptions {
  input: ReflectionInput;
  /** Ask for at most this many hypotheses. @default 3 */
  maxHypotheses?: number;
  /** Only the last this-many messages of the transcript are shown. @default 6 */
  transcriptMessages?: number;
  /** Each message is cut to this many characters. @default 240 */
  messageChars?: number;
  /** Show the worked example as a prior exchange. @default true */
  example?: boolean;
  /** End with a partial answer the model continues (`reflectionPrefill`; text mode on small local models). @default false */
  prefill?: boolean;
}

/** Words, not numbers: a small model copies numbers from its prompt into every field it writes. */
const level = (x: number) => (x < 0.4 ? "little" : x < 0.7 ? "some" : "well");

/**
 * One line of what the mind currently holds, only what stands out (the prompt must stay small enough
 * for a 270M model to keep it in view): states present, a leaning intent, known topics, clear
 * preferences, standing directives.
 *
 * @example
 * summarizeSnapshot(mind.snapshot()) // "confused; wants to learn; knows lora a little"
 */
export function summarizeSnapshot(snapshot: MindSnapshot): string {
  const parts: string[] = [];
  const states = Object.entries(snapshot.state)
    .filter(([, p]) => p >= 0.45)
    .sort((a, b) => b[1] - a[1])
    .map(([s]) => s);
  parts.push(...states);
  const lean = snapshot.intent.distribution[snapshot.intent.top];
  if (lean > 0.13) parts.push(`wants to ${snapshot.intent.top}`);
  const topics = Object.entries(snapshot.knowledge)
    .sort((a, b) => b[1].confidence - a[1].confidence)
    .slice(0, 4)
    .map(([t, k]) => `knows ${t} ${level(k.level)}`);
  parts.push(...topics);
  for (const [name, p] of Object.entries(snapshot.preferences)) {
    if (p.confidence >= 0.2 && Math.abs(p.value) >= 0.2) parts.push(`${p.value > 0 ? "high" : "low"} ${name}`);
  }
  for (const d of snapshot.directives.slice(0, 3)) parts.push(`asked: ${d.text}`);
  return parts.length > 0 ? parts.join("; ") : "nothing yet";
}

function renderQuestion(options: ReflectionPromptOptions): string {
  const shown = options.input.transcript.slice(-(options.transcriptMessages ?? 6));
  const chars = options.messageChars ?? 240;
  const chat = shown.map((m) => `${m.role === "user" ? "person" : "assistant"}: ${oneLine(m.text, chars)}`).join("\n");
  return `Mind: ${summarizeSnapshot(options.input.snapshot)}\nChat:\n${chat}`;
}

const oneLine = (text: string, chars: number) => {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > chars ? `${flat.slice(0, chars - 1)}…` : flat;
};

/**
 * The reflection prompt: a short instruction, one worked example as a finished exchange, then the
 * mind's summary and the recent chat. The example keeps the output one line of JSON, the shape
 * `ReflectionSchema` validates.
 *
 * @example
 * const messages = buildReflectionMessages({ input: { snapshot: mind.snapshot(), transcript } });
 */
export function buildReflectionMessages(options: ReflectionPromptOptions): BaseMessage[] {
  const max = options.maxHypotheses ?? 3;
  const system =
    `Guess what the person wants, misunderstands or knows, from their own words. Answer with one line of JSON only: ` +
    `at most ${max} hypotheses; kind is goal, misconception, relationship, knowledge, preference, state or intent; ` +
    `key: the belief, in a few of the person's own words; value and confidence are 0 to 1.`;
  const messages: BaseMessage[] = [new SystemMessage(system)];
  if (options.example ?? true) {
    messages.push(
      new HumanMessage(REFLECTION_EXAMPLE.question),
      new AIMessage(JSON.stringify(REFLECTION_EXAMPLE.answer)),
    );
  }
  messages.push(new HumanMessage(renderQuestion(options)));
  if (options.prefill) messages.push(new AIMessage(reflectionPrefill(options.input.snapshot)));
  return messages;
}

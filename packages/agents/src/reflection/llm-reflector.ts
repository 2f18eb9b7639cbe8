import { type ReflectionInput, ReflectionSchema, type Reflector } from "@attune/mind";
import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import type { BaseMessage } from "@langchain/core/messages";
import { getUsageMetadata, LocalChatModel } from "../llm/index.js";
import { buildReflectionMessages, REFLECTION_EXAMPLE_KEYS, reflectionPrefill } from "./reflection-prompt.js";

/** How the reflector asks: the provider's structured output, or text that is repaired afterwards. */
export type ReflectionMode = "structured" | "text";

export interface LlmReflectorOptions {
  /** Any LangChain chat model: a hosted one with structured output, or the local Gemma 3 270M. */
  model: BaseChatModel;
  /** Hypotheses asked for (and kept) per reflection. @default 3 */
  maxHypotheses?: number;
  /**
   * Token budget of a text-mode answer (one line of JSON with three hypotheses is ~110 tokens on Gemma).
   * Passed as a call option, which the local model honours; hosted models keep their own limit.
   * @default 160
   */
  maxTokens?: number;
  /**
   * `"auto"` uses `withStructuredOutput` when the model can call tools (hosted models, Ollama) and text
   * otherwise (the local model); `true`/`false` force it.
   * @default "auto"
   */
  structured?: "auto" | boolean;
  /**
   * Start the text answer with `{"hypotheses":[{"kind":"misconception","key":"` (or `goal`, see
   * `reflectionPrefill`) so a small base model is inside the JSON from its first token.
   * @default true for the local model, false otherwise
   */
  prefill?: boolean;
  /** Sampling temperature for the local model (hosted models keep theirs). @default 0.3 */
  temperature?: number;
  /** Messages of the transcript shown. @default 6 */
  transcriptMessages?: number;
}

/** One reflection call: the raw output to validate and what it cost. */
export interface ReflectionCall {
  raw: unknown;
  mode: ReflectionMode;
  tokens: { input: number; output: number };
  ms: number;
}

export interface ReflectionUsage {
  calls: number;
  inputTokens: number;
  outputTokens: number;
  ms: number;
}

/** A `Reflector` backed by a chat model, which also reports each call's tokens and duration. */
export interface LlmReflector extends Reflector {
  readonly mode: ReflectionMode;
  readonly maxHypotheses: number;
  /** Keys of the prompt's example (to drop when copied: see `readReflection`). */
  readonly exampleKeys: readonly string[];
  /** Raw output only (the `Reflector` contract); throws when the model does. */
  reflect(input: ReflectionInput, options?: { signal?: AbortSignal }): Promise<unknown>;
  /** Raw output with its token usage and wall time; throws when the model does. */
  reflectWithUsage(input: ReflectionInput, options?: { signal?: AbortSignal }): Promise<ReflectionCall>;
  /** Totals over every completed call of this reflector. */
  usage(): ReflectionUsage;
}

type StructuredResult = { raw: BaseMessage; parsed: unknown };

const isStructuredResult = (value: unknown): value is StructuredResult =>
  value !== null && typeof value === "object" && "raw" in value && "parsed" in value;

function messageText(message: BaseMessage): string {
  return typeof message.content === "string" ? message.content : message.text;
}

/**
 * The slow path's LLM: asks a chat model for hypotheses about the person (goals, misconceptions,
 * relationships, knowledge, preferences, states, intents) from the mind's snapshot and the recent
 * chat. Hosted models answer through `withStructuredOutput(ReflectionSchema)`; the local model gets a
 * tiny prompt with one worked example and a prefilled answer, and its text is repaired or rejected
 * by `readReflection`. The output is raw: validate it before merging.
 *
 * @example
 * const reflector = createLlmReflector({ model: await createChatModel({ provider: "local" }) });
 * const { raw, tokens, ms } = await reflector.reflectWithUsage({ snapshot: mind.snapshot(), transcript });
 * const read = readReflection({ raw, transcript, exampleKeys: reflector.exampleKeys });
 */
export function createLlmReflector(options: LlmReflectorOptions): LlmReflector {
  const { model } = options;
  const maxHypotheses = options.maxHypotheses ?? 3;
  const maxTokens = options.maxTokens ?? 160;
  const local = model instanceof LocalChatModel;
  const canCallTools = typeof (model as { bindTools?: unknown }).bindTools === "function";
  const mode: ReflectionMode =
    options.structured === "auto" || options.structured === undefined
      ? canCallTools
        ? "structured"
        : "text"
      : options.structured
        ? "structured"
        : "text";
  const prefill = mode === "text" && (options.prefill ?? local);
  const temperature = options.temperature ?? 0.3;
  const totals: ReflectionUsage = { calls: 0, inputTokens: 0, outputTokens: 0, ms: 0 };
  const structuredModel =
    mode === "structured"
      ? model.withStructuredOutput(ReflectionSchema, { name: "reflection", includeRaw: true })
      : undefined;

  const messagesFor = (input: ReflectionInput) =>
    buildReflectionMessages({
      input,
      maxHypotheses,
      prefill,
      ...(options.transcriptMessages === undefined ? {} : { transcriptMessages: options.transcriptMessages }),
    });

  async function reflectWithUsage(
    input: ReflectionInput,
    callOptions: { signal?: AbortSignal } = {},
  ): Promise<ReflectionCall> {
    const started = performance.now();
    const messages = messagesFor(input);
    const signal = callOptions.signal ? { signal: callOptions.signal } : {};
    let raw: unknown;
    let message: BaseMessage | undefined;
    if (structuredModel) {
      const result: unknown = await structuredModel.invoke(messages, signal);
      if (isStructuredResult(result)) {
        message = result.raw;
        // A schema miss still leaves the model's answer: hand that to the repair step instead.
        raw = result.parsed ?? (result.raw as { tool_calls?: { args: unknown }[] }).tool_calls?.[0]?.args;
        raw ??= messageText(result.raw);
      } else {
        raw = result; // models whose structured output ignores includeRaw
      }
    } else {
      // Per-call options of the local model; other providers ignore what they do not know.
      const call: Record<string, unknown> = { ...signal, maxTokens };
      if (local) call.temperature = temperature;
      if (prefill) call.stop = ["\n"];
      message = await model.invoke(messages, call);
      raw = `${prefill ? reflectionPrefill(input.snapshot) : ""}${messageText(message)}`;
    }
    const usage = message ? getUsageMetadata(message) : undefined;
    const call: ReflectionCall = {
      raw,
      mode,
      tokens: { input: usage?.input_tokens ?? 0, output: usage?.output_tokens ?? 0 },
      ms: performance.now() - started,
    };
    totals.calls += 1;
    totals.inputTokens += call.tokens.input;
    totals.outputTokens += call.tokens.output;
    totals.ms += call.ms;
    return call;
  }

  return {
    mode,
    maxHypotheses,
    exampleKeys: REFLECTION_EXAMPLE_KEYS,
    reflectWithUsage,
    reflect: async (input, callOptions) => (await reflectWithUsage(input, callOptions)).raw,
    usage: () => ({ ...totals }),
  };
}

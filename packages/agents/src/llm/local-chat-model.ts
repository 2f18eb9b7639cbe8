import { existsSync } from "node:fs";
import * as path from "node:path";
import { DEFAULT_MODEL_FILE, resolveModelPath } from "@attune/config";
import { AttuneError } from "@attune/model";
import type { CallbackManagerForLLMRun } from "@langchain/core/callbacks/manager";
import { ContextOverflowError, ModelAbortError } from "@langchain/core/errors";
import {
  BaseChatModel,
  type BaseChatModelCallOptions,
  type BaseChatModelParams,
  type LangSmithParams,
} from "@langchain/core/language_models/chat_models";
import { AIMessage, AIMessageChunk, type BaseMessage, type UsageMetadata } from "@langchain/core/messages";
import { ChatGenerationChunk, type ChatResult } from "@langchain/core/outputs";
import type {
  ChatHistoryItem,
  ChatWrapper,
  Llama,
  LlamaChat,
  LlamaContext,
  LlamaContextSequence,
  LlamaModel,
} from "node-llama-cpp";

/** File name `pnpm model:pull` writes (defined once, in `@attune/config`). */
export const LOCAL_MODEL_FILE = DEFAULT_MODEL_FILE;

const DEFAULT_TEMPERATURE = 0.7;
const DEFAULT_MAX_TOKENS = 256;
const DEFAULT_CONTEXT_SIZE = 4096;
const DEFAULT_TOP_K = 40;
const DEFAULT_TOP_P = 0.95;
const DEFAULT_REPEAT_PENALTY = 1.1;
/** Idle contexts kept per (model, contextSize, threads) so calls skip context creation (~0.4 s) and reuse the prompt prefix. */
const MAX_IDLE_CONTEXTS = 2;

/** Where the local model lives (`resolveModelPath` of `@attune/config`). */
export function resolveLocalModelPath(env: NodeJS.ProcessEnv = process.env): string {
  return resolveModelPath({ env });
}

/** Options of {@link LocalChatModel}. */
export interface LocalChatModelOptions extends BaseChatModelParams {
  /**
   * GGUF file to load.
   * @default `$ATTUNE_MODEL_PATH`, else `<attune cache>/models/gemma-3-270m-q4_k_m.gguf` (see {@link resolveLocalModelPath})
   */
  modelPath?: string;
  /**
   * Sampling temperature; `0` = greedy (deterministic).
   * @default 0.7
   */
  temperature?: number;
  /**
   * Maximum number of tokens to generate per call.
   * The bundled Gemma 3 270M is a *base* (not instruction-tuned) model and rarely ends its turn on its own,
   * so most replies run up to this limit.
   * @default 256
   */
  maxTokens?: number;
  /**
   * Context window in tokens (prompt + reply). Larger costs memory (about 18 KiB per token for Gemma 3 270M
   * with the full-size KV cache used here: ~75 MiB at 4096, ~600 MiB at 32768) and context-creation time.
   * When the conversation does not fit, the oldest messages (after the first system message) are dropped.
   * @default 4096
   */
  contextSize?: number;
  /**
   * Seed for sampling (only matters when `temperature > 0`); same seed + same prompt = same reply.
   * @default undefined (time-based)
   */
  seed?: number;
  /**
   * CPU threads for evaluation. More is not faster for a model this small: on 2 cores, 1 thread decodes faster
   * than 2 and doesn't collapse when the server or database needs a core.
   * @default max(1, math cores - 1)
   */
  threads?: number;
  /**
   * Top-K sampling (only when `temperature > 0`); `0` disables.
   * @default 40
   */
  topK?: number;
  /**
   * Nucleus (top-P) sampling (only when `temperature > 0`); `1` disables.
   * @default 0.95
   */
  topP?: number;
  /**
   * Penalty for repeating any of the last 64 tokens; `1` disables.
   * @default 1.1
   */
  repeatPenalty?: number;
}

/** Per-call options: the usual LangChain ones (`stop`, `signal`, `timeout`, …) plus per-call overrides. */
export interface LocalChatModelCallOptions extends BaseChatModelCallOptions {
  /** Overrides {@link LocalChatModelOptions.temperature} for this call. */
  temperature?: number;
  /** Overrides {@link LocalChatModelOptions.maxTokens} for this call. */
  maxTokens?: number;
  /** Overrides {@link LocalChatModelOptions.seed} for this call. */
  seed?: number;
}

// ---------------------------------------------------------------------------------------------------------------
// Process-wide model cache: one llama.cpp runtime, one loaded model per path, a small pool of contexts per shape.

/** A loaded local model (what {@link loadLocalModel} resolves to). */
export interface LoadedLocalModel {
  /** Absolute path of the GGUF. */
  readonly path: string;
  readonly llama: Llama;
  readonly model: LlamaModel;
  /** Chat wrapper node-llama-cpp resolved for the model (Gemma's for the default model). */
  readonly chatWrapper: ChatWrapper;
  /** Wall time the load took, in milliseconds. */
  readonly loadMs: number;
}

interface PooledContext {
  readonly context: LlamaContext;
  readonly sequence: LlamaContextSequence;
  readonly chat: LlamaChat;
}

let llamaPromise: Promise<Llama> | undefined;
const modelPromises = new Map<string, Promise<LoadedLocalModel>>();
const idleContexts = new Map<string, PooledContext[]>();

/** node-llama-cpp is imported lazily so that merely importing this module (or choosing another provider) is free. */
const loadBindings = () => import("node-llama-cpp");

function getLlamaRuntime(): Promise<Llama> {
  llamaPromise ??= (async () => {
    const { getLlama, LlamaLogLevel } = await loadBindings();
    const llama = await getLlama({
      // CPU only, and only the prebuilt binary shipped in @node-llama-cpp/linux-x64 (etc.):
      // never compile from source or download anything at run time.
      gpu: false,
      build: "never",
      skipDownload: true,
      progressLogs: false,
      logLevel: LlamaLogLevel.warn,
      logger: (level, message) => {
        // Expected notices: Gemma 3 GGUFs trip the tokenizer one on every load, and we ask for the full SWA cache.
        if (message.includes("control-looking token") || message.includes("using full-size SWA cache")) return;
        if (level === LlamaLogLevel.error || level === LlamaLogLevel.fatal) console.error(`[llama] ${message}`);
        else if (level === LlamaLogLevel.warn) console.warn(`[llama] ${message}`);
      },
    });
    // On CPU, node-llama-cpp lets up to max(4, cores) threads run at once; llama.cpp's spinning workers then fight
    // over the 2 cores and decoding collapses (~2 s per token measured). Never exceed the real math cores.
    llama.maxThreads = Math.max(1, llama.cpuMathCores);
    return llama;
  })();
  llamaPromise.catch(() => {
    llamaPromise = undefined;
  });
  return llamaPromise;
}

/** Options of {@link loadLocalModel}. */
export interface LoadLocalModelOptions {
  /** GGUF to load. @default {@link resolveLocalModelPath}() */
  modelPath?: string;
  /**
   * Also create one context with these settings and park it in the pool, so the first request skips context
   * creation (~0.4 s). Pass `false` to only load the weights.
   * @default { contextSize: 4096, threads: max(1, math cores - 1) } — what a default {@link LocalChatModel} uses
   */
  warm?: false | { contextSize?: number; threads?: number };
}

/**
 * Preload the local GGUF model (once per process per path; concurrent callers share the same load, and a failed
 * load is forgotten so a later call can retry), plus one warm context for the default settings. The server calls
 * this at startup so the first request pays neither the ~1.5 s load nor the context creation.
 */
export async function loadLocalModel(options: LoadLocalModelOptions = {}): Promise<LoadedLocalModel> {
  const loaded = await loadModelOnce(options.modelPath);
  if (options.warm !== false) {
    const contextSize = options.warm?.contextSize ?? DEFAULT_CONTEXT_SIZE;
    const threads = options.warm?.threads ?? defaultLocalThreads(loaded.llama.cpuMathCores);
    if (!idleContexts.get(poolKey(loaded, contextSize, threads))?.length) {
      const { key, pooled } = await acquireContext(loaded, contextSize, threads);
      releaseContext(loaded, key, pooled, true);
    }
  }
  return loaded;
}

function loadModelOnce(requestedPath: string | undefined): Promise<LoadedLocalModel> {
  const modelPath = path.resolve(requestedPath ?? resolveLocalModelPath());
  let promise = modelPromises.get(modelPath);
  if (!promise) {
    promise = (async () => {
      if (!existsSync(modelPath)) {
        throw new AttuneError({
          code: "model-unavailable",
          retryable: false,
          message:
            `Local model not found at ${modelPath}. Run \`pnpm model:pull\` to fetch it, set ATTUNE_MODEL_PATH to a GGUF file, ` +
            "or choose another provider with ATTUNE_LLM (openai | anthropic | ollama).",
        });
      }
      const started = performance.now();
      const llama = await getLlamaRuntime();
      const model = await llama.loadModel({ modelPath });
      const { resolveChatWrapper, GeneralChatWrapper } = await loadBindings();
      // A GGUF without a chat template is a base (pretrained) model, like the PyPI Gemma 3 270M: it never saw
      // Gemma's <start_of_turn> format and rambles in it, but continues a plain "### Question / ### Answer"
      // transcript and stops at the next heading. (With "User/Assistant" headings it mostly restated the
      // question; "Question/Answer" made it answer 4 of 4 test prompts.) Instruction-tuned GGUFs keep their template.
      const chatTemplate: unknown = Reflect.get(model.fileInfo.metadata?.tokenizer ?? {}, "chat_template");
      const chatWrapper =
        typeof chatTemplate === "string" && chatTemplate.length > 0
          ? resolveChatWrapper(model)
          : new GeneralChatWrapper({
              userMessageTitle: "Question",
              modelResponseTitle: "Answer",
              middleSystemMessageTitle: "Instructions",
            });
      return { path: modelPath, llama, model, chatWrapper, loadMs: performance.now() - started };
    })();
    modelPromises.set(modelPath, promise);
    promise.catch(() => {
      if (modelPromises.get(modelPath) === promise) modelPromises.delete(modelPath);
    });
  }
  return promise;
}

/** Dispose every loaded model, pooled context and the llama.cpp runtime (tests, graceful shutdown). */
export async function disposeLocalModels(): Promise<void> {
  const pools = [...idleContexts.values()].flat();
  idleContexts.clear();
  const models = [...modelPromises.values()];
  modelPromises.clear();
  const llama = llamaPromise;
  llamaPromise = undefined;
  await Promise.allSettled(pools.map((p) => p.context.dispose()));
  const settled = await Promise.allSettled(models);
  await Promise.allSettled(settled.map((s) => (s.status === "fulfilled" ? s.value.model.dispose() : undefined)));
  if (llama) await llama.then((l) => l.dispose()).catch(() => {});
}

/**
 * Default evaluation threads: one less than the math cores (at least 1). On the 2-core machines this project runs
 * on, 1 thread decodes Gemma 3 270M at ~70-75 tok/s, 2 threads at ~55-64 tok/s idle and ~13-23 tok/s as soon as
 * anything else needs a core (llama.cpp's workers spin-wait).
 */
export function defaultLocalThreads(cpuMathCores: number): number {
  return Math.max(1, cpuMathCores - 1);
}

function poolKey(loaded: LoadedLocalModel, contextSize: number, threads: number): string {
  return `${loaded.path}\0${contextSize}\0${threads}`;
}

async function acquireContext(loaded: LoadedLocalModel, contextSize: number, requestedThreads: number | undefined) {
  const threads = requestedThreads ?? defaultLocalThreads(loaded.llama.cpuMathCores);
  const key = poolKey(loaded, contextSize, threads);
  const idle = idleContexts.get(key)?.pop();
  if (idle && !idle.context.disposed) return { key, pooled: idle };
  const { LlamaChat } = await loadBindings();
  const context = await loaded.model.createContext({
    contextSize,
    sequences: 1,
    // Gemma 3 uses sliding-window attention (512); keeping the full KV cache lets a pooled context reuse a
    // prompt prefix of any length (e.g. a long system prompt) on the next call.
    swaFullCache: true,
    threads,
  });
  const sequence = context.getSequence();
  const chat = new LlamaChat({ contextSequence: sequence, chatWrapper: loaded.chatWrapper });
  return { key, pooled: { context, sequence, chat } satisfies PooledContext };
}

function releaseContext(loaded: LoadedLocalModel, key: string, pooled: PooledContext, reusable: boolean): void {
  const list = idleContexts.get(key) ?? [];
  const stillLoaded = modelPromises.has(loaded.path) && !loaded.model.disposed;
  if (reusable && stillLoaded && !pooled.context.disposed && list.length < MAX_IDLE_CONTEXTS) {
    list.push(pooled);
    idleContexts.set(key, list);
  } else {
    void pooled.context.dispose().catch(() => {});
  }
}

// ---------------------------------------------------------------------------------------------------------------
// LangChain messages -> node-llama-cpp chat history

function messageText(message: BaseMessage): string {
  return typeof message.content === "string" ? message.content : message.text;
}

/** How LangChain messages become node-llama-cpp chat history (exported for tests). */
export function toChatHistory(messages: readonly BaseMessage[]): ChatHistoryItem[] {
  const history: ChatHistoryItem[] = [];
  for (const message of messages) {
    const type = message.getType();
    const text = messageText(message);
    const role = type === "generic" ? String((message as BaseMessage & { role?: string }).role ?? "user") : type;
    switch (role) {
      case "system":
      case "developer":
        history.push({ type: "system", text });
        break;
      case "ai":
      case "assistant":
      case "model": {
        const toolCalls = (message as AIMessage).tool_calls ?? [];
        const rendered =
          toolCalls.length > 0
            ? `${text}${text ? "\n" : ""}${JSON.stringify(toolCalls.map(({ name, args }) => ({ name, args })))}`
            : text;
        const last = history.at(-1);
        if (last?.type === "model") last.response.push(`\n\n${rendered}`);
        else history.push({ type: "model", response: [rendered] });
        break;
      }
      case "tool":
      case "function": {
        const name = message.name ? ` ${message.name}` : "";
        history.push({ type: "user", text: `Result of tool${name}:\n${text}` });
        break;
      }
      default:
        history.push({ type: "user", text });
    }
  }
  return history;
}

// ---------------------------------------------------------------------------------------------------------------

interface GenerationResult {
  text: string;
  usage: UsageMetadata;
  finishReason: "stop" | "length";
  stopReason: string;
}

/**
 * LangChain chat model running a local GGUF (by default Gemma 3 270M, fetched by `pnpm model:pull`) in-process with
 * node-llama-cpp on the CPU. Supports `invoke`, `stream` (token-by-token), `stop` sequences and `signal` aborts,
 * and reports `usage_metadata`.
 */
export class LocalChatModel extends BaseChatModel<LocalChatModelCallOptions, AIMessageChunk> {
  static override lc_name(): string {
    return "LocalChatModel";
  }

  readonly modelPath: string;
  temperature: number;
  maxTokens: number;
  contextSize: number;
  seed: number | undefined;
  threads: number | undefined;
  topK: number;
  topP: number;
  repeatPenalty: number;

  constructor(fields: LocalChatModelOptions = {}) {
    super(fields);
    this.modelPath = path.resolve(fields.modelPath ?? resolveLocalModelPath());
    this.temperature = fields.temperature ?? DEFAULT_TEMPERATURE;
    this.maxTokens = fields.maxTokens ?? DEFAULT_MAX_TOKENS;
    this.contextSize = fields.contextSize ?? DEFAULT_CONTEXT_SIZE;
    this.seed = fields.seed;
    this.threads = fields.threads;
    this.topK = fields.topK ?? DEFAULT_TOP_K;
    this.topP = fields.topP ?? DEFAULT_TOP_P;
    this.repeatPenalty = fields.repeatPenalty ?? DEFAULT_REPEAT_PENALTY;
  }

  _llmType(): string {
    return "attune-local";
  }

  override invocationParams(options?: this["ParsedCallOptions"]) {
    const seed = options?.seed ?? this.seed;
    return {
      model: path.basename(this.modelPath),
      temperature: options?.temperature ?? this.temperature,
      max_tokens: options?.maxTokens ?? this.maxTokens,
      context_size: this.contextSize,
      ...(seed !== undefined ? { seed } : {}),
    };
  }

  override getLsParams(options: this["ParsedCallOptions"]): LangSmithParams {
    const params = this.invocationParams(options);
    return {
      ls_provider: "attune-local",
      ls_model_name: params.model,
      ls_model_type: "chat",
      ls_temperature: params.temperature,
      ls_max_tokens: params.max_tokens,
      ...(options.stop ? { ls_stop: options.stop } : {}),
    };
  }

  /** Load the model and warm a context for this instance's settings now (optional: the first call does it otherwise). */
  async load(): Promise<void> {
    await loadLocalModel({
      modelPath: this.modelPath,
      warm: { contextSize: this.contextSize, ...(this.threads !== undefined ? { threads: this.threads } : {}) },
    });
  }

  async _generate(
    messages: BaseMessage[],
    options: this["ParsedCallOptions"],
    runManager?: CallbackManagerForLLMRun,
  ): Promise<ChatResult> {
    const result = await this.generateText(messages, options, (text) => {
      void runManager?.handleLLMNewToken(text).catch(() => {});
    });
    const message = withUsage(
      new AIMessage({ content: result.text, response_metadata: this.responseMetadata(result) }),
      result.usage,
    );
    return {
      generations: [{ text: result.text, message, generationInfo: { finish_reason: result.finishReason } }],
      llmOutput: {
        tokenUsage: {
          promptTokens: result.usage.input_tokens,
          completionTokens: result.usage.output_tokens,
          totalTokens: result.usage.total_tokens,
        },
      },
    };
  }

  override async *_streamResponseChunks(
    messages: BaseMessage[],
    options: this["ParsedCallOptions"],
    runManager?: CallbackManagerForLLMRun,
  ): AsyncGenerator<ChatGenerationChunk> {
    // Bridge node-llama-cpp's callbacks to an async iterator.
    const queue: string[] = [];
    let wake: (() => void) | undefined;
    const notify = () => {
      wake?.();
      wake = undefined;
    };
    const stopped = new AbortController(); // consumer stopped iterating early
    let yielded = "";
    let outcome: { ok: true; result: GenerationResult } | { ok: false; error: unknown } | undefined;
    const running = this.generateText(
      messages,
      { ...options, signal: combineSignals(options.signal, stopped.signal) },
      (text) => {
        queue.push(text);
        notify();
      },
    ).then(
      (result) => {
        outcome = { ok: true, result };
      },
      (error: unknown) => {
        outcome = { ok: false, error };
      },
    );
    void running.finally(notify);

    try {
      for (;;) {
        // Once the caller aborts, the stream ends with the abort even if the model had already finished
        // and its chunks are still buffered here (generation runs ahead of a slow consumer).
        if (options.signal?.aborted) {
          throw new ModelAbortError(
            "Model invocation was aborted.",
            yielded ? new AIMessageChunk({ content: yielded }) : undefined,
          );
        }
        const text = queue.shift();
        if (text !== undefined) {
          yielded += text;
          const chunk = new ChatGenerationChunk({ text, message: new AIMessageChunk({ content: text }) });
          yield chunk;
          await runManager?.handleLLMNewToken(text, undefined, undefined, undefined, undefined, { chunk });
          continue;
        }
        if (outcome) break;
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
      }
      if (!outcome.ok) throw outcome.error;
      const { result } = outcome;
      yield new ChatGenerationChunk({
        text: "",
        message: withUsage(
          new AIMessageChunk({ content: "", response_metadata: this.responseMetadata(result) }),
          result.usage,
        ),
        generationInfo: { finish_reason: result.finishReason },
      });
    } finally {
      if (!outcome) {
        stopped.abort(new Error("stream closed by consumer"));
        await running;
      }
    }
  }

  private responseMetadata(result: GenerationResult) {
    return { finish_reason: result.finishReason, stop_reason: result.stopReason, model: path.basename(this.modelPath) };
  }

  private async generateText(
    messages: BaseMessage[],
    options: this["ParsedCallOptions"],
    onText: (text: string) => void,
  ): Promise<GenerationResult> {
    const signal = options.signal;
    let produced = "";
    const aborted = () =>
      new ModelAbortError(
        "Model invocation was aborted.",
        produced ? new AIMessageChunk({ content: produced }) : undefined,
      );
    if (signal?.aborted) throw aborted();

    const loaded = await loadModelOnce(this.modelPath);
    if (signal?.aborted) throw aborted();

    const history = toChatHistory(messages);
    // Generate a new model turn, or continue the last one when the conversation ends with an AI message (prefill).
    if (history.at(-1)?.type !== "model") history.push({ type: "model", response: [] });
    const promptTokens = loaded.chatWrapper
      .generateContextState({ chatHistory: history })
      .contextText.tokenize(loaded.model.tokenizer);
    const inputTokens = promptTokens.length;

    const { key, pooled } = await acquireContext(loaded, this.contextSize, this.threads);
    let reusable = false;
    // Prompt tokens already in the pooled sequence's KV cache (llama.cpp skips re-evaluating them).
    const cacheRead = commonPrefixLength(pooled.sequence.contextTokens, promptTokens);
    const meterBefore = pooled.sequence.tokenMeter.getState();
    try {
      const temperature = options.temperature ?? this.temperature;
      const seed = options.seed ?? this.seed;
      const stop = (options.stop ?? []).filter((s) => s.length > 0);
      const response = await pooled.chat.generateResponse(history, {
        maxTokens: options.maxTokens ?? this.maxTokens,
        temperature,
        ...(temperature > 0 ? { topK: this.topK, topP: this.topP } : {}),
        ...(seed !== undefined ? { seed } : {}),
        repeatPenalty: this.repeatPenalty === 1 ? false : { penalty: this.repeatPenalty, lastTokens: 64 },
        ...(stop.length > 0 ? { customStopTriggers: stop } : {}),
        ...(signal ? { signal, stopOnAbortSignal: false } : {}),
        onTextChunk: (text) => {
          if (!text) return;
          produced += text;
          onText(text);
        },
      });
      reusable = true;
      const outputTokens = pooled.sequence.tokenMeter.getState().usedOutputTokens - meterBefore.usedOutputTokens;
      const stopReason = response.metadata.stopReason;
      return {
        // Streamed chunks and the final text are the same string by construction.
        text: produced,
        usage: {
          input_tokens: inputTokens,
          output_tokens: outputTokens,
          total_tokens: inputTokens + outputTokens,
          input_token_details: { cache_read: cacheRead },
        },
        finishReason: stopReason === "maxTokens" ? "length" : "stop",
        stopReason,
      };
    } catch (error) {
      if (signal?.aborted) {
        reusable = true; // the sequence is still consistent; the next call trims what it doesn't share
        throw aborted();
      }
      if (error instanceof Error && /context shift|too long prompt/i.test(error.message)) {
        // Older messages are dropped automatically when possible; this is a single prompt/system message too big to fit.
        const overflow = new ContextOverflowError(
          `Prompt of ${inputTokens} tokens does not fit the local model's context of ${this.contextSize} tokens ` +
            `(raise \`contextSize\` or shorten the input): ${error.message}`,
        );
        overflow.cause = error;
        throw overflow;
      }
      throw error;
    } finally {
      releaseContext(loaded, key, pooled, reusable);
    }
  }
}

/*
 * With `exactOptionalPropertyTypes` (this repo's tsconfig), @langchain/core 1.4 types `AIMessage.usage_metadata`
 * as `undefined` (its `$InferMessageProperty` resolves to `never`), so it can be neither passed to the constructor
 * nor read without going around the type. These two helpers do that in one place.
 */
function withUsage<T extends AIMessage | AIMessageChunk>(message: T, usage: UsageMetadata): T {
  Object.assign(message, { usage_metadata: usage });
  return message;
}

/**
 * `message.usage_metadata`, typed as LangChain means it (see the note above on `exactOptionalPropertyTypes`).
 */
export function getUsageMetadata(message: BaseMessage): UsageMetadata | undefined {
  const usage: unknown = Reflect.get(message, "usage_metadata");
  return usage !== null && typeof usage === "object" ? (usage as UsageMetadata) : undefined;
}

function commonPrefixLength(a: readonly unknown[], b: readonly unknown[]): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a[i] === b[i]) i++;
  return i;
}

function combineSignals(a: AbortSignal | undefined, b: AbortSignal): AbortSignal {
  return a ? AbortSignal.any([a, b]) : b;
}

import { LLM_PROVIDERS } from "@attune/config";
import { AttuneError } from "@attune/model";
import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import { LocalChatModel, resolveLocalModelPath } from "./local-chat-model.js";

/** The providers `ATTUNE_LLM` may name (defined once, in `@attune/config`). */
export const CHAT_PROVIDERS = LLM_PROVIDERS;
export type ChatProvider = (typeof CHAT_PROVIDERS)[number];

/** Model used when neither `options.model` nor `ATTUNE_LLM_MODEL` says otherwise. */
export const DEFAULT_CHAT_MODELS: Readonly<Record<Exclude<ChatProvider, "local" | "fake">, string>> = {
  openai: "gpt-4o-mini",
  anthropic: "claude-sonnet-4-5-20250929",
  ollama: "llama3.2",
};

/** Replies of the `fake` provider, in order (then from the start again). */
export const DEFAULT_FAKE_RESPONSES: readonly string[] = ["This is a canned reply from attune's fake chat model."];

export interface CreateChatModelOptions {
  /**
   * Which back-end to use.
   * @default `$ATTUNE_LLM`, else `"local"`
   */
  provider?: ChatProvider;
  /**
   * Model name for openai / anthropic / ollama. For `local`, only a value ending in `.gguf` is used (as the file path).
   * @default `$ATTUNE_LLM_MODEL`, else {@link DEFAULT_CHAT_MODELS}
   */
  model?: string;
  /**
   * `local` only: the GGUF to load.
   * @default `$ATTUNE_MODEL_PATH`, else the Gemma 3 270M that `pnpm model:pull` puts in attune's cache
   */
  modelPath?: string;
  /** Sampling temperature. @default the provider's default (local: 0.7) */
  temperature?: number;
  /** Maximum tokens per reply (ollama: `numPredict`). @default the provider's default (local: 256) */
  maxTokens?: number;
  /** Where to read configuration from. @default process.env */
  env?: NodeJS.ProcessEnv;
  /** Replies of the `fake` provider. @default {@link DEFAULT_FAKE_RESPONSES} */
  fakeResponses?: readonly string[];
}

const nonEmpty = (value: string | undefined): string | undefined => {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
};

/** The provider selected by `$ATTUNE_LLM` (default `local`); throws on an unknown name. */
export function resolveChatProvider(env: NodeJS.ProcessEnv = process.env): ChatProvider {
  const raw = nonEmpty(env.ATTUNE_LLM)?.toLowerCase() ?? "local";
  if ((CHAT_PROVIDERS as readonly string[]).includes(raw)) return raw as ChatProvider;
  throw new AttuneError({
    code: "config-invalid",
    message: `ATTUNE_LLM="${env.ATTUNE_LLM}" is not a known chat provider; use one of: ${CHAT_PROVIDERS.join(", ")}.`,
  });
}

function requireEnv(env: NodeJS.ProcessEnv, name: string, provider: ChatProvider): string {
  const value = nonEmpty(env[name]);
  if (!value) {
    throw new AttuneError({
      code: "config-invalid",
      message: `The "${provider}" chat provider needs ${name}; set it, or pick another provider with ATTUNE_LLM (${CHAT_PROVIDERS.join(" | ")}).`,
    });
  }
  return value;
}

/**
 * Build the chat model attune talks to. Provider packages are loaded with dynamic `import()`, so only the chosen one
 * is ever loaded (the local model loads node-llama-cpp and the GGUF lazily, on first use or `loadLocalModel()`).
 *
 * - `local` (default): {@link LocalChatModel} on the GGUF from `pnpm model:pull` (or `ATTUNE_MODEL_PATH`).
 * - `openai`: `ChatOpenAI`; `OPENAI_API_KEY` (optional when `OPENAI_BASE_URL` points at an OpenAI-compatible server).
 * - `anthropic`: `ChatAnthropic`; `ANTHROPIC_API_KEY`.
 * - `ollama`: `ChatOllama`; `OLLAMA_BASE_URL` (default http://127.0.0.1:11434).
 * - `fake`: LangChain's `FakeListChatModel` with deterministic replies (tests).
 *
 * `ATTUNE_LLM_MODEL` picks the model name for openai / anthropic / ollama.
 */
export async function createChatModel(options: CreateChatModelOptions = {}): Promise<BaseChatModel> {
  const env = options.env ?? process.env;
  const provider = options.provider ?? resolveChatProvider(env);
  const temperature = options.temperature !== undefined ? { temperature: options.temperature } : {};
  const maxTokens = options.maxTokens !== undefined ? { maxTokens: options.maxTokens } : {};
  const modelName = (fallback: string) => nonEmpty(options.model) ?? nonEmpty(env.ATTUNE_LLM_MODEL) ?? fallback;

  switch (provider) {
    case "local": {
      const ggufModel = nonEmpty(options.model)?.endsWith(".gguf") ? nonEmpty(options.model) : undefined;
      const modelPath = nonEmpty(options.modelPath) ?? ggufModel ?? resolveLocalModelPath(env);
      return new LocalChatModel({ modelPath, ...temperature, ...maxTokens });
    }
    case "openai": {
      const baseURL = nonEmpty(env.OPENAI_BASE_URL);
      // A self-hosted OpenAI-compatible server usually needs no key, but the SDK insists on one.
      const apiKey = baseURL
        ? (nonEmpty(env.OPENAI_API_KEY) ?? "not-needed")
        : requireEnv(env, "OPENAI_API_KEY", provider);
      const { ChatOpenAI } = await import("@langchain/openai");
      return new ChatOpenAI({
        model: modelName(DEFAULT_CHAT_MODELS.openai),
        apiKey,
        ...(baseURL ? { configuration: { baseURL } } : {}),
        ...temperature,
        ...maxTokens,
      });
    }
    case "anthropic": {
      const apiKey = requireEnv(env, "ANTHROPIC_API_KEY", provider);
      const { ChatAnthropic } = await import("@langchain/anthropic");
      return new ChatAnthropic({
        model: modelName(DEFAULT_CHAT_MODELS.anthropic),
        apiKey,
        ...temperature,
        ...maxTokens,
      });
    }
    case "ollama": {
      const baseUrl = nonEmpty(env.OLLAMA_BASE_URL) ?? "http://127.0.0.1:11434";
      const { ChatOllama } = await import("@langchain/ollama");
      return new ChatOllama({
        model: modelName(DEFAULT_CHAT_MODELS.ollama),
        baseUrl,
        ...temperature,
        ...(options.maxTokens !== undefined ? { numPredict: options.maxTokens } : {}),
      });
    }
    case "fake": {
      const { FakeListChatModel } = await import("@langchain/core/utils/testing");
      return new FakeListChatModel({ responses: [...(options.fakeResponses ?? DEFAULT_FAKE_RESPONSES)] });
    }
    default: {
      const unknown: never = provider;
      throw new Error(`Unknown chat provider "${String(unknown)}"; use one of: ${CHAT_PROVIDERS.join(", ")}.`);
    }
  }
}

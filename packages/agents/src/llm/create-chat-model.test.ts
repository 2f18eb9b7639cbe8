import path from "node:path";
import { ChatAnthropic } from "@langchain/anthropic";
import {
  AIMessage,
  type AIMessageChunk,
  ChatMessage,
  HumanMessage,
  SystemMessage,
  ToolMessage,
} from "@langchain/core/messages";
import { ChatOllama } from "@langchain/ollama";
import { ChatOpenAI } from "@langchain/openai";
import { describe, expect, it } from "vitest";
import {
  CHAT_PROVIDERS,
  createChatModel,
  DEFAULT_CHAT_MODELS,
  DEFAULT_FAKE_RESPONSES,
  resolveChatProvider,
} from "./create-chat-model.js";
import { LOCAL_MODEL_FILE, LocalChatModel, resolveLocalModelPath, toChatHistory } from "./local-chat-model.js";

describe("resolveChatProvider", () => {
  it("defaults to local", () => {
    expect(resolveChatProvider({})).toBe("local");
    expect(resolveChatProvider({ ATTUNE_LLM: "" })).toBe("local");
  });

  it("accepts every provider, case-insensitively", () => {
    for (const p of CHAT_PROVIDERS) expect(resolveChatProvider({ ATTUNE_LLM: ` ${p.toUpperCase()} ` })).toBe(p);
  });

  it("rejects unknown providers, naming the valid ones", () => {
    expect(() => resolveChatProvider({ ATTUNE_LLM: "gpt" })).toThrow(
      /ATTUNE_LLM="gpt".*local, openai, anthropic, ollama, fake/,
    );
  });
});

describe("resolveLocalModelPath", () => {
  it("prefers ATTUNE_MODEL_PATH, then ATTUNE_CACHE_DIR, then XDG_CACHE_HOME", () => {
    expect(resolveLocalModelPath({ ATTUNE_MODEL_PATH: "/m/x.gguf", ATTUNE_CACHE_DIR: "/c" })).toBe("/m/x.gguf");
    expect(resolveLocalModelPath({ ATTUNE_CACHE_DIR: "/c", XDG_CACHE_HOME: "/x" })).toBe(
      `/c/models/${LOCAL_MODEL_FILE}`,
    );
    expect(resolveLocalModelPath({ XDG_CACHE_HOME: "/x" })).toBe(`/x/attune/models/${LOCAL_MODEL_FILE}`);
    expect(resolveLocalModelPath({})).toMatch(
      new RegExp(`/\\.cache/attune/models/${LOCAL_MODEL_FILE.replace(/\./g, "\\.")}$`),
    );
  });
});

describe("createChatModel", () => {
  it("builds the local model by default without loading it", async () => {
    const model = await createChatModel({ env: { ATTUNE_CACHE_DIR: "/nowhere" } });
    expect(model).toBeInstanceOf(LocalChatModel);
    expect(model._llmType()).toBe("attune-local");
    expect((model as LocalChatModel).modelPath).toBe(path.resolve(`/nowhere/models/${LOCAL_MODEL_FILE}`));
  });

  it("local: modelPath (or a .gguf model) picks the file; temperature and maxTokens pass through", async () => {
    const env = { ATTUNE_CACHE_DIR: "/c" };
    const a = (await createChatModel({
      provider: "local",
      model: "/tmp/other.gguf",
      temperature: 0,
      env,
    })) as LocalChatModel;
    expect(a.modelPath).toBe("/tmp/other.gguf");
    expect(a.temperature).toBe(0);
    const b = (await createChatModel({
      provider: "local",
      modelPath: "/tmp/p.gguf",
      model: "x.gguf",
      env,
    })) as LocalChatModel;
    expect(b.modelPath).toBe("/tmp/p.gguf");
    const c = (await createChatModel({ provider: "local", model: "gemma3", maxTokens: 48, env })) as LocalChatModel;
    expect(c.modelPath).toBe(`/c/models/${LOCAL_MODEL_FILE}`);
    expect(c.maxTokens).toBe(48);
  });

  it("local: a missing model file fails on first use with a pointer to `pnpm model:pull`", async () => {
    const model = await createChatModel({ env: { ATTUNE_MODEL_PATH: "/nonexistent/model.gguf" } });
    await expect(model.invoke("hi")).rejects.toThrow(/not found at \/nonexistent\/model\.gguf.*pnpm model:pull/);
  });

  it("openai: reads key and model from env", async () => {
    const model = await createChatModel({
      env: { ATTUNE_LLM: "openai", OPENAI_API_KEY: "sk-test", ATTUNE_LLM_MODEL: "gpt-test" },
      temperature: 0.2,
      maxTokens: 99,
    });
    expect(model).toBeInstanceOf(ChatOpenAI);
    const openai = model as ChatOpenAI;
    expect(openai.model).toBe("gpt-test");
    expect(openai.apiKey).toBe("sk-test");
    expect(openai.temperature).toBe(0.2);
    expect(openai.maxTokens).toBe(99);
  });

  it("openai: defaults the model name", async () => {
    const model = (await createChatModel({ provider: "openai", env: { OPENAI_API_KEY: "sk-test" } })) as ChatOpenAI;
    expect(model.model).toBe(DEFAULT_CHAT_MODELS.openai);
  });

  it("openai: missing OPENAI_API_KEY is a clear error", async () => {
    await expect(createChatModel({ env: { ATTUNE_LLM: "openai" } })).rejects.toThrow(/OPENAI_API_KEY/);
  });

  it("openai: OPENAI_BASE_URL (OpenAI-compatible server) makes the key optional", async () => {
    const model = await createChatModel({ provider: "openai", env: { OPENAI_BASE_URL: "http://127.0.0.1:8080/v1" } });
    expect(model).toBeInstanceOf(ChatOpenAI);
  });

  it("anthropic: reads the key; missing key is a clear error", async () => {
    await expect(createChatModel({ env: { ATTUNE_LLM: "anthropic" } })).rejects.toThrow(/ANTHROPIC_API_KEY/);
    const model = await createChatModel({ env: { ATTUNE_LLM: "anthropic", ANTHROPIC_API_KEY: "sk-ant-test" } });
    expect(model).toBeInstanceOf(ChatAnthropic);
    expect((model as ChatAnthropic).model).toBe(DEFAULT_CHAT_MODELS.anthropic);
  });

  it("ollama: base URL and model from env, no key needed", async () => {
    const model = await createChatModel({
      env: { ATTUNE_LLM: "ollama", OLLAMA_BASE_URL: "http://127.0.0.1:9999", ATTUNE_LLM_MODEL: "gemma3:270m" },
    });
    expect(model).toBeInstanceOf(ChatOllama);
    expect((model as ChatOllama).baseUrl).toBe("http://127.0.0.1:9999");
    expect((model as ChatOllama).model).toBe("gemma3:270m");
  });

  it("an explicit provider wins over ATTUNE_LLM", async () => {
    const model = await createChatModel({ provider: "fake", env: { ATTUNE_LLM: "anthropic" } });
    expect(model._llmType()).toBe("fake-list");
  });

  it("an unknown ATTUNE_LLM is rejected", async () => {
    await expect(createChatModel({ env: { ATTUNE_LLM: "nope" } })).rejects.toThrow(/not a known chat provider/);
  });

  describe("fake", () => {
    it("invokes deterministically", async () => {
      const model = await createChatModel({ env: { ATTUNE_LLM: "fake" } });
      const reply = await model.invoke("hello");
      expect(reply.content).toBe(DEFAULT_FAKE_RESPONSES[0]);
      expect((await model.invoke("again")).content).toBe(DEFAULT_FAKE_RESPONSES[0]);
    });

    it("cycles through custom responses", async () => {
      const model = await createChatModel({ provider: "fake", fakeResponses: ["one", "two"] });
      const replies = [];
      for (let i = 0; i < 3; i++) replies.push((await model.invoke("x")).content);
      expect(replies).toEqual(["one", "two", "one"]);
    });

    it("streams in several chunks that add up to the reply", async () => {
      const model = await createChatModel({ provider: "fake", fakeResponses: ["streamed reply"] });
      const chunks: AIMessageChunk[] = [];
      for await (const chunk of await model.stream("x")) chunks.push(chunk);
      expect(chunks.length).toBeGreaterThan(1);
      expect(chunks.map((c) => c.content).join("")).toBe("streamed reply");
    });
  });
});

describe("toChatHistory (local model prompt)", () => {
  it("maps system / human / ai / tool / generic messages", () => {
    const history = toChatHistory([
      new SystemMessage("Be brief."),
      new HumanMessage("Hi"),
      new AIMessage("Hello!"),
      new AIMessage({ content: "", tool_calls: [{ id: "1", name: "lookup", args: { q: "x" } }] }),
      new ToolMessage({ content: "42", tool_call_id: "1", name: "lookup" }),
      new ChatMessage({ role: "assistant", content: "Noted." }),
      new HumanMessage({
        content: [
          { type: "text", text: "multi" },
          { type: "text", text: "part" },
        ],
      }),
    ]);
    expect(history).toEqual([
      { type: "system", text: "Be brief." },
      { type: "user", text: "Hi" },
      { type: "model", response: ["Hello!", '\n\n[{"name":"lookup","args":{"q":"x"}}]'] },
      { type: "user", text: "Result of tool lookup:\n42" },
      { type: "model", response: ["Noted."] },
      { type: "user", text: "multipart" },
    ]);
  });
});

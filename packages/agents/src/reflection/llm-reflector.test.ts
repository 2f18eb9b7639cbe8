import { createMind } from "@attune/mind";
import type { CallbackManagerForLLMRun } from "@langchain/core/callbacks/manager";
import { AIMessage, AIMessageChunk, type BaseMessage } from "@langchain/core/messages";
import type { ChatResult } from "@langchain/core/outputs";
import { FakeListChatModel, FakeStreamingChatModel } from "@langchain/core/utils/testing";
import { describe, expect, it } from "vitest";
import { LocalChatModel } from "../llm/index.js";
import { createLlmReflector } from "./llm-reflector.js";
import { readReflection } from "./read-reflection.js";

const transcript = [
  {
    role: "user" as const,
    text: "I'm fine-tuning llama with LoRA. Should I set the rank to 64 so it trains more layers?",
  },
  { role: "assistant" as const, text: "Rank is the size of the update matrices, not the number of layers." },
  { role: "user" as const, text: "wait, I thought higher rank = more layers. I'm confused" },
];
const snapshot = createMind({ workspaceId: "acme", observerId: "assistant", subjectId: "ada" }).snapshot();
const answer = {
  hypotheses: [
    {
      kind: "misconception",
      dimension: "knowledge",
      key: "thinks that higher rank means more layers",
      value: 0.8,
      confidence: 0.6,
      rationale: "said higher rank = more layers",
    },
  ],
};

/** A scripted chat model that also reports token usage, like the local and hosted ones do. */
class MeteredFake extends FakeListChatModel {
  seen: BaseMessage[][] = [];
  override async _generate(
    messages: BaseMessage[],
    options: this["ParsedCallOptions"],
    runManager?: CallbackManagerForLLMRun,
  ): Promise<ChatResult> {
    this.seen.push(messages);
    const result = await super._generate(messages, options, runManager);
    const message = result.generations[0]?.message;
    if (message)
      Object.assign(message, { usage_metadata: { input_tokens: 300, output_tokens: 40, total_tokens: 340 } });
    return result;
  }
}

describe("createLlmReflector", () => {
  it("asks for text from models without tool calling, with a prefill for the local model", () => {
    const local = createLlmReflector({ model: new LocalChatModel({ modelPath: "/nonexistent/model.gguf" }) });
    expect(local.mode).toBe("text");
    const hosted = createLlmReflector({ model: new FakeListChatModel({ responses: ["{}"] }) });
    expect(hosted.mode).toBe("structured");
    expect(createLlmReflector({ model: new FakeListChatModel({ responses: ["{}"] }), structured: false }).mode).toBe(
      "text",
    );
  });

  it("returns the text answer with its token usage and duration", async () => {
    const model = new MeteredFake({ responses: [JSON.stringify(answer)] });
    const reflector = createLlmReflector({ model, structured: false });
    const call = await reflector.reflectWithUsage({ snapshot, transcript });
    expect(call).toMatchObject({ raw: JSON.stringify(answer), mode: "text", tokens: { input: 300, output: 40 } });
    expect(call.ms).toBeGreaterThanOrEqual(0);
    expect(readReflection({ raw: call.raw, transcript }).status).toBe("valid");
    await reflector.reflect({ snapshot, transcript });
    expect(reflector.usage()).toMatchObject({ calls: 2, inputTokens: 600, outputTokens: 80 });
    // The prompt carries the conversation.
    expect(model.seen[0]?.at(-1)?.text).toContain("person: wait, I thought higher rank = more layers");
  });

  it("prepends the prefill to a prefilled answer so it parses whole", async () => {
    // (FakeListChatModel answers a `stop` call with the stop sequence itself; this fake ignores it.)
    const model = new FakeStreamingChatModel({
      responses: [
        new AIMessage('higher rank means more layers","value":0.8,"confidence":0.6,"rationale":"said so"}]}'),
      ],
    });
    const reflector = createLlmReflector({ model, structured: false, prefill: true });
    const raw = await reflector.reflect({
      snapshot: { ...snapshot, state: { ...snapshot.state, confused: 0.7 } },
      transcript,
    });
    expect(raw).toBe(
      '{"hypotheses":[{"kind":"misconception","key":"thinks that higher rank means more layers","value":0.8,"confidence":0.6,"rationale":"said so"}]}',
    );
  });

  it("uses structured output through tool calling, and hands a schema miss to the repair step", async () => {
    const toolCall = (args: unknown) =>
      new FakeStreamingChatModel({
        chunks: [
          new AIMessageChunk({
            content: "",
            tool_calls: [{ name: "reflection", args: args as Record<string, unknown>, id: "1", type: "tool_call" }],
          }),
        ],
      });
    const ok = await createLlmReflector({ model: toolCall(answer) }).reflectWithUsage({ snapshot, transcript });
    expect(ok.mode).toBe("structured");
    expect(ok.raw).toEqual(answer);
    const sloppy = { hypotheses: [{ ...answer.hypotheses[0], value: "80", dimension: undefined }] };
    const repaired = await createLlmReflector({ model: toolCall(sloppy) }).reflect({ snapshot, transcript });
    expect(readReflection({ raw: repaired, transcript })).toMatchObject({
      status: "repaired",
      hypotheses: [{ value: 0.8, dimension: "knowledge" }],
    });
    // No tool call at all: the answer's text goes to the repair step.
    const prose = new FakeStreamingChatModel({ responses: [new AIMessage(`Here: ${JSON.stringify(answer)}`)] });
    const raw = await createLlmReflector({ model: prose }).reflect({ snapshot, transcript });
    expect(readReflection({ raw, transcript }).status).toBe("repaired");
  });

  it("lets a failing model's error through (the scheduler counts it)", async () => {
    const model = new FakeStreamingChatModel({ thrownErrorString: "provider down" });
    await expect(createLlmReflector({ model, structured: false }).reflect({ snapshot, transcript })).rejects.toThrow(
      "provider down",
    );
    await expect(createLlmReflector({ model }).reflect({ snapshot, transcript })).rejects.toThrow("provider down");
  });
});

import { AttuneError, type Plan } from "@attune/model";
import type { CallbackManagerForLLMRun } from "@langchain/core/callbacks/manager";
import type { BaseMessage } from "@langchain/core/messages";
import type { ChatGenerationChunk } from "@langchain/core/outputs";
import { FakeListChatModel } from "@langchain/core/utils/testing";

/**
 * A fake chat model (LangChain's `FakeListChatModel`) that records every prompt it is streamed and
 * the token budget it was allowed, for tests that check what a graph asked the model.
 *
 * @example
 * const model = new PromptRecordingModel({ responses: ["ok"] });
 * await app.invoke(input);
 * String(model.calls.at(-1)?.messages[0]?.content); // the system prompt
 */
export class PromptRecordingModel extends FakeListChatModel {
  calls: { messages: BaseMessage[]; maxTokens: number | undefined }[] = [];

  override async *_streamResponseChunks(
    messages: BaseMessage[],
    options: this["ParsedCallOptions"],
    runManager?: CallbackManagerForLLMRun,
  ): AsyncGenerator<ChatGenerationChunk> {
    this.calls.push({ messages, maxTokens: Reflect.get(options, "maxTokens") as number | undefined });
    yield* super._streamResponseChunks(messages, options, runManager);
  }
}

/**
 * A plain plan (standard length, working depth, prose, neutral tone, nothing to ask or skip) with the
 * given fields changed: the fixture for tests of what a plan does to routing and prompts.
 *
 * @example
 * testPlan({ depth: "expert", structure: "numbered" });
 */
export const testPlan = (overrides: Partial<Plan> = {}): Plan => ({
  length: "standard",
  depth: "working",
  structure: "prose",
  examples: "none",
  tone: "neutral",
  pace: "complete",
  askClarifyingQuestion: false,
  challenge: false,
  explore: false,
  skipTopics: [],
  rationale: [],
  predictedSatisfaction: 0,
  ...overrides,
});

/** The `AttuneError` code `fn` throws, "not an AttuneError" for any other throw, or "no error". */
export const codeOf = (fn: () => unknown): string => {
  try {
    fn();
  } catch (e) {
    return AttuneError.is(e) ? e.code : "not an AttuneError";
  }
  return "no error";
};

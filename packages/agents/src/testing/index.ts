import type { ReflectionInput, Reflector } from "@attune/mind";
import { AttuneError, neutralPlan, type Plan } from "@attune/model";
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
 * A plain plan with the given fields changed (`neutralPlan` of `@attune/model`): the fixture for tests
 * of what a plan does to routing and prompts.
 *
 * @example
 * testPlan({ depth: "expert", structure: "numbered" });
 */
export const testPlan: (overrides?: Partial<Plan>) => Plan = neutralPlan;

/** The `AttuneError` code `fn` throws, "not an AttuneError" for any other throw, or "no error". */
export const codeOf = (fn: () => unknown): string => {
  try {
    fn();
  } catch (e) {
    return AttuneError.is(e) ? e.code : "not an AttuneError";
  }
  return "no error";
};

/**
 * A reflector that answers at once with one goal drawn from the person's last words (two of their
 * longer words), so it passes the grounding check: for tests and benchmarks of reflection's wiring
 * and scheduling, where a model's latency and quality would only add noise.
 *
 * @example
 * const reflection = createReflectionScheduler({ reflector: groundedReflector(), every: 1 });
 */
export function groundedReflector(): Reflector {
  return {
    reflect: async ({ transcript }: ReflectionInput) => {
      const said = transcript.filter((t) => t.role === "user").at(-1)?.text ?? "";
      const key =
        said
          .toLowerCase()
          .match(/[a-z]{5,}/g)
          ?.slice(0, 2)
          .join(" ") ?? "getting help";
      return { hypotheses: [{ kind: "goal", key, value: 0.8, confidence: 0.6, rationale: said.slice(0, 80) }] };
    },
  };
}

import { AttuneError } from "@attune/model";
import type { BaseChatModel, BaseChatModelCallOptions } from "@langchain/core/language_models/chat_models";
import type { BaseMessage } from "@langchain/core/messages";

/**
 * Streams a chat model's answer, handing each text delta to `onDelta`, and returns the whole text.
 * A model failure becomes `model-unavailable` (an `AttuneError` thrown by the model passes through),
 * so every graph reports a broken or unreachable model the same way.
 *
 * @example
 * const text = await streamModelText({
 *   model,
 *   messages,
 *   callOptions: { signal },
 *   onDelta: (delta) => writer?.({ type: "reply-delta", delta }),
 *   failure: "the model failed to answer",
 * });
 */
export async function streamModelText(options: {
  model: BaseChatModel;
  messages: BaseMessage[];
  /** @default {} */
  callOptions?: Partial<BaseChatModelCallOptions> & { maxTokens?: number };
  onDelta?: (delta: string) => void;
  /** Start of the error message when the model fails, e.g. "Tess's model failed to answer". */
  failure: string;
}): Promise<string> {
  let text = "";
  try {
    const stream = await options.model.stream(options.messages, options.callOptions ?? {});
    for await (const chunk of stream) {
      const delta = typeof chunk.content === "string" ? chunk.content : chunk.text;
      if (!delta) continue;
      text += delta;
      options.onDelta?.(delta);
    }
  } catch (error) {
    if (AttuneError.is(error)) throw error;
    throw new AttuneError({
      code: "model-unavailable",
      message: `${options.failure}: ${(error as Error).message}`,
      cause: error,
    });
  }
  return text;
}

import type { GraphStore } from "@attune/graph";
import { AttuneError, type MindUpdateEvent, type Plan, toErrorPayload } from "@attune/model";
import type { RealtimeEmitter } from "@attune/realtime";
import { createTeamAssistantGraph, type TurnInput, type TurnState, type TurnStreamEvent } from "@attune/team-assistant";
import type { BaseChatModel } from "@langchain/core/language_models/chat_models";

export interface TurnResult {
  messageId: string;
  replyText: string;
  plan: Plan;
  /** Milliseconds per step (accept, perceive, updateMind, plan, respond, persist). */
  timings: Record<string, number>;
  /** Wall time of the graph run, from start to the persisted reply. */
  wallMs: number;
}

/**
 * Runs the team-assistant graph for accepted messages and relays its output to sockets. One compiled
 * graph serves every turn; in-flight turns are tracked so a retried message never runs twice at once.
 */
export class TurnRunner {
  readonly #app;
  readonly #inFlight = new Map<string, Promise<TurnResult | undefined>>();
  readonly #onError: (error: unknown) => void;

  readonly #onTurn: ((result: TurnResult) => void) | undefined;

  constructor(options: {
    store: GraphStore;
    model: BaseChatModel;
    onError?: (error: unknown) => void;
    /** Called after each successful turn (metrics, benchmarks). */
    onTurn?: (result: TurnResult) => void;
  }) {
    this.#app = createTeamAssistantGraph({
      store: (ws) => options.store.workspace(ws),
      model: options.model,
    }).compile();
    this.#onError = options.onError ?? ((error) => console.error("[turn] failed", error));
    this.#onTurn = options.onTurn;
  }

  isRunning(messageId: string): boolean {
    return this.#inFlight.has(messageId);
  }

  /** Starts a turn in the background; resolves when it ends (undefined if it failed and was reported). */
  start(input: TurnInput, emitter: RealtimeEmitter): Promise<TurnResult | undefined> {
    const existing = this.#inFlight.get(input.message.id);
    if (existing) return existing;
    const run = this.#run(input, emitter)
      .catch((error: unknown) => {
        if (!AttuneError.is(error) || error.code === "internal") this.#onError(error);
        emitter.toChannel(input.workspaceId, input.channelId).emit("message-fail", {
          messageId: input.message.id,
          replyId: input.replyId,
          channelId: input.channelId,
          error: toErrorPayload(error),
        });
        return undefined;
      })
      .finally(() => this.#inFlight.delete(input.message.id));
    this.#inFlight.set(input.message.id, run);
    return run;
  }

  /** Waits for every running turn (used on shutdown). */
  async drain(): Promise<void> {
    await Promise.allSettled([...this.#inFlight.values()]);
  }

  async #run(input: TurnInput, emitter: RealtimeEmitter): Promise<TurnResult> {
    const started = performance.now();
    const channel = emitter.toChannel(input.workspaceId, input.channelId);
    let final: TurnState | undefined;
    const stream = await this.#app.stream(input, { streamMode: ["custom", "values"] });
    for await (const [mode, chunk] of stream) {
      if (mode === "custom") {
        const event = chunk as TurnStreamEvent;
        if (event.type === "reply-delta")
          channel.emit("message-delta", { messageId: event.replyId, delta: event.delta });
      } else {
        final = chunk as TurnState;
      }
    }
    if (!final?.plan || final.replyText === undefined) {
      throw new AttuneError({ code: "internal", message: "the turn ended without a reply" });
    }
    channel.emit("message-end", {
      messageId: input.replyId,
      replyTo: input.message.id,
      channelId: input.channelId,
      authorId: input.assistant.id,
      text: final.replyText,
      plan: final.plan,
    });
    const update: MindUpdateEvent = {
      observerId: input.assistant.id,
      subjectId: input.person.id,
      beliefs: final.beliefs,
    };
    // A person's model is private to them by default: only their own sockets receive it.
    emitter.toPerson(input.workspaceId, input.person.id).emit("mind-update", update);
    const result: TurnResult = {
      messageId: input.message.id,
      replyText: final.replyText,
      plan: final.plan,
      timings: final.timings,
      wallMs: performance.now() - started,
    };
    this.#onTurn?.(result);
    return result;
  }
}

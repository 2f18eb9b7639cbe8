import { attributeText, buildReplyMessages, replyTime, streamModelText } from "@attune/agents";
import type { WorkspaceStore } from "@attune/graph";
import { createMind, Mind } from "@attune/mind";
import { AttuneError, type Belief, DimensionSchema, type Evidence, type Message } from "@attune/model";
import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import { END, type LangGraphRunnableConfig, START, StateGraph } from "@langchain/langgraph";
import { type TurnState, TurnStateSchema, type TurnStreamEvent } from "./state.js";

/** The slice of `@attune/graph`'s WorkspaceStore a turn needs (a fake can stand in for unit tests). */
export type TurnStore = Pick<WorkspaceStore, "readTurnContext" | "recordTurn">;

export interface CreateTeamAssistantGraphOptions {
  /** Resolves the store of the turn's workspace. */
  store: (workspaceId: string) => TurnStore;
  /** The chat model that writes replies. */
  model: BaseChatModel;
  /** Messages of channel history given to the model. @default 8 */
  historyLimit?: number;
  /** Clock, for deterministic tests. @default () => new Date() */
  now?: () => Date;
}

const since = (start: number) => Math.round((performance.now() - start) * 1000) / 1000;

/**
 * The shared assistant of a channel: perceive → update mind → plan → respond → persist. Returns an
 * uncompiled StateGraph so the caller chooses checkpointer and store.
 *
 * Reply text streams as custom events (`{ type: "reply-delta" }`, `streamMode: "custom"`).
 *
 * @example
 * const app = createTeamAssistantGraph({ store: (ws) => graphStore.workspace(ws), model }).compile();
 * for await (const [mode, chunk] of await app.stream(input, { streamMode: ["custom", "values"] })) …
 */
export function createTeamAssistantGraph(options: CreateTeamAssistantGraphOptions) {
  const now = options.now ?? (() => new Date());

  const perceive = async (state: TurnState): Promise<Partial<TurnState>> => {
    const start = performance.now();
    const context = await options.store(state.workspaceId).readTurnContext({
      observerId: state.assistant.id,
      subjectId: state.person.id,
      channelId: state.channelId,
      beforeMessageId: state.message.id,
      historyLimit: options.historyLimit ?? 8,
    });
    return {
      ...(context.mindState === undefined ? {} : { mindState: context.mindState }),
      corrections: context.corrections,
      history: context.history.map((m) => ({
        role: m.authorKind === "agent" ? ("assistant" as const) : ("person" as const),
        name: m.authorName,
        text: m.text,
      })),
      timings: { ...state.timings, perceive: since(start) },
    };
  };

  const updateMind = (state: TurnState): Partial<TurnState> => {
    const start = performance.now();
    const mind = state.mindState
      ? Mind.fromJSON(state.mindState)
      : createMind({ workspaceId: state.workspaceId, observerId: state.assistant.id, subjectId: state.person.id });
    // A person's own correction outranks inference: apply it before reading their new message.
    const applied: string[] = [];
    const corrected: Belief[] = [];
    const correctionEvidence: Evidence[] = [];
    for (const c of state.corrections) {
      const dimension = DimensionSchema.safeParse(c.dimension);
      if (dimension.success) {
        const result = mind.correct({
          dimension: dimension.data,
          key: c.key,
          value: c.value,
          messageId: state.message.id,
          text: c.text,
          at: c.at,
        });
        corrected.push(...result.beliefs);
        correctionEvidence.push(...result.evidence);
      }
      applied.push(c.raw);
    }
    // In a shared channel people relay each other ("Bob said: I'm lost with k8s"): only the author's
    // own words are theirs. Relays are marked as quotes, which the engine does not credit to them.
    const others = [
      ...new Set([state.assistant.name, ...state.history.map((h) => h.name)].filter((n) => n !== state.person.name)),
    ];
    const observation = mind.observe({
      messageId: state.message.id,
      speakerId: state.person.id,
      text: attributeText({ text: state.message.text, names: others }).text,
      at: state.message.createdAt,
    });
    const x = observation.experiment;
    // Later versions of the same belief win: the observation's, else the correction's.
    const changed = new Map([...corrected, ...observation.beliefs].map((b) => [`${b.dimension}/${b.key}`, b]));
    return {
      mindState: JSON.stringify(mind.toJSON()),
      evidence: [...correctionEvidence, ...observation.evidence],
      changedBeliefs: [...changed.values()],
      appliedCorrections: applied,
      ...(x && x.observed !== null && x.topic
        ? {
            experiment: {
              context: x.context,
              arms: x.arms,
              predicted: x.predicted,
              observed: x.observed,
              at: x.at,
              topic: x.topic,
            },
          }
        : {}),
      beliefs: mind.beliefs(state.message.createdAt),
      timings: { ...state.timings, updateMind: since(start) },
    };
  };

  const plan = (state: TurnState): Partial<TurnState> => {
    const start = performance.now();
    if (!state.mindState) throw new AttuneError({ code: "internal", message: "plan ran before the mind was updated" });
    // Planning records the pending experiment and advances the sampler, so the mind is saved after it.
    const mind = Mind.fromJSON(state.mindState);
    const plan = mind.plan();
    return { plan, mindState: JSON.stringify(mind.toJSON()), timings: { ...state.timings, plan: since(start) } };
  };

  const respond = async (state: TurnState, config: LangGraphRunnableConfig): Promise<Partial<TurnState>> => {
    const start = performance.now();
    if (!state.plan) throw new AttuneError({ code: "internal", message: "respond ran without a plan" });
    const messages = buildReplyMessages({
      assistantName: state.assistant.name,
      personName: state.person.name,
      plan: state.plan,
      history: state.history,
      text: state.message.text,
    });
    let text = await streamModelText({
      model: options.model,
      messages,
      callOptions: config.signal ? { signal: config.signal } : {},
      onDelta: (delta) => {
        const event: TurnStreamEvent = { type: "reply-delta", replyId: state.replyId, delta };
        config.writer?.(event);
      },
      failure: "the model failed to answer",
    });
    text = text.trim();
    if (text.length === 0) text = "…";
    return {
      replyText: text,
      replyAt: replyTime({ now: now(), answeredAt: state.message.createdAt }),
      timings: { ...state.timings, respond: since(start) },
    };
  };

  const persist = async (state: TurnState): Promise<Partial<TurnState>> => {
    const start = performance.now();
    if (!state.mindState || state.replyText === undefined) {
      throw new AttuneError({ code: "internal", message: "persist ran before the reply was written" });
    }
    const reply: Message & { replyTo: string } = {
      id: state.replyId,
      workspaceId: state.workspaceId,
      channelId: state.channelId,
      authorId: state.assistant.id,
      authorKind: "agent",
      text: state.replyText,
      createdAt: state.replyAt ?? now().toISOString(),
      replyTo: state.message.id,
    };
    await options.store(state.workspaceId).recordTurn({
      reply,
      mind: { observerId: state.assistant.id, subjectId: state.person.id, state: state.mindState },
      evidence: state.evidence,
      beliefs: state.changedBeliefs,
      appliedCorrections: state.appliedCorrections,
      experiments: state.experiment
        ? [{ id: `x-${state.message.id}`, ...state.experiment, predicted: clampUnit(state.experiment.predicted) }]
        : [],
    });
    return { timings: { ...state.timings, persist: since(start) } };
  };

  return new StateGraph(TurnStateSchema)
    .addNode("perceive", perceive)
    .addNode("updateMind", updateMind)
    .addNode("planReply", plan)
    .addNode("respond", respond)
    .addNode("persist", persist)
    .addEdge(START, "perceive")
    .addEdge("perceive", "updateMind")
    .addEdge("updateMind", "planReply")
    .addEdge("planReply", "respond")
    .addEdge("respond", "persist")
    .addEdge("persist", END);
}

/** Predictions are satisfaction on −1..1; keep stored experiments within it whatever the engine sends. */
const clampUnit = (x: number) => Math.max(-1, Math.min(1, x));

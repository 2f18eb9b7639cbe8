import { AttuneError, type Plan } from "@attune/model";
import type { BaseChatModelCallOptions } from "@langchain/core/language_models/chat_models";
import type { BaseMessage } from "@langchain/core/messages";
import type { LangGraphRunnableConfig } from "@langchain/langgraph";
import { streamModelText } from "../../llm/stream-text.js";
import { replyTime } from "../../reply-time.js";
import {
  buildGroupReplyMessages,
  type GroupAddressee,
  LENGTH_TOKENS,
  replyOpening,
  replyTokenBudget,
} from "../group-prompt.js";
import type { TeamState, TeamStreamEvent } from "../team-state.js";
import { since, type TeamAgent, type TeamRuntime } from "./runtime.js";

/**
 * The messages the answering agent's model is given: built from that agent's own plan of each person
 * (`buildGroupReplyMessages`), the channel history (minus the messages being answered, which close the
 * prompt) and the handoff it received, if any.
 */
export function teamReplyMessages(options: { runtime: TeamRuntime; state: TeamState; agent: TeamAgent }): {
  messages: BaseMessage[];
  plans: Plan[];
  /** The start of the answer the messages already contain (when primed), which the reply begins with. */
  opening: string;
} {
  const { runtime, state, agent } = options;
  const answering = new Set(state.addressees.flatMap((a) => a.messages.map((m) => m.id)));
  const addressees: GroupAddressee[] = state.addressees.map((a) => {
    const plan = state.plans[a.id];
    if (!plan) throw new AttuneError({ code: "internal", message: `respond ran without a plan for ${a.id}` });
    return { name: a.name, plan, messages: a.messages.map((m) => m.text) };
  });
  const handoff = state.handoff?.toAgentId === agent.id ? state.handoff : undefined;
  const messages = buildGroupReplyMessages({
    agent: { name: agent.name, role: agent.role, ...(agent.instructions ? { instructions: agent.instructions } : {}) },
    addressees,
    history: state.history
      .filter((h) => !answering.has(h.id))
      .map((h) => ({
        speaker: h.authorId === agent.id ? "self" : h.authorKind === "agent" ? "agent" : "person",
        name: h.authorName,
        text: h.text,
      })),
    ...(handoff
      ? {
          handoff: {
            fromName: runtime.agents.get(handoff.fromAgentId)?.name ?? handoff.fromAgentId,
            reason: handoff.reason,
          },
        }
      : {}),
    prime: shouldPrime(runtime, agent),
  });
  return { messages, plans: addressees.map((a) => a.plan), opening: replyOpening(messages) };
}

/** Local models continue a started answer; hosted chat APIs may not, so they are not primed unless asked. */
function shouldPrime(runtime: TeamRuntime, agent: TeamAgent): boolean {
  const option = runtime.options.primeReplies;
  if (typeof option === "function") return option(agent);
  if (typeof option === "boolean") return option;
  return agent.model._llmType() === "attune-local";
}

/**
 * respond: the answering agent's model writes the reply from its plans, streamed as `reply-delta`
 * custom events. The plans' lengths set the token budget (never above the model's own limit). A model
 * failure becomes `model-unavailable`.
 */
export function createRespondNode(runtime: TeamRuntime) {
  const budgets = runtime.options.lengthBudget === false ? undefined : (runtime.options.lengthBudget ?? LENGTH_TOKENS);
  return async function respond(state: TeamState, config: LangGraphRunnableConfig): Promise<Partial<TeamState>> {
    const start = performance.now();
    const agent = runtime.agents.get(state.activeAgentId ?? runtime.routerId);
    if (!agent)
      throw new AttuneError({ code: "internal", message: `respond ran for unknown agent ${state.activeAgentId}` });
    const { messages, plans, opening } = teamReplyMessages({ runtime, state, agent });
    const callOptions: BaseChatModelCallOptions & { maxTokens?: number } = config.signal
      ? { signal: config.signal }
      : {};
    if (budgets) {
      const own = Reflect.get(agent.model, "maxTokens");
      const budget = replyTokenBudget({ plans, budgets });
      callOptions.maxTokens = typeof own === "number" && own > 0 ? Math.min(own, budget) : budget;
    }
    let text = "";
    const emit = (delta: string) => {
      text += delta;
      const event: TeamStreamEvent = { type: "reply-delta", replyId: state.replyId, agentId: agent.id, delta };
      config.writer?.(event);
    };
    if (opening) emit(opening);
    try {
      await streamModelText({
        model: agent.model,
        messages,
        callOptions,
        onDelta: emit,
        failure: `${agent.name}'s model failed to answer`,
      });
    } catch (error) {
      // The turn ends here: the agent is no longer working on it.
      const at = runtime.now().toISOString();
      runtime.loads.finish({ workspaceId: state.workspaceId, agentId: agent.id, turnId: state.replyId, at });
      throw error;
    }
    text = text.trim();
    if (text.length === 0) text = "…";
    return {
      replyText: text,
      replyAt: replyTime({ now: runtime.now(), answeredAt: state.message.createdAt }),
      timings: { ...state.timings, respond: since(start) },
    };
  };
}

import type { Plan } from "@attune/model";
import { AIMessage, type BaseMessage, HumanMessage, SystemMessage } from "@langchain/core/messages";
import { buildReplyMessages, type PromptTurn, planInstructions } from "../reply-prompt.js";

/** One turn of channel history as the responding agent sees it. */
export interface GroupTurn {
  /** `self` is the responding agent; `agent` another agent; `person` a human. */
  speaker: "self" | "agent" | "person";
  name: string;
  text: string;
}

/** A person the reply answers: their plan and what they asked since the last reply. */
export interface GroupAddressee {
  name: string;
  plan: Plan;
  /** Their messages this reply answers, oldest first. */
  messages: string[];
}

/**
 * Reply token budget per planned length: the plan's length decides how much the model may write, so
 * a model that ignores the length instruction (small local models run to their limit) still answers
 * at the planned length. A ceiling, not a target.
 */
export const LENGTH_TOKENS: Readonly<Record<Plan["length"], number>> = { brief: 80, standard: 220, thorough: 520 };

/**
 * The token budget of a reply to these plans: one person's budget, or the sum of everyone's in a
 * group reply (each part is written at its own length).
 *
 * @example
 * replyTokenBudget({ plans: [plan] }); // 80 for a brief plan
 */
export function replyTokenBudget(options: {
  plans: readonly Plan[];
  /** @default LENGTH_TOKENS */
  budgets?: Readonly<Record<Plan["length"], number>>;
}): number {
  const budgets = options.budgets ?? LENGTH_TOKENS;
  return options.plans.reduce((sum, p) => sum + budgets[p.length], 0);
}

/**
 * How a reply following this plan opens: "- " for bullets, "1." for steps, a code fence for
 * code-first; nothing for prose or a clarifying question. Given to models that continue a started
 * answer (prefill), the opening makes small models follow the planned structure, which they do not
 * reliably do from the instruction alone.
 *
 * @example
 * structurePrimer({ plan }); // "1." for a plan with structure "steps"
 */
export function structurePrimer(options: { plan: Plan }): string | undefined {
  if (options.plan.askClarifyingQuestion) return undefined;
  return { prose: undefined, bullets: "- ", steps: "1.", "code-first": "```" }[options.plan.structure];
}

/**
 * Builds the chat messages for a team agent's reply to one or several people, each part adapted to
 * that person's plan (structure, depth, examples, what to skip, whether to ask, challenge or
 * explore). One person: `buildReplyMessages`' prompt plus the agent's role. Several: one instruction
 * block per person and the reply addresses each by name, in the order they wrote.
 *
 * Attribution stays exact in the prompt too: only the responding agent's own past words are assistant
 * messages; other agents and people are labelled with their names.
 *
 * @example
 * const messages = buildGroupReplyMessages({
 *   agent: { name: "Tess", role: "explains ML concepts" },
 *   addressees: [{ name: "Ada", plan, messages: ["what is LoRA?"] }],
 *   history: [],
 * });
 */
export function buildGroupReplyMessages(options: {
  agent: { name: string; role?: string; instructions?: string };
  /** At least one; in the order they wrote. */
  addressees: readonly GroupAddressee[];
  history: readonly GroupTurn[];
  /** The turn was handed over by another agent. */
  handoff?: { fromName: string; reason: string };
  /**
   * Open the answer for the model (a trailing assistant message it continues): the plan's structure
   * for one person (`structurePrimer`), the first name for a group. The opening is part of the reply.
   * @default false
   */
  prime?: boolean;
}): BaseMessage[] {
  const { agent, addressees } = options;
  const first = addressees[0];
  if (!first) throw new TypeError("buildGroupReplyMessages needs at least one addressee");
  const extra: string[] = [];
  if (agent.role) extra.push(`Your role: ${agent.role}.`);
  if (options.handoff) extra.push(`${options.handoff.fromName} handed this over to you: ${options.handoff.reason}`);
  if (agent.instructions) extra.push(agent.instructions);
  const history: PromptTurn[] = options.history.map((turn) =>
    turn.speaker === "self"
      ? { role: "assistant", name: agent.name, text: turn.text }
      : { role: "person", name: turn.speaker === "agent" ? `${turn.name} (agent)` : turn.name, text: turn.text },
  );

  if (addressees.length === 1) {
    const [system, ...rest] = buildReplyMessages({
      assistantName: agent.name,
      personName: first.name,
      plan: first.plan,
      history: [
        ...history,
        ...first.messages.slice(0, -1).map((text) => ({ role: "person" as const, name: first.name, text })),
      ],
      text: first.messages.at(-1) ?? "",
    });
    const head = typeof system?.content === "string" ? system.content : "";
    const primer = options.prime ? structurePrimer({ plan: first.plan }) : undefined;
    return [new SystemMessage([head, ...extra].join("\n")), ...rest, ...(primer ? [new AIMessage(primer)] : [])];
  }

  const names = addressees.map((a) => a.name);
  const system = [
    `You are ${agent.name}, an assistant in a team channel. ${names.join(", ")} are each waiting for an answer.`,
    ...extra,
    `Answer each person in turn, in this order: ${names.join(", then ")}. Start each part with their name and a colon ("${first.name}: …"), and follow that person's instructions in their part only.`,
    ...addressees.flatMap((a) => [`For ${a.name}:`, ...planInstructions(a.plan).map((line) => `- ${line}`)]),
  ].join("\n");
  const waiting = addressees.flatMap((a) => a.messages.map((text) => `${a.name}: ${text}`)).join("\n");
  return [
    new SystemMessage(system),
    ...history.map((turn) =>
      turn.role === "assistant" ? new AIMessage(turn.text) : new HumanMessage(`${turn.name}: ${turn.text}`),
    ),
    new HumanMessage(waiting),
    ...(options.prime ? [new AIMessage(`${first.name}:`)] : []),
  ];
}

/** The opening `buildGroupReplyMessages` gave the model with `prime`, which the reply starts with. */
export function replyOpening(messages: readonly BaseMessage[]): string {
  const last = messages.at(-1);
  return last instanceof AIMessage && typeof last.content === "string" ? last.content : "";
}

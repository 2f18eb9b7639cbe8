import type { Plan } from "@attune/model";
import { AIMessage, type BaseMessage, HumanMessage, SystemMessage } from "@langchain/core/messages";

export interface PromptTurn {
  role: "person" | "assistant";
  name: string;
  text: string;
}

const LENGTH: Record<Plan["length"], string> = {
  brief: "Answer in at most three short sentences.",
  standard: "Answer in one or two short paragraphs.",
  thorough: "Answer thoroughly: cover the reasoning, edge cases and next steps.",
};
const DEPTH: Record<Plan["depth"], string> = {
  overview: "Assume no background: use plain words and define any term you must use.",
  working: "Assume working familiarity; define only unusual terms.",
  expert: "The person is an expert: use precise technical terms and skip the basics.",
};
const STRUCTURE: Record<Plan["structure"], string> = {
  prose: "Write flowing prose.",
  steps: "Structure the answer as numbered steps.",
  bullets: "Use a short bulleted list.",
  "code-first": "Lead with a code snippet, then explain it briefly.",
};
const EXAMPLES: Record<Plan["examples"], string> = {
  none: "Do not add examples.",
  "concrete-first": "Start with one concrete example before any general explanation.",
  analogy: "Use one apt analogy.",
  "theory-first": "Give the principle first, then an example.",
};
const TONE: Record<Plan["tone"], string> = {
  warm: "Be warm; briefly acknowledge the difficulty before helping.",
  neutral: "Keep a neutral, friendly tone.",
  precise: "Be precise and matter-of-fact; no filler.",
  playful: "A light, playful touch is welcome.",
};

/**
 * Turns a Plan into the instructions the responding model follows, so the plan changes the substance
 * of the answer (structure, depth, examples, what to skip, whether to ask), not just its tone.
 */
export function planInstructions(plan: Plan): string[] {
  const lines = [
    LENGTH[plan.length],
    DEPTH[plan.depth],
    STRUCTURE[plan.structure],
    EXAMPLES[plan.examples],
    TONE[plan.tone],
  ];
  if (plan.pace === "one-step") lines.push("Give only the next step and check understanding before going further.");
  if (plan.skipTopics.length > 0)
    lines.push(`Do not explain these; the person knows them: ${plan.skipTopics.join(", ")}.`);
  if (plan.askClarifyingQuestion)
    lines.push("The goal is unclear: ask one short clarifying question instead of answering.");
  if (plan.challenge) lines.push("Respectfully challenge one assumption in the request.");
  if (plan.explore) lines.push("Suggest one direction the person may not have considered.");
  return lines;
}

/**
 * Builds the chat messages for a reply: a system prompt from the plan, the recent channel history, and
 * the person's message. Other people's words are labelled with their names so nothing is misattributed.
 *
 * @example
 * const messages = buildReplyMessages({ assistantName: "Attune", personName: "Ada", plan, history: [], text: "hi" });
 */
export function buildReplyMessages(options: {
  assistantName: string;
  personName: string;
  plan: Plan;
  history: PromptTurn[];
  text: string;
}): BaseMessage[] {
  const system = [
    `You are ${options.assistantName}, an assistant in a team workspace, replying to ${options.personName}.`,
    ...planInstructions(options.plan),
  ].join("\n");
  const history = options.history.map((turn) =>
    turn.role === "assistant" ? new AIMessage(turn.text) : new HumanMessage(`${turn.name}: ${turn.text}`),
  );
  return [new SystemMessage(system), ...history, new HumanMessage(options.text)];
}

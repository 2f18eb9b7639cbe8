import { planInstructions } from "@attune/agents";
import { neutralPlan, type Plan } from "@attune/model";
import { type BaseMessage, HumanMessage, SystemMessage } from "@langchain/core/messages";
import type { MemberSyncState } from "./state.js";

type MissedEvent = MemberSyncState["missed"][number];

/** Missed events a catch-up covers, by the plan's length: a rushed reader gets the decisions, not the chatter. */
export const CATCH_UP_BUDGET: Readonly<Record<Plan["length"], number>> = { brief: 3, standard: 6, thorough: 10 };

/** Longest excerpt of one event in the prompt (small local models have short contexts). */
const EXCERPT = 240;

/** The neutral plan used for a member the agent has no mind of yet. */
export const DEFAULT_CATCH_UP_PLAN: Plan = neutralPlan({
  structure: "bullets",
  rationale: ["no mind of this member yet: neutral catch-up"],
});

/**
 * A mind's plan answers the member's last request; a catch-up answers none, so asking, challenging
 * and exploring (which are about a request) are switched off while depth, length, structure,
 * examples, tone and pace carry over.
 */
export function catchUpPlan(plan: Plan): Plan {
  const off = [
    plan.askClarifyingQuestion ? "ask" : null,
    plan.challenge ? "challenge" : null,
    plan.explore ? "explore" : null,
  ].filter((x): x is string => x !== null);
  return {
    ...plan,
    askClarifyingQuestion: false,
    challenge: false,
    explore: false,
    rationale: off.length > 0 ? [...plan.rationale, `catch-up: no request to ${off.join("/")} about`] : plan.rationale,
  };
}

/**
 * What the member has not seen: `teamSync` already excludes what they wrote, saw or missed before
 * their last presence; this re-checks it so a stale or foreign source can never leak seen items
 * into the prompt.
 */
export function unseenEvents(member: MemberSyncState): MissedEvent[] {
  return member.missed.filter(
    (e) =>
      e.authorId !== member.memberId &&
      !e.seenBy.includes(member.memberId) &&
      (member.lastSeenAt === null || e.createdAt > member.lastSeenAt),
  );
}

const important = (e: MissedEvent) => e.kind === "decision" || e.kind === "event";
const byTime = (a: MissedEvent, b: MissedEvent) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0);
const oneLine = (text: string) => {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > EXCERPT ? `${flat.slice(0, EXCERPT - 1)}…` : flat;
};
const pct = (x: number) => `${Math.round(x * 100)}%`;

export interface CatchUpPrompt {
  messages: BaseMessage[];
  /** Events in the prompt, in prompt order. */
  eventIds: string[];
  /** Unseen events left out by the length budget. */
  omitted: number;
  /** `subjectId/dimension/key` of the diverging beliefs in the prompt. */
  divergentKeys: string[];
  /** Nothing unseen and nothing diverging: no catch-up is needed. */
  empty: boolean;
}

/**
 * Builds one member's catch-up prompt from their team-sync data and plan: only what they have not
 * seen (decisions and events first, then the newest messages, as many as the plan's length allows),
 * each with its author and who else already knows it, then the beliefs where they diverge from the
 * team. The plan's instructions (depth, length, structure, examples, tone, pace) shape the answer.
 *
 * @example
 * const { messages } = buildCatchUpPrompt({ agentName: "Attune", teamId: "platform", member, names, plan });
 */
export function buildCatchUpPrompt(options: {
  agentName: string;
  teamId: string;
  member: MemberSyncState;
  /** Display names by actor id. @default {} (ids are shown) */
  names?: Record<string, string>;
  plan: Plan;
}): CatchUpPrompt {
  const { member, plan } = options;
  const names = options.names ?? {};
  const nameOf = (id: string | null) => (id === null ? "someone" : (names[id] ?? id));
  const memberName = member.name ?? nameOf(member.memberId);

  const unseen = unseenEvents(member);
  const budget = CATCH_UP_BUDGET[plan.length];
  // Decisions and events always come before chatter; among each, the newest matter most.
  const ranked = [...unseen].sort((a, b) => Number(important(b)) - Number(important(a)) || byTime(b, a));
  const chosen = ranked.slice(0, budget);
  const shown = [...chosen.filter(important).sort(byTime), ...chosen.filter((e) => !important(e)).sort(byTime)];
  const omitted = unseen.length - shown.length;
  const divergent = member.divergent.slice(0, plan.length === "brief" ? 2 : 5);

  const lines: string[] = [
    `Catch-up for ${memberName}${member.lastSeenAt ? ` (last here ${member.lastSeenAt})` : ""}.`,
  ];
  if (shown.length > 0) {
    lines.push("What they missed:");
    shown.forEach((e, i) => {
      const others = e.seenBy.filter((id) => id !== e.authorId && id !== member.memberId).map(nameOf);
      const kind = important(e) ? `[${e.kind}] ` : "";
      const known = others.length > 0 ? ` (also seen by ${others.join(", ")})` : "";
      lines.push(`${i + 1}. ${kind}${nameOf(e.authorId)}: ${oneLine(e.text)}${known}`);
    });
    if (omitted > 0) lines.push(`(${omitted} more message${omitted === 1 ? "" : "s"} not listed.)`);
  }
  if (divergent.length > 0) {
    lines.push("Where their view differs from the team's:");
    for (const d of divergent) {
      const subject = d.subjectId === member.memberId ? "themselves" : nameOf(d.subjectId);
      const what = d.dimension === "knowledge" ? `knowledge of ${d.key}` : `${d.dimension} "${d.key}"`;
      lines.push(
        `- ${subject}, ${what}: they think ${pct(d.mine)}, ${d.others} teammate${d.others === 1 ? "" : "s"} ${pct(d.team)}.`,
      );
    }
  }
  lines.push(`Write ${memberName}'s catch-up.`);

  const system = [
    `You are ${options.agentName}, catching ${memberName} up on team ${options.teamId} after time away.`,
    "Mention only the items listed, most important first, and say who to ask about each.",
    ...planInstructions(plan),
  ].join("\n");
  return {
    messages: [new SystemMessage(system), new HumanMessage(lines.join("\n"))],
    eventIds: shown.map((e) => e.id),
    omitted,
    divergentKeys: divergent.map((d) => `${d.subjectId}/${d.dimension}/${d.key}`),
    empty: shown.length === 0 && divergent.length === 0,
  };
}

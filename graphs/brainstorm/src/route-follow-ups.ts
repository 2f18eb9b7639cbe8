import type { Cluster, FollowUp, Idea } from "./state.js";

/** Someone who knows a cluster's topic, and where that knowledge was read. */
export interface KnowledgeHint {
  personId: string;
  name: string;
  source: "mind" | "who-can-help";
  reason: string;
}

/**
 * Decides who takes each cluster further: its lead author (most ideas in it, then first to speak) is
 * asked to elaborate, and the first knowledgeable person who is not the lead — from the agent's minds
 * of the participants or the graph's who-can-help — to weigh in. Deterministic and explainable: every
 * follow-up names its source and reason.
 *
 * @example
 * routeFollowUps({ clusters, ideas, names: { ada: "Ada" }, experts: { c1: [{ personId: "cal", name: "Cal", source: "mind", reason: "…" }] } });
 */
export function routeFollowUps(options: {
  clusters: readonly Cluster[];
  ideas: readonly Idea[];
  /** Display names by person id. */
  names: Readonly<Record<string, string>>;
  /** Knowledgeable people per cluster id, best first. @default {} */
  experts?: Readonly<Record<string, readonly KnowledgeHint[]>>;
}): FollowUp[] {
  const authorOf = new Map(options.ideas.map((i) => [i.id, i.authorId]));
  const followUps: FollowUp[] = [];
  for (const cluster of options.clusters) {
    const lead = cluster.authorIds[0];
    if (lead === undefined) continue;
    const total = cluster.ideaIds.length;
    const theirs = cluster.ideaIds.filter((id) => authorOf.get(id) === lead).length;
    followUps.push({
      clusterId: cluster.id,
      personId: lead,
      name: options.names[lead] ?? lead,
      ask: "elaborate",
      source: "authorship",
      reason: `proposed ${theirs} of ${total} idea${total === 1 ? "" : "s"} on ${cluster.label}`,
    });
    const expert = (options.experts?.[cluster.id] ?? []).find((e) => e.personId !== lead);
    if (expert) {
      followUps.push({
        clusterId: cluster.id,
        personId: expert.personId,
        name: expert.name,
        ask: "weigh-in",
        source: expert.source,
        reason: expert.reason,
      });
    }
  }
  return followUps;
}

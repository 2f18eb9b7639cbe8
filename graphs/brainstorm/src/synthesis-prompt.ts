import { type BaseMessage, HumanMessage, SystemMessage } from "@langchain/core/messages";
import type { Cluster, FollowUp, Idea } from "./state.js";

/** Ideas shown per cluster (small local models have short contexts). */
const IDEAS_PER_CLUSTER = 5;
const EXCERPT = 200;
const oneLine = (text: string) => {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > EXCERPT ? `${flat.slice(0, EXCERPT - 1)}…` : flat;
};

/**
 * The synthesis prompt: each theme with its ideas, every idea next to the name of the person whose
 * own words it was (never the agent, never someone quoted), then the follow-ups to ask for. The model
 * is told to credit only those names and to add no ideas of its own.
 *
 * @example
 * const messages = buildSynthesisMessages({ agentName: "Attune", question: "How do we onboard faster?", clusters, ideas, followUps });
 */
export function buildSynthesisMessages(options: {
  agentName: string;
  question: string;
  clusters: readonly Cluster[];
  ideas: readonly Idea[];
  followUps: readonly FollowUp[];
}): BaseMessage[] {
  const byId = new Map(options.ideas.map((i) => [i.id, i]));
  const themeNo = new Map(options.clusters.map((c, i) => [c.id, i + 1]));
  const lines: string[] = [];
  for (const [index, cluster] of options.clusters.entries()) {
    lines.push(`Theme ${index + 1} (${cluster.label}):`);
    const shown = cluster.ideaIds.slice(0, IDEAS_PER_CLUSTER);
    for (const id of shown) {
      const idea = byId.get(id);
      if (idea) lines.push(`- ${idea.authorName}: ${oneLine(idea.text)}`);
    }
    if (cluster.ideaIds.length > shown.length) lines.push(`- (${cluster.ideaIds.length - shown.length} more)`);
  }
  if (options.followUps.length > 0) {
    lines.push("Follow-ups:");
    for (const f of options.followUps) {
      const verb = f.ask === "elaborate" ? "elaborate on" : "weigh in on";
      lines.push(`- ${f.name}: ${verb} theme ${themeNo.get(f.clusterId) ?? "?"} (${f.reason})`);
    }
  }
  const system = [
    `You are ${options.agentName}, facilitating a team brainstorm on: ${options.question}`,
    "Summarise the themes in a few short sentences. Credit each idea only to the person named with it, and add no ideas of your own.",
    "End by asking each follow-up person by name.",
  ].join("\n");
  return [new SystemMessage(system), new HumanMessage(lines.join("\n"))];
}

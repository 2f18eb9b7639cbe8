import type { RelationshipGraph } from "@attune/graph";
import { createMind } from "@attune/mind";
import type { BrainstormMessage } from "../state.js";

/** Minute `m` after 09:00 on a fixed day. */
export const at = (m: number) => new Date(Date.UTC(2030, 0, 7, 9, m)).toISOString();

export const AGENT = { id: "attune", name: "Attune" };
export const QUESTION = "How do we make the first weeks at the company smoother, and the product faster?";

const person = (id: string, authorName: string, minute: number, text: string): BrainstormMessage => ({
  id: `m${minute}`,
  authorId: id,
  authorName,
  authorKind: "person",
  text,
  createdAt: at(minute),
});

/**
 * A brainstorm with the attribution traps: an agent suggestion, a quoted idea (Cal quotes Ada) and a
 * relayed one (Dee reports what Ben said), plus a "+1".
 */
export const MESSAGES: BrainstormMessage[] = [
  person(
    "ada",
    "Ada",
    1,
    "- Write a proper onboarding guide for new hires\n- Record short onboarding videos about the deploy process",
  ),
  person(
    "ben",
    "Ben",
    2,
    "We could pair new hires with an onboarding buddy for their first weeks. Also, let's cache the pricing page, it loads too slowly.",
  ),
  {
    id: "m3",
    authorId: AGENT.id,
    authorName: AGENT.name,
    authorKind: "agent",
    text: "Great ideas! A pricing FAQ page for new customers could help too.",
    createdAt: at(3),
  },
  person(
    "cal",
    "Cal",
    4,
    "> Ada wrote: write a proper onboarding guide\nI'd rather serve the pricing page from a CDN cache.",
  ),
  person(
    "dee",
    "Dee",
    5,
    "Ben said: we should drop the pricing page entirely.\nTurn on kubernetes horizontal pod autoscaling for the API pods.",
  ),
  person("eve", "Eve", 6, "+1\nSet pod resource limits in the helm chart so kubernetes stops evicting pods."),
];

/** Every idea and its author, exactly. */
export const EXPECTED_IDEAS: [string, string, string][] = [
  ["m1#1", "ada", "Write a proper onboarding guide for new hires"],
  ["m1#2", "ada", "Record short onboarding videos about the deploy process"],
  ["m2#1", "ben", "We could pair new hires with an onboarding buddy for their first weeks."],
  ["m2#2", "ben", "Also, let's cache the pricing page, it loads too slowly."],
  ["m4#1", "cal", "I'd rather serve the pricing page from a CDN cache."],
  ["m5#1", "dee", "Turn on kubernetes horizontal pod autoscaling for the API pods."],
  ["m6#1", "eve", "Set pod resource limits in the helm chart so kubernetes stops evicting pods."],
];

/** The partition the clustering must find. */
export const EXPECTED_CLUSTERS = [
  ["m1#1", "m1#2", "m2#1"],
  ["m2#2", "m4#1"],
  ["m5#1", "m6#1"],
];

/**
 * Seeds the people, the agent, the channel and its messages, and the knowledge routing reads: Fin
 * (not in the brainstorm) lets Attune recommend him on billing; Cal knows billing too but did not
 * consent; the agent's mind of Ben shows Kubernetes experience. Returns the agent's minds by person.
 */
export async function seedBrainstorm(graph: RelationshipGraph): Promise<Map<string, string>> {
  await graph.ensureWorkspace({ name: "Acme" });
  for (const [id, name] of [
    ["ada", "Ada"],
    ["ben", "Ben"],
    ["cal", "Cal"],
    ["dee", "Dee"],
    ["eve", "Eve"],
    ["fin", "Fin"],
  ] as const) {
    await graph.ensurePerson({ id, name, at: at(0) });
  }
  await graph.ensureAgent({ id: AGENT.id, name: AGENT.name, at: at(0) });
  await graph.ensureChannel({ id: "ideas", name: "Ideas", kind: "team", at: at(0) });
  for (const m of MESSAGES) {
    await graph.addMessage({
      id: m.id,
      channelId: "ideas",
      authorId: m.authorId,
      text: m.text,
      createdAt: m.createdAt,
    });
  }
  await graph.recordKnowledge({
    knows: [
      { personId: "fin", topic: "billing", level: 0.9, confidence: 0.8, shareable: true, at: at(0) },
      { personId: "cal", topic: "billing", level: 0.95, confidence: 0.9, shareable: false, at: at(0) },
    ],
  });
  const ben = createMind({ workspaceId: graph.workspaceId, observerId: AGENT.id, subjectId: "ben", seed: 7 });
  [
    "our statefulset pods got evicted again; I set a pod disruption budget and fixed the taints and tolerations on the node pool",
    "the horizontal pod autoscaler was fighting the cluster autoscaler, so I tuned the readiness probe and kubelet eviction thresholds",
  ].forEach((text, i) => {
    ben.observe({ messageId: `ben-dm${i}`, speakerId: "ben", text, at: at(-60 + i) });
  });
  const minds = new Map([["ben", JSON.stringify(ben.toJSON())]]);
  for (const [subjectId, state] of minds) {
    await graph.recordBeliefs({ observerId: AGENT.id, subjectId, state, beliefs: [], at: at(0) });
  }
  return minds;
}

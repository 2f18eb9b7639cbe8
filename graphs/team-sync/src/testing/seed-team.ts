import type { RelationshipGraph } from "@attune/graph";
import { createMind } from "@attune/mind";

/** Minute `m` after 09:00 on a fixed day (ISO strings sort like times). */
export const at = (m: number) => new Date(Date.UTC(2030, 0, 7, 9, m)).toISOString();

export const AGENT = { id: "assistant", name: "Attune" };

/** The team's messages: id, author, kind, minute, text. */
export const EVENTS = [
  { id: "m0", author: "ben", kind: undefined, minute: 0, text: "Kickoff notes are in the wiki." },
  {
    id: "m1",
    author: "ben",
    kind: "decision",
    minute: 60,
    text: "Decision: the launch moves to May 3; the code freeze starts April 28.",
  },
  {
    id: "m2",
    author: "cal",
    kind: undefined,
    minute: 65,
    text: "Staging cluster is back up after the node pool resize.",
  },
  { id: "m3", author: "ada", kind: undefined, minute: 70, text: "I'll review the helm chart for the ingress change." },
  {
    id: "m4",
    author: "cal",
    kind: "event",
    minute: 80,
    text: "Incident: ingress outage from 10:15 to 10:20, resolved by rolling back nginx.",
  },
  { id: "m5", author: "ben", kind: undefined, minute: 90, text: "Anyone up for lunch at noon?" },
  { id: "m6", author: "noa", kind: undefined, minute: 95, text: "Where do I find the onboarding doc?" },
] as const;

/** What each member has not seen (ids), derived by hand from the presences below. */
export const EXPECTED_UNSEEN: Record<string, string[]> = {
  ada: ["m1", "m4", "m5", "m6"], // last here 09:30, read m2 in a notification, wrote m3
  noa: ["m1", "m2", "m3", "m4", "m5"], // last here 09:05, wrote m6
  ben: ["m2", "m3", "m4", "m6"], // last here 09:00, wrote m0, m1 and m5
  cal: [], // here at 10:40, after everything
};

/**
 * Seeds a four-person team through the `RelationshipGraph` API (memory or Neo4j alike): Ada is a
 * rushed Kubernetes expert, Noa a confused newcomer (the agent holds a mind of each), Ben has no mind
 * yet, Cal was present after everything. Ada and Ben disagree about Cal's Kubernetes knowledge.
 * Returns the agent's serialized minds by member id.
 */
export async function seedTeam(graph: RelationshipGraph): Promise<Map<string, string>> {
  await graph.ensureWorkspace({ name: "Acme" });
  for (const [id, name] of [
    ["ada", "Ada"],
    ["ben", "Ben"],
    ["cal", "Cal"],
    ["noa", "Noa"],
  ] as const) {
    await graph.ensurePerson({ id, name, at: at(0) });
  }
  await graph.ensureAgent({ id: AGENT.id, name: AGENT.name, at: at(0) });
  await graph.recordTeam({ teamId: "platform", name: "Platform", memberIds: ["ada", "ben", "cal", "noa"], at: at(0) });
  await graph.ensureChannel({ id: "platform-room", name: "Platform", kind: "team", teamId: "platform", at: at(0) });
  for (const e of EVENTS) {
    await graph.addMessage({
      id: e.id,
      channelId: "platform-room",
      authorId: e.author,
      text: e.text,
      createdAt: at(e.minute),
      ...(e.kind ? { kind: e.kind } : {}),
    });
  }
  await graph.recordPresence({ actorId: "ben", at: at(0) });
  await graph.recordPresence({ actorId: "noa", at: at(5) });
  await graph.recordPresence({ actorId: "ada", at: at(30), saw: ["m0"] });
  // A notification Ada read later: she saw m2 without coming back (her last presence stays 09:30).
  await graph.recordPresence({ actorId: "ada", at: at(30), saw: ["m2"] });
  await graph.recordPresence({ actorId: "cal", at: at(100) });

  // Ada thinks Cal knows Kubernetes well; Ben thinks not.
  for (const [observerId, mean] of [
    ["ada", 0.9],
    ["ben", 0.2],
  ] as const) {
    await graph.recordBeliefs({
      observerId,
      subjectId: "cal",
      beliefs: [
        {
          id: `${observerId}-cal-k8s`,
          dimension: "knowledge",
          key: "kubernetes",
          mean,
          confidence: 0.8,
          validFrom: at(1),
        },
      ],
    });
  }

  const minds = new Map<string, string>();
  const talk = (subjectId: string, texts: string[]) => {
    // A fixed seed: the plan samples its policy, and the workspace id (random in tests) would otherwise seed it.
    const mind = createMind({ workspaceId: graph.workspaceId, observerId: AGENT.id, subjectId, seed: 7 });
    texts.forEach((text, i) => {
      mind.observe({ messageId: `${subjectId}-dm${i}`, speakerId: subjectId, text, at: at(10 + i) });
    });
    minds.set(subjectId, JSON.stringify(mind.toJSON()));
  };
  talk("ada", [
    "quick one, no time: our k8s ingress p99 latency regressed after the helm upgrade, rollback or pin the nginx controller?",
    "asap pls, the kubernetes pod autoscaler HPA is thrashing, need answer now",
  ]);
  talk("noa", [
    "hi, I'm new here and don't really understand what kubernetes is. could you explain it simply?",
    "sorry, I'm confused, what's a pod? I'm a beginner",
  ]);
  for (const [subjectId, state] of minds) {
    await graph.recordBeliefs({ observerId: AGENT.id, subjectId, state, beliefs: [], at: at(20) });
  }
  return minds;
}

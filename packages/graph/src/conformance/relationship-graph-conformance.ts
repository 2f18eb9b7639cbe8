import { describe, expect, it, onTestFinished } from "vitest";
import type { RelationshipGraph } from "../relationship-graph.js";

/** Makes one fresh, empty graph (its own workspace) and a way to drop it. */
export type RelationshipGraphFactory = () => Promise<{ graph: RelationshipGraph; cleanup(): Promise<void> }>;

/** A fixed clock for the story (no real time anywhere): minute `m` after 2030-01-01T00:00Z. */
export const T = (minute: number) => new Date(Date.UTC(2030, 0, 1) + minute * 60_000).toISOString();
const stamp = (at: string) => at.replace(/[^0-9]/g, "");

const PEOPLE = [
  ["ada", "Ada"],
  ["bo", "Bo"],
  ["cy", "Cy"],
  ["di", "Di"],
] as const;

/**
 * A small team (the story of `graph-api.int.test.ts`): Ada asks about kubernetes; Bo and Cy know it;
 * Di knows it best but does not share. The assistant holds a model of each; Ada's kubernetes belief
 * has two versions (0.2 at T(0), 0.3 at T(10)).
 */
async function seed(graph: RelationshipGraph): Promise<void> {
  await graph.ensureAgent({ id: "assistant", name: "Attune", role: "assistant", at: T(-10) });
  for (const [id, name] of PEOPLE) {
    await graph.ensurePerson({
      id,
      name,
      at: T(-10),
      ...(id === "bo" ? { availability: 0.9 } : id === "cy" ? { availability: 0.4 } : {}),
    });
  }
  await graph.ensureChannel({ id: "general", name: "General", at: T(-10) });
  await graph.ensureChannel({ id: "platform-room", name: "Platform", teamId: "platform", at: T(-10) });
  let n = 0;
  const turn = async (subjectId: string, key: string, mean: number, minute: number, text: string, v = 1) => {
    n += 1;
    await graph.addMessage({ id: `q${n}`, channelId: "general", authorId: subjectId, text, createdAt: T(minute) });
    await graph.addMessage({
      id: `r${n}`,
      channelId: "general",
      authorId: "assistant",
      text: `reply ${n}`,
      createdAt: T(minute),
      replyTo: `q${n}`,
    });
    const dimension = key === "verbosity" ? "preference" : "knowledge";
    await graph.recordBeliefs({
      observerId: "assistant",
      subjectId,
      evidence: [
        {
          id: `q${n}.e0`,
          messageId: `q${n}`,
          speakerId: subjectId,
          dimension,
          key,
          signal: "technical-vocabulary",
          weight: 1,
          excerpt: `${subjectId} talks about ${key}`,
          observedAt: T(minute),
        },
      ],
      beliefs: [
        {
          id: `b-${subjectId}-${key}.v${v}`,
          dimension,
          key,
          mean,
          confidence: 0.6,
          validFrom: T(minute),
          evidenceIds: [`q${n}.e0`],
        },
      ],
      at: T(minute),
    });
  };
  await turn("ada", "kubernetes", 0.2, 0, "what even is a pod");
  await turn("bo", "kubernetes", 0.9, 1, "our HPA flaps between 3 and 12 replicas");
  await turn("cy", "kubernetes", 0.7, 2, "the helm chart needs a readiness probe");
  await turn("di", "kubernetes", 0.95, 3, "I wrote the operator for our CRDs");
  await turn("ada", "verbosity", 0.2, 4, "shorter please");
  await turn("bo", "verbosity", 0.25, 5, "k");
  await turn("cy", "verbosity", 0.9, 6, "could you go into much more detail");
  await turn("ada", "kubernetes", 0.3, 10, "so a pod is like a box for containers?", 2);
  await graph.recordKnowledge({
    knows: [
      { personId: "ada", topic: "kubernetes", level: 0.3, confidence: 0.5, shareable: true, at: T(10) },
      { personId: "bo", topic: "kubernetes", level: 0.9, confidence: 0.7, shareable: true, at: T(1) },
      { personId: "cy", topic: "kubernetes", level: 0.7, confidence: 0.6, shareable: true, at: T(2) },
      { personId: "di", topic: "kubernetes", level: 0.95, confidence: 0.8, shareable: false, at: T(3) },
    ],
  });
  await graph.recordRelationships({
    relationships: [
      { type: "collaborates-with", from: "ada", to: "cy", weight: 0.5, at: T(0) },
      { type: "collaborates-with", from: "cy", to: "bo", weight: 0.3, at: T(0) },
      { type: "helped", from: "bo", to: "cy", topic: "kubernetes", at: T(1) },
      { type: "trusts", from: "ada", to: "cy", level: 0.8, at: T(2) },
    ],
  });
}

/** Any string anywhere in `value` that is `ada`'s id or carries her name or words. */
function mentionsAda(value: unknown, path = "$"): string[] {
  if (typeof value === "string") {
    return value === "ada" || /Ada|ada talks|pod|ada~|~ada/.test(value) ? [`${path} = ${value}`] : [];
  }
  if (Array.isArray(value)) return value.flatMap((v, i) => mentionsAda(v, `${path}[${i}]`));
  if (value && typeof value === "object") {
    return Object.entries(value).flatMap(([k, v]) => mentionsAda(v, `${path}.${k}`));
  }
  return [];
}

const byId = <T extends { id: string }>(items: T[]) => [...items].sort((a, b) => (a.id < b.id ? -1 : 1));

/**
 * The behaviour every `RelationshipGraph` must show. Call it from a test file with a factory that
 * returns a fresh graph in a fresh workspace each time (graphs from two calls must be two workspaces of
 * one backing store, so isolation can be checked).
 *
 * @example
 * describeRelationshipGraphConformance("memory", async () => ({ graph: createMemoryRelationshipGraph({ workspaceId: "w1" }), cleanup: async () => {} }));
 */
export function describeRelationshipGraphConformance(name: string, factory: RelationshipGraphFactory): void {
  /** A fresh graph, dropped when the test finishes. */
  const fresh = async (seeded = true): Promise<RelationshipGraph> => {
    const { graph, cleanup } = await factory();
    onTestFinished(cleanup);
    if (seeded) await seed(graph);
    return graph;
  };

  describe(`RelationshipGraph conformance: ${name}`, () => {
    describe("person model", () => {
      it("reads every observer's beliefs about a person with their evidence, ordered by observer, dimension and key", async () => {
        const g = await fresh();
        const model = await g.readPersonModel({ personId: "ada" });
        expect(model.person).toEqual({ id: "ada", name: "Ada", kind: "person" });
        expect(model.beliefs.map((b) => b.key)).toEqual(["kubernetes", "verbosity"]);
        expect(model.beliefs[0]).toEqual({
          id: "b-ada-kubernetes.v2",
          observerId: "assistant",
          dimension: "knowledge",
          key: "kubernetes",
          mean: 0.3,
          confidence: 0.6,
          validFrom: T(10),
          validTo: null,
          recordedAt: T(10),
          visibility: "private",
          order: 1,
          aboutSubjectId: null,
          evidence: [
            {
              id: "q8.e0",
              signal: "technical-vocabulary",
              weight: 1,
              excerpt: "ada talks about kubernetes",
              observedAt: T(10),
              messageId: "q8",
              speakerId: "ada",
            },
          ],
        });
        const agent = await g.readPersonModel({ personId: "assistant" });
        expect(agent).toEqual({ person: { id: "assistant", name: "Attune", kind: "agent" }, beliefs: [] });
      });

      it("reads the model as it stood at any instant (bi-temporal as-of)", async () => {
        const g = await fresh();
        const at5 = await g.readPersonModel({ personId: "ada", asOf: T(5) });
        expect(at5.beliefs.map((b) => [b.id, b.mean, b.validTo])).toEqual([
          ["b-ada-kubernetes.v1", 0.2, T(10)],
          ["b-ada-verbosity.v1", 0.2, null],
        ]);
        const at3 = await g.readPersonModel({ personId: "ada", asOf: T(3) });
        expect(at3.beliefs.map((b) => b.id)).toEqual(["b-ada-kubernetes.v1"]);
        // validFrom is inclusive, validTo exclusive.
        const at10 = await g.readPersonModel({ personId: "ada", asOf: T(10) });
        expect(at10.beliefs.map((b) => b.id)).toEqual(["b-ada-kubernetes.v2", "b-ada-verbosity.v1"]);
        expect((await g.readPersonModel({ personId: "ada", asOf: T(-100) })).beliefs).toEqual([]);
      });

      it("returns the most recent evidence first, as many as asked", async () => {
        const g = await fresh();
        await g.addMessage({
          id: "q9",
          channelId: "general",
          authorId: "ada",
          text: "kubectl get pods",
          createdAt: T(20),
        });
        await g.recordBeliefs({
          observerId: "assistant",
          subjectId: "ada",
          evidence: [
            {
              id: "q9.e0",
              messageId: "q9",
              speakerId: "ada",
              dimension: "knowledge",
              key: "kubernetes",
              signal: "command",
              weight: 2,
              excerpt: "kubectl get pods",
              observedAt: T(20),
            },
          ],
          beliefs: [
            {
              id: "b-ada-kubernetes.v3",
              dimension: "knowledge",
              key: "kubernetes",
              mean: 0.4,
              confidence: 0.7,
              validFrom: T(20),
              evidenceIds: ["q8.e0", "q9.e0"],
            },
          ],
        });
        const k8s = async (evidence?: number) =>
          (await g.readPersonModel({ personId: "ada", ...(evidence === undefined ? {} : { evidence }) })).beliefs.find(
            (b) => b.key === "kubernetes",
          );
        expect((await k8s())?.evidence.map((e) => e.id)).toEqual(["q9.e0", "q8.e0"]);
        expect((await k8s(1))?.evidence.map((e) => e.id)).toEqual(["q9.e0"]);
        expect((await k8s(0))?.evidence).toEqual([]);
      });

      it("rejects unknown people (not-found) and malformed ids (invalid-payload)", async () => {
        const g = await fresh();
        await expect(g.readPersonModel({ personId: "nobody" })).rejects.toMatchObject({ code: "not-found" });
        await expect(g.readPersonModel({ personId: "x' OR 1=1 //" })).rejects.toMatchObject({
          code: "invalid-payload",
        });
        await expect(g.readPersonModel({ personId: "ada", asOf: "yesterday" })).rejects.toMatchObject({
          code: "invalid-payload",
        });
      });

      it("records belief versions in order, closes the superseded one, and ignores a retried version", async () => {
        const g = await fresh();
        const versions = {
          observerId: "assistant",
          subjectId: "di",
          beliefs: [
            {
              id: "di-go.v1",
              dimension: "knowledge" as const,
              key: "go",
              mean: 0.4,
              confidence: 0.3,
              validFrom: T(30),
            },
            {
              id: "di-go.v2",
              dimension: "knowledge" as const,
              key: "go",
              mean: 0.6,
              confidence: 0.5,
              validFrom: T(40),
            },
          ],
        };
        await g.recordBeliefs(versions);
        await g.recordBeliefs(versions); // a retry changes nothing
        const timeline = await g.query({ query: { kind: "timeline", personId: "di", key: "go" } });
        expect(timeline.rows.map((r) => [r.mean, r.at, r.validTo])).toEqual([
          [0.6, T(40), null],
          [0.4, T(30), T(40)],
        ]);
        const model = await g.readPersonModel({ personId: "di" });
        expect(model.beliefs.filter((b) => b.key === "go").map((b) => b.id)).toEqual(["di-go.v2"]);
      });

      it("writes nothing for beliefs that reference missing actors, messages or evidence, or reuse another's id", async () => {
        const g = await fresh();
        const belief = {
          id: "x.v1",
          dimension: "knowledge" as const,
          key: "go",
          mean: 0.5,
          confidence: 0.5,
          validFrom: T(30),
        };
        const evidence = {
          id: "x.e0",
          messageId: "nope",
          speakerId: "di",
          dimension: "knowledge" as const,
          key: "go",
          signal: "s",
          weight: 1,
          excerpt: "",
          observedAt: T(30),
        };
        await expect(
          g.recordBeliefs({ observerId: "ghost", subjectId: "di", beliefs: [belief] }),
        ).rejects.toMatchObject({ code: "not-found" });
        await expect(
          g.recordBeliefs({ observerId: "assistant", subjectId: "di", evidence: [evidence], beliefs: [belief] }),
        ).rejects.toMatchObject({ code: "not-found" });
        await expect(
          g.recordBeliefs({
            observerId: "assistant",
            subjectId: "di",
            beliefs: [{ ...belief, evidenceIds: ["never-stored"] }],
          }),
        ).rejects.toMatchObject({ code: "not-found" });
        await expect(
          g.recordBeliefs({
            observerId: "assistant",
            subjectId: "di",
            beliefs: [{ ...belief, id: "b-ada-kubernetes.v1" }],
          }),
        ).rejects.toMatchObject({ code: "conflict" });
        await expect(
          g.recordBeliefs({ observerId: "assistant", subjectId: "di", beliefs: [belief, belief] }),
        ).rejects.toMatchObject({ code: "invalid-payload" });
        const timeline = await g.query({ query: { kind: "timeline", personId: "di" } });
        expect(timeline.rows.map((r) => r.key)).toEqual(["kubernetes"]);
      });
    });

    describe("messages and actors", () => {
      it("stores a message once (retries are idempotent) and refuses other content under its id", async () => {
        const g = await fresh();
        const m = { id: "m1", channelId: "general", authorId: "bo", text: "hello", createdAt: T(50) };
        expect(await g.addMessage(m)).toEqual({ created: true });
        expect(await g.addMessage(m)).toEqual({ created: false });
        await expect(g.addMessage({ ...m, text: "other" })).rejects.toMatchObject({ code: "conflict" });
        await expect(g.addMessage({ ...m, id: "m2", channelId: "nowhere" })).rejects.toMatchObject({
          code: "not-found",
        });
        await expect(g.addMessage({ ...m, id: "m2", authorId: "ghost" })).rejects.toMatchObject({ code: "not-found" });
        await expect(g.addMessage({ ...m, id: "m2", replyTo: "ghost-message" })).rejects.toMatchObject({
          code: "not-found",
        });
        await expect(g.addMessage({ ...m, id: "m 2" })).rejects.toMatchObject({ code: "invalid-payload" });
      });

      it("keeps people and agents apart: one id is one kind of actor", async () => {
        const g = await fresh();
        await expect(g.ensurePerson({ id: "assistant", name: "Imposter" })).rejects.toMatchObject({ code: "conflict" });
        await expect(g.ensureAgent({ id: "ada", name: "Bot Ada" })).rejects.toMatchObject({ code: "conflict" });
        await expect(g.ensureChannel({ id: "general", name: "General", kind: "direct" })).rejects.toMatchObject({
          code: "conflict",
        });
        await g.ensurePerson({ id: "ada", name: "Ada L." }); // an update, not a second person
        const people = await g.query({ query: { kind: "people" } });
        expect(people.rows.map((r) => [r.id, r.name])).toEqual([
          ["ada", "Ada L."],
          ["bo", "Bo"],
          ["cy", "Cy"],
          ["di", "Di"],
        ]);
      });

      it("rejects malformed ids and values everywhere with invalid-payload", async () => {
        const g = await fresh();
        const bad: (() => Promise<unknown>)[] = [
          () => g.ensurePerson({ id: "", name: "Nobody" }),
          () => g.ensurePerson({ id: "eve", name: "Eve", availability: 2 }),
          () => g.erasePerson({ personId: "ada", by: "" }),
          () => g.whoCanHelp({ seekerId: "../etc", topic: "kubernetes" }),
          () => g.whoCanHelp({ seekerId: "ada", topic: "" }),
          () => g.strategiesThatWorked({ seekerId: "-x", topic: "kubernetes" }),
          () => g.teamSync({ teamId: "a b" }),
          () => g.recordPresence({ actorId: "", at: T(1) }),
          () => g.recordPresence({ actorId: "ada", at: "yesterday" }),
          () => g.recordTeam({ teamId: "t", name: "T", memberIds: ["bad id"] }),
          () =>
            g.recordRelationships({
              relationships: [{ type: "helped", from: "no way", to: "bo", topic: "x", at: T(1) }],
            }),
          () =>
            g.recordKnowledge({
              knows: [{ personId: "!", topic: "x", level: 0.5, confidence: 0.5, shareable: true, at: T(1) }],
            }),
          () =>
            g.recordExperiments({
              experiments: [
                { id: "x 1", subjectId: "bo", topic: "t", context: "", arms: "", predicted: 0, observed: 0, at: T(1) },
              ],
            }),
          () => g.correctBelief({ personId: "?", dimension: "knowledge", key: "kubernetes", value: 0.1 }),
        ];
        for (const call of bad) await expect(call()).rejects.toMatchObject({ code: "invalid-payload" });
      });
    });

    describe("corrections", () => {
      it("closes the old version, writes the corrected one with its evidence, and audits it", async () => {
        const g = await fresh();
        const at = T(200);
        const ids = await g.correctBelief({
          personId: "cy",
          dimension: "knowledge",
          key: "kubernetes",
          value: 0.3,
          text: "I'm not an expert in kubernetes",
          at,
        });
        expect(ids).toEqual([`b-cy-kubernetes.v1.c${stamp(at)}`]);
        const k8s = (await g.readPersonModel({ personId: "cy" })).beliefs.find((b) => b.key === "kubernetes");
        expect(k8s).toMatchObject({ id: ids[0], mean: 0.3, confidence: 1, validFrom: at, validTo: null, order: 1 });
        expect(k8s?.evidence).toEqual([
          {
            id: `${ids[0]}.e`,
            signal: "correction",
            weight: 6,
            excerpt: "I'm not an expert in kubernetes",
            observedAt: at,
            messageId: `correction-${stamp(at)}`,
            speakerId: "cy",
          },
        ]);
        const before = (await g.readPersonModel({ personId: "cy", asOf: T(199) })).beliefs.find(
          (b) => b.key === "kubernetes",
        );
        expect(before).toMatchObject({ id: "b-cy-kubernetes.v1", mean: 0.7, validTo: at });
        const timeline = await g.query({ query: { kind: "timeline", personId: "cy", key: "kubernetes" } });
        expect(timeline.rows.map((r) => [r.mean, r.validTo])).toEqual([
          [0.3, null],
          [0.7, at],
        ]);
        expect(await g.listAudits()).toEqual([
          {
            id: expect.stringMatching(new RegExp(`^correct-[0-9a-f]{16}-${stamp(at)}$`)),
            action: "correct",
            actorId: "cy",
            at,
            subjectId: "cy",
            subjectHash: null,
            what: "knowledge/kubernetes",
            versions: 1,
            policy: null,
            counts: null,
          },
        ]);
      });

      it("corrects every observer's first-order belief, never second-order ones, and credits who corrected", async () => {
        const g = await fresh();
        await g.addMessage({
          id: "bo-1",
          channelId: "general",
          authorId: "bo",
          text: "cy is our helm person",
          createdAt: T(30),
        });
        await g.recordBeliefs({
          observerId: "bo",
          subjectId: "cy",
          evidence: [
            {
              id: "bo-1.e0",
              messageId: "bo-1",
              speakerId: "bo",
              dimension: "knowledge",
              key: "kubernetes",
              signal: "assertion",
              weight: 1,
              excerpt: "cy is our helm person",
              observedAt: T(30),
            },
          ],
          beliefs: [
            {
              id: "bo-cy-k8s.v1",
              dimension: "knowledge",
              key: "kubernetes",
              mean: 0.8,
              confidence: 0.4,
              validFrom: T(30),
              evidenceIds: ["bo-1.e0"],
            },
          ],
        });
        await g.recordSecondOrderBeliefs({
          beliefs: [
            {
              id: "so-bo-cy-ada",
              observerId: "bo",
              subjectId: "cy",
              aboutSubjectId: "ada",
              dimension: "knowledge",
              key: "kubernetes",
              mean: 0.6,
              confidence: 0.5,
              at: T(31),
            },
          ],
        });
        const at = T(300);
        const ids = await g.correctBelief({
          personId: "cy",
          dimension: "knowledge",
          key: "kubernetes",
          value: 0.2,
          by: "di",
          at,
        });
        expect([...ids].sort()).toEqual([`b-cy-kubernetes.v1.c${stamp(at)}`, `bo-cy-k8s.v1.c${stamp(at)}`]);
        const model = await g.readPersonModel({ personId: "cy" });
        const k8s = byId(model.beliefs.filter((b) => b.key === "kubernetes"));
        expect(k8s.map((b) => [b.id, b.mean, b.order])).toEqual([
          [`b-cy-kubernetes.v1.c${stamp(at)}`, 0.2, 1],
          [`bo-cy-k8s.v1.c${stamp(at)}`, 0.2, 1],
          ["so-bo-cy-ada", 0.6, 2],
        ]);
        expect(k8s[0]?.evidence[0]?.speakerId).toBe("di");
        expect(await g.listAudits()).toMatchObject([
          { action: "correct", actorId: "di", subjectId: "cy", versions: 2 },
        ]);
      });

      it("refuses corrections of nothing, by unknown people or out of range, writing nothing", async () => {
        const g = await fresh();
        const base = { personId: "cy", dimension: "knowledge" as const, key: "kubernetes", value: 0.3, at: T(200) };
        await expect(g.correctBelief({ ...base, key: "cooking" })).rejects.toMatchObject({ code: "not-found" });
        await expect(g.correctBelief({ ...base, personId: "zed" })).rejects.toMatchObject({ code: "not-found" });
        await expect(g.correctBelief({ ...base, by: "zed" })).rejects.toMatchObject({ code: "not-found" });
        await expect(g.correctBelief({ ...base, value: 1.5 })).rejects.toMatchObject({ code: "invalid-payload" });
        await expect(g.correctBelief({ ...base, key: "" })).rejects.toMatchObject({ code: "invalid-payload" });
        await expect(g.correctBelief({ ...base, dimension: "mood" as unknown as "knowledge" })).rejects.toMatchObject({
          code: "invalid-payload",
        });
        expect(await g.listAudits()).toEqual([]);
        const k8s = (await g.readPersonModel({ personId: "cy" })).beliefs.find((b) => b.key === "kubernetes");
        expect(k8s).toMatchObject({ id: "b-cy-kubernetes.v1", mean: 0.7, validTo: null });
      });
    });

    describe("erasure", () => {
      /** Everything that can name Ada, beyond the seed: her team, messages, minds, recommendations, experiments. */
      const involveAda = async (g: RelationshipGraph) => {
        await g.recordTeam({ teamId: "platform", name: "Platform", memberIds: ["ada", "bo", "cy"], at: T(90) });
        await g.addMessage({
          id: "ada-note",
          channelId: "platform-room",
          authorId: "ada",
          text: "Decision by Ada: pods everywhere",
          createdAt: T(100),
          kind: "decision",
        });
        await g.recordPresence({ actorId: "bo", at: T(101), saw: ["ada-note"] });
        // What Ada said about Bo is evidence in the assistant's model of Bo.
        await g.recordBeliefs({
          observerId: "assistant",
          subjectId: "bo",
          evidence: [
            {
              id: "ada-on-bo",
              messageId: "q1",
              speakerId: "ada",
              dimension: "knowledge",
              key: "kubernetes",
              signal: "peer-report",
              weight: 1,
              excerpt: "bo fixed it",
              observedAt: T(20),
            },
          ],
          beliefs: [
            {
              id: "b-bo-kubernetes.v2",
              dimension: "knowledge",
              key: "kubernetes",
              mean: 0.92,
              confidence: 0.7,
              validFrom: T(20),
              evidenceIds: ["ada-on-bo"],
            },
          ],
        });
        await g.recordBeliefs({
          observerId: "ada",
          subjectId: "bo",
          beliefs: [
            { id: "ada-thinks-bo", dimension: "state", key: "busy", mean: 0.8, confidence: 0.3, validFrom: T(21) },
          ],
        });
        await g.recordSecondOrderBeliefs({
          beliefs: [
            {
              id: "so-about-ada",
              observerId: "bo",
              subjectId: "cy",
              aboutSubjectId: "ada",
              dimension: "knowledge",
              key: "kubernetes",
              mean: 0.8,
              confidence: 0.6,
              at: T(22),
            },
            {
              id: "so-by-ada",
              observerId: "ada",
              subjectId: "bo",
              aboutSubjectId: "cy",
              dimension: "knowledge",
              key: "kubernetes",
              mean: 0.5,
              confidence: 0.6,
              at: T(23),
            },
          ],
        });
        await g.recordKnowledge({
          knows: [{ personId: "ada", topic: "go", level: 0.9, confidence: 0.8, shareable: true, at: T(24) }],
        });
        await g.recordRelationships({
          relationships: [{ type: "helped", from: "ada", to: "bo", topic: "go", at: T(25) }],
        });
        await g.whoCanHelp({ seekerId: "ada", topic: "kubernetes", record: true, at: T(26) });
        await g.whoCanHelp({ seekerId: "bo", topic: "go", record: true, at: T(26) });
        await g.whoCanHelp({ seekerId: "cy", topic: "kubernetes", record: true, at: T(26) });
        await g.recordExperiments({
          experiments: ["ada", "ada", "bo"].map((subjectId, i) => ({
            id: `xp${i}`,
            subjectId,
            topic: "kubernetes",
            context: "learn|calm",
            arms: "short,working,prose,analogy,neutral,complete,false,false,false",
            predicted: 0,
            observed: 0.5,
            at: T(27 + i),
          })),
        });
      };

      it("removes the person and everything personal, reports counts, and leaves an audit without her id", async () => {
        const g = await fresh();
        await involveAda(g);
        expect((await g.listRecommendations()).map((r) => r.id)).toEqual([
          "go~bo~ada",
          "kubernetes~ada~bo",
          "kubernetes~ada~cy",
          "kubernetes~cy~bo",
        ]);
        const at = T(400);
        const report = await g.erasePerson({ personId: "ada", by: "admin", at });
        expect(report.counts).toEqual({
          messagesDeleted: 4, // q1, q5, q8 and her team note
          messagesRedacted: 0,
          evidence: 4, // about her (3) and spoken by her about Bo (1)
          beliefs: 6, // the assistant's 3 about her, her 2 about Bo, Bo's second-order one about her
          minds: 2,
          recommendations: 3,
          experiments: 2,
          actor: 1,
        });
        expect(report.subjectHash).toMatch(/^[0-9a-f]{32}$/);
        expect(report.auditId).toBe(`erase-${report.subjectHash.slice(0, 16)}-${stamp(at)}`);
        expect(await g.listAudits()).toEqual([
          {
            id: report.auditId,
            action: "erase",
            actorId: "admin",
            at,
            subjectId: null,
            subjectHash: report.subjectHash,
            what: null,
            versions: null,
            policy: "delete-messages",
            counts: report.counts,
          },
        ]);
      });

      it("leaves nothing of the person in any read, and the others' models intact", async () => {
        const g = await fresh();
        await involveAda(g);
        const boBefore = await g.readPersonModel({ personId: "bo" });
        // She asks herself: the audit records 'self', not her id.
        await g.erasePerson({ personId: "ada", by: "ada", at: T(400) });
        await expect(g.readPersonModel({ personId: "ada" })).rejects.toMatchObject({ code: "not-found" });
        await expect(g.whoCanHelp({ seekerId: "ada", topic: "kubernetes" })).rejects.toMatchObject({
          code: "not-found",
        });
        const q = (query: Parameters<RelationshipGraph["query"]>[0]["query"]) => g.query({ query });
        const reads = {
          people: await q({ kind: "people" }),
          models: await Promise.all(["bo", "cy", "di", "assistant"].map((personId) => g.readPersonModel({ personId }))),
          expertise: await q({ kind: "expertise-map", minLevel: 0 }),
          goExperts: await q({ kind: "expertise-map", topic: "go", minLevel: 0 }),
          knowsWhat: await q({ kind: "who-knows-what", personId: "ada" }),
          helps: await q({ kind: "who-helps-whom" }),
          helpsBo: await q({ kind: "who-helps-whom", personId: "bo" }),
          timeline: await q({ kind: "timeline", personId: "ada" }),
          timelines: await Promise.all(["bo", "cy", "di"].map((personId) => q({ kind: "timeline", personId }))),
          path: await q({ kind: "path", fromId: "bo", toId: "ada" }),
          helpers: await g.whoCanHelp({ seekerId: "bo", topic: "go" }),
          cyHelpers: await g.whoCanHelp({ seekerId: "cy", topic: "kubernetes" }),
          sync: await g.teamSync({ teamId: "platform" }),
          recommendations: await g.listRecommendations(),
          audits: await g.listAudits(),
        };
        expect(mentionsAda(reads)).toEqual([]);
        expect(reads.audits.filter((a) => a.action === "erase").map((a) => a.actorId)).toEqual(["self"]);
        expect(reads.people.rows.map((r) => r.id)).toEqual(["bo", "cy", "di"]);
        expect(reads.sync.map((m) => m.memberId)).toEqual(["bo", "cy"]);
        expect(reads.recommendations.map((r) => r.id)).toEqual(["kubernetes~cy~bo"]);
        expect(reads.cyHelpers.map((h) => h.personId)).toEqual(["bo"]);
        // Bo keeps his beliefs; only the evidence Ada gave is gone, and her model of him.
        const boAfter = await g.readPersonModel({ personId: "bo" });
        const strip = (m: typeof boBefore) =>
          m.beliefs
            .filter((b) => b.observerId !== "ada")
            .map((b) => ({ ...b, evidence: b.evidence.filter((e) => e.speakerId !== "ada") }));
        expect(boAfter.beliefs).toEqual(strip(boBefore));
        expect(boAfter.beliefs.find((b) => b.id === "b-bo-kubernetes.v2")?.evidence).toEqual([]);
        // A second request finds nobody.
        await expect(g.erasePerson({ personId: "ada", by: "admin" })).rejects.toMatchObject({ code: "not-found" });
      });

      it("redacts instead of deleting messages when the workspace says so (or the caller overrides)", async () => {
        const g = await fresh();
        await g.ensureWorkspace({ erasePolicy: "redact-messages" });
        await g.recordTeam({ teamId: "platform", name: "Platform", memberIds: ["ada", "bo", "cy"], at: T(90) });
        await g.addMessage({
          id: "ada-note",
          channelId: "platform-room",
          authorId: "ada",
          text: "Ada here",
          createdAt: T(100),
        });
        await g.addMessage({
          id: "cy-note",
          channelId: "platform-room",
          authorId: "cy",
          text: "Cy here",
          createdAt: T(101),
        });
        const report = await g.erasePerson({ personId: "ada", by: "admin", at: T(400) });
        expect(report.counts).toMatchObject({ messagesDeleted: 0, messagesRedacted: 4, evidence: 3, beliefs: 3 });
        const [bo] = await g.teamSync({ teamId: "platform", memberId: "bo" });
        expect(bo?.missed.map((m) => [m.id, m.authorId, m.text, m.seenBy])).toEqual([
          ["cy-note", "cy", "Cy here", ["cy"]],
          ["ada-note", "erased", "[erased]", []],
        ]);
        const override = await g.erasePerson({ personId: "cy", by: "admin", messages: "delete-messages", at: T(401) });
        expect(override.counts).toMatchObject({ messagesDeleted: 3, messagesRedacted: 0 }); // q3, q7 and her note
        expect((await g.listAudits()).map((a) => a.policy)).toEqual(["redact-messages", "delete-messages"]);
        const [after] = await g.teamSync({ teamId: "platform", memberId: "bo" });
        expect(after?.missed.map((m) => m.id)).toEqual(["ada-note"]);
      });

      it("erases people only: agents and strangers are not-found", async () => {
        const g = await fresh();
        await expect(g.erasePerson({ personId: "assistant", by: "admin" })).rejects.toMatchObject({
          code: "not-found",
        });
        await expect(g.erasePerson({ personId: "zed", by: "admin" })).rejects.toMatchObject({ code: "not-found" });
        expect(await g.listAudits()).toEqual([]);
      });
    });

    describe("who can help", () => {
      it("ranks shareable knowledge by the documented score, with explanations", async () => {
        const g = await fresh();
        const helpers = await g.whoCanHelp({ seekerId: "ada", topic: "kubernetes" });
        expect(helpers.map((h) => h.personId)).toEqual(["bo", "cy"]); // Di did not allow sharing
        expect(helpers[0]).toMatchObject({
          personId: "bo",
          name: "Bo",
          score: 0.714,
          level: 0.9,
          confidence: 0.7,
          availability: 0.9,
          distance: 2,
          helped: 1,
          explanation:
            "knows kubernetes (90%, confidence 70%); usually available; 2 steps away through people you work with; has helped 1 time on kubernetes; communicates the way you like",
        });
        expect(helpers[0]?.styleFit).toBeCloseTo(0.95, 10);
        expect(helpers[1]).toMatchObject({
          personId: "cy",
          name: "Cy",
          score: 0.512,
          availability: 0.4,
          distance: 1,
          helped: 0,
          explanation: "knows kubernetes (70%, confidence 60%); already works with you",
        });
        expect(helpers[1]?.styleFit).toBeCloseTo(0.3, 10);
      });

      it("explains busy, unconnected and frequent helpers; excludes agents, the weak and the seeker", async () => {
        const g = await fresh();
        await g.ensurePerson({ id: "eve", name: "Eve", availability: 0.2 });
        await g.ensurePerson({ id: "fay", name: "Fay" });
        await g.recordKnowledge({
          knows: [
            { personId: "eve", topic: "kubernetes", level: 0.6, confidence: 0.5, shareable: true, at: T(5) },
            { personId: "fay", topic: "kubernetes", level: 0.45, confidence: 0.9, shareable: true, at: T(5) },
            { personId: "assistant", topic: "kubernetes", level: 1, confidence: 1, shareable: true, at: T(5) },
          ],
        });
        await g.recordRelationships({
          relationships: [1, 2, 3].map((i) => ({
            type: "helped" as const,
            from: "eve",
            to: i === 1 ? "bo" : "cy",
            topic: "kubernetes",
            at: T(i),
          })),
        });
        const helpers = await g.whoCanHelp({ seekerId: "ada", topic: "kubernetes", limit: 10 });
        expect(helpers.map((h) => h.personId)).toEqual(["bo", "cy", "eve"]);
        expect(helpers[2]).toMatchObject({
          distance: null,
          helped: 3,
          styleFit: 0.5,
          explanation: "knows kubernetes (60%, confidence 50%); often busy; has helped 3 times on kubernetes",
        });
        expect((await g.whoCanHelp({ seekerId: "ada", topic: "kubernetes", limit: 1 })).map((h) => h.personId)).toEqual(
          ["bo"],
        );
      });

      it("records recommendations when asked, and answers nobody for experts and unknown topics", async () => {
        const g = await fresh();
        expect(await g.listRecommendations()).toEqual([]);
        await g.whoCanHelp({ seekerId: "ada", topic: "kubernetes", record: true, at: T(60) });
        expect(await g.listRecommendations({ seekerId: "ada" })).toEqual([
          {
            id: "kubernetes~ada~bo",
            topic: "kubernetes",
            seekerId: "ada",
            helperId: "bo",
            score: 0.714,
            explanation: expect.stringMatching(/^knows kubernetes/),
            updatedAt: T(60),
          },
          expect.objectContaining({ id: "kubernetes~ada~cy", score: 0.512 }),
        ]);
        expect(await g.whoCanHelp({ seekerId: "bo", topic: "kubernetes" })).toEqual([]);
        expect(await g.whoCanHelp({ seekerId: "ada", topic: "cooking" })).toEqual([]);
        await expect(g.whoCanHelp({ seekerId: "zed", topic: "kubernetes" })).rejects.toMatchObject({
          code: "not-found",
        });
        await expect(g.whoCanHelp({ seekerId: "zed", topic: "cooking" })).rejects.toMatchObject({ code: "not-found" });
      });
    });

    describe("strategies that worked", () => {
      const experiments = Array.from({ length: 24 }, (_, i) => ({
        id: `x${i}`,
        subjectId: i % 2 ? "cy" : "bo",
        topic: "kubernetes",
        context: "learn|calm",
        arms: `standard,working,prose,${i % 3 === 0 ? "analogy" : "concrete-first"},neutral,complete,false,false,false`,
        predicted: 0,
        observed: i % 3 === 0 ? -0.5 : 0.6,
        at: T(20 + i),
      }));

      it("finds the arm that worked best for people at a similar level, with its lift", async () => {
        const g = await fresh();
        await g.recordExperiments({ experiments });
        await g.recordExperiments({ experiments }); // idempotent by id
        // Ada at 0.3: Bo (0.9) and Cy (0.7) are too far ahead to count.
        expect(await g.strategiesThatWorked({ seekerId: "ada", topic: "kubernetes" })).toEqual([]);
        await g.recordKnowledge({
          knows: [{ personId: "ada", topic: "kubernetes", level: 0.8, confidence: 0.5, shareable: true, at: T(30) }],
        });
        const strategies = await g.strategiesThatWorked({ seekerId: "ada", topic: "kubernetes" });
        expect(strategies).toHaveLength(1);
        expect(strategies[0]).toMatchObject({ dimension: "examples", value: "concrete-first", n: 16 });
        expect(strategies[0]?.meanReaction).toBeCloseTo(0.6, 10);
        expect(strategies[0]?.lift).toBeCloseTo(1.1, 10);
      });

      it("honours the band and the minimum samples, and never learns from the seeker's own reactions", async () => {
        const g = await fresh();
        await g.recordExperiments({ experiments });
        // Band 0.5 around Ada's 0.3 reaches Cy (0.7) only: 8 concrete-first, 4 analogy.
        expect(await g.strategiesThatWorked({ seekerId: "ada", topic: "kubernetes", band: 0.5 })).toEqual([]);
        const cyOnly = await g.strategiesThatWorked({ seekerId: "ada", topic: "kubernetes", band: 0.5, minSamples: 4 });
        expect(cyOnly.map((s) => [s.dimension, s.value, s.n])).toEqual([["examples", "concrete-first", 8]]);
        // Cy seeking: only Bo's experiments count (Bo is 0.9, Cy 0.7; Cy's own never do).
        const forCy = await g.strategiesThatWorked({ seekerId: "cy", topic: "kubernetes", band: 0.25, minSamples: 4 });
        expect(forCy.map((s) => [s.value, s.n])).toEqual([["concrete-first", 8]]);
        expect(await g.strategiesThatWorked({ seekerId: "ada", topic: "cooking" })).toEqual([]);
      });
    });

    describe("team sync", () => {
      const platform = async (g: RelationshipGraph) => {
        await g.recordTeam({ teamId: "platform", name: "Platform", memberIds: ["ada", "bo", "cy"], at: T(90) });
        await g.addMessage({ id: "old", channelId: "platform-room", authorId: "bo", text: "before", createdAt: T(95) });
        await g.recordPresence({ actorId: "ada", at: T(100) });
        await g.addMessage({
          id: "e1",
          channelId: "platform-room",
          authorId: "bo",
          text: "Deploy window opens",
          createdAt: T(105),
          kind: "event",
        });
        await g.addMessage({
          id: "d1",
          channelId: "platform-room",
          authorId: "bo",
          text: "Decision: we move to the new cluster on Friday",
          createdAt: T(110),
          kind: "decision",
        });
        await g.addMessage({
          id: "d2",
          channelId: "platform-room",
          authorId: "cy",
          text: "Heads-up: the staging DB is read-only today",
          createdAt: T(111),
        });
        await g.addMessage({ id: "g1", channelId: "general", authorId: "di", text: "lunch?", createdAt: T(112) });
        await g.recordPresence({ actorId: "cy", at: T(112), saw: ["d1"] });
      };

      it("gives each member the team events after their last presence that they did not see, decisions and events first", async () => {
        const g = await fresh();
        await platform(g);
        const [ada] = await g.teamSync({ teamId: "platform", memberId: "ada" });
        expect(ada?.lastSeenAt).toBe(T(100));
        expect(ada?.missed.map((m) => [m.id, m.kind])).toEqual([
          ["d1", "decision"],
          ["e1", "event"],
          ["d2", "message"],
        ]);
        expect(ada?.missed[0]).toEqual({
          id: "d1",
          channelId: "platform-room",
          authorId: "bo",
          kind: "decision",
          text: "Decision: we move to the new cluster on Friday",
          createdAt: T(110),
          seenBy: expect.any(Array),
        });
        expect([...(ada?.missed[0]?.seenBy ?? [])].sort()).toEqual(["bo", "cy"]);
        expect(ada?.missed[2]?.seenBy).toEqual(["cy"]);
        const all = await g.teamSync({ teamId: "platform" });
        expect(all.map((m) => [m.memberId, m.name, m.lastSeenAt, m.missed.map((x) => x.id)])).toEqual([
          ["ada", "Ada", T(100), ["d1", "e1", "d2"]],
          ["bo", "Bo", null, ["d2"]],
          ["cy", "Cy", T(112), []],
        ]);
        const limited = await g.teamSync({ teamId: "platform", memberId: "ada", limit: 1 });
        expect(limited[0]?.missed.map((m) => m.id)).toEqual(["d1"]);
      });

      it("moves presence forward only and records what was seen once", async () => {
        const g = await fresh();
        await platform(g);
        await g.recordPresence({ actorId: "ada", at: T(50), saw: ["e1", "no-such-message"] });
        const [ada] = await g.teamSync({ teamId: "platform", memberId: "ada" });
        expect(ada?.lastSeenAt).toBe(T(100));
        expect(ada?.missed.map((m) => m.id)).toEqual(["d1", "d2"]);
        const people = await g.query({ query: { kind: "people", search: "ada" } });
        expect(people.rows).toEqual([{ id: "ada", name: "Ada", lastSeenAt: T(100), teams: ["platform"] }]);
        await expect(g.recordPresence({ actorId: "zed", at: T(1) })).rejects.toMatchObject({ code: "not-found" });
      });

      it("lists beliefs a member holds that the rest of the team sees differently, above the threshold", async () => {
        const g = await fresh();
        await platform(g);
        const belief = (observerId: string, mean: number) =>
          g.recordBeliefs({
            observerId,
            subjectId: "di",
            beliefs: [
              {
                id: `${observerId}-di-k8s`,
                dimension: "knowledge",
                key: "kubernetes",
                mean,
                confidence: 0.5,
                validFrom: T(120),
              },
            ],
          });
        await belief("ada", 0.9);
        await belief("bo", 0.3);
        await belief("cy", 0.4);
        const sync = await g.teamSync({ teamId: "platform" });
        const divergent = Object.fromEntries(sync.map((m) => [m.memberId, m.divergent]));
        expect(divergent.ada).toEqual([
          {
            subjectId: "di",
            dimension: "knowledge",
            key: "kubernetes",
            mine: 0.9,
            team: expect.any(Number),
            others: 2,
          },
        ]);
        expect(divergent.ada?.[0]?.team).toBeCloseTo(0.35, 10);
        expect(divergent.bo?.map((d) => [d.mine, d.others])).toEqual([[0.3, 2]]);
        expect(divergent.bo?.[0]?.team).toBeCloseTo(0.65, 10);
        expect(divergent.cy).toEqual([]); // 0.4 vs 0.6: within the default 0.3
        const strict = await g.teamSync({ teamId: "platform", divergence: 0.5 });
        expect(strict.map((m) => [m.memberId, m.divergent.length])).toEqual([
          ["ada", 1],
          ["bo", 0],
          ["cy", 0],
        ]);
      });

      it("knows its teams: unknown team or non-member → not-found, an empty team → nobody, replace drops members", async () => {
        const g = await fresh();
        await platform(g);
        await expect(g.teamSync({ teamId: "nope" })).rejects.toMatchObject({ code: "not-found" });
        await expect(g.teamSync({ teamId: "platform", memberId: "di" })).rejects.toMatchObject({ code: "not-found" });
        await g.recordTeam({ teamId: "empty", name: "Empty", memberIds: [] });
        expect(await g.teamSync({ teamId: "empty" })).toEqual([]);
        await expect(
          g.recordTeam({ teamId: "platform", name: "Platform", memberIds: ["ada", "ghost"] }),
        ).rejects.toMatchObject({ code: "not-found" });
        await g.recordTeam({ teamId: "platform", name: "Platform", memberIds: ["bo", "di"], replace: true });
        expect((await g.teamSync({ teamId: "platform" })).map((m) => m.memberId)).toEqual(["bo", "di"]);
      });
    });

    describe("typed queries", () => {
      it("lists people by name (Cypher string order), with search, teams and limit; agents are not people", async () => {
        const g = await fresh();
        await g.ensurePerson({ id: "al", name: "alan" });
        await g.recordTeam({ teamId: "platform", name: "Platform", memberIds: ["ada", "bo"] });
        await g.recordPresence({ actorId: "bo", at: T(50) });
        const people = await g.query({ query: { kind: "people" } });
        expect(people.kind).toBe("people");
        expect(people.columns).toEqual(["id", "name", "lastSeenAt", "teams"]);
        expect(people.truncated).toBe(false);
        expect(people.rows).toEqual([
          { id: "ada", name: "Ada", lastSeenAt: null, teams: ["platform"] },
          { id: "bo", name: "Bo", lastSeenAt: T(50), teams: ["platform"] },
          { id: "cy", name: "Cy", lastSeenAt: null, teams: [] },
          { id: "di", name: "Di", lastSeenAt: null, teams: [] },
          { id: "al", name: "alan", lastSeenAt: null, teams: [] },
        ]);
        const found = await g.query({ query: { kind: "people", search: "A" } });
        expect(found.rows.map((r) => r.id)).toEqual(["ada", "al"]);
        const two = await g.query({ query: { kind: "people", limit: 2 } });
        expect(two.rows.map((r) => r.id)).toEqual(["ada", "bo"]);
      });

      it("maps expertise per topic and across topics, from shared knowledge of people only", async () => {
        const g = await fresh();
        await g.recordKnowledge({
          knows: [
            { personId: "bo", topic: "rust", level: 0.7, confidence: 0.4, shareable: true, at: T(20) },
            { personId: "cy", topic: "rust", level: 0.8, confidence: 0.5, shareable: true, at: T(20) },
            { personId: "ada", topic: "go", level: 0.9, confidence: 0.9, shareable: false, at: T(20) },
            { personId: "assistant", topic: "kubernetes", level: 1, confidence: 1, shareable: true, at: T(20) },
            { personId: "ghost", topic: "haskell", level: 1, confidence: 1, shareable: true, at: T(20) },
          ],
        });
        const k8s = await g.query({ query: { kind: "expertise-map", topic: "kubernetes" } });
        expect(k8s.columns).toEqual(["topic", "personId", "name", "level", "confidence"]);
        expect(k8s.rows).toEqual([
          { topic: "kubernetes", personId: "bo", name: "Bo", level: 0.9, confidence: 0.7 },
          { topic: "kubernetes", personId: "cy", name: "Cy", level: 0.7, confidence: 0.6 },
        ]);
        const low = await g.query({ query: { kind: "expertise-map", topic: "kubernetes", minLevel: 0 } });
        expect(low.rows.map((r) => r.personId)).toEqual(["bo", "cy", "ada"]);
        const map = await g.query({ query: { kind: "expertise-map" } });
        expect(map.columns).toEqual(["topic", "experts", "level"]);
        expect(map.rows).toEqual([
          { topic: "kubernetes", experts: 2, level: 0.9 },
          { topic: "rust", experts: 2, level: 0.8 },
        ]);
        expect((await g.query({ query: { kind: "expertise-map", topic: "haskell" } })).rows).toEqual([]);
      });

      it("answers who knows what (shared only) and who helps whom (counted, latest first)", async () => {
        const g = await fresh();
        await g.recordKnowledge({
          knows: [
            { personId: "bo", topic: "rust", level: 0.7, confidence: 0.4, shareable: true, at: T(20) },
            { personId: "bo", topic: "go", level: 0.95, confidence: 0.4, shareable: false, at: T(20) },
          ],
        });
        expect((await g.query({ query: { kind: "who-knows-what", personId: "bo" } })).rows).toEqual([
          { topic: "kubernetes", level: 0.9, confidence: 0.7, updatedAt: T(1) },
          { topic: "rust", level: 0.7, confidence: 0.4, updatedAt: T(20) },
        ]);
        expect((await g.query({ query: { kind: "who-knows-what", personId: "zed" } })).rows).toEqual([]);
        await g.recordRelationships({
          relationships: [
            { type: "helped", from: "cy", to: "ada", topic: "helm", at: T(5) },
            { type: "helped", from: "cy", to: "ada", topic: "helm", at: T(3) },
            { type: "helped", from: "assistant", to: "ada", topic: "kubernetes", at: T(4) },
          ],
        });
        const cy = await g.query({ query: { kind: "who-helps-whom", personId: "cy" } });
        expect(cy.columns).toEqual(["helper", "helped", "topic", "count", "lastAt"]);
        expect(cy.rows).toEqual([
          { helper: "cy", helped: "ada", topic: "helm", count: 2, lastAt: T(5) },
          { helper: "bo", helped: "cy", topic: "kubernetes", count: 1, lastAt: T(1) },
        ]);
        const ada = await g.query({ query: { kind: "who-helps-whom", personId: "ada" } });
        expect(ada.rows.map((r) => r.helper)).toEqual(["cy", "assistant"]);
        const people = await g.query({ query: { kind: "who-helps-whom" } });
        expect(people.rows.map((r) => [r.helper, r.helped])).toEqual([
          ["cy", "ada"],
          ["bo", "cy"],
        ]);
        const helm = await g.query({ query: { kind: "who-helps-whom", topic: "helm" } });
        expect(helm.rows.map((r) => r.topic)).toEqual(["helm"]);
      });

      it("finds shortest paths through people and teams only, never through the workspace", async () => {
        const g = await fresh();
        const path = await g.query({ query: { kind: "path", fromId: "ada", toId: "bo" } });
        expect(path.columns).toEqual(["hops", "ids", "names", "via"]);
        expect(path.rows).toEqual([
          { hops: 2, ids: ["ada", "cy", "bo"], names: ["Ada", "Cy", "Bo"], via: expect.any(Array) },
        ]);
        expect((await g.query({ query: { kind: "path", fromId: "ada", toId: "bo", maxHops: 1 } })).rows).toEqual([]);
        // Di is linked to the others only through the workspace node, which is not a path.
        expect((await g.query({ query: { kind: "path", fromId: "ada", toId: "di" } })).rows).toEqual([]);
        await g.recordTeam({ teamId: "ops", name: "Ops", memberIds: ["di", "bo"] });
        expect((await g.query({ query: { kind: "path", fromId: "bo", toId: "di" } })).rows).toEqual([
          { hops: 2, ids: ["bo", "ops", "di"], names: ["Bo", "Ops", "Di"], via: ["MEMBER_OF", "MEMBER_OF"] },
        ]);
        const far = await g.query({ query: { kind: "path", fromId: "ada", toId: "di" } });
        expect(far.rows.map((r) => [r.hops, r.ids])).toEqual([[4, ["ada", "cy", "bo", "ops", "di"]]]);
        expect((await g.query({ query: { kind: "path", fromId: "ada", toId: "zed" } })).rows).toEqual([]);
        await expect(g.query({ query: { kind: "path", fromId: "ada", toId: "ada" } })).rejects.toMatchObject({
          code: "invalid-payload",
        });
      });

      it("shows a belief timeline, newest first, filtered by dimension and key", async () => {
        const g = await fresh();
        const all = await g.query({ query: { kind: "timeline", personId: "ada" } });
        expect(all.columns).toEqual(["at", "observerId", "dimension", "key", "mean", "confidence", "validTo"]);
        expect(all.rows).toEqual([
          {
            at: T(10),
            observerId: "assistant",
            dimension: "knowledge",
            key: "kubernetes",
            mean: 0.3,
            confidence: 0.6,
            validTo: null,
          },
          {
            at: T(4),
            observerId: "assistant",
            dimension: "preference",
            key: "verbosity",
            mean: 0.2,
            confidence: 0.6,
            validTo: null,
          },
          {
            at: T(0),
            observerId: "assistant",
            dimension: "knowledge",
            key: "kubernetes",
            mean: 0.2,
            confidence: 0.6,
            validTo: T(10),
          },
        ]);
        const prefs = await g.query({ query: { kind: "timeline", personId: "ada", dimension: "preference" } });
        expect(prefs.rows.map((r) => r.key)).toEqual(["verbosity"]);
        const one = await g.query({ query: { kind: "timeline", personId: "ada", limit: 1 } });
        expect(one.rows.map((r) => r.at)).toEqual([T(10)]);
        expect((await g.query({ query: { kind: "timeline", personId: "zed" } })).rows).toEqual([]);
      });

      it("answers person-model, who-can-help and team-sync queries exactly like the methods", async () => {
        const g = await fresh();
        await g.recordTeam({ teamId: "platform", name: "Platform", memberIds: ["ada", "bo"] });
        const model = await g.query({ query: { kind: "person-model", personId: "ada", asOf: T(5) } });
        expect(model.rows).toEqual((await g.readPersonModel({ personId: "ada", asOf: T(5) })).beliefs);
        const helpers = await g.query({
          query: { kind: "who-can-help", seekerId: "ada", topic: "kubernetes", limit: 1 },
        });
        expect(helpers.columns).toEqual(["personId", "name", "score", "explanation"]);
        expect(helpers.rows).toEqual(await g.whoCanHelp({ seekerId: "ada", topic: "kubernetes", limit: 1 }));
        const sync = await g.query({ query: { kind: "team-sync", teamId: "platform" } });
        expect(sync.rows).toEqual(await g.teamSync({ teamId: "platform" }));
        await expect(g.query({ query: { kind: "person-model", personId: "zed" } })).rejects.toMatchObject({
          code: "not-found",
        });
      });

      it("rejects malformed queries with invalid-payload", async () => {
        const g = await fresh(false);
        const bad: unknown[] = [
          { kind: "people", limit: 100_000 },
          { kind: "drop-everything" },
          { kind: "path", fromId: "x' OR 1=1", toId: "bo" },
          { kind: "timeline", personId: "ada", dimension: "mood" },
          null,
        ];
        for (const query of bad) {
          await expect(g.query({ query: query as never })).rejects.toMatchObject({ code: "invalid-payload" });
        }
      });
    });

    describe("relationships and second-order beliefs", () => {
      it("versions second-order beliefs per observer, subject, about-whom and key, on the subject's model", async () => {
        const g = await fresh();
        const so = (id: string, aboutSubjectId: string, mean: number, minute: number) => ({
          id,
          observerId: "bo",
          subjectId: "cy",
          aboutSubjectId,
          dimension: "knowledge" as const,
          key: "kubernetes",
          mean,
          confidence: 0.6,
          at: T(minute),
        });
        await g.recordSecondOrderBeliefs({ beliefs: [so("so1", "ada", 0.8, 113), so("so-di", "di", 0.9, 113)] });
        await g.recordSecondOrderBeliefs({ beliefs: [so("so2", "ada", 0.4, 120)] });
        await g.recordSecondOrderBeliefs({ beliefs: [so("so2", "ada", 0.4, 120)] }); // idempotent
        const cy = await g.readPersonModel({ personId: "cy" });
        const second = byId(cy.beliefs.filter((b) => b.order === 2));
        expect(second).toEqual([
          {
            id: "so-di",
            observerId: "bo",
            dimension: "knowledge",
            key: "kubernetes",
            mean: 0.9,
            confidence: 0.6,
            validFrom: T(113),
            validTo: null,
            recordedAt: T(113),
            visibility: "private",
            order: 2,
            aboutSubjectId: "di",
            evidence: [],
          },
          expect.objectContaining({ id: "so2", mean: 0.4, validFrom: T(120), validTo: null, aboutSubjectId: "ada" }),
        ]);
        const before = await g.readPersonModel({ personId: "cy", asOf: T(115) });
        expect(byId(before.beliefs.filter((b) => b.order === 2)).map((b) => [b.id, b.validTo])).toEqual([
          ["so-di", null],
          ["so1", T(120)],
        ]);
        // Not part of Ada's own model: it is Bo's view of Cy.
        expect((await g.readPersonModel({ personId: "ada" })).beliefs.some((b) => b.order === 2)).toBe(false);
        await expect(g.recordSecondOrderBeliefs({ beliefs: [so("so3", "ghost", 0.5, 130)] })).rejects.toMatchObject({
          code: "not-found",
        });
        await expect(
          g.recordSecondOrderBeliefs({
            beliefs: [{ ...so("so4", "ada", 0.5, 130), dimension: "mood" as "knowledge" }],
          }),
        ).rejects.toMatchObject({ code: "invalid-payload" });
      });

      it("counts help per topic, keeps the latest time, and reports relationships naming strangers", async () => {
        const g = await fresh();
        const result = await g.recordRelationships({
          relationships: [
            { type: "helped", from: "bo", to: "cy", topic: "kubernetes", at: T(9) },
            { type: "helped", from: "bo", to: "cy", topic: "kubernetes", at: T(0) },
            { type: "collaborates-with", from: "bo", to: "di", at: T(9) },
          ],
        });
        expect(result).toEqual({ recorded: 3 });
        const helps = await g.query({ query: { kind: "who-helps-whom", personId: "bo" } });
        expect(helps.rows).toEqual([{ helper: "bo", helped: "cy", topic: "kubernetes", count: 3, lastAt: T(9) }]);
        expect((await g.query({ query: { kind: "path", fromId: "di", toId: "cy" } })).rows[0]?.ids).toEqual([
          "di",
          "bo",
          "cy",
        ]);
        expect(await g.recordRelationships({ relationships: [] })).toEqual({ recorded: 0 });
        await expect(
          g.recordRelationships({ relationships: [{ type: "trusts", from: "bo", to: "ghost", level: 0.5, at: T(1) }] }),
        ).rejects.toMatchObject({ code: "not-found" });
        await expect(
          g.recordRelationships({ relationships: [{ type: "trusts", from: "bo", to: "cy", level: 5, at: T(1) }] }),
        ).rejects.toMatchObject({ code: "invalid-payload" });
      });
    });

    describe("workspace isolation", () => {
      it("never lets two workspaces with the same ids see each other", async () => {
        const one = await fresh();
        const two = await fresh();
        expect(one.workspaceId).not.toBe(two.workspaceId);
        await two.recordKnowledge({
          knows: [{ personId: "di", topic: "kubernetes", level: 0.95, confidence: 0.8, shareable: true, at: T(3) }],
        });
        await one.recordTeam({ teamId: "platform", name: "Platform", memberIds: ["ada", "bo"] });
        await one.recordSecondOrderBeliefs({
          beliefs: [
            {
              id: "so1",
              observerId: "bo",
              subjectId: "cy",
              aboutSubjectId: "ada",
              dimension: "knowledge",
              key: "kubernetes",
              mean: 0.8,
              confidence: 0.6,
              at: T(113),
            },
          ],
        });
        await two.correctBelief({ personId: "cy", dimension: "knowledge", key: "kubernetes", value: 0.1, at: T(200) });

        expect((await one.whoCanHelp({ seekerId: "ada", topic: "kubernetes" })).map((h) => h.personId)).toEqual([
          "bo",
          "cy",
        ]);
        expect((await two.whoCanHelp({ seekerId: "ada", topic: "kubernetes" })).map((h) => h.personId)).toEqual([
          "bo",
          "di",
          "cy",
        ]);
        await expect(two.teamSync({ teamId: "platform" })).rejects.toMatchObject({ code: "not-found" });
        const cyOne = await one.readPersonModel({ personId: "cy" });
        const cyTwo = await two.readPersonModel({ personId: "cy" });
        expect(cyOne.beliefs.map((b) => [b.id, b.mean])).toEqual([
          ["b-cy-kubernetes.v1", 0.7],
          ["b-cy-verbosity.v1", 0.9],
          ["so1", 0.8],
        ]);
        expect(cyTwo.beliefs.map((b) => b.mean)).toEqual([0.1, 0.9]);
        expect(await one.listAudits()).toEqual([]);

        const report = await one.erasePerson({ personId: "ada", by: "admin", at: T(400) });
        expect(report.counts).toMatchObject({ actor: 1, messagesDeleted: 3, evidence: 3 });
        await expect(one.readPersonModel({ personId: "ada" })).rejects.toMatchObject({ code: "not-found" });
        expect((await two.readPersonModel({ personId: "ada" })).beliefs.map((b) => b.id)).toEqual([
          "b-ada-kubernetes.v2",
          "b-ada-verbosity.v1",
        ]);
        expect((await two.query({ query: { kind: "people" } })).rows.map((r) => r.id)).toEqual([
          "ada",
          "bo",
          "cy",
          "di",
        ]);
        expect((await two.listAudits()).map((a) => a.action)).toEqual(["correct"]);
        const another = await two.erasePerson({ personId: "ada", by: "admin", at: T(400) });
        expect(another.subjectHash).not.toBe(report.subjectHash); // the hash is per workspace
      });
    });
  });
}

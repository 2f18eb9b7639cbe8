import type { Belief, Evidence } from "@attune/model";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { erasePerson } from "./erasure.js";
import type { GraphStore } from "./graph-store.js";
import { ensureVectorIndexes } from "./migrations.js";
import { correctBelief, readPersonModel } from "./person-model.js";
import { runGraphQuery } from "./queries.js";
import { recordExperiments, strategiesThatWorked, whoCanHelp } from "./recommendations.js";
import { recordKnowledge, recordRelationships, recordSecondOrderBeliefs } from "./relationships.js";
import { recordPresence, recordTeam, teamSync } from "./team-sync.js";
import { freshWorkspaceId, openTestStore } from "./testing/index.js";
import type { WorkspaceStore } from "./workspace-store.js";

// Tomorrow onwards: sessions stamp presence with the real clock, and the story happens after that.
const BASE = Math.ceil(Date.now() / 86_400_000) * 86_400_000;
const T = (minute: number) => new Date(BASE + minute * 60_000).toISOString();
const PEOPLE = [
  ["ada", "Ada"],
  ["bo", "Bo"],
  ["cy", "Cy"],
  ["di", "Di"],
] as const;

const message = (ws: string, id: string, authorId: string, text: string, at: string, channelId = "general") => ({
  id,
  workspaceId: ws,
  channelId,
  authorId,
  authorKind: authorId === "assistant" ? ("agent" as const) : ("person" as const),
  text,
  createdAt: at,
});

const belief = (
  ws: string,
  subjectId: string,
  key: string,
  mean: number,
  at: string,
  evidenceIds: string[],
  v = 1,
): Belief => ({
  id: `b-${subjectId}-${key}.v${v}`,
  workspaceId: ws,
  observerId: "assistant",
  subjectId,
  dimension: key === "verbosity" ? "preference" : "knowledge",
  key,
  distribution: { alpha: 1 + 10 * mean, beta: 1 + 10 * (1 - mean) },
  mean,
  confidence: 0.6,
  evidenceIds,
  validFrom: at,
  validTo: null,
  recordedAt: at,
  visibility: "private",
});

const evidence = (ws: string, id: string, messageId: string, subjectId: string, key: string, at: string): Evidence => ({
  id,
  workspaceId: ws,
  messageId,
  speakerId: subjectId,
  subjectId,
  dimension: "knowledge",
  key,
  signal: "technical-vocabulary",
  weight: 1,
  excerpt: `${subjectId} talks about ${key}`,
  observedAt: at,
});

/** A small team: Ada asks about kubernetes; Bo and Cy know it; Di does not share. */
async function seed(store: GraphStore, ws: string): Promise<WorkspaceStore> {
  const w = store.workspace(ws);
  for (const [id, name] of PEOPLE) {
    await w.ensureSession({
      person: { id, name },
      assistant: { id: "assistant", name: "Attune", role: "assistant" },
      defaultChannels: [
        { id: "general", name: "General", kind: "team" },
        { id: "platform-room", name: "Platform", kind: "team" },
      ],
    });
  }
  await store.connection.query("MATCH (c:Channel {workspaceId: $ws, id: 'platform-room'}) SET c.teamId = 'platform'", {
    ws,
  });
  let n = 0;
  const turn = async (subjectId: string, key: string, mean: number, minute: number, text: string, v = 1) => {
    n += 1;
    const q = `q${n}`;
    await w.acceptMessage(message(ws, q, subjectId, text, T(minute)));
    await w.recordTurn({
      reply: { ...message(ws, `r${n}`, "assistant", `reply ${n}`, T(minute)), replyTo: q },
      mind: { observerId: "assistant", subjectId, state: "{}" },
      evidence: [evidence(ws, `${q}.e0`, q, subjectId, key, T(minute))],
      beliefs: [belief(ws, subjectId, key, mean, T(minute), [`${q}.e0`], v)],
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
  await recordKnowledge({
    connection: store.connection,
    workspaceId: ws,
    knows: [
      { personId: "ada", topic: "kubernetes", level: 0.3, confidence: 0.5, shareable: true, at: T(10) },
      { personId: "bo", topic: "kubernetes", level: 0.9, confidence: 0.7, shareable: true, at: T(1) },
      { personId: "cy", topic: "kubernetes", level: 0.7, confidence: 0.6, shareable: true, at: T(2) },
      { personId: "di", topic: "kubernetes", level: 0.95, confidence: 0.8, shareable: false, at: T(3) },
    ],
  });
  await store.connection.query(
    "MATCH (p:Actor {workspaceId: $ws}) WHERE p.id IN ['bo', 'cy'] SET p.availability = CASE p.id WHEN 'bo' THEN 0.9 ELSE 0.4 END",
    { ws },
  );
  await recordRelationships({
    connection: store.connection,
    workspaceId: ws,
    relationships: [
      { type: "collaborates-with", from: "ada", to: "cy", weight: 0.5, at: T(0) },
      { type: "collaborates-with", from: "cy", to: "bo", weight: 0.3, at: T(0) },
      { type: "helped", from: "bo", to: "cy", topic: "kubernetes", at: T(1) },
      { type: "trusts", from: "ada", to: "cy", level: 0.8, at: T(2) },
    ],
  });
  return w;
}

describe("relationship graph API (real Neo4j)", () => {
  let store: GraphStore;
  let ws: string;
  let other: string;
  beforeAll(async () => {
    store = await openTestStore();
    ws = freshWorkspaceId("graph");
    other = freshWorkspaceId("graph-other");
    await seed(store, ws);
    await seed(store, other); // same ids in another workspace: nothing may leak
  });
  afterAll(async () => {
    await store?.workspace(ws).dropWorkspace();
    await store?.workspace(other).dropWorkspace();
    await store?.close();
  });

  it("reads a person's whole model with evidence, now and as of the past", async () => {
    const model = await readPersonModel({ connection: store.connection, workspaceId: ws, personId: "ada" });
    expect(model.person).toEqual({ id: "ada", name: "Ada", kind: "person" });
    const k8s = model.beliefs.find((b) => b.key === "kubernetes");
    expect(k8s).toMatchObject({ observerId: "assistant", mean: 0.3, validTo: null });
    expect(k8s?.evidence[0]?.excerpt).toBe("ada talks about kubernetes");
    const past = await readPersonModel({ connection: store.connection, workspaceId: ws, personId: "ada", asOf: T(5) });
    expect(past.beliefs.find((b) => b.key === "kubernetes")).toMatchObject({ mean: 0.2, validTo: T(10) });
    await expect(
      readPersonModel({ connection: store.connection, workspaceId: ws, personId: "nobody" }),
    ).rejects.toMatchObject({ code: "not-found" });
    await expect(
      readPersonModel({ connection: store.connection, workspaceId: ws, personId: "x' OR 1=1 //" }),
    ).rejects.toMatchObject({ code: "invalid-payload" });
  });

  it("recommends who can help, only from shared knowledge, with explanations", async () => {
    const helpers = await whoCanHelp({
      connection: store.connection,
      workspaceId: ws,
      seekerId: "ada",
      topic: "kubernetes",
      record: true,
    });
    expect(helpers.map((h) => h.personId)).toEqual(["bo", "cy"]); // di did not allow sharing
    expect(helpers[0]?.explanation).toMatch(/knows kubernetes/);
    expect(helpers[0]?.explanation).toMatch(/helped 1 time/);
    expect(helpers[1]?.explanation).toMatch(/already works with you/);
    expect(helpers[0]?.styleFit).toBeGreaterThan(helpers[1]?.styleFit ?? 1); // Ada and Bo both like it short
    const { records } = await store.connection.query(
      "MATCH (r:Recommendation {workspaceId: $ws}) RETURN count(r) AS n",
      { ws },
    );
    expect(records[0]?.get("n")).toBe(2);
    expect(
      await whoCanHelp({ connection: store.connection, workspaceId: ws, seekerId: "bo", topic: "kubernetes" }),
    ).toEqual([]);
    await expect(
      whoCanHelp({ connection: store.connection, workspaceId: ws, seekerId: "zed", topic: "kubernetes" }),
    ).rejects.toMatchObject({ code: "not-found" });
  });

  it("learns which explanation strategies worked for similar people", async () => {
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
    await recordExperiments({ connection: store.connection, workspaceId: ws, experiments });
    await recordKnowledge({
      connection: store.connection,
      workspaceId: ws,
      knows: [{ personId: "ada", topic: "kubernetes", level: 0.8, confidence: 0.5, shareable: true, at: T(30) }],
    });
    const strategies = await strategiesThatWorked({
      connection: store.connection,
      workspaceId: ws,
      seekerId: "ada",
      topic: "kubernetes",
    });
    expect(strategies[0]).toMatchObject({ dimension: "examples", value: "concrete-first" });
    expect(strategies[0]?.lift).toBeGreaterThan(0.5);
  });

  it("gives each team member what they missed and where they diverge", async () => {
    const conn = store.connection;
    await recordTeam({
      connection: conn,
      workspaceId: ws,
      teamId: "platform",
      name: "Platform",
      memberIds: ["ada", "bo", "cy"],
    });
    await recordPresence({ connection: conn, workspaceId: ws, actorId: "ada", at: T(100) });
    const w = store.workspace(ws);
    await w.acceptMessage(
      message(ws, "d1", "bo", "Decision: we move to the new cluster on Friday", T(110), "platform-room"),
    );
    await w.acceptMessage(
      message(ws, "d2", "cy", "Heads-up: the staging DB is read-only today", T(111), "platform-room"),
    );
    await conn.query("MATCH (m:Message {workspaceId: $ws, id: 'd1'}) SET m.kind = 'decision'", { ws });
    await recordPresence({ connection: conn, workspaceId: ws, actorId: "cy", at: T(112), saw: ["d1"] });
    await recordSecondOrderBeliefs({
      connection: conn,
      workspaceId: ws,
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
    const [ada] = await teamSync({ connection: conn, workspaceId: ws, teamId: "platform", memberId: "ada" });
    expect(ada?.missed.map((m) => m.id)).toEqual(["d1", "d2"]); // the decision first
    expect(ada?.missed[0]?.seenBy.sort()).toEqual(["bo", "cy"]);
    const all = await teamSync({ connection: conn, workspaceId: ws, teamId: "platform" });
    expect(all.map((m) => m.memberId)).toEqual(["ada", "bo", "cy"]);
    expect(all.find((m) => m.memberId === "cy")?.missed.map((m) => m.id)).toEqual([]);
    await expect(teamSync({ connection: conn, workspaceId: ws, teamId: "nope" })).rejects.toMatchObject({
      code: "not-found",
    });
    await expect(teamSync({ connection: conn, workspaceId: other, teamId: "platform" })).rejects.toMatchObject({
      code: "not-found",
    });
  });

  it("writes batches all or nothing and refuses malformed input with typed errors", async () => {
    const conn = store.connection;
    const helped = () =>
      conn.query("MATCH (:Actor {workspaceId: $ws, id: 'cy'})-[h:HELPED]->() RETURN count(h) AS n", { ws });
    const before = (await helped()).records[0]?.get("n");
    await expect(
      recordRelationships({
        connection: conn,
        workspaceId: ws,
        relationships: [
          { type: "helped", from: "cy", to: "bo", topic: "git", at: T(50) },
          { type: "helped", from: "cy", to: "ghost", topic: "git", at: T(50) },
        ],
      }),
    ).rejects.toMatchObject({ code: "not-found", details: { missing: ["ghost"] } });
    expect((await helped()).records[0]?.get("n")).toBe(before);
    await expect(
      recordTeam({ connection: conn, workspaceId: ws, teamId: "t2", name: "T2", memberIds: ["bo", "bo", "ghost"] }),
    ).rejects.toMatchObject({ code: "not-found" });
    await expect(whoCanHelp({ connection: conn, workspaceId: ws, seekerId: "ada", topic: "" })).rejects.toMatchObject({
      code: "invalid-payload",
    });
    await expect(
      recordPresence({ connection: conn, workspaceId: ws, actorId: "ada", at: "yesterday" }),
    ).rejects.toMatchObject({
      code: "invalid-payload",
    });
    await expect(
      correctBelief({
        connection: conn,
        workspaceId: ws,
        personId: "ada",
        dimension: "mood" as never,
        key: "x",
        value: 0.5,
      }),
    ).rejects.toMatchObject({ code: "invalid-payload" });
    await expect(
      runGraphQuery({ connection: conn, workspaceId: ws, query: { kind: "path", fromId: "ada", toId: "ada" } }),
    ).rejects.toMatchObject({ code: "invalid-payload" });
  });

  it("answers the typed queries people explore the graph with", async () => {
    const q = (query: unknown) => runGraphQuery({ connection: store.connection, workspaceId: ws, query });
    expect((await q({ kind: "people" })).rows.map((r) => r.id)).toEqual(["ada", "bo", "cy", "di"]);
    const map = await q({ kind: "expertise-map", topic: "kubernetes" });
    expect(map.rows.map((r) => r.personId)).toEqual(["bo", "ada", "cy"]); // di's is not shared
    expect((await q({ kind: "who-knows-what", personId: "bo" })).rows).toEqual([
      expect.objectContaining({ topic: "kubernetes", level: 0.9 }),
    ]);
    expect((await q({ kind: "who-helps-whom", personId: "cy" })).rows).toEqual([
      expect.objectContaining({ helper: "bo", helped: "cy", topic: "kubernetes", count: 1 }),
    ]);
    const path = await q({ kind: "path", fromId: "ada", toId: "bo" });
    // Two shortest routes: through Cy (collaboration) or through the Platform team.
    expect(path.rows[0]).toMatchObject({ hops: 2 });
    expect([
      ["ada", "cy", "bo"],
      ["ada", "platform", "bo"],
    ]).toContainEqual(path.rows[0]?.ids);
    const timeline = await q({ kind: "timeline", personId: "ada", key: "kubernetes" });
    expect(timeline.rows.map((r) => r.mean)).toEqual([0.3, 0.2]);
    await expect(q({ kind: "people", limit: 100_000 })).rejects.toMatchObject({ code: "invalid-payload" });
    await expect(q({ kind: "drop-everything" })).rejects.toMatchObject({ code: "invalid-payload" });
    const cypher = await q({
      kind: "cypher",
      query: "MATCH (p:Actor:Person {workspaceId: $workspaceId}) RETURN p.id AS id ORDER BY id",
    });
    expect(cypher.rows.map((r) => r.id)).toEqual(["ada", "bo", "cy", "di"]);
    await expect(q({ kind: "cypher", query: "MATCH (n) DETACH DELETE n" })).rejects.toMatchObject({
      code: "forbidden",
    });
  });

  it("applies a person's correction as a new version, queues it for the engine, and audits it", async () => {
    const ids = await correctBelief({
      connection: store.connection,
      workspaceId: ws,
      personId: "cy",
      dimension: "knowledge",
      key: "kubernetes",
      value: 0.3,
      text: "I'm not an expert in kubernetes",
      at: T(200),
    });
    expect(ids).toHaveLength(1);
    const model = await readPersonModel({ connection: store.connection, workspaceId: ws, personId: "cy" });
    const k = model.beliefs.find((b) => b.key === "kubernetes");
    expect(k).toMatchObject({ mean: 0.3, confidence: 1 });
    expect(k?.evidence[0]).toMatchObject({ signal: "correction", excerpt: "I'm not an expert in kubernetes" });
    const { records } = await store.connection.query(
      `MATCH (m:Mind {workspaceId: $ws, id: 'assistant~cy'}) MATCH (a:Audit {workspaceId: $ws, action: 'correct'})
       RETURN m.pendingCorrections AS pending, count(a) AS audits`,
      { ws },
    );
    const pending = (records[0]?.get("pending") as string[] | undefined) ?? [];
    expect(JSON.parse(pending[0] ?? "{}")).toMatchObject({
      key: "kubernetes",
      value: 0.3,
    });
    expect(records[0]?.get("audits")).toBe(1);
    await expect(
      correctBelief({
        connection: store.connection,
        workspaceId: ws,
        personId: "cy",
        dimension: "knowledge",
        key: "cooking",
        value: 0.1,
      }),
    ).rejects.toMatchObject({ code: "not-found" });
  });

  it("erases a person and leaves nothing personal behind, only an audit of counts", async () => {
    const before = await store.workspace(other).counts();
    // An earlier correction leaves an audit; erasure must strip the person from it too.
    await correctBelief({
      connection: store.connection,
      workspaceId: ws,
      personId: "ada",
      dimension: "knowledge",
      key: "kubernetes",
      value: 0.25,
    });
    const report = await erasePerson({ connection: store.connection, workspaceId: ws, personId: "ada", by: "admin" });
    expect(report.counts.actor).toBe(1);
    expect(report.counts.messagesDeleted).toBeGreaterThan(0);
    expect(report.counts.beliefs).toBeGreaterThan(0);
    // Nothing left anywhere in the workspace mentions Ada: ids, name, her words, her evidence.
    const { records } = await store.connection.query(
      `MATCH (n {workspaceId: $ws})
       UNWIND keys(n) AS k
       WITH n, n[k] AS raw
       WITH n, CASE WHEN valueType(raw) STARTS WITH 'LIST' THEN [x IN raw | toString(x)] ELSE [toString(raw)] END AS values
       WHERE any(v IN values WHERE v = 'ada' OR v CONTAINS 'Ada' OR v CONTAINS '-ada-' OR v CONTAINS 'pod' OR v CONTAINS 'ada talks' OR v STARTS WITH 'ada~' OR v ENDS WITH '~ada')
       RETURN DISTINCT labels(n) AS labels, n.id AS id`,
      { ws },
    );
    expect(records.map((r) => [r.get("labels"), r.get("id")])).toEqual([]);
    const audit = await store.connection.query(
      "MATCH (a:Audit {workspaceId: $ws, action: 'erase'}) RETURN a {.*} AS a",
      { ws },
    );
    expect(audit.records[0]?.get("a")).toMatchObject({ actorId: "admin", subjectHash: report.subjectHash });
    // The other workspace's Ada is untouched.
    expect(await store.workspace(other).counts()).toEqual(before);
    await expect(
      erasePerson({ connection: store.connection, workspaceId: ws, personId: "ada", by: "admin" }),
    ).rejects.toMatchObject({ code: "not-found" });
  });
});

describe("vector indexes from configuration (real Neo4j)", () => {
  it("creates message and topic vector indexes of the configured length, and rejects nonsense", async () => {
    const store = await openTestStore();
    try {
      await ensureVectorIndexes({ connection: store.connection, dimensions: 0 });
      await ensureVectorIndexes({ connection: store.connection, dimensions: 8 });
      await ensureVectorIndexes({ connection: store.connection, dimensions: 8 }); // idempotent
      const { records } = await store.connection.query(
        "SHOW VECTOR INDEXES YIELD name, labelsOrTypes, options RETURN name, labelsOrTypes, options.indexConfig AS config ORDER BY name",
      );
      const byName = Object.fromEntries(records.map((r) => [r.get("name"), r.get("config")]));
      expect(byName.message_embedding?.["vector.dimensions"]).toBe(8);
      expect(byName.topic_embedding?.["vector.similarity_function"]).toBe("COSINE");
      await expect(ensureVectorIndexes({ connection: store.connection, dimensions: 5000 })).rejects.toMatchObject({
        code: "config-invalid",
      });
    } finally {
      await store.connection.query("DROP INDEX message_embedding IF EXISTS");
      await store.connection.query("DROP INDEX topic_embedding IF EXISTS");
      await store.close();
    }
  });
});

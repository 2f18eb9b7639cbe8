import type { Belief } from "@attune/model";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type BulkBeliefInput,
  type BulkLoader,
  type BulkMessageInput,
  type BulkRowErrorDetails,
  createBulkLoader,
} from "./bulk-loader.js";
import type { GraphConnection } from "./connection.js";
import type { GraphStore } from "./graph-store.js";
import { freshWorkspaceId, openTestStore } from "./testing/index.js";

const T0 = Date.parse("2026-01-01T00:00:00.000Z");
const at = (minutes: number) => new Date(T0 + minutes * 60_000).toISOString();

/** A small deterministic workspace: ~2,000 rows of every kind the loader handles. */
function dataset() {
  const persons = Array.from({ length: 300 }, (_, i) => ({
    id: `p${i}`,
    name: `Person ${i}`,
    availability: (i % 10) / 10,
  }));
  const agents = [
    { id: "assistant", name: "Attune" },
    { id: "coach", name: "Coach", role: "coach" },
  ];
  const teams = Array.from({ length: 6 }, (_, t) => ({ id: `team${t}`, name: `Team ${t}` }));
  const topics = Array.from({ length: 20 }, (_, i) => ({ id: `topic-${i}`, name: `Topic ${i}` }));
  const channels = [{ id: "general", name: "General", kind: "team" as const }];
  // Teams 0..4 have 20 members each (p0..p99); team 5 has everyone else.
  const teamMembers = persons.map((p, i) => ({ actorId: p.id, teamId: `team${i < 100 ? Math.floor(i / 20) : 5}` }));
  const collaborations = persons.map((p, i) => ({
    fromId: p.id,
    toId: `p${(i + 1) % 300}`,
    strength: 0.5,
    lastAt: at(i),
    count: i % 7,
  }));
  const helped = persons.slice(0, 150).map((p, i) => ({
    fromId: p.id,
    toId: `p${(i + 7) % 300}`,
    topic: `topic-${i % 20}`,
    count: 1 + (i % 3),
    lastAt: at(i),
  }));
  const trusts = persons
    .slice(0, 150)
    .map((p, i) => ({ fromId: p.id, toId: `p${(i + 3) % 300}`, level: 0.7, updatedAt: at(i) }));
  const beliefs: BulkBeliefInput[] = [];
  persons.forEach((p, i) => {
    for (let k = 0; k < 2; k++) {
      beliefs.push({
        id: `b-${p.id}-${k}`,
        observerId: "assistant",
        subjectId: p.id,
        topicId: `topic-${(i + k * 7) % 20}`,
        distribution: { alpha: 1 + (i % 5), beta: 2 },
        confidence: 0.3,
        validFrom: at(i),
        visibility: "team",
        shareable: k === 0,
      });
    }
    beliefs.push({
      id: `b-${p.id}-pref`,
      observerId: "assistant",
      subjectId: p.id,
      dimension: "preference",
      key: "examples",
      distribution: { alpha: 2, beta: 2 },
      confidence: 0.1,
      validFrom: at(i),
    });
    // A second observer about the same subject and topic: one mind more, KNOWS stays one edge.
    if (i % 10 === 0) {
      beliefs.push({
        id: `b-coach-${p.id}`,
        observerId: "coach",
        subjectId: p.id,
        topicId: `topic-${i % 20}`,
        distribution: { alpha: 9, beta: 1 },
        confidence: 0.8,
        validFrom: at(i + 1),
        shareable: true,
      });
    }
  });
  const messages: BulkMessageInput[] = Array.from({ length: 40 }, (_, i) =>
    i % 2 === 0
      ? {
          id: `m${i}`,
          channelId: "general",
          authorId: `p${i}`,
          text: `question ${i}`,
          createdAt: at(i),
          topicIds: [`topic-${i % 20}`],
        }
      : {
          id: `m${i}`,
          channelId: "general",
          authorId: "assistant",
          text: `answer ${i}`,
          createdAt: at(i),
          replyTo: `m${i - 1}`,
        },
  );
  return { persons, agents, teams, topics, channels, teamMembers, collaborations, helped, trusts, beliefs, messages };
}

type Dataset = ReturnType<typeof dataset>;

async function loadAll(loader: BulkLoader, d: Dataset) {
  let rows = 0;
  rows += (await loader.loadPersons(d.persons)).rows;
  rows += (await loader.loadAgents(d.agents)).rows;
  rows += (await loader.loadTeams(d.teams)).rows;
  rows += (await loader.loadTopics(d.topics)).rows;
  rows += (await loader.loadChannels(d.channels)).rows;
  rows += (await loader.loadTeamMembers(d.teamMembers)).rows;
  rows += (await loader.loadCollaborations(d.collaborations)).rows;
  rows += (await loader.loadHelped(d.helped)).rows;
  rows += (await loader.loadTrusts(d.trusts)).rows;
  rows += (await loader.loadBeliefs(d.beliefs)).rows;
  rows += (await loader.loadMessages(d.messages)).rows;
  return rows;
}

const LABELS = ["Workspace", "Person", "Agent", "Team", "Topic", "Channel", "Mind", "Belief", "Message"];
const EDGES: [string, string, string][] = [
  ["Actor", "MEMBER_OF", "Workspace"],
  ["Actor", "MEMBER_OF", "Team"],
  ["Team", "IN", "Workspace"],
  ["Channel", "IN", "Workspace"],
  ["Actor", "COLLABORATES_WITH", "Actor"],
  ["Actor", "HELPED", "Actor"],
  ["Actor", "TRUSTS", "Actor"],
  ["Actor", "HOLDS", "Mind"],
  ["Mind", "ABOUT", "Actor"],
  ["Mind", "HAS_BELIEF", "Belief"],
  ["Mind", "CURRENT", "Belief"],
  ["Actor", "KNOWS", "Topic"],
  ["Actor", "SENT", "Message"],
  ["Message", "IN", "Channel"],
  ["Message", "REPLIES_TO", "Message"],
  ["Message", "MENTIONS", "Topic"],
];

/** Node counts per label and edge counts per (from, type, to), all starting from index seeks on the workspace. */
async function census(connection: GraphConnection, ws: string): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const label of LABELS) {
    const key = label === "Workspace" ? "id" : "workspaceId";
    const { records } = await connection.query(`MATCH (n:${label} {${key}: $ws}) RETURN count(n) AS n`, { ws }, "READ");
    out[label] = records[0]?.get("n") as number;
  }
  for (const [from, type, to] of EDGES) {
    const { records } = await connection.query(
      `MATCH (a:${from} {workspaceId: $ws})-[r:${type}]->(b:${to}) RETURN count(r) AS n`,
      { ws },
      "READ",
    );
    out[`${from}-${type}->${to}`] = records[0]?.get("n") as number;
  }
  return out;
}

/** Edges of the workspace whose other end belongs to another workspace (must be none). */
async function crossingEdges(connection: GraphConnection, ws: string): Promise<number> {
  let total = 0;
  for (const label of ["Actor", "Team", "Topic", "Channel", "Mind", "Belief", "Message"]) {
    const { records } = await connection.query(
      `MATCH (a:${label} {workspaceId: $ws})-[r]-(b) WHERE b.workspaceId IS NULL OR b.workspaceId <> $ws RETURN count(r) AS n`,
      { ws },
      "READ",
    );
    total += records[0]?.get("n") as number;
  }
  return total;
}

describe("createBulkLoader (real Neo4j)", () => {
  let store: GraphStore;
  const d = dataset();
  const wsA = freshWorkspaceId("bulk");
  const wsB = freshWorkspaceId("bulk");
  let first: Record<string, number>;

  beforeAll(async () => {
    store = await openTestStore();
  });
  afterAll(async () => {
    await store?.close();
  });

  it("loads every kind and the graph has exactly the expected nodes and edges", async () => {
    const progress: number[] = [];
    const loader = createBulkLoader({
      connection: store.connection,
      workspaceId: wsA,
      batchSize: 64,
      onProgress: (p) => p.kind === "beliefs" && progress.push(p.done),
    });
    const rows = await loadAll(loader, d);
    const expectedRows = Object.values(d).reduce((n, list) => n + list.length, 0);
    expect(rows).toBe(expectedRows);
    expect(rows).toBeGreaterThan(2_000);
    expect(progress.at(-1)).toBe(d.beliefs.length);
    await loader.refreshStatistics({ timeoutSeconds: 60 });

    const knowledge = d.beliefs.filter((b) => b.topicId !== undefined);
    first = await census(store.connection, wsA);
    expect(first).toEqual({
      Workspace: 1,
      Person: 300,
      Agent: 2,
      Team: 6,
      Topic: 20,
      Channel: 1,
      Mind: 300 + 30, // assistant → everyone, coach → every tenth person
      Belief: d.beliefs.length,
      Message: 40,
      "Actor-MEMBER_OF->Workspace": 302,
      "Actor-MEMBER_OF->Team": 300,
      "Team-IN->Workspace": 6,
      "Channel-IN->Workspace": 1,
      "Actor-COLLABORATES_WITH->Actor": 300,
      "Actor-HELPED->Actor": 150,
      "Actor-TRUSTS->Actor": 150,
      "Actor-HOLDS->Mind": 330,
      "Mind-ABOUT->Actor": 330,
      "Mind-HAS_BELIEF->Belief": d.beliefs.length,
      "Mind-CURRENT->Belief": d.beliefs.length,
      "Actor-KNOWS->Topic": new Set(knowledge.map((b) => `${b.subjectId}|${b.topicId}`)).size,
      "Actor-SENT->Message": 40,
      "Message-IN->Channel": 40,
      "Message-REPLIES_TO->Message": 20,
      "Message-MENTIONS->Topic": 20,
    });
    expect(await crossingEdges(store.connection, wsA)).toBe(0);

    // Properties follow the schema: the coach's newer, more confident belief is what KNOWS shows.
    const { records } = await store.connection.query(
      `MATCH (p:Person {workspaceId: $ws, id: 'p10'})-[k:KNOWS]->(t:Topic {workspaceId: $ws, id: 'topic-10'})
       MATCH (p)<-[:ABOUT]-(m:Mind {workspaceId: $ws, id: 'coach~p10'})-[:CURRENT]->(b:Belief)
       RETURN k {.*} AS knows, b {.*} AS belief, m {.*} AS mind`,
      { ws: wsA },
      "READ",
    );
    const record = records[0];
    expect(record?.get("knows")).toEqual({ level: 0.9, confidence: 0.8, shareable: true, updatedAt: at(11) });
    expect(record?.get("belief")).toMatchObject({
      workspaceId: wsA,
      observerId: "coach",
      subjectId: "p10",
      dimension: "knowledge",
      key: "topic-10",
      alpha: 9,
      beta: 1,
      mean: 0.9,
      visibility: "private",
      validFrom: at(11),
      recordedAt: at(11),
    });
    expect(record?.get("belief").validTo).toBeUndefined();
    // First-order, as recordTurn writes it: no `order` property (readers treat absent as 1).
    expect(record?.get("belief").order).toBeUndefined();
    expect(record?.get("mind")).toMatchObject({ observerId: "coach", subjectId: "p10", updatedAt: at(11) });
  });

  it("re-running the same load creates no duplicates and changes nothing", async () => {
    const loader = createBulkLoader({ connection: store.connection, workspaceId: wsA, batchSize: 100 });
    await loadAll(loader, d);
    expect(await census(store.connection, wsA)).toEqual(first);
  });

  it("keeps two workspaces with the same ids apart", async () => {
    const loader = createBulkLoader({ connection: store.connection, workspaceId: wsB, batchSize: 500, concurrency: 3 });
    await loadAll(loader, d);
    expect(await census(store.connection, wsB)).toEqual(first);
    expect(await census(store.connection, wsA)).toEqual(first);
    expect(await crossingEdges(store.connection, wsA)).toBe(0);
    expect(await crossingEdges(store.connection, wsB)).toBe(0);
    // A row that claims another workspace is refused outright.
    await expect(loader.loadPersons([{ id: "p1", name: "x", workspaceId: wsA }])).rejects.toMatchObject({
      code: "invalid-payload",
    });
  });

  it("creates new rows fast and still upserts stored ones met later in the same call", async () => {
    const ws = freshWorkspaceId("bulk");
    const loader = createBulkLoader({ connection: store.connection, workspaceId: ws, batchSize: 50, concurrency: 2 });
    const persons = d.persons.slice(0, 200);
    await loader.loadPersons(persons.slice(0, 100));
    // New rows first (create-only batches), then rows already stored (their batch is rejected, rolled
    // back and rerun as upserts), and one id twice in a batch (the later row wins, as with MERGE).
    const renamed = [
      ...persons.slice(100, 200),
      ...persons.slice(0, 100).map((p) => ({ ...p, name: `${p.name} (renamed)` })),
      { id: "p-twice", name: "first" },
      { id: "p-twice", name: "second" },
    ];
    const result = await loader.loadPersons(renamed);
    expect(result.rows).toBe(renamed.length);
    const { records } = await store.connection.query(
      `MATCH (p:Person {workspaceId: $ws})-[:MEMBER_OF]->(:Workspace {id: $ws})
       RETURN count(p) AS n, count(DISTINCT p.id) AS ids,
              size([x IN collect(p) WHERE x.name ENDS WITH '(renamed)']) AS renamed,
              [x IN collect(p) WHERE x.id = 'p-twice' | x.name] AS twice`,
      { ws },
      "READ",
    );
    expect(records[0]?.toObject()).toEqual({ n: 201, ids: 201, renamed: 100, twice: ["second"] });
  });

  it("raises typed errors on bad rows and keeps every row before them", async () => {
    const ws = freshWorkspaceId("bulk");
    const loader = createBulkLoader({ connection: store.connection, workspaceId: ws, batchSize: 40, concurrency: 1 });
    const persons = d.persons.slice(0, 200) as unknown[];
    persons[130] = { id: "p130", name: "" }; // empty name
    const invalid = await loader.loadPersons(persons as never).catch((e: unknown) => e);
    expect(invalid).toMatchObject({
      code: "invalid-payload",
      details: { kind: "persons", index: 130, committed: 130 },
    });
    expect((await census(store.connection, ws)).Person).toBe(130);

    // Row 55 points at a person that was never loaded: not-found, rows 0..54 are stored.
    const trusts = d.trusts.slice(0, 100).map((t) => ({ ...t, toId: `p${Number(t.toId.slice(1)) % 130}` }));
    trusts[55] = { ...(trusts[55] as (typeof trusts)[number]), toId: "ghost" };
    const missing = (await loader.loadTrusts(trusts).catch((e: unknown) => e)) as { details: BulkRowErrorDetails };
    expect(missing).toMatchObject({
      code: "not-found",
      details: { kind: "trusts", index: 55, committed: 55, field: "toId" },
    });
    expect((await census(store.connection, ws))["Actor-TRUSTS->Actor"]).toBe(55);

    // An id already used by another kind of actor, or by another belief, is a conflict.
    await loader.loadAgents([{ id: "assistant", name: "Attune" }]);
    await loader.loadTopics([{ id: "sql", name: "sql" }]);
    await expect(loader.loadPersons([{ id: "assistant", name: "Not an agent" }])).rejects.toMatchObject({
      code: "conflict",
      details: { index: 0, field: "id" },
    });
    const belief = {
      id: "b1",
      observerId: "assistant",
      subjectId: "p1",
      topicId: "sql",
      distribution: { alpha: 2, beta: 1 },
      confidence: 0.2,
      validFrom: at(0),
    };
    await loader.loadBeliefs([belief]);
    await expect(loader.loadBeliefs([{ ...belief, subjectId: "p2" }])).rejects.toMatchObject({
      code: "conflict",
      details: { kind: "beliefs", field: "id" },
    });
    await expect(loader.loadBeliefs([{ ...belief, id: "b2", topicId: "nope" }])).rejects.toMatchObject({
      code: "not-found",
      details: { field: "topicId" },
    });
  });

  it("supersedes belief versions bi-temporally, in any load order, and agrees with recordTurn", async () => {
    const ws = freshWorkspaceId("bulk");
    const loader = createBulkLoader({ connection: store.connection, workspaceId: ws });
    await loader.loadPersons([{ id: "ada", name: "Ada" }]);
    await loader.loadAgents([{ id: "assistant", name: "Attune" }]);
    await loader.loadTopics([{ id: "sql", name: "sql" }]);
    await loader.loadChannels([{ id: "general", name: "General", kind: "team" }]);
    const version = (id: string, minutes: number, alpha: number): BulkBeliefInput => ({
      id,
      observerId: "assistant",
      subjectId: "ada",
      topicId: "sql",
      distribution: { alpha, beta: 1 },
      confidence: 0.5,
      validFrom: at(minutes),
      shareable: true,
    });
    await loader.loadBeliefs([version("v2", 20, 3)]);
    await loader.loadBeliefs([version("v3", 30, 4), version("v1", 10, 2)]); // newer, then an older one
    const versions = async () => {
      const { records } = await store.connection.query(
        `MATCH (:Mind {workspaceId: $ws, id: 'assistant~ada'})-[:HAS_BELIEF]->(b:Belief)
         OPTIONAL MATCH (b)<-[c:CURRENT]-()
         RETURN b.id AS id, b.validTo AS validTo, c IS NOT NULL AS current ORDER BY b.validFrom`,
        { ws },
        "READ",
      );
      return records.map((r) => [r.get("id"), r.get("validTo"), r.get("current")]);
    };
    expect(await versions()).toEqual([
      ["v1", at(20), false],
      ["v2", at(30), false],
      ["v3", null, true],
    ]);

    // A live turn after the bulk load supersedes the loaded version like any other.
    const w = store.workspace(ws);
    await w.acceptMessage({
      id: "q1",
      workspaceId: ws,
      channelId: "general",
      authorId: "ada",
      authorKind: "person",
      text: "sql?",
      createdAt: at(40),
    });
    const turnBelief: Belief = {
      id: "v4",
      workspaceId: ws,
      observerId: "assistant",
      subjectId: "ada",
      dimension: "knowledge",
      key: "sql",
      distribution: { alpha: 5, beta: 1 },
      mean: 5 / 6,
      confidence: 0.6,
      evidenceIds: [],
      validFrom: at(41),
      validTo: null,
      recordedAt: at(41),
      visibility: "private",
    };
    await w.recordTurn({
      reply: {
        id: "r1",
        workspaceId: ws,
        channelId: "general",
        authorId: "assistant",
        authorKind: "agent",
        text: "answer",
        createdAt: at(41),
        replyTo: "q1",
      },
      mind: { observerId: "assistant", subjectId: "ada", state: "{}" },
      evidence: [],
      beliefs: [turnBelief],
    });
    expect((await versions()).at(-2)).toEqual(["v3", at(41), false]);
    expect((await versions()).at(-1)).toEqual(["v4", null, true]);
    expect((await w.readBeliefs({ observerId: "assistant", subjectId: "ada" })).map((b) => b.id)).toEqual(["v4"]);
  });
});

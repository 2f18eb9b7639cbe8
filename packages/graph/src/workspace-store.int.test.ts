import type { Belief, Evidence } from "@attune/model";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { GraphStore } from "./graph-store.js";
import { MIGRATIONS, migrate } from "./migrations.js";
import { freshWorkspaceId, openTestStore } from "./testing/index.js";

const setup = {
  person: { id: "ada", name: "Ada" },
  assistant: { id: "assistant", name: "Attune", role: "assistant" },
  defaultChannels: [{ id: "general", name: "General", kind: "team" as const }],
};

const msg = (ws: string, id: string, text: string, createdAt: string, authorId = "ada") => ({
  id,
  workspaceId: ws,
  channelId: "general",
  authorId,
  authorKind: authorId === "ada" ? ("person" as const) : ("agent" as const),
  text,
  createdAt,
});

const belief = (ws: string, version: number, at: string, alpha: number, evidenceIds: string[]): Belief => ({
  id: `bk.v${version}`,
  workspaceId: ws,
  observerId: "assistant",
  subjectId: "ada",
  dimension: "knowledge",
  key: "databases",
  distribution: { alpha, beta: 1 },
  mean: alpha / (alpha + 1),
  confidence: 0.3,
  evidenceIds,
  validFrom: at,
  validTo: null,
  recordedAt: at,
  visibility: "private",
});

const evidence = (ws: string, id: string, messageId: string, at: string): Evidence => ({
  id,
  workspaceId: ws,
  messageId,
  speakerId: "ada",
  subjectId: "ada",
  dimension: "knowledge",
  key: "databases",
  signal: "technical-vocabulary",
  weight: 1,
  excerpt: "sql index",
  observedAt: at,
});

describe("WorkspaceStore (real Neo4j)", () => {
  let store: GraphStore;
  beforeAll(async () => {
    store = await openTestStore();
  });
  afterAll(async () => {
    await store?.close();
  });

  it("applies migrations once and is idempotent", async () => {
    expect(await migrate({ connection: store.connection })).toEqual([]);
    const { records } = await store.connection.query("MATCH (m:SchemaMigration) RETURN m.version AS v ORDER BY v");
    expect(records.map((r) => r.get("v"))).toEqual(MIGRATIONS.map((m) => m.version));
    const { records: constraints } = await store.connection.query(
      "SHOW CONSTRAINTS YIELD name RETURN collect(name) AS names",
    );
    expect(constraints[0]?.get("names")).toEqual(expect.arrayContaining(["message_scoped_id", "belief_scoped_id"]));
  });

  it("records turns bi-temporally and reads the past with asOf", async () => {
    const ws = freshWorkspaceId();
    const w = store.workspace(ws);
    await w.ensureSession(setup);
    const t1 = "2026-01-01T09:00:00.000Z";
    const t2 = "2026-01-01T09:05:00.000Z";
    await w.acceptMessage(msg(ws, "q1", "sql index?", t1));
    await w.recordTurn({
      reply: { ...msg(ws, "r1", "answer 1", t1, "assistant"), replyTo: "q1" },
      mind: { observerId: "assistant", subjectId: "ada", state: '{"v":1}' },
      evidence: [evidence(ws, "q1.e0", "q1", t1)],
      beliefs: [belief(ws, 1, t1, 2, ["q1.e0"])],
    });
    await w.acceptMessage(msg(ws, "q2", "sharding the sql index", t2));
    await w.recordTurn({
      reply: { ...msg(ws, "r2", "answer 2", t2, "assistant"), replyTo: "q2" },
      mind: { observerId: "assistant", subjectId: "ada", state: '{"v":2}' },
      evidence: [evidence(ws, "q2.e0", "q2", t2)],
      beliefs: [belief(ws, 2, t2, 3, ["q1.e0", "q2.e0"])],
    });

    const now = await w.readBeliefs({ observerId: "assistant", subjectId: "ada" });
    expect(now.map((b) => b.id)).toEqual(["bk.v2"]);
    expect(now[0]?.evidence.map((e) => e.messageText).sort()).toEqual(["sharding the sql index", "sql index?"]);
    const past = await w.readBeliefs({ observerId: "assistant", subjectId: "ada", asOf: "2026-01-01T09:01:00.000Z" });
    expect(past.map((b) => [b.id, b.validTo])).toEqual([["bk.v1", t2]]);
    expect(await w.readMindState({ observerId: "assistant", subjectId: "ada" })).toBe('{"v":2}');

    const context = await w.readTurnContext({
      observerId: "assistant",
      subjectId: "ada",
      channelId: "general",
      beforeMessageId: "q2",
    });
    expect(context.mindState).toBe('{"v":2}');
    expect(context.history.map((m) => [m.authorName, m.text])).toEqual([
      ["Ada", "sql index?"],
      ["Attune", "answer 1"],
      ["Attune", "answer 2"],
    ]);
  });

  it("never reads or writes across workspaces", async () => {
    const a = store.workspace(freshWorkspaceId());
    const b = store.workspace(freshWorkspaceId());
    await a.ensureSession(setup);
    await b.ensureSession({ ...setup, defaultChannels: [{ id: "only-b", name: "B", kind: "team" }] });
    await a.acceptMessage(msg(a.workspaceId, "m1", "in a", new Date().toISOString()));
    expect((await b.listChannels()).map((c) => c.id)).toEqual(["only-b"]);
    await expect(
      b.acceptMessage(msg(b.workspaceId, "m2", "into a's channel", new Date().toISOString())),
    ).rejects.toMatchObject({
      code: "not-found",
    });
    expect(
      await b.readTurnContext({
        observerId: "assistant",
        subjectId: "ada",
        channelId: "general",
        beforeMessageId: "x",
      }),
    ).toEqual({
      mindState: undefined,
      corrections: [],
      history: [],
    });
    expect((await a.counts()).Message).toBe(1);
    expect((await b.counts()).Message).toBeUndefined();
    await b.dropWorkspace();
    expect(await b.counts()).toEqual({});
    expect((await a.counts()).Message).toBe(1);
  });

  it("reads a team's minds by revision: unchanged states come from what this process holds, any write is seen", async () => {
    const ws = freshWorkspaceId("ws-rev");
    const w = store.workspace(ws);
    // The team's other agents join with the session, in the same round trip.
    await w.ensureSession({ ...setup, agents: [{ id: "tutor", name: "Tess", role: "tutor" }] });
    const { records: agents } = await store.connection.query(
      "MATCH (a:Actor:Agent {workspaceId: $ws})-[:MEMBER_OF]->(:Workspace {id: $ws}) RETURN a.id AS id, a.role AS role ORDER BY id",
      { ws },
      "READ",
    );
    expect(agents.map((r) => [r.get("id"), r.get("role")])).toEqual([
      ["assistant", setup.assistant.role],
      ["tutor", "tutor"],
    ]);
    await expect(
      w.ensureSession({ ...setup, agents: [{ id: "no spaces or `quotes`", name: "X", role: "x" }] }),
    ).rejects.toMatchObject({ code: "invalid-payload" });
    const T = "2026-01-05T10:00:00.000Z";
    await w.acceptMessage(msg(ws, "m1", "how do I add an index?", T));
    await w.recordTeamTurn({
      reply: { ...msg(ws, "r1", "CREATE INDEX …", T, "assistant"), replyTo: "m1" },
      minds: [
        { observerId: "assistant", subjectId: "ada", state: '{"v":1}' },
        { observerId: "tutor", subjectId: "assistant", state: '{"peer":1}' },
      ],
    });
    const read = async () => {
      const { minds } = await w.readTeamContext({
        agentIds: ["assistant", "tutor"],
        personId: "ada",
        channelId: "general",
        beforeMessageId: "none",
      });
      return Object.fromEntries(minds.map((m) => [`${m.observerId}~${m.subjectId}`, m.state]));
    };
    expect(await read()).toEqual({ "assistant~ada": '{"v":1}', "tutor~assistant": '{"peer":1}' });

    // The read sends the revisions it holds and gets no text back for them: a state changed behind
    // the store's back without a new revision (which no writer does) shows the cached text.
    await store.connection.query(
      "MATCH (m:Mind {workspaceId: $ws, id: 'assistant~ada'}) SET m.state = '{\"v\":\"untracked\"}'",
      { ws },
    );
    expect((await read())["assistant~ada"]).toBe('{"v":1}');

    // Another process writing the mind gives it a new revision: this one reads the new text.
    await store.connection.query(
      "MATCH (m:Mind {workspaceId: $ws, id: 'assistant~ada'}) SET m.state = '{\"v\":2}', m.rev = randomUUID()",
      { ws },
    );
    expect((await read())["assistant~ada"]).toBe('{"v":2}');
    // A writer that does not track revisions clears it: the text is read again every time.
    await store.connection.query(
      "MATCH (m:Mind {workspaceId: $ws, id: 'assistant~ada'}) SET m.state = '{\"v\":3}', m.rev = null",
      { ws },
    );
    expect((await read())["assistant~ada"]).toBe('{"v":3}');
    await store.connection.query("MATCH (m:Mind {workspaceId: $ws, id: 'assistant~ada'}) SET m.state = '{\"v\":4}'", {
      ws,
    });
    expect((await read())["assistant~ada"]).toBe('{"v":4}');

    // Deleted and created again (erasure, a dropped workspace): never confused with the old one.
    await w.dropWorkspace();
    await w.ensureSession(setup);
    await w.ensureSession({ ...setup, assistant: { id: "tutor", name: "Tess", role: "tutor" } });
    await w.acceptMessage(msg(ws, "m1", "how do I add an index?", T));
    await w.recordTeamTurn({
      reply: { ...msg(ws, "r1", "CREATE INDEX …", T, "assistant"), replyTo: "m1" },
      minds: [{ observerId: "assistant", subjectId: "ada", state: '{"v":"new"}' }],
    });
    expect(await read()).toEqual({ "assistant~ada": '{"v":"new"}' });
    await w.dropWorkspace();
  });

  it("rejects invalid workspace ids before any query", () => {
    expect(() => store.workspace("a' OR 1=1")).toThrow(/not a valid id/);
  });
});

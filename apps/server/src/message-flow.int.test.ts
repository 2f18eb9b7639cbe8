import type { GraphStore } from "@attune/graph";
import { freshWorkspaceId, openTestStore } from "@attune/graph/testing";
import { AttuneError, MessageEndSchema, MindUpdateEventSchema } from "@attune/model";
import { signToken } from "@attune/realtime";
import { type AttuneClient, connectAttune } from "@attune/realtime/client";
import { FakeListChatModel } from "@langchain/core/utils/testing";
import { io } from "socket.io-client";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type AttuneServer, createAttuneServer } from "./create-server.js";

const secret = "integration-secret-0123456789";
const REPLY = "Decode is memory-bound: every token re-reads the KV cache.";

describe("one message end to end (real Neo4j, real Socket.IO, fake model)", () => {
  let store: GraphStore;
  let server: AttuneServer;
  let url: string;
  let workspaceId: string;
  const clients: AttuneClient[] = [];

  beforeAll(async () => {
    store = await openTestStore();
    server = createAttuneServer({
      store,
      model: new FakeListChatModel({ responses: [REPLY] }),
      secret,
      onError: () => {},
    });
    ({ url } = await server.listen({ port: 0 }));
  });

  beforeEach(() => {
    workspaceId = freshWorkspaceId();
  });

  afterAll(async () => {
    for (const c of clients) c.close();
    await server?.close();
    await store?.close();
  });

  async function connect(personId: string, ws = workspaceId) {
    const token = await signToken({ secret, claims: { workspaceId: ws, personId, name: personId.toUpperCase() } });
    const client = connectAttune({ url, token });
    clients.push(client);
    await client.ready;
    return client;
  }

  it("acks, streams deltas, ends with the plan, updates the mind and persists everything", async () => {
    const client = await connect("ada");
    const deltas: { messageId: string; delta: string }[] = [];
    client.socket.on("message-delta", (d) => deltas.push(d));
    const mindUpdates: unknown[] = [];
    client.socket.on("mind-update", (m) => mindUpdates.push(m));
    const ends: unknown[] = [];
    client.socket.on("message-end", (e) => ends.push(e));

    const text = "Why does our KV cache blow the latency budget when LoRA adapters swap?";
    const ack = await client.send({ channelId: "general", text, clientMessageId: "c-1" });
    expect(ack).toMatchObject({ ok: true, messageId: expect.stringMatching(/^msg-/) });
    if (!ack.ok) throw new Error("unreachable");

    await expect.poll(() => mindUpdates.length, { timeout: 20_000 }).toBe(1);
    const end = MessageEndSchema.parse(ends[0]);
    expect(end).toMatchObject({ replyTo: ack.messageId, text: REPLY, authorId: "assistant" });
    expect(deltas.every((d) => d.messageId === end.messageId)).toBe(true);
    expect(deltas.map((d) => d.delta).join("")).toBe(REPLY);
    expect(deltas.length).toBeGreaterThan(1);
    const update = MindUpdateEventSchema.parse(mindUpdates[0]);
    expect(update).toMatchObject({ observerId: "assistant", subjectId: "ada" });
    expect(update.beliefs.some((b) => b.dimension === "knowledge")).toBe(true);

    // Neo4j holds the workspace, the person, both messages, and the mind with evidence-linked beliefs.
    const { records } = await store.connection.query(
      `MATCH (w:Workspace {id: $ws})
       MATCH (p:Person {workspaceId: $ws, id: 'ada'})-[:SENT]->(q:Message {id: $q})
       MATCH (r:Message {workspaceId: $ws, id: $r})-[:REPLIES_TO]->(q)
       MATCH (:Agent {workspaceId: $ws, id: 'assistant'})-[:HOLDS]->(mind:Mind)-[:ABOUT]->(p)
       MATCH (mind)-[:HAS_BELIEF]->(b:Belief)-[:SUPPORTED_BY]->(e:Evidence)-[:FROM]->(q)
       MATCH (e)-[:SPOKEN_BY]->(p)
       RETURN w.id AS ws, r.text AS reply, count(DISTINCT b) AS beliefs, collect(DISTINCT b.key) AS keys`,
      { ws: workspaceId, q: ack.messageId, r: end.messageId },
    );
    expect(records).toHaveLength(1);
    expect(records[0]?.get("reply")).toBe(REPLY);
    expect(records[0]?.get("beliefs")).toBeGreaterThanOrEqual(1);
    expect(records[0]?.get("keys")).toEqual(expect.arrayContaining(["llm-inference"]));

    // A second turn builds on the stored mind and supersedes belief versions instead of deleting them.
    const second = await client.ask({ channelId: "general", text: "and the KV cache quantization angle?" });
    expect(second.reply.text).toBe(REPLY);
    const beliefs = await store.workspace(workspaceId).readBeliefs({ observerId: "assistant", subjectId: "ada" });
    const kv = beliefs.find((b) => b.key === "llm-inference");
    expect(kv?.evidence.length).toBe(2);
    expect(kv?.evidence.map((e) => e.messageText)).toContain(text);
    const { records: versions } = await store.connection.query(
      "MATCH (b:Belief {workspaceId: $ws, key: 'llm-inference'}) RETURN b.validTo IS NULL AS current ORDER BY current",
      { ws: workspaceId },
    );
    expect(versions.map((v) => v.get("current"))).toEqual([false, true]);
  });

  it("is idempotent for a retried clientMessageId", async () => {
    const client = await connect("ada");
    const first = await client.ask({ channelId: "general", text: "hello there, sql question" });
    const retry = await client.send({
      channelId: "general",
      text: "hello there, sql question",
      clientMessageId: "same",
    });
    const retry2 = await client.send({
      channelId: "general",
      text: "hello there, sql question",
      clientMessageId: "same",
    });
    expect(retry).toEqual(retry2);
    expect(first.messageId).not.toBe(retry.ok && retry.messageId);
    const conflict = await client.send({ channelId: "general", text: "different text", clientMessageId: "same" });
    expect(conflict).toMatchObject({ ok: false, error: { code: "conflict" } });
    await server.turns.drain();
    const counts = await store.workspace(workspaceId).counts();
    expect(counts.Message).toBe(4); // two questions, two replies
  });

  it("answers bad input with typed errors, writes nothing, and keeps the connection usable", async () => {
    const client = await connect("bo");
    const before = await store.workspace(workspaceId).counts();

    const cases: [unknown, string][] = [
      [{ channelId: "general", text: "hi" }, "invalid-payload"], // no clientMessageId
      [{ channelId: "general", text: "   ", clientMessageId: "x1" }, "invalid-payload"],
      [{ channelId: "general", text: "hi", clientMessageId: "x2", extra: true }, "invalid-payload"],
      [{ channelId: "nope", text: "hi", clientMessageId: "x3" }, "not-found"],
      [{ channelId: "general'}) DETACH DELETE (n", text: "hi", clientMessageId: "x4" }, "invalid-payload"],
      [{ channelId: "general", text: "x".repeat(20_000), clientMessageId: "x5" }, "payload-too-large"],
      ["just a string", "invalid-payload"],
    ];
    for (const [payload, code] of cases) {
      const ack = await new Promise((resolve) => client.socket.emit("message-send", payload as never, resolve));
      expect(ack, JSON.stringify(payload).slice(0, 80)).toMatchObject({
        ok: false,
        error: { code, message: expect.any(String) },
      });
    }
    expect(await store.workspace(workspaceId).counts()).toEqual(before);

    // Another workspace's channel is invisible: not found, never written.
    const otherWs = freshWorkspaceId();
    const other = await connect("cy", otherWs);
    await other.createChannel({ channelId: "secret-plans", name: "Secret plans" });
    const cross = await client.send({ channelId: "secret-plans", text: "let me in", clientMessageId: "x6" });
    expect(cross).toMatchObject({ ok: false, error: { code: "not-found" } });
    expect(await store.workspace(otherWs).counts()).not.toHaveProperty("Message");

    // Still connected and usable.
    const ok = await client.ask({ channelId: "general", text: "thanks, all good now" });
    expect(ok.reply.text).toBe(REPLY);
  });

  it("refuses connections without a valid token", async () => {
    const bad = [
      undefined,
      "garbage",
      await signToken({ secret: "another-secret-0000000", claims: { workspaceId, personId: "eve" } }),
    ];
    for (const token of bad) {
      const socket = io(url, {
        auth: token === undefined ? {} : { token },
        transports: ["websocket"],
        reconnection: false,
      });
      const error = await new Promise<Error & { data?: { code: string } }>((resolve) =>
        socket.once("connect_error", resolve),
      );
      expect(error.data?.code).toBe("unauthorized");
      socket.close();
    }
    const client = connectAttune({ url, token: "garbage" });
    await expect(client.ready).rejects.toSatisfy((e: unknown) => AttuneError.is(e) && e.code === "unauthorized");
    client.close();
    expect(await store.workspace(workspaceId).counts()).toEqual({});
  });
});

import type { GraphStore } from "@attune/graph";
import { freshWorkspaceId, openTestStore } from "@attune/graph/testing";
import { signToken } from "@attune/realtime";
import { type AttuneClient, connectAttune } from "@attune/realtime/client";
import { FakeListChatModel } from "@langchain/core/utils/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AttuneServer, createAttuneServer } from "./create-server.js";

const secret = "integration-secret-0123456789";

describe("graph over HTTP: scrutable models, corrections, erasure, typed queries (real Neo4j)", () => {
  let store: GraphStore;
  let server: AttuneServer;
  let url: string;
  const workspaceId = freshWorkspaceId("http");
  const clients: AttuneClient[] = [];
  const token = (personId: string, ws = workspaceId) => signToken({ secret, claims: { workspaceId: ws, personId } });
  const call = async (method: string, path: string, options: { token?: string; body?: string | object } = {}) => {
    const res = await fetch(`${url}${path}`, {
      method,
      headers: {
        ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        ...(options.body !== undefined ? { "content-type": "application/json" } : {}),
      },
      ...(options.body !== undefined
        ? { body: typeof options.body === "string" ? options.body : JSON.stringify(options.body) }
        : {}),
    });
    // biome-ignore lint/suspicious/noExplicitAny: response shapes vary per route; each test asserts its own.
    return { status: res.status, json: (await res.json()) as { ok: boolean; data?: any; error?: { code: string } } };
  };

  beforeAll(async () => {
    store = await openTestStore();
    server = createAttuneServer({
      store,
      model: new FakeListChatModel({ responses: ["Short answer."] }),
      secret,
      onError: () => {},
    });
    ({ url } = await server.listen({ port: 0 }));
    const client = connectAttune({ url, token: await token("ada") });
    clients.push(client);
    await client.ready;
    await client.ask({ channelId: "general", text: "Our Postgres query planner ignores the composite index, why?" });
  });

  afterAll(async () => {
    for (const c of clients) c.close();
    await server?.close();
    await store?.workspace(workspaceId).dropWorkspace();
    await store?.close();
  });

  it("shows me my model with its evidence, and lets me correct it", async () => {
    const ada = await token("ada");
    const model = await call("GET", "/v1/me/model", { token: ada });
    expect(model.status).toBe(200);
    const db = model.json.data.beliefs.find((b: { key: string }) => b.key === "databases");
    expect(db).toMatchObject({ observerId: "assistant", dimension: "knowledge" });
    expect(db.evidence[0].excerpt).toMatch(/planner|composite|Postgres/i);

    const corrected = await call("POST", "/v1/me/corrections", {
      token: ada,
      body: { dimension: "knowledge", key: "databases", value: 0.2, text: "I'm not a database person" },
    });
    expect(corrected.status).toBe(200);
    expect(corrected.json.data.versions).toHaveLength(1);
    const after = await call("GET", "/v1/me/model", { token: ada });
    expect(after.json.data.beliefs.find((b: { key: string }) => b.key === "databases")).toMatchObject({ mean: 0.2 });
    const bad = await call("POST", "/v1/me/corrections", {
      token: ada,
      body: { dimension: "mood", key: "x", value: 7 },
    });
    expect(bad).toMatchObject({ status: 400, json: { ok: false, error: { code: "invalid-payload" } } });
  });

  it("keeps the who-knows-what index current from turns, shared only with consent, and applies corrections in the engine", async () => {
    const ada = await token("ada");
    const knows = async () =>
      (
        await store.connection.query(
          "MATCH (:Person {workspaceId: $ws, id: 'ada'})-[k:KNOWS]->(t:Topic) RETURN t.id AS topic, k.shareable AS shareable, k.level AS level",
          { ws: workspaceId },
        )
      ).records.map((r) => r.toObject());
    expect(await knows()).toEqual([expect.objectContaining({ topic: "databases", shareable: false })]);
    expect(await call("POST", "/v1/me/sharing", { token: ada, body: { knowledge: true } })).toMatchObject({
      status: 200,
      json: { data: { topics: 1 } },
    });
    expect(await knows()).toEqual([expect.objectContaining({ topic: "databases", shareable: true })]);
    expect(await call("POST", "/v1/me/sharing", { token: ada, body: { knowledge: "yes" } })).toMatchObject({
      status: 400,
    });

    // The correction made earlier is queued on the mind; the next turn applies it and empties the queue.
    const client = clients[0];
    if (!client) throw new Error("no client");
    await client.ask({ channelId: "general", text: "ok, thanks" });
    const { records } = await store.connection.query(
      "MATCH (m:Mind {workspaceId: $ws, id: 'assistant~ada'}) RETURN m.pendingCorrections AS pending, m.state AS state",
      { ws: workspaceId },
    );
    expect(records[0]?.get("pending")).toEqual([]);
    const state = JSON.parse(records[0]?.get("state") as string) as {
      beliefs: { key: string; alpha: number; beta: number }[];
    };
    const db = state.beliefs.find((b) => b.key === "databases");
    expect(db && db.alpha / (db.alpha + db.beta)).toBeLessThan(0.35);
    expect((await knows())[0]?.level).toBeLessThan(0.35);
  });

  it("answers typed queries only inside the caller's workspace", async () => {
    const people = await call("POST", "/v1/query", { token: await token("ada"), body: { kind: "people" } });
    expect(people.json.data.rows.map((r: { id: string }) => r.id)).toEqual(["ada"]);
    const outsider = await call("POST", "/v1/query", {
      token: await token("ada", freshWorkspaceId("elsewhere")),
      body: { kind: "people" },
    });
    expect(outsider.json.data.rows).toEqual([]);
    const model = await call("POST", "/v1/query", {
      token: await token("mallory", freshWorkspaceId("elsewhere")),
      body: { kind: "person-model", personId: "ada" },
    });
    expect(model).toMatchObject({ status: 404, json: { error: { code: "not-found" } } });
  });

  it("refuses bad requests with typed errors", async () => {
    const ada = await token("ada");
    expect(await call("POST", "/v1/query", { body: { kind: "people" } })).toMatchObject({
      status: 401,
      json: { error: { code: "unauthorized" } },
    });
    expect(await call("POST", "/v1/query", { token: "not.a.token", body: { kind: "people" } })).toMatchObject({
      status: 401,
    });
    expect(await call("POST", "/v1/query", { token: ada, body: "{not json" })).toMatchObject({
      status: 400,
      json: { error: { code: "invalid-payload" } },
    });
    expect(await call("POST", "/v1/query", { token: ada, body: { kind: "people", limit: 10 ** 9 } })).toMatchObject({
      status: 400,
    });
    expect(
      await call("POST", "/v1/query", { token: ada, body: { kind: "people", search: "x".repeat(70 * 1024) } }),
    ).toMatchObject({ status: 413, json: { error: { code: "payload-too-large" } } });
    expect(await call("GET", "/v1/query", { token: ada })).toMatchObject({ status: 400 });
    expect(await call("GET", "/v1/nothing", { token: ada })).toMatchObject({ status: 404 });
    // Nothing already accepted was lost.
    const people = await call("POST", "/v1/query", { token: ada, body: { kind: "people" } });
    expect(people.json.data.rows).toHaveLength(1);
  });

  it("erases me on request and leaves an audit record", async () => {
    const ada = await token("ada");
    const erased = await call("DELETE", "/v1/me", { token: ada });
    expect(erased.status).toBe(200);
    expect(erased.json.data.counts).toMatchObject({ actor: 1 });
    expect(erased.json.data.counts.messagesDeleted).toBeGreaterThanOrEqual(1);
    expect(await call("GET", "/v1/me/model", { token: ada })).toMatchObject({ status: 404 });
    const { records } = await store.connection.query(
      "MATCH (a:Audit {workspaceId: $ws, action: 'erase'}) RETURN count(a) AS n",
      { ws: workspaceId },
    );
    expect(records[0]?.get("n")).toBe(1);
  });
});

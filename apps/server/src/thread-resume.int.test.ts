import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type AttuneCheckpointer, createCheckpointer, turnThreadId } from "@attune/agents";
import type { GraphStore, WorkspaceStore } from "@attune/graph";
import { freshWorkspaceId, openTestStore } from "@attune/graph/testing";
import { type MessageEnd, type MessageFail, type Plan, PlanSchema } from "@attune/model";
import { signToken } from "@attune/realtime";
import { type AttuneClient, connectAttune } from "@attune/realtime/client";
import { createTeamAssistantGraph, type TurnState } from "@attune/team-assistant";
import { FakeListChatModel } from "@langchain/core/utils/testing";
import { END, START, StateGraph, StateSchema } from "@langchain/langgraph";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { type AttuneServer, createAttuneServer } from "./create-server.js";

const secret = "integration-secret-0123456789";
const REPLY = "Composite indexes only help when the leading column is filtered.";

/** The real store, counting how often a turn starts from scratch (perceive reads the turn context). */
function countingStore(store: GraphStore) {
  const counter = { readTurnContext: 0 };
  const wrap = (ws: WorkspaceStore) =>
    new Proxy(ws, {
      get(target, prop) {
        if (prop === "readTurnContext") counter.readTurnContext += 1;
        const value = Reflect.get(target, prop, target);
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
  const proxy = new Proxy(store, {
    get(target, prop) {
      if (prop === "workspace") return (id: string) => wrap(target.workspace(id));
      const value = Reflect.get(target, prop, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
  return { store: proxy, counter };
}

describe("a restarted server resumes turn threads (real Neo4j, SQLite checkpoints, fake model)", () => {
  let store: GraphStore;
  let dir: string;
  let path: string;
  const workspaceId = freshWorkspaceId("resume");
  const threadId = turnThreadId({ workspaceId, channelId: "general", personId: "ada" });
  const config = { configurable: { thread_id: threadId } };
  const clients: AttuneClient[] = [];
  const servers: AttuneServer[] = [];
  const savers: AttuneCheckpointer[] = [];

  beforeAll(async () => {
    store = await openTestStore();
    dir = await mkdtemp(join(tmpdir(), "attune-resume-"));
    path = join(dir, "data", "checkpoints.sqlite");
  });

  afterAll(async () => {
    for (const c of clients) c.close();
    for (const s of servers) await s.close();
    for (const cp of savers) await cp.close();
    await store?.workspace(workspaceId).dropWorkspace();
    await store?.close();
    await rm(dir, { recursive: true, force: true });
  });

  /** One server "process": its own checkpointer instance on the shared file. */
  async function boot(model: FakeListChatModel, graphStore: GraphStore) {
    const checkpointer = await createCheckpointer({ kind: "sqlite", path });
    savers.push(checkpointer);
    const server = createAttuneServer({ store: graphStore, model, secret, checkpointer, onError: () => {} });
    servers.push(server);
    const { url } = await server.listen({ port: 0 });
    const client = connectAttune({
      url,
      token: await signToken({ secret, claims: { workspaceId, personId: "ada", name: "Ada" } }),
    });
    clients.push(client);
    await client.ready;
    return { checkpointer, server, client };
  }

  const inspect = (checkpointer: AttuneCheckpointer) =>
    createTeamAssistantGraph({
      store: () => store.workspace(workspaceId),
      model: new FakeListChatModel({ responses: [] }),
    })
      .compile({ checkpointer })
      .getState(config);

  it("continues a turn cut short by a failure from its last step, then keeps the thread going", async () => {
    const text = "Why does Postgres ignore our composite index on (tenant, created_at)?";

    // Process 1: the model fails mid-turn, after perceive → update mind → plan were checkpointed.
    const broken = new FakeListChatModel({ responses: [REPLY] });
    broken.stream = () => Promise.reject(new Error("GPU fell off the bus"));
    const first = await boot(broken, store);
    const fails: MessageFail[] = [];
    first.client.socket.on("message-fail", (f) => fails.push(f));
    const ack = await first.client.send({ channelId: "general", text, clientMessageId: "c-1" });
    if (!ack.ok) throw new Error(`refused: ${ack.error.code}`);
    await expect.poll(() => fails.length, { timeout: 20_000 }).toBe(1);
    expect(fails[0]?.error.code).toBe("model-unavailable");
    await first.server.turns.drain();
    const paused = await inspect(first.checkpointer);
    expect(paused.next).toEqual(["respond"]);
    const plannedBefore: Plan = PlanSchema.parse((paused.values as TurnState).plan);

    // "Restart": everything closes; a new process opens a new saver on the same file.
    first.client.close();
    await first.server.close();
    await first.checkpointer.close();
    const { store: counted, counter } = countingStore(store);
    const second = await boot(new FakeListChatModel({ responses: [REPLY] }), counted);
    const afterRestart = await inspect(second.checkpointer);
    expect(afterRestart.next).toEqual(["respond"]);
    expect((afterRestart.values as TurnState).message.id).toBe(ack.messageId);

    // The client retries the same message: the turn resumes at respond, with the plan made before.
    const ends: MessageEnd[] = [];
    second.client.socket.on("message-end", (e) => ends.push(e));
    const retry = await second.client.send({ channelId: "general", text, clientMessageId: "c-1" });
    expect(retry).toMatchObject({ ok: true, messageId: ack.messageId });
    await expect.poll(() => ends.length, { timeout: 20_000 }).toBe(1);
    expect(ends[0]).toMatchObject({ replyTo: ack.messageId, text: REPLY });
    expect(ends[0]?.plan).toEqual(plannedBefore);
    expect(counter.readTurnContext).toBe(0); // perceive did not run again

    // Neo4j got the reply and the mind exactly once.
    const { records } = await store.connection.query(
      `MATCH (r:Message {workspaceId: $ws})-[:REPLIES_TO]->(q:Message {id: $q}) RETURN count(r) AS replies`,
      { ws: workspaceId, q: ack.messageId },
    );
    expect(records[0]?.get("replies")).toBe(1);

    // The next message continues the same thread from the top, on the stored mind.
    const next = await second.client.ask({ channelId: "general", text: "and would a partial index help?" });
    expect(next.reply.text).toBe(REPLY);
    expect(counter.readTurnContext).toBe(1);
    const latest = await inspect(second.checkpointer);
    expect(latest.next).toEqual([]);
    expect((latest.values as TurnState).message.id).toBe(next.messageId);
    const seen = new Set<string>();
    for await (const snapshot of createTeamAssistantGraph({
      store: () => store.workspace(workspaceId),
      model: new FakeListChatModel({ responses: [] }),
    })
      .compile({ checkpointer: second.checkpointer })
      .getStateHistory(config)) {
      const id = (snapshot.values as Partial<TurnState>).message?.id;
      if (id) seen.add(id);
    }
    expect([...seen].sort()).toEqual([ack.messageId, next.messageId].sort());
    const mind = await store.workspace(workspaceId).readTurnContext({
      observerId: "assistant",
      subjectId: "ada",
      channelId: "general",
      beforeMessageId: next.messageId,
      historyLimit: 1,
    });
    expect(JSON.parse(mind.mindState ?? "{}").turns).toBe(2);
  });

  it("drops the workspace's checkpointed threads when a person erases themselves, and only those", async () => {
    const checkpointer = savers.at(-1) as AttuneCheckpointer;
    expect(await checkpointer.getTuple(config)).toBeDefined();
    // A thread on a channel the graph no longer lists, and one of another workspace.
    const other = freshWorkspaceId("resume-other");
    const touch = new StateGraph(new StateSchema({ n: z.number().default(0) }))
      .addNode("step", () => ({ n: 1 }))
      .addEdge(START, "step")
      .addEdge("step", END)
      .compile({ checkpointer });
    const sideThread = turnThreadId({ workspaceId, channelId: "side-dm", personId: "bob" });
    const otherThread = turnThreadId({ workspaceId: other, channelId: "general", personId: "ada" });
    for (const thread_id of [sideThread, otherThread]) await touch.invoke({}, { configurable: { thread_id } });
    expect(await checkpointer.threadIds({ prefix: `turn/${workspaceId}/` })).toEqual([threadId, sideThread].sort());

    const server = servers.at(-1) as AttuneServer;
    const address = server.http.address();
    const port = typeof address === "object" && address ? address.port : 0;
    const res = await fetch(`http://127.0.0.1:${port}/v1/me`, {
      method: "DELETE",
      headers: {
        authorization: `Bearer ${await signToken({ secret, claims: { workspaceId, personId: "ada" } })}`,
      },
    });
    expect(res.status).toBe(200);
    expect(await checkpointer.getTuple(config)).toBeUndefined();
    expect(await checkpointer.threadIds({ prefix: `turn/${workspaceId}/` })).toEqual([]);
    expect(await checkpointer.threadIds({ prefix: `turn/${other}/` })).toEqual([otherThread]);
  });
});

import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  type AttuneCheckpointer,
  approvalStateShape,
  createApprovalGate,
  createCheckpointer,
  routeOnApproval,
  turnThreadId,
} from "@attune/agents";
import type { GraphStore } from "@attune/graph";
import { freshWorkspaceId, openTestStore } from "@attune/graph/testing";
import { createMind } from "@attune/mind";
import { type ApprovalRequestEvent, ApprovalRequestEventSchema, type MessageEnd } from "@attune/model";
import { signToken } from "@attune/realtime";
import { type AttuneClient, connectAttune } from "@attune/realtime/client";
import { TurnStateSchema } from "@attune/team-assistant";
import { FakeListChatModel } from "@langchain/core/utils/testing";
import { type BaseCheckpointSaver, END, START, StateGraph } from "@langchain/langgraph";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { z } from "zod";
import { type AttuneServer, createAttuneServer } from "./create-server.js";
import { type TurnGraphFactory, TurnRunner } from "./turn-runner.js";

const secret = "integration-secret-0123456789";
const ADA_NOTE = "Ada is new to Kubernetes and is pairing on the cluster upgrade";

/**
 * A turn graph that relays what Ada told the assistant to whoever asks about her, gated by her
 * approval: the shape H-graph's team graph gives any step that shares one person's information.
 */
const sharingGraph: TurnGraphFactory = () => {
  const State = TurnStateSchema.extend(approvalStateShape);
  type State = z.infer<typeof State>;
  return new StateGraph(State)
    .addNode(
      "gate",
      createApprovalGate<State>({
        request: (s) =>
          s.person.id !== "ada" && s.message.text.includes("@ada")
            ? {
                personId: "ada",
                recipient: { kind: "person", id: s.person.id },
                what: ADA_NOTE,
                reason: `${s.person.name} asked about Ada in #${s.channelId}`,
              }
            : undefined,
      }),
    )
    .addNode("share", (s) => ({ replyText: `From Ada: ${s.approvals[0]?.text ?? "nothing to share"}` }))
    .addNode("decline", () => ({ replyText: "I can't share that without Ada's OK." }))
    .addNode("planReply", (s) => ({
      plan: createMind({ workspaceId: s.workspaceId, observerId: s.assistant.id, subjectId: s.person.id }).plan(),
    }))
    .addEdge(START, "gate")
    .addConditionalEdges("gate", routeOnApproval({ approved: "share", denied: "decline" }), ["share", "decline"])
    .addEdge("share", "planReply")
    .addEdge("decline", "planReply")
    .addEdge("planReply", END);
};

describe("approval requests and decisions over Socket.IO (real Neo4j, SQLite checkpoints, restart)", () => {
  let store: GraphStore;
  let dir: string;
  const workspaceId = freshWorkspaceId("approval");
  const clients: AttuneClient[] = [];
  const running: { server: AttuneServer; checkpointer: AttuneCheckpointer }[] = [];

  beforeAll(async () => {
    store = await openTestStore();
    dir = await mkdtemp(join(tmpdir(), "attune-approval-flow-"));
  });

  afterAll(async () => {
    for (const c of clients) c.close();
    for (const { server, checkpointer } of running) {
      await server.close();
      await checkpointer.close();
    }
    await store?.workspace(workspaceId).dropWorkspace();
    await store?.close();
    await rm(dir, { recursive: true, force: true });
  });

  async function boot(extra: { keepCheckpoints?: number } = {}) {
    const checkpointer = await createCheckpointer({ kind: "sqlite", path: join(dir, "checkpoints.sqlite") });
    // A restart finds its threads by id, never by listing every checkpoint ever written.
    const list = vi.spyOn(checkpointer, "list");
    const server = createAttuneServer({
      store,
      model: new FakeListChatModel({ responses: ["unused"] }),
      secret,
      checkpointer,
      graph: sharingGraph,
      onError: () => {},
      ...extra,
    });
    running.push({ server, checkpointer });
    const { url } = await server.listen({ port: 0 });
    const unscoped = list.mock.calls.filter(([config]) => typeof config?.configurable?.thread_id !== "string");
    expect(unscoped).toEqual([]);
    return { url, server, checkpointer };
  }

  async function connect(url: string, personId: string, ws = workspaceId) {
    const token = await signToken({ secret, claims: { workspaceId: ws, personId, name: personId.toUpperCase() } });
    const client = connectAttune({ url, token });
    clients.push(client);
    // Listening before the session is ready: approvals waiting for the person follow `session-ready`.
    const requests: ApprovalRequestEvent[] = [];
    const ends: MessageEnd[] = [];
    client.socket.on("approval-request", (r) => requests.push(ApprovalRequestEventSchema.parse(r)));
    client.socket.on("message-end", (e) => ends.push(e));
    await client.ready;
    return { client, requests, ends };
  }

  it("asks only the person concerned, refuses bad or foreign decisions, and survives a restart", async () => {
    const first = await boot();
    const ada = await connect(first.url, "ada");
    const bo = await connect(first.url, "bo");

    const ack = await bo.client.send({ channelId: "general", text: "what is @ada working on?" });
    expect(ack.ok).toBe(true);
    await expect.poll(() => ada.requests.length, { timeout: 20_000 }).toBe(1);
    const request = ada.requests[0] as ApprovalRequestEvent;
    expect(request.request).toEqual({
      personId: "ada",
      recipient: { kind: "person", id: "bo" },
      what: ADA_NOTE,
      reason: "BO asked about Ada in #general",
    });
    expect(bo.requests).toEqual([]); // the asker is not shown what is being asked about
    expect(bo.ends).toEqual([]);

    const { approvalId, threadId } = request;
    const bad: [unknown, string][] = [
      [{ approvalId, threadId, decision: "maybe" }, "invalid-payload"],
      [{ approvalId, threadId, decision: "deny", text: "edited" }, "invalid-payload"],
      [{ approvalId: "not-hex", threadId, decision: "approve" }, "invalid-payload"],
      [{ approvalId, threadId: "turn/../etc", decision: "approve" }, "invalid-payload"],
      [{ approvalId, threadId, decision: "approve", extra: 1 }, "invalid-payload"],
      ["approve", "invalid-payload"],
      [{ approvalId: "0".repeat(32), threadId, decision: "approve" }, "not-found"],
      [{ approvalId, threadId: threadId.replace(workspaceId, "someone-else"), decision: "approve" }, "not-found"],
    ];
    for (const [payload, code] of bad) {
      const answer = await new Promise((resolve) =>
        ada.client.socket.emit("approval-decide", payload as never, resolve),
      );
      expect(answer, JSON.stringify(payload)).toMatchObject({ ok: false, error: { code } });
    }
    // Bo may not approve sharing Ada's information himself.
    expect(await bo.client.decideApproval({ approvalId, threadId, decision: "approve" })).toMatchObject({
      ok: false,
      error: { code: "forbidden" },
    });
    // Someone in another workspace cannot even see it.
    const stranger = await connect(first.url, "ada", freshWorkspaceId("approval-other"));
    expect(await stranger.client.decideApproval({ approvalId, threadId, decision: "approve" })).toMatchObject({
      ok: false,
      error: { code: "not-found" },
    });
    expect(bo.ends).toEqual([]);

    // Restart: the paused run lives in the SQLite file, not in the process.
    for (const c of [ada.client, bo.client, stranger.client]) c.close();
    await first.server.close();
    await first.checkpointer.close();
    const second = await boot({ keepCheckpoints: 2 });
    const ada2 = await connect(second.url, "ada");
    const bo2 = await connect(second.url, "bo");
    // The restarted server found the paused run and asked Ada again when she connected; Bo, not.
    await expect.poll(() => ada2.requests.length, { timeout: 20_000 }).toBe(1);
    expect(ada2.requests[0]).toEqual(request);
    expect(bo2.requests).toEqual([]);
    // A plain LangGraph saver (no `threadIds`) is scanned instead, and finds the same paused run.
    const plain = new Proxy(second.checkpointer, {
      get: (target, key) => (key === "threadIds" ? undefined : Reflect.get(target, key)),
    });
    const runner = (checkpointer: BaseCheckpointSaver) =>
      new TurnRunner({ store, model: new FakeListChatModel({ responses: [] }), checkpointer, graph: sharingGraph });
    expect(await runner(plain).restore()).toBe(1);
    expect(await runner(second.checkpointer).restore()).toBe(1);
    const edited = "Ada is pairing on the cluster upgrade";
    expect(await ada2.client.decideApproval({ approvalId, threadId, decision: "approve", text: edited })).toEqual({
      ok: true,
      approvalId,
      decision: "approve",
    });
    await expect.poll(() => bo2.ends.length, { timeout: 20_000 }).toBe(1);
    expect(bo2.ends[0]?.text).toBe(`From Ada: ${edited}`);
    // Decided once: a second answer finds nothing pending.
    expect(await ada2.client.decideApproval({ approvalId, threadId, decision: "deny" })).toMatchObject({
      ok: false,
      error: { code: "not-found" },
    });

    // Denied: nothing of Ada's reaches Bo.
    await bo2.client.send({ channelId: "general", text: "and what does @ada think of Helm?" });
    await expect.poll(() => ada2.requests.length, { timeout: 20_000 }).toBe(2);
    const denyMe = ada2.requests[1] as ApprovalRequestEvent;
    expect(denyMe.approvalId).not.toBe(approvalId);
    expect(
      await ada2.client.decideApproval({ approvalId: denyMe.approvalId, threadId: denyMe.threadId, decision: "deny" }),
    ).toMatchObject({ ok: true });
    await expect.poll(() => bo2.ends.length, { timeout: 20_000 }).toBe(2);
    expect(bo2.ends[1]?.text).toBe("I can't share that without Ada's OK.");
    expect(bo2.ends[1]?.text).not.toContain("Kubernetes");

    // Four runs on Bo's thread (two asks, two decisions), one checkpoint each: the restarted server
    // keeps the newest two.
    const kept: string[] = [];
    for await (const tuple of second.checkpointer.list({ configurable: { thread_id: threadId } })) {
      kept.push(tuple.checkpoint.id);
    }
    expect(kept).toHaveLength(2);
  });

  it("asks a person who was offline when they connect, and stops asking once they decided", async () => {
    const { url } = await boot();
    const bo = await connect(url, "bo");
    await bo.client.send({ channelId: "general", text: "is @ada around this week?" });
    // Ada is not connected: the run pauses and waits for her (nobody is asked yet).
    const server = running.at(-1)?.server as AttuneServer;
    await expect
      .poll(() => server.turns.resendApprovals({ workspaceId, personId: "ada" }, noEmit), { timeout: 20_000 })
      .toBe(1);
    const ada = await connect(url, "ada");
    await expect.poll(() => ada.requests.length, { timeout: 20_000 }).toBe(1);
    const asked = ada.requests[0] as ApprovalRequestEvent;
    expect(asked.request).toMatchObject({ personId: "ada", recipient: { kind: "person", id: "bo" } });
    expect(
      await ada.client.decideApproval({ approvalId: asked.approvalId, threadId: asked.threadId, decision: "deny" }),
    ).toMatchObject({
      ok: true,
    });
    await expect.poll(() => bo.ends.length, { timeout: 20_000 }).toBe(1);
    ada.client.close();
    const again = await connect(url, "ada");
    // Nothing is waiting any more, so nothing is sent.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(again.requests).toEqual([]);
  });

  it("erasure's thread cleanup drops paused runs (by index, or a plain saver's candidates)", async () => {
    const { url, checkpointer } = await boot();
    const server = running.at(-1)?.server as AttuneServer;
    const bo = await connect(url, "bo");
    await bo.client.send({ channelId: "general", text: "how is @ada doing?" });
    await expect
      .poll(() => server.turns.resendApprovals({ workspaceId, personId: "ada" }, noEmit), { timeout: 20_000 })
      .toBe(1);
    const boThread = {
      configurable: { thread_id: turnThreadId({ workspaceId, channelId: "general", personId: "bo" }) },
    };

    // A plain LangGraph saver cannot list threads: exactly the candidates are deleted.
    const plain = new Proxy(checkpointer, {
      get: (target, key) => (key === "threadIds" ? undefined : Reflect.get(target, key)),
    });
    const runner = new TurnRunner({
      store,
      model: new FakeListChatModel({ responses: [] }),
      checkpointer: plain,
      graph: sharingGraph,
    });
    const elsewhere = { workspaceId, channelId: "elsewhere", personId: "bo" };
    expect(await runner.deleteWorkspaceThreads({ workspaceId, candidates: async () => [elsewhere] })).toBe(1);
    expect(await checkpointer.getTuple(boThread)).toBeDefined();

    // The server's own saver finds every thread of the workspace by its index.
    expect(await server.turns.deleteWorkspaceThreads({ workspaceId, candidates: async () => [] })).toBeGreaterThan(0);
    expect(await checkpointer.getTuple(boThread)).toBeUndefined();
    expect(await checkpointer.threadIds({ prefix: `turn/${workspaceId}/` })).toEqual([]);
    expect(await server.turns.resendApprovals({ workspaceId, personId: "ada" }, noEmit)).toBe(0);
  });
});

const noEmit = { toChannel: () => ({ emit: () => {} }), toPerson: () => ({ emit: () => {} }) };

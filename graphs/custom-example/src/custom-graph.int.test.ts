import { createChatModel, disposeLocalModels, loadLocalModel } from "@attune/agents";
import { loadConfig } from "@attune/config";
import type { GraphStore } from "@attune/graph";
import { freshWorkspaceId, openTestStore } from "@attune/graph/testing";
import { Mind } from "@attune/mind";
import type { Message } from "@attune/model";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSupportDeskGraph, type SupportDeskState } from "./custom-graph.js";

// After the session's own presence stamp, so the message is the newest in the channel.
const T0 = Math.ceil(Date.now() / 86_400_000) * 86_400_000 + 86_400_000;

describe("custom support-desk graph end to end (real Neo4j, real local model)", () => {
  let store: GraphStore;
  const workspaceId = freshWorkspaceId("custom-example");

  beforeAll(async () => {
    await loadLocalModel({ modelPath: loadConfig().llm.modelPath });
    store = await openTestStore();
    await store.workspace(workspaceId).ensureSession({
      person: { id: "ada", name: "Ada" },
      assistant: { id: "desk", name: "Dana", role: "support desk" },
      defaultChannels: [{ id: "support", name: "Support", kind: "direct" }],
    });
  });

  afterAll(async () => {
    await store?.workspace(workspaceId).dropWorkspace();
    await store?.close();
    await disposeLocalModels();
  });

  it("answers a frustrated person by the house rules and stores the turn", async () => {
    const model = await createChatModel({ provider: "local", modelPath: loadConfig().llm.modelPath, maxTokens: 48 });
    const app = createSupportDeskGraph({
      agent: { id: "desk", name: "Dana", role: "support desk for the billing product", model },
      store: (ws) => store.workspace(ws),
    }).compile();
    const message: Message = {
      id: "m1",
      workspaceId,
      channelId: "support",
      authorId: "ada",
      authorKind: "person",
      text: "this is broken AGAIN, nothing works and I've wasted hours on the invoice export!!! ugh",
      createdAt: new Date(T0).toISOString(),
    };
    await store.workspace(workspaceId).acceptMessage(message);
    const started = performance.now();
    const out = (await app.invoke({
      workspaceId,
      channelId: "support",
      person: { id: "ada", name: "Ada" },
      message: { id: "m1", text: message.text, createdAt: message.createdAt },
      replyId: "m1.reply",
    })) as SupportDeskState;
    console.info(
      `[custom-example.int] ${(performance.now() - started).toFixed(0)} ms, ${out.decisions.ada}: ${out.replyText}`,
    );

    expect(out.decisions.ada).toMatch(/^frustrated/);
    expect(out.plans.ada).toMatchObject({ tone: "warm", structure: "steps", length: "brief" });
    expect(out.replyText?.trim().length).toBeGreaterThan(0);
    const { records } = await store.connection.query(
      "MATCH (r:Message {workspaceId: $ws, id: 'm1.reply'})-[:REPLIES_TO]->(:Message {workspaceId: $ws, id: 'm1'}) RETURN r.text AS text, r.authorId AS author",
      { ws: workspaceId },
    );
    expect(records[0]?.get("text")).toBe(out.replyText);
    expect(records[0]?.get("author")).toBe("desk");
    const state = await store.workspace(workspaceId).readMindState({ observerId: "desk", subjectId: "ada" });
    expect(Mind.fromJSON(state).snapshot().state.frustrated).toBeGreaterThanOrEqual(0.45);
  });
});

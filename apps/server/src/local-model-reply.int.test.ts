import { createChatModel, disposeLocalModels, loadLocalModel } from "@attune/agents";
import { loadConfig } from "@attune/config";
import type { GraphStore } from "@attune/graph";
import { freshWorkspaceId, openTestStore } from "@attune/graph/testing";
import { signToken } from "@attune/realtime";
import { connectAttune } from "@attune/realtime/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AttuneServer, createAttuneServer } from "./create-server.js";

const secret = "integration-secret-0123456789";

describe("one short reply from the real local model (Gemma 3 270M via node-llama-cpp)", () => {
  let store: GraphStore;
  let server: AttuneServer;
  let url: string;
  let teamServer: AttuneServer;
  let teamUrl: string;

  beforeAll(async () => {
    const config = loadConfig();
    await loadLocalModel({ modelPath: config.llm.modelPath });
    store = await openTestStore();
    const model = await createChatModel({ provider: "local", modelPath: config.llm.modelPath, maxTokens: 48 });
    server = createAttuneServer({ store, model, secret });
    ({ url } = await server.listen({ port: 0 }));
    // The same model behind a team of two agents.
    teamServer = createAttuneServer({
      store,
      model,
      secret,
      agents: [
        { id: "tutor", name: "Tess", role: "explains ML concepts", skills: ["machine-learning"], model },
        { id: "dba", name: "Dee", role: "database administrator", skills: ["databases", "sql"], model },
      ],
    });
    ({ url: teamUrl } = await teamServer.listen({ port: 0 }));
  });

  afterAll(async () => {
    await server?.close();
    await teamServer?.close();
    await store?.close();
    await disposeLocalModels();
  });

  it("streams a real reply end to end and stores it", async () => {
    const workspaceId = freshWorkspaceId();
    const client = connectAttune({ url, token: await signToken({ secret, claims: { workspaceId, personId: "ada" } }) });
    try {
      await client.ready;
      const deltas: string[] = [];
      const started = performance.now();
      const { messageId, reply, mindUpdate } = await client.ask({
        channelId: "general",
        text: "In one sentence: what does a database index do?",
        onDelta: (d) => deltas.push(d),
      });
      console.info(
        `[local reply] ${(performance.now() - started).toFixed(0)} ms, ${deltas.length} deltas: ${reply.text}`,
      );
      expect(reply.text.trim().length).toBeGreaterThan(0);
      expect(deltas.length).toBeGreaterThan(1);
      expect(deltas.join("").trim()).toBe(reply.text);
      expect(mindUpdate?.beliefs.some((b) => b.key === "databases")).toBe(true);
      const { records } = await store.connection.query(
        "MATCH (r:Message {workspaceId: $ws})-[:REPLIES_TO]->(:Message {id: $q}) RETURN r.text AS text",
        { ws: workspaceId, q: messageId },
      );
      expect(records[0]?.get("text")).toBe(reply.text);
    } finally {
      client.close();
    }
  });

  it("a team routes the same question to its database agent, which answers with the real model", async () => {
    const workspaceId = freshWorkspaceId("local-team");
    const client = connectAttune({
      url: teamUrl,
      token: await signToken({ secret, claims: { workspaceId, personId: "ada" } }),
    });
    try {
      await client.ready;
      const deltas: string[] = [];
      const started = performance.now();
      const { reply, mindUpdate } = await client.ask({
        channelId: "general",
        text: "In one sentence: what does a database index do?",
        onDelta: (d) => deltas.push(d),
      });
      console.info(
        `[local team reply] ${(performance.now() - started).toFixed(0)} ms, by ${reply.authorId}: ${reply.text}`,
      );
      expect(reply.authorId).toBe("dba");
      expect(reply.text.trim().length).toBeGreaterThan(0);
      expect(deltas.join("").trim()).toBe(reply.text.trim());
      expect(mindUpdate).toMatchObject({ observerId: "dba", subjectId: "ada" });
    } finally {
      client.close();
    }
  });
});

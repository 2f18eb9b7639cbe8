import {
  createChatModel,
  createLlmReflector,
  createReflectionScheduler,
  disposeLocalModels,
  loadLocalModel,
} from "@attune/agents";
import { loadConfig } from "@attune/config";
import type { GraphStore } from "@attune/graph";
import { freshWorkspaceId, openTestStore } from "@attune/graph/testing";
import type { Message } from "@attune/model";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TutorState } from "./state.js";
import { createTutorGraph } from "./tutor-graph.js";

// Times after the session's own presence stamp, so the messages are the newest in the channel.
const T0 = Math.ceil(Date.now() / 86_400_000) * 86_400_000 + 86_400_000;

describe("tutor graph end to end (real Neo4j, real local model)", () => {
  let store: GraphStore;
  const workspaceId = freshWorkspaceId("tutor");

  beforeAll(async () => {
    await loadLocalModel({ modelPath: loadConfig().llm.modelPath });
    store = await openTestStore();
    await store.workspace(workspaceId).ensureSession({
      person: { id: "noa", name: "Noa" },
      assistant: { id: "tutor", name: "Tess", role: "tutor" },
      defaultChannels: [{ id: "dm-noa", name: "Noa and Tess", kind: "direct" }],
    });
  });

  afterAll(async () => {
    await store?.workspace(workspaceId).dropWorkspace();
    await store?.close();
    await disposeLocalModels();
  });

  it("adapts every turn to the learner, stores what it learns and reflects when the scheduler says so", async () => {
    const modelPath = loadConfig().llm.modelPath;
    const model = await createChatModel({ provider: "local", modelPath, maxTokens: 40 });
    const scheduler = createReflectionScheduler({
      reflector: createLlmReflector({ model: await createChatModel({ provider: "local", modelPath }) }),
      every: 2,
    });
    const app = createTutorGraph({
      tutor: { id: "tutor", name: "Tess", role: "patient machine-learning tutor", skills: ["machine-learning"], model },
      store: (ws) => store.workspace(ws),
      reflection: scheduler,
    }).compile();
    const ws = store.workspace(workspaceId);
    const turn = async (n: number, text: string): Promise<TutorState> => {
      const message: Message = {
        id: `noa-m${n}`,
        workspaceId,
        channelId: "dm-noa",
        authorId: "noa",
        authorKind: "person",
        text,
        createdAt: new Date(T0 + n * 60_000).toISOString(),
      };
      await ws.acceptMessage(message);
      const started = performance.now();
      const out = (await app.invoke({
        workspaceId,
        channelId: "dm-noa",
        person: { id: "noa", name: "Noa" },
        message: { id: message.id, text, createdAt: message.createdAt },
        replyId: `${message.id}.reply`,
      })) as TutorState;
      const p = out.plans.noa;
      console.info(
        `[tutor.int] turn ${n} ${(performance.now() - started).toFixed(0)} ms, plan ${p?.length}/${p?.depth}/${p?.pace}/${p?.examples}, ` +
          `tutoring ${JSON.stringify(out.tutoring)}: ${out.replyText}`,
      );
      return out;
    };

    const first = await turn(1, "I'm new to machine learning. what is overfitting? I don't get it");
    expect(first.plans.noa).toMatchObject({ pace: "one-step", examples: "concrete-first" });
    expect(first.progress).toEqual([expect.objectContaining({ topic: "machine-learning", status: "shaky" })]);
    expect(first.replyText?.trim().length).toBeGreaterThan(0);

    const second = await turn(2, "sorry, I'm still confused. is it when the model is too simple?");
    expect(second.plans.noa?.pace).toBe("one-step");
    expect(second.reflections).toEqual(["tutor~noa"]);
    await scheduler.drain();
    // A small model's reflection may be repaired or rejected; either way it ran off the reply path.
    expect(scheduler.stats().runs).toBe(1);
    console.info(`[tutor.int] reflection ${JSON.stringify(scheduler.stats())}`);

    // The reply and the tutor's knowledge beliefs about Noa are in Neo4j.
    const { records } = await store.connection.query(
      "MATCH (r:Message {workspaceId: $ws})-[:REPLIES_TO]->(:Message {workspaceId: $ws, id: 'noa-m2'}) RETURN r.text AS text",
      { ws: workspaceId },
    );
    expect(records[0]?.get("text")).toBe(second.replyText);
    const beliefs = await ws.readBeliefs({ observerId: "tutor", subjectId: "noa" });
    const ml = beliefs.find((b) => b.dimension === "knowledge" && b.key === "machine-learning");
    expect(ml?.mean).toBeLessThan(0.45);
  });
});

import { approvalResume, pendingApprovals } from "@attune/agents";
import { PromptRecordingModel } from "@attune/agents/testing";
import { createMemoryRelationshipGraph, type RelationshipGraph } from "@attune/graph";
import { MemorySaver } from "@langchain/langgraph";
import { beforeEach, describe, expect, it } from "vitest";
import { type BrainstormSource, createBrainstormGraph } from "./brainstorm-graph.js";
import {
  AGENT,
  at,
  EXPECTED_CLUSTERS,
  EXPECTED_IDEAS,
  MESSAGES,
  QUESTION,
  seedBrainstorm,
} from "./testing/brainstorm-session.js";

describe("brainstorm graph", () => {
  let graph: RelationshipGraph;
  let source: BrainstormSource;
  beforeEach(async () => {
    graph = createMemoryRelationshipGraph({ workspaceId: "acme" });
    const minds = await seedBrainstorm(graph);
    source = {
      readMindState: async (o) => (o.observerId === AGENT.id ? minds.get(o.subjectId) : undefined),
      whoCanHelp: (o) => graph.whoCanHelp(o),
    };
  });

  it("collects, attributes, clusters, routes follow-ups and synthesises", async () => {
    const model = new PromptRecordingModel({ responses: ["Three themes emerged."] });
    const prompts = model.calls;
    const app = createBrainstormGraph({ model, source: () => source }).compile({ checkpointer: new MemorySaver() });
    const config = { configurable: { thread_id: "brainstorm-1" } };
    await app.invoke({ workspaceId: "acme", question: QUESTION, agent: AGENT, messages: MESSAGES }, config);
    // Ben's expertise comes from the agent's private mind of him: he is asked before it is named.
    const [pending, ...more] = await pendingApprovals({ graph: app, config });
    expect(more).toEqual([]);
    expect(pending?.request).toMatchObject({
      personId: "ben",
      recipient: { kind: "agent", id: AGENT.id },
      what: "Ben has shown knowledge of infrastructure in conversations with Attune",
    });
    expect(prompts).toHaveLength(0); // nothing synthesised while he has not answered
    const out = await app.invoke(approvalResume({ decision: { decision: "approve" } }), config);

    expect(out.ideas.map((i) => [i.id, i.authorId, i.text])).toEqual(EXPECTED_IDEAS);
    expect(out.clusters.map((c) => c.ideaIds)).toEqual(EXPECTED_CLUSTERS);
    expect(out.followUps.map((f) => [f.clusterId, f.personId, f.ask, f.source])).toEqual([
      ["c1", "ada", "elaborate", "authorship"],
      ["c2", "ben", "elaborate", "authorship"],
      // Fin allowed his billing knowledge to be shared; Cal, who knows more, did not.
      ["c2", "fin", "weigh-in", "who-can-help"],
      ["c3", "dee", "elaborate", "authorship"],
      // The agent's mind of Ben holds his Kubernetes experience; he is in the room.
      ["c3", "ben", "weigh-in", "mind"],
    ]);
    expect(out.followUps[0]?.reason).toBe(`proposed 2 of 3 ideas on ${out.clusters[0]?.label}`);
    expect(out.followUps[2]?.reason).toMatch(/^knows billing \(90%/);
    expect(out.followUps[4]?.reason).toBe("has shown knowledge of infrastructure in conversations with Attune");

    expect(out.synthesis).toMatchObject({ authorId: AGENT.id, text: "Three themes emerged." });
    expect(prompts).toHaveLength(1);
    const human = String(prompts[0]?.messages[1]?.content);
    expect(out.synthesis?.prompt[1]).toBe(human);
    for (const [, , text] of EXPECTED_IDEAS) expect(human).toContain(text);
    expect(human).toContain("- Cal: I'd rather serve the pricing page from a CDN cache.");
    expect(human).toContain("- Fin: weigh in on theme 2");
    // Nothing the agent said, nobody's relayed words, and no idea under a quoted person's name.
    expect(human).not.toMatch(/FAQ|drop the pricing page|Attune:/);
    expect(human.match(/onboarding guide/g)).toHaveLength(1);
  });

  it("leaves out expertise a person declined to have named, and never asks with consent: omit", async () => {
    const model = new PromptRecordingModel({ responses: ["Two themes.", "Two themes."] });
    const prompts = model.calls;
    const app = createBrainstormGraph({ model, source: () => source }).compile({ checkpointer: new MemorySaver() });
    const config = { configurable: { thread_id: "brainstorm-2" } };
    await app.invoke({ workspaceId: "acme", question: QUESTION, agent: AGENT, messages: MESSAGES }, config);
    const denied = await app.invoke(approvalResume({ decision: { decision: "deny" } }), config);
    expect(denied.followUps.some((f) => f.source === "mind")).toBe(false);
    expect(denied.approvals).toMatchObject([{ decision: "deny", request: { personId: "ben" } }]);
    expect(String(prompts[0]?.messages[1]?.content)).not.toContain("Ben: weigh in");

    const quiet = createBrainstormGraph({ model, source: () => source, consent: "omit" }).compile();
    const out = await quiet.invoke({ workspaceId: "acme", question: QUESTION, agent: AGENT, messages: MESSAGES });
    expect(out.followUps.map((f) => f.source)).not.toContain("mind");
    expect(out.approvals).toEqual([]);
  });

  it("reads the brainstorm from the channel when a source can, merging given messages by id", async () => {
    const channel = MESSAGES.map((m) => ({ ...m }));
    const reading: BrainstormSource = {
      ...source,
      readChannel: async (o) => {
        expect(o).toEqual({ channelId: "ideas", limit: 100, agentId: AGENT.id });
        return channel;
      },
    };
    const model = new PromptRecordingModel({ responses: ["ok"] });
    const app = createBrainstormGraph({ model, source: () => reading, consent: "omit" }).compile();
    const extra = {
      ...MESSAGES[0],
      id: "m9",
      text: "Host a monthly onboarding retro with new hires",
      createdAt: at(9),
    };
    const out = await app.invoke({
      workspaceId: "acme",
      channelId: "ideas",
      since: at(2),
      agent: AGENT,
      messages: [extra as (typeof MESSAGES)[number]],
    });
    // Ada's m1 predates `since`; m9 was given directly.
    expect(out.messages.map((m) => m.id)).toEqual(["m2", "m3", "m4", "m5", "m6", "m9"]);
    expect(out.ideas.find((i) => i.id === "m9#1")?.authorId).toBe("ada");
  });

  it("never credits the facilitating agent, even when a caller labels its message as a person's", async () => {
    const model = new PromptRecordingModel({ responses: ["ok"] });
    const app = createBrainstormGraph({ model }).compile();
    const out = await app.invoke({
      workspaceId: "acme",
      agent: AGENT,
      messages: MESSAGES.map((m) => ({ ...m, authorKind: "person" as const })),
    });
    expect(out.ideas.map((i) => i.authorId)).not.toContain(AGENT.id);
    expect(out.ideas.map((i) => [i.id, i.authorId, i.text])).toEqual(EXPECTED_IDEAS);
    // Without a source there is nothing to route on but authorship.
    expect(out.followUps.every((f) => f.source === "authorship")).toBe(true);
  });

  it("writes no synthesis with the model when there are no ideas, and maps model failures", async () => {
    const model = new PromptRecordingModel({ responses: ["unused"] });
    const prompts = model.calls;
    const app = createBrainstormGraph({ model }).compile();
    const empty = await app.invoke({
      workspaceId: "acme",
      question: "Names for the bot?",
      messages: [{ ...MESSAGES[0], text: "+1" } as (typeof MESSAGES)[number]],
    });
    expect(empty.synthesis?.text).toBe("No ideas yet on: Names for the bot?");
    expect(prompts).toHaveLength(0);
    model.stream = () => Promise.reject(new Error("boom"));
    await expect(app.invoke({ workspaceId: "acme", messages: MESSAGES })).rejects.toMatchObject({
      code: "model-unavailable",
    });
  });
});

import { createMind } from "@attune/mind";
import { AIMessageChunk, type BaseMessage, HumanMessage, isToolMessage } from "@langchain/core/messages";
import { FakeStreamingChatModel } from "@langchain/core/utils/testing";
import { END, MessagesZodMeta, START, StateGraph } from "@langchain/langgraph";
import { ToolNode, toolsCondition } from "@langchain/langgraph/prebuilt";
import { registry } from "@langchain/langgraph/zod";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { codeOf } from "../testing/index.js";
import { applyHandoff, createHandoffTool, makeHandoffPacket, selectRelevantBeliefs } from "./handoff.js";
import { TeamModels } from "./peer-model.js";
import { type AgentProfile, type BeliefSlice, HandoffPacketSchema } from "./types.js";

const T0 = "2025-03-01T10:00:00.000Z";
const at = (minutes: number) => new Date(Date.parse(T0) + minutes * 60_000).toISOString();

const tutor: AgentProfile = { id: "tutor", name: "Tess", role: "tutor who explains ML concepts", skills: ["lora"] };
const reviewer: AgentProfile = { id: "reviewer", name: "Rex", role: "reviews code", skills: ["code-review"] };
const ops: AgentProfile = { id: "ops", name: "Oz", role: "debugs production incidents", skills: ["kubernetes"] };

const slice = (dimension: BeliefSlice["dimension"], key: string, mean: number, confidence: number): BeliefSlice => ({
  dimension,
  key,
  mean,
  confidence,
});

const tutorBeliefsOfAda: BeliefSlice[] = [
  slice("knowledge", "fine-tuning", 0.9, 0.8),
  slice("knowledge", "databases", 0.3, 0.6),
  slice("knowledge", "python", 0.7, 0.01),
  slice("preference", "verbosity", 0.2, 0.5),
  slice("state", "rushed", 0.7, 0.4),
  slice("state", "playful", 0.1, 0.4),
  slice("intent", "debug", 0.8, 0.5),
  slice("intent", "learn", 0.3, 0.3),
  slice("intent", "chat", 0.1, 0.2),
  slice("directive", "length=brief", 0.9, 0.9),
];

/** Team models where the reviewer has seen the tutor be right (trusted) or wrong (distrusted) `n` times. */
function modelsWithTrust(kind: "accepted" | "corrected", n: number) {
  const models = TeamModels.create({ profiles: [tutor, reviewer, ops] });
  for (let i = 0; i < n; i++) models.get("reviewer", "tutor").recordOutcome({ kind, at: at(i) });
  return models;
}

describe("selectRelevantBeliefs", () => {
  it("keeps the turn's part of the model: directives, intent, active states, topic knowledge, preferences", () => {
    const picked = selectRelevantBeliefs({ beliefs: tutorBeliefsOfAda, relevant: { topics: ["fine-tuning"] } });
    const keys = picked.map((b) => `${b.dimension}:${b.key}`);
    expect(keys).toEqual([
      "directive:length=brief",
      "intent:debug",
      "intent:learn",
      "state:rushed",
      "knowledge:fine-tuning",
      "preference:verbosity",
    ]);
  });

  it("reads a real mind's wire beliefs (latest version of each, closed ones skipped)", () => {
    const mind = createMind({ workspaceId: "w", observerId: "tutor", subjectId: "ada" });
    mind.observe({
      messageId: "m1",
      speakerId: "ada",
      text: "urgent: my LoRA adapter diverges once I raise the lora rank, and the DPO run is stuck too. Keep it short!",
      at: at(0),
    });
    const beliefs = mind.beliefs(at(0));
    const picked = selectRelevantBeliefs({ beliefs, relevant: { topics: ["fine-tuning"] } });
    expect(picked.some((b) => b.dimension === "knowledge" && b.key === "fine-tuning")).toBe(true);
    expect(picked.every((b) => b.dimension !== "knowledge" || b.key === "fine-tuning")).toBe(true);
    expect(picked.length).toBeLessThan(beliefs.length + 1);
    const closed = beliefs.map((b) => ({ ...b, validTo: at(1) }));
    expect(selectRelevantBeliefs({ beliefs: closed })).toEqual([]);
  });

  it("caps the size, honours forced keys and dimension filters", () => {
    expect(selectRelevantBeliefs({ beliefs: tutorBeliefsOfAda, max: 2 })).toHaveLength(2);
    const forced = selectRelevantBeliefs({
      beliefs: tutorBeliefsOfAda,
      relevant: { topics: ["fine-tuning"], keys: ["knowledge:databases"], dimensions: ["knowledge"] },
    });
    expect(forced.map((b) => b.key)).toEqual(["databases", "fine-tuning"]);
  });
});

describe("makeHandoffPacket / applyHandoff", () => {
  it("stamps the receiver's trust in the sender", () => {
    const models = modelsWithTrust("accepted", 6);
    const packet = makeHandoffPacket({
      sender: tutor,
      receiverModelOfSender: models.get("reviewer", "tutor"),
      personId: "ada",
      senderBeliefs: tutorBeliefsOfAda,
      reason: "wants their LoRA training script reviewed",
      at: at(10),
      relevant: { topics: ["fine-tuning"] },
    });
    expect(HandoffPacketSchema.parse(packet)).toEqual(packet);
    expect(packet).toMatchObject({ fromAgentId: "tutor", toAgentId: "reviewer", personId: "ada" });
    expect(packet.trust).toBeCloseTo(models.get("reviewer", "tutor").trust());
    expect(packet.trust).toBeGreaterThan(0.8);
    expect(packet.beliefs.some((b) => b.key === "databases")).toBe(false);
    expect(
      codeOf(() =>
        makeHandoffPacket({
          sender: tutor,
          receiverModelOfSender: models.get("reviewer", "ops"),
          personId: "ada",
          senderBeliefs: [],
          reason: "x",
          at: at(10),
        }),
      ),
    ).toBe("invalid-payload");
  });

  it("moves the receiver's mind more when it trusts the sender more, and records second-order beliefs", () => {
    const applyWith = (models: TeamModels) => {
      const packet = makeHandoffPacket({
        sender: tutor,
        receiverModelOfSender: models.get("reviewer", "tutor"),
        personId: "ada",
        senderBeliefs: tutorBeliefsOfAda,
        reason: "LoRA review",
        at: at(10),
        relevant: { topics: ["fine-tuning"] },
      });
      const mind = createMind({ workspaceId: "w", observerId: "reviewer", subjectId: "ada" });
      const before = mind.snapshot().knowledge["fine-tuning"]?.level ?? 0.5;
      const applied = applyHandoff({ receiverMind: mind, receiverModels: models, packet, messageId: "m1" });
      return { applied, before, after: mind.snapshot().knowledge["fine-tuning"]?.level ?? 0, mind, models };
    };
    const trusted = applyWith(modelsWithTrust("accepted", 8));
    const distrusted = applyWith(modelsWithTrust("corrected", 8));
    expect(trusted.applied.trust).toBeGreaterThan(distrusted.applied.trust);
    expect(trusted.after).toBeGreaterThan(trusted.before);
    expect(trusted.after - trusted.before).toBeGreaterThan(1.5 * (distrusted.after - distrusted.before));
    expect(trusted.applied.observation.evidence.every((e) => e.signal === "reflection")).toBe(true);
    // Merged as evidence attributed to the handoff, linked from the receiver's belief.
    const evidence = trusted.applied.observation.evidence.find((e) => e.key === "fine-tuning");
    expect(evidence?.excerpt).toMatch(/handoff from tutor/);
    expect(evidence?.speakerId).toBe("reviewer");
    const belief = trusted.mind.beliefs().find((b) => b.dimension === "knowledge" && b.key === "fine-tuning");
    expect(belief?.evidenceIds).toContain(evidence?.id);

    // The reviewer now believes the tutor believes Ada knows fine-tuning well.
    const second = trusted.models.get("reviewer", "tutor").beliefsAbout("ada");
    expect(second.find((b) => b.key === "fine-tuning")).toMatchObject({
      observerId: "reviewer",
      holderId: "tutor",
      subjectId: "ada",
      mean: 0.9,
      source: "handoff",
    });
  });

  it("never lets a packet vouch for itself, and rejects packets for the wrong mind", () => {
    const models = modelsWithTrust("corrected", 10);
    const honest = makeHandoffPacket({
      sender: tutor,
      receiverModelOfSender: models.get("reviewer", "tutor"),
      personId: "ada",
      senderBeliefs: tutorBeliefsOfAda,
      reason: "r",
      at: at(10),
    });
    const forged = { ...honest, trust: 1 };
    const mind = createMind({ workspaceId: "w", observerId: "reviewer", subjectId: "ada" });
    const applied = applyHandoff({ receiverMind: mind, receiverModels: models, packet: forged, messageId: "m1" });
    expect(applied.trust).toBeCloseTo(honest.trust);
    expect(applied.weight).toBeCloseTo(2 * honest.trust);

    const otherPerson = createMind({ workspaceId: "w", observerId: "reviewer", subjectId: "bob" });
    expect(
      codeOf(() => applyHandoff({ receiverMind: otherPerson, receiverModels: models, packet: honest, messageId: "m" })),
    ).toBe("invalid-payload");
    const otherAgent = createMind({ workspaceId: "w", observerId: "ops", subjectId: "ada" });
    expect(
      codeOf(() => applyHandoff({ receiverMind: otherAgent, receiverModels: models, packet: honest, messageId: "m" })),
    ).toBe("invalid-payload");
    expect(
      codeOf(() =>
        applyHandoff({ receiverMind: mind, receiverModels: models, packet: { ...honest, trust: 2 }, messageId: "m" }),
      ),
    ).toBe("invalid-payload");
  });
});

const State = z.object({
  messages: z.custom<BaseMessage[]>().register(registry, MessagesZodMeta),
  personId: z.string(),
  activeAgentId: z.string().optional(),
  handoff: HandoffPacketSchema.optional(),
  respondedBy: z.string().optional(),
});
type StateT = z.infer<typeof State>;

/** What a tool-calling model emits when it decides to hand off. */
const toolCall = (args: Record<string, unknown>) =>
  new AIMessageChunk({ content: "", tool_calls: [{ name: "handoff", args, id: "call_1", type: "tool_call" }] });
const fakeModel = (response: AIMessageChunk) => new FakeStreamingChatModel({ chunks: [response], sleep: 0 });

const context = (state: StateT) => ({ personId: state.personId, beliefs: tutorBeliefsOfAda, at: at(10) });

/** agent (fake model) → tools (ToolNode) → Command → respond. */
function tinyGraph(options: {
  models: TeamModels;
  response: AIMessageChunk;
  goto?: string | ((id: string) => string);
}) {
  const handoff = createHandoffTool<StateT>({
    from: tutor,
    to: [reviewer, ops],
    models: options.models,
    context,
    ...(options.goto ? { goto: options.goto } : {}),
  });
  const model = fakeModel(options.response).bindTools([handoff]);
  return new StateGraph(State)
    .addNode("agent", async (state: StateT) => ({ messages: [await model.invoke(state.messages)] }))
    .addNode("tools", new ToolNode([handoff]), { ends: ["respond", "respond_ops"] })
    .addNode("respond", (state: StateT) => ({ respondedBy: state.activeAgentId ?? "nobody" }))
    .addNode("respond_ops", (state: StateT) => ({ respondedBy: `ops-node:${state.activeAgentId}` }))
    .addEdge(START, "agent")
    .addConditionalEdges("agent", toolsCondition, ["tools", END])
    .addEdge("respond", END)
    .addEdge("respond_ops", END)
    .compile();
}

describe("createHandoffTool", () => {
  it("returns a Command that routes to the receiving node with the packet in state", async () => {
    const models = modelsWithTrust("accepted", 5);
    const graph = tinyGraph({ models, response: toolCall({ to: "reviewer", reason: "needs a code review" }) });
    const out = await graph.invoke({
      messages: [new HumanMessage("can someone check my LoRA script?")],
      personId: "ada",
    });
    expect(out.respondedBy).toBe("reviewer");
    expect(out.activeAgentId).toBe("reviewer");
    expect(out.handoff).toMatchObject({ fromAgentId: "tutor", toAgentId: "reviewer", personId: "ada" });
    expect(out.handoff?.trust).toBeCloseTo(models.get("reviewer", "tutor").trust());
    const reply = (out.messages as BaseMessage[]).at(-1);
    expect(reply && isToolMessage(reply) && reply.tool_call_id).toBe("call_1");
  });

  it("routes per receiver when goto is a function", async () => {
    const graph = tinyGraph({
      models: modelsWithTrust("accepted", 1),
      response: toolCall({ to: "ops", reason: "pods keep crashing" }),
      goto: (id) => (id === "ops" ? "respond_ops" : "respond"),
    });
    const out = await graph.invoke({ messages: [new HumanMessage("my pods crash")], personId: "ada" });
    expect(out.respondedBy).toBe("ops-node:ops");
    expect(out.handoff?.toAgentId).toBe("ops");
  });

  it("refuses an unknown receiver without changing the active agent", async () => {
    const graph = tinyGraph({
      models: modelsWithTrust("accepted", 1),
      response: toolCall({ to: "tutor", reason: "x" }),
    });
    const out = await graph.invoke({ messages: [new HumanMessage("hi")], personId: "ada" });
    expect(out.activeAgentId).toBeUndefined();
    expect(out.respondedBy).toBeUndefined();
    const last = (out.messages as BaseMessage[]).at(-1);
    expect(last && isToolMessage(last) && last.status).toBe("error");
  });

  it("can target the parent graph from inside a subgraph", async () => {
    const models = modelsWithTrust("accepted", 2);
    const handoff = createHandoffTool<StateT>({ from: tutor, to: [reviewer], models, context, parent: true });
    const model = fakeModel(toolCall({ to: "reviewer", reason: "review" })).bindTools([handoff]);
    const inner = new StateGraph(State)
      .addNode("agent", async (state: StateT) => ({ messages: [await model.invoke(state.messages)] }))
      .addNode("tools", new ToolNode([handoff]))
      .addEdge(START, "agent")
      .addEdge("agent", "tools")
      .compile();
    const outer = new StateGraph(State)
      .addNode("team", inner, { ends: ["respond"] })
      .addNode("respond", (state: StateT) => ({ respondedBy: state.activeAgentId ?? "nobody" }))
      .addEdge(START, "team")
      .addEdge("respond", END)
      .compile();
    const out = await outer.invoke({ messages: [new HumanMessage("review please")], personId: "ada" });
    expect(out.respondedBy).toBe("reviewer");
    expect(out.handoff?.toAgentId).toBe("reviewer");
  });

  it("needs someone to hand off to", () => {
    expect(
      codeOf(() => createHandoffTool({ from: tutor, to: [tutor], models: modelsWithTrust("accepted", 0), context })),
    ).toBe("config-invalid");
  });
});

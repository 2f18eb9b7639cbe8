import type { ReflectionInput } from "@attune/mind";
import { Mind } from "@attune/mind";
import { AttuneError, type Message, PlanSchema } from "@attune/model";
import { AIMessageChunk, type BaseMessage } from "@langchain/core/messages";
import { FakeListChatModel, FakeStreamingChatModel } from "@langchain/core/utils/testing";
import { END, MemorySaver, MessagesZodMeta, START, StateGraph } from "@langchain/langgraph";
import { ToolNode } from "@langchain/langgraph/prebuilt";
import { registry } from "@langchain/langgraph/zod";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { createReflectionScheduler } from "../reflection/reflection-scheduler.js";
import { PromptRecordingModel } from "../testing/index.js";
import { createHandoffTool } from "./handoff.js";
import { createLoadBoard } from "./load-board.js";
import { MemoryTeamStore } from "./nodes/memory-team-store.js";
import { PeerModel, TeamModels } from "./peer-model.js";
import { createTeamGraph, createTeamNodes } from "./team-graph.js";
import { TeamGraphState, type TeamState, TeamStateSchema, type TeamStreamEvent } from "./team-state.js";
import type { AgentProfile, AgentSpec } from "./types.js";

const WS = "acme";
const T0 = Date.parse("2026-02-02T09:00:00.000Z");
let clock = 0;
const at = () => new Date(T0 + 60_000 * ++clock).toISOString();
/** Replies are written a second after the latest message, as on a live server. */
const now = () => new Date(T0 + 60_000 * clock + 1000);

function team(models: { tutor?: FakeListChatModel; reviewer?: FakeListChatModel } = {}) {
  const tutor: AgentSpec = {
    id: "tutor",
    name: "Tess",
    role: "tutor who explains machine learning concepts",
    skills: ["fine-tuning", "lora", "machine-learning"],
    model: models.tutor ?? new PromptRecordingModel({ responses: ["LoRA trains a low-rank update."] }),
  };
  const reviewer: AgentSpec = {
    id: "reviewer",
    name: "Rex",
    role: "reviews code and pull requests for correctness",
    skills: ["code-review", "python", "testing"],
    model: models.reviewer ?? new PromptRecordingModel({ responses: ["The diff looks fine."] }),
  };
  const store = new MemoryTeamStore()
    .addActor("tutor", "Tess", "agent")
    .addActor("reviewer", "Rex", "agent")
    .addActor("ada", "Ada", "person")
    .addActor("bob", "Bob", "person")
    .addActor("carol", "Carol", "person");
  return { agents: [tutor, reviewer], store, tutor, reviewer };
}

function say(store: MemoryTeamStore, id: string, authorId: string, text: string, channelId = "general"): Message {
  const message: Message = {
    id,
    workspaceId: WS,
    channelId,
    authorId,
    authorKind: "person",
    text,
    createdAt: at(),
  };
  store.addMessage(message);
  return message;
}

const input = (message: Message, name: string, extra: Partial<TeamState> = {}) => ({
  workspaceId: WS,
  channelId: message.channelId,
  person: { id: message.authorId, name },
  message: { id: message.id, text: message.text, createdAt: message.createdAt },
  replyId: `${message.id}.reply`,
  ...extra,
});

const mindOf = (store: MemoryTeamStore, observerId: string, subjectId: string) =>
  Mind.fromJSON(store.minds.get(`${observerId}~${subjectId}`)?.state ?? "");
/** The stored model, or the one a team starts from when nothing was learned yet (none is stored). */
const peerOf = (store: MemoryTeamStore, observerId: string, subjectId: string) => {
  const state = store.minds.get(`${observerId}~${subjectId}`)?.state;
  if (state) return PeerModel.fromJSON(state);
  const { agents } = team();
  const subject = agents.find((a) => a.id === subjectId) as AgentSpec;
  return PeerModel.create({
    observerId,
    subject: { id: subject.id, name: subject.name, role: subject.role, skills: subject.skills ?? [] },
  });
};

describe("createTeamGraph", () => {
  it("routes by skill, streams the reply and writes reply, minds and peer models in one call", async () => {
    const { agents, store } = team();
    const loadBoard = createLoadBoard();
    const app = createTeamGraph({ agents, store: () => store, loadBoard, now: () => new Date(T0) }).compile();
    const m = say(store, "m1", "ada", "how do I pick the LoRA rank when fine-tuning llama?");
    const events: TeamStreamEvent[] = [];
    let final = {} as TeamState;
    for await (const [mode, chunk] of await app.stream(input(m, "Ada"), { streamMode: ["custom", "values"] })) {
      if (mode === "custom") events.push(chunk as TeamStreamEvent);
      else final = chunk as TeamState;
    }
    expect(events[0]).toMatchObject({ type: "route", agentId: "tutor" });
    const deltas = events.filter((e) => e.type === "reply-delta");
    expect(deltas.map((e) => e.delta).join("")).toBe("LoRA trains a low-rank update.");
    expect(deltas.every((e) => e.agentId === "tutor")).toBe(true);
    expect(final.routeDecision?.candidates.map((c) => c.agentId)).toEqual(["tutor", "reviewer"]);
    expect(PlanSchema.parse(final.plans.ada)).toBeTruthy();
    expect(Object.keys(final.timings)).toEqual([
      "perceive",
      "updateMinds",
      "plan",
      "route",
      "respond",
      "persist",
      "reflect",
    ]);

    expect(store.turns).toHaveLength(1);
    const turn = store.turns[0];
    expect(turn?.reply).toMatchObject({ id: "m1.reply", replyTo: "m1", authorId: "tutor", authorKind: "agent" });
    const ada = turn?.minds.find((x) => x.observerId === "tutor" && x.subjectId === "ada");
    expect(ada?.beliefs?.some((b) => b.dimension === "knowledge" && b.key === "fine-tuning")).toBe(true);
    for (const b of ada?.beliefs ?? []) {
      for (const id of b.evidenceIds) expect(ada?.evidence?.find((e) => e.id === id)?.messageId).toBe("m1");
    }
    // Evidence ids carry their observer, so two agents reading one message never collide.
    expect(ada?.evidence?.every((e) => e.id.endsWith("@tutor"))).toBe(true);
    // The tutor planned the reply: its mind holds the pending experiment the next message settles.
    expect(mindOf(store, "tutor", "ada").toJSON().pending).not.toBeNull();
    // Everyone saw the tutor take the turn and answer it: its load is on the board, not in the models.
    const tutorLoad = loadBoard.load({ workspaceId: WS, agentId: "tutor", at: m.createdAt });
    expect(tutorLoad.open).toBe(0);
    expect(tutorLoad.recent).toBeCloseTo(1, 3);
    expect(loadBoard.load({ workspaceId: WS, agentId: "reviewer", at: m.createdAt }).recent).toBe(0);
    // Peer models are the agent→agent minds: the reviewer read off the tutor's answer what the tutor
    // believes Ada knows (a second-order belief), so that model was written with the turn.
    expect(
      peerOf(store, "reviewer", "tutor")
        .beliefsAbout("ada")
        .map((b) => b.key),
    ).toContain("fine-tuning");
    expect(turn?.minds.some((x) => x.observerId === "reviewer" && x.subjectId === "tutor")).toBe(true);
  });

  it("hands off when the answer moves: the packet carries the sender's model, discounted by trust", async () => {
    const run = async (reviewerTrustsTutor: "accepted" | "corrected") => {
      const { agents, store } = team();
      // The reviewer's model of the tutor, learned from earlier outcomes (stored as the agent→agent mind).
      const model = PeerModel.create({
        observerId: "reviewer",
        subject: { id: "tutor", name: "Tess", role: "tutor", skills: ["fine-tuning"] },
      });
      for (let i = 0; i < 8; i++) model.recordOutcome({ kind: reviewerTrustsTutor, at: new Date(T0).toISOString() });
      store.minds.set("reviewer~tutor", { state: JSON.stringify(model.toJSON()), corrections: [] });
      const app = createTeamGraph({ agents, store: () => store, now }).compile();
      const m1 = say(
        store,
        "m1",
        "ada",
        "I'm stuck, quick question: how do I pick the LoRA rank for fine-tuning? prod deadline today",
      );
      await app.invoke(input(m1, "Ada"));
      const m2 = say(
        store,
        "m2",
        "ada",
        "please review my pull request: the python unit tests fail after my refactor of the test fixtures",
      );
      const events: TeamStreamEvent[] = [];
      let final = {} as TeamState;
      for await (const [mode, chunk] of await app.stream(input(m2, "Ada"), { streamMode: ["custom", "values"] })) {
        if (mode === "custom") events.push(chunk as TeamStreamEvent);
        else final = chunk as TeamState;
      }
      return { store, final, events };
    };
    const trusted = await run("accepted");
    const { final, events, store } = trusted;
    expect(store.turns[0]?.reply.authorId).toBe("tutor");
    expect(store.turns[1]?.reply.authorId).toBe("reviewer");
    expect(events.find((e) => e.type === "route")).toMatchObject({ agentId: "reviewer", handoffFrom: "tutor" });
    expect(final.handoff).toMatchObject({ fromAgentId: "tutor", toAgentId: "reviewer", personId: "ada" });
    expect(final.handoff?.beliefs.length).toBeGreaterThan(0);
    // The receiver took the packet in as evidence, then read the message itself and planned from its own mind.
    const change = final.changes["reviewer~ada"];
    const fromHandoff = change?.evidence.filter((e) => e.excerpt.startsWith("handoff from tutor")) ?? [];
    expect(fromHandoff.length).toBeGreaterThan(0);
    expect(change?.evidence.some((e) => e.messageId === "m2" && !e.excerpt.startsWith("handoff"))).toBe(true);
    expect(mindOf(store, "reviewer", "ada").toJSON().pending).not.toBeNull();
    // Second-order beliefs: the reviewer now believes the tutor believes these things about Ada.
    const second = peerOf(store, "reviewer", "tutor").beliefsAbout("ada");
    expect(second.filter((b) => b.source === "handoff").length).toBe(final.handoff?.beliefs.length);
    // The tutor read m2 (its last plan was judged by it) but did not answer: no plan of its own is pending.
    expect(mindOf(store, "tutor", "ada").turns).toBe(2);
    expect(mindOf(store, "tutor", "ada").toJSON().pending).toBeNull();

    // The person accepts the reviewer's answer: that judges the reviewer, and the tutor's handoff too.
    const app = createTeamGraph({ agents: team().agents, store: () => store, now }).compile();
    const handoffBefore = peerOf(store, "reviewer", "tutor").handoffSuccess().mean;
    const judged = (await app.invoke(
      input(say(store, "m3", "ada", "thanks, that worked perfectly!"), "Ada"),
    )) as TeamState;
    expect(judged.outcomes.map((o) => [o.agentId, o.kind])).toEqual([
      ["reviewer", "accepted"],
      ["tutor", "handoff-succeeded"],
    ]);
    expect(peerOf(store, "reviewer", "tutor").handoffSuccess().mean).toBeGreaterThan(handoffBefore);

    const distrusted = await run("corrected");
    const weight = (r: typeof trusted) =>
      Math.max(
        ...(r.final.changes["reviewer~ada"]?.evidence ?? [])
          .filter((e) => e.excerpt.startsWith("handoff"))
          .map((e) => Math.abs(e.weight)),
      );
    expect(distrusted.final.handoff?.trust).toBeLessThan(trusted.final.handoff?.trust ?? 0);
    expect(weight(distrusted)).toBeLessThan(weight(trusted));
  });

  it("judges the last answer from the person's next message and updates the answering agent's reliability", async () => {
    const { agents, store } = team();
    const app = createTeamGraph({ agents, store: () => store, now }).compile();
    await app.invoke(input(say(store, "m1", "ada", "how do I pick the LoRA rank when fine-tuning llama?"), "Ada"));
    const before = peerOf(store, "reviewer", "tutor").reliability().mean;
    const accepted = (await app.invoke(
      input(say(store, "m2", "ada", "thanks, that worked perfectly!"), "Ada"),
    )) as TeamState;
    expect(accepted.outcomes).toEqual([
      expect.objectContaining({ agentId: "tutor", personId: "ada", kind: "accepted" }),
    ]);
    expect(accepted.experiments).toEqual([
      expect.objectContaining({ id: "x-m2", subjectId: "ada", topic: "fine-tuning" }),
    ]);
    const afterAccepted = peerOf(store, "reviewer", "tutor");
    expect(afterAccepted.reliability().mean).toBeGreaterThan(before);
    expect(afterAccepted.skill("fine-tuning").evidence).toBeGreaterThan(0);
    // The router (the first agent) keeps a model of itself too: it routes from it.
    expect(peerOf(store, "tutor", "tutor").outcomes).toBe(1);

    // Whoever answered "thanks" (routing may move the turn) is judged by the next message.
    const second = store.turns[1]?.reply.authorId as string;
    const other = second === "tutor" ? "reviewer" : "tutor";
    const beforeCorrection = peerOf(store, other, second).reliability().mean;
    const corrected = (await app.invoke(
      input(say(store, "m3", "ada", "no, that's wrong. the rank is not the number of layers"), "Ada"),
    )) as TeamState;
    expect(corrected.outcomes[0]).toMatchObject({ agentId: second, kind: "corrected" });
    // Had the turn moved to the reviewer, the correction judges the tutor's handoff as well.
    expect(corrected.outcomes.slice(1)).toEqual(
      second === "tutor" ? [] : [expect.objectContaining({ agentId: "tutor", kind: "handoff-failed" })],
    );
    expect(peerOf(store, other, second).reliability().mean).toBeLessThan(beforeCorrection);
    // A vague reaction teaches nothing about the agent.
    const vague = (await app.invoke(input(say(store, "m4", "ada", "ok"), "Ada"))) as TeamState;
    expect(vague.outcomes).toEqual([]);
  });

  it("builds structurally different prompts for different minds asking the same question", async () => {
    const tutorModel = new PromptRecordingModel({ responses: ["ok"] });
    const { tutor, store } = team({ tutor: tutorModel });
    // One agent, so what differs is the minds, not the routing.
    const app = createTeamGraph({ agents: [tutor], store: () => store, now }).compile();
    // Two people the tutor has come to know differently.
    await app.invoke(
      input(
        say(
          store,
          "e1",
          "ada",
          "prod is down, need this fast: our LoRA fine-tuning job on 8 GPUs OOMs with rank 64 and bf16, gradient checkpointing is on. quick",
        ),
        "Ada",
      ),
    );
    await app.invoke(
      input(
        say(
          store,
          "n1",
          "bob",
          "I'm new here and honestly a bit lost. sorry if this is a dumb question, I don't really understand what fine-tuning even means",
          "dm-bob",
        ),
        "Bob",
        { channelKind: "direct" },
      ),
    );
    const question = "how do I choose the rank for LoRA fine-tuning?";
    const ada = (await app.invoke(input(say(store, "e2", "ada", question), "Ada"))) as TeamState;
    const bob = (await app.invoke(
      input(say(store, "n2", "bob", question, "dm-bob"), "Bob", { channelKind: "direct" }),
    )) as TeamState;
    const [adaCall, bobCall] = tutorModel.calls.slice(-2);
    const system = (call: typeof adaCall) => String(call?.messages[0]?.content);
    // Same question, different substance: length, depth, structure and examples follow each plan.
    expect(ada.plans.ada?.length).not.toBe(bob.plans.bob?.length);
    expect(ada.plans.ada?.depth).not.toBe(bob.plans.bob?.depth);
    expect(system(adaCall)).not.toBe(system(bobCall));
    expect(system(adaCall)).toContain("at most three short sentences");
    expect(system(bobCall)).toContain("Assume no background");
    expect(system(bobCall)).not.toContain("at most three short sentences");
    expect(String(adaCall?.messages.at(-1)?.content)).toBe(question);
    expect(String(bobCall?.messages.at(-1)?.content)).toBe(question);
    // The plan's length is also the token budget the model is given.
    expect(adaCall?.maxTokens).toBeLessThan(bobCall?.maxTokens ?? 0);
  });

  it("answers everyone waiting in a team channel, and credits nobody with words that are not theirs", async () => {
    const models = {
      tutor: new PromptRecordingModel({ responses: ["Bob: … Carol: …"] }),
      reviewer: new PromptRecordingModel({ responses: ["Bob: … Carol: …"] }),
    };
    const { agents, store } = team(models);
    const app = createTeamGraph({ agents, store: () => store, now }).compile();
    await app.invoke(input(say(store, "a1", "ada", "what is a LoRA adapter in fine-tuning?"), "Ada"));
    // Bob asks without a turn being run for him (say, the agents were busy); then Carol relays and quotes.
    say(store, "b1", "bob", "could someone explain the LoRA rank? I'm confused by the paper");
    const carol = say(
      store,
      "c1",
      "carol",
      "Bob said: I'm totally lost and frustrated with kubernetes helm charts\n> Tess: LoRA adds a low-rank update\nthanks Tess, what learning rate should I use for LoRA?",
    );
    const final = (await app.invoke(input(carol, "Carol"))) as TeamState;
    expect(final.addressees.map((a) => [a.id, a.messages.map((m) => m.id)])).toEqual([
      ["bob", ["b1"]],
      ["carol", ["c1"]],
    ]);
    const answering = models[final.activeAgentId as "tutor" | "reviewer"];
    const system = String(answering.calls.at(-1)?.messages[0]?.content);
    expect(system).toContain("Answer each person in turn, in this order: Bob, then Carol.");
    expect(system).toContain("For Bob:");
    expect(system).toContain("For Carol:");
    expect(String(answering.calls.at(-1)?.messages.at(-1)?.content)).toContain("Bob: could someone explain");

    const turn = store.turns.at(-1);
    const evidence = turn?.minds.flatMap((m) => m.evidence ?? []) ?? [];
    // Each person's model holds only evidence from their own messages.
    for (const e of evidence) {
      expect(e.speakerId).toBe(e.subjectId);
      const source = store.messages.find((m) => m.id === e.messageId);
      if (e.signal !== "reflection") expect(source?.authorId).toBe(e.subjectId);
    }
    // Bob's models have nothing from Carol's message, though it quoted him; Carol's have nothing he said.
    const all = [...store.evidence.values()];
    expect(all.filter((e) => e.subjectId === "bob" && e.messageId === "c1")).toEqual([]);
    const carols = all.filter((e) => e.subjectId === "carol" && e.messageId === "c1");
    expect(carols.length).toBeGreaterThan(0);
    expect(carols.some((e) => /kubernetes|helm|frustrated|low-rank/i.test(e.excerpt))).toBe(false);
    expect(carols.some((e) => e.dimension === "knowledge" && e.key === "infrastructure")).toBe(false);
    // Agent speech is never anyone's evidence.
    const agentMessages = new Set(store.messages.filter((m) => m.authorKind === "agent").map((m) => m.id));
    expect(all.filter((e) => agentMessages.has(e.messageId) || ["tutor", "reviewer"].includes(e.speakerId))).toEqual(
      [],
    );
    // Bob was read (his mind exists now) and planned for.
    expect(final.plans.bob).toBeDefined();
    expect(mindOf(store, final.activeAgentId as string, "bob").turns).toBe(1);
  });

  it("applies a person's queued correction before reading their message, then clears it", async () => {
    const { agents, store } = team();
    const app = createTeamGraph({ agents, store: () => store, now }).compile();
    await app.invoke(input(say(store, "m1", "ada", "our kubernetes pods and the helm chart, plus the ingress"), "Ada"));
    const active = store.turns[0]?.reply.authorId as string;
    const raw = store.queueCorrection(active, "ada", {
      dimension: "knowledge",
      key: "infrastructure",
      value: 0.1,
      at: at(),
      text: "I'm new to k8s",
    });
    const final = (await app.invoke(input(say(store, "m2", "ada", "too long, shorter please"), "Ada"))) as TeamState;
    const written = store.turns[1]?.minds.find((m) => m.observerId === active && m.subjectId === "ada");
    expect(written?.appliedCorrections).toEqual([raw]);
    expect(store.minds.get(`${active}~ada`)?.corrections).toEqual([]);
    const corrected = written?.beliefs?.find((b) => b.dimension === "knowledge" && b.key === "infrastructure");
    expect(corrected?.mean).toBeLessThan(0.3);
    expect(final.changes[`${active}~ada`]?.evidence.some((e) => e.signal === "self-correction")).toBe(true);
  });

  it("honours the agent a person asks for", async () => {
    const { agents, store } = team();
    const app = createTeamGraph({ agents, store: () => store, now }).compile();
    const final = (await app.invoke(
      input(say(store, "m1", "ada", "how do I pick the LoRA rank?"), "Ada", { requestedAgentId: "reviewer" }),
    )) as TeamState;
    expect(final.activeAgentId).toBe("reviewer");
    expect(final.routeDecision?.reason).toContain("Rex was asked for");
    expect(store.turns[0]?.reply.authorId).toBe("reviewer");
  });

  it("maps a model failure to model-unavailable and writes nothing", async () => {
    const broken = new FakeListChatModel({ responses: ["x"] });
    broken.stream = () => Promise.reject(new Error("boom"));
    const { agents, store } = team({ tutor: broken });
    const loadBoard = createLoadBoard();
    const app = createTeamGraph({ agents, store: () => store, loadBoard, now }).compile();
    const m = say(store, "m1", "ada", "what is LoRA fine-tuning?");
    const error = await app.invoke(input(m, "Ada")).catch((e) => e);
    expect(AttuneError.is(error) && error.code).toBe("model-unavailable");
    expect(store.turns).toHaveLength(0);
    // The failed turn is not left open: the tutor does not look busy for it.
    expect(loadBoard.load({ workspaceId: WS, agentId: "tutor", at: m.createdAt }).open).toBe(0);

    // Nor when the write fails.
    const { agents: healthy, store: failing } = team();
    failing.recordTeamTurn = () => Promise.reject(new AttuneError({ code: "graph-unavailable", message: "down" }));
    const app2 = createTeamGraph({ agents: healthy, store: () => failing, loadBoard, now }).compile();
    const m2 = say(failing, "m2", "ada", "what is LoRA fine-tuning?");
    await expect(app2.invoke(input(m2, "Ada"))).rejects.toMatchObject({ code: "graph-unavailable" });
    expect(loadBoard.load({ workspaceId: WS, agentId: "tutor", at: m2.createdAt }).open).toBe(0);
  });

  it("starts every turn clean when a checkpointer carries the thread's state over", async () => {
    const { agents, store } = team();
    const app = createTeamGraph({ agents, store: () => store, now }).compile({ checkpointer: new MemorySaver() });
    const config = { configurable: { thread_id: "general" } };
    await app.invoke(input(say(store, "m1", "ada", "how do I pick the LoRA rank when fine-tuning?"), "Ada"), config);
    await app.invoke(input(say(store, "m2", "ada", "thanks, that worked perfectly!"), "Ada"), config);
    const second = store.turns[1];
    const ids = second?.minds.flatMap((m) => (m.evidence ?? []).map((e) => e.messageId)) ?? [];
    expect(ids.length).toBeGreaterThan(0);
    expect(ids.every((id) => id === "m2")).toBe(true);
    expect(second?.experiments?.map((x) => x.id)).toEqual(["x-m2"]);
  });

  it("offers the answering agent's minds to the reflection scheduler and merges its results next turn", async () => {
    const { agents, store } = team();
    const prompts: ReflectionInput[] = [];
    const scheduler = createReflectionScheduler({
      reflector: {
        reflect: async (input: ReflectionInput) => {
          prompts.push(input);
          return '{"hypotheses":[{"kind":"goal","key":"ship-the-lora-model","value":0.9,"confidence":0.8,"rationale":"wants to ship this week"}]}';
        },
      },
      every: 1,
    });
    const app = createTeamGraph({ agents, store: () => store, now, reflection: scheduler }).compile();
    const first = (await app.invoke(
      input(say(store, "m1", "ada", "how do I pick the LoRA rank? we ship this week"), "Ada"),
    )) as TeamState;
    expect(first.reflections).toEqual(["tutor~ada"]);
    // Off the critical path: the turn is over before the reflector has even been called.
    expect(prompts).toHaveLength(0);
    await scheduler.drain();
    expect(prompts[0]?.transcript.at(-1)).toEqual({ role: "assistant", text: "LoRA trains a low-rank update." });
    const second = (await app.invoke(input(say(store, "m2", "ada", "and what alpha?"), "Ada"))) as TeamState;
    const merged = second.changes["tutor~ada"]?.evidence.filter((e) => e.signal === "reflection") ?? [];
    expect(merged).toEqual([
      // Namespaced by the message that triggered it and by the observer; the agent's inference, not anyone's words.
      expect.objectContaining({ messageId: "m1", id: "m1.h0@tutor", speakerId: "tutor", dimension: "intent" }),
    ]);
    const key = merged[0]?.key as string;
    expect(key).toContain("ship-the-lora-model");
    expect(mindOf(store, "tutor", "ada").explain({ dimension: "intent", key }).belief).toBeDefined();
  });

  it("exposes its nodes for custom graphs", async () => {
    const { agents, store } = team();
    const nodes = createTeamNodes({ agents, store: () => store, now, routeTo: "answer" });
    const seen: string[] = [];
    const app = new StateGraph(TeamGraphState)
      .addNode("perceive", nodes.perceive)
      .addNode("updateMinds", nodes.updateMinds)
      .addNode("plan", nodes.plan)
      .addNode("audit", (state: TeamState) => {
        seen.push(...Object.keys(state.plans));
        return {};
      })
      .addNode("route", nodes.route, { ends: ["answer"] })
      .addNode("answer", nodes.respond)
      .addNode("persist", nodes.persist)
      .addEdge(START, "perceive")
      .addEdge("perceive", "updateMinds")
      .addEdge("updateMinds", "plan")
      .addEdge("plan", "audit")
      .addEdge("audit", "route")
      .addEdge("answer", "persist")
      .addEdge("persist", END)
      .compile();
    await app.invoke(input(say(store, "m1", "ada", "what is LoRA?"), "Ada"));
    expect(seen).toEqual(["ada"]);
    expect(store.turns).toHaveLength(1);
  });

  it("lands a handoff an agent chose with the handoff tool (ToolNode → Command → route)", async () => {
    const { agents, store } = team();
    const profiles = agents.map(({ model: _model, ...profile }) => ({ ...profile, skills: profile.skills ?? [] }));
    const [tutorProfile, reviewerProfile] = profiles as [AgentProfile, AgentProfile];
    const State = TeamStateSchema.extend({
      messages: z.custom<BaseMessage[]>().register(registry, MessagesZodMeta),
    });
    type State = z.infer<typeof State>;
    const handoff = createHandoffTool<State>({
      from: tutorProfile,
      to: [reviewerProfile],
      models: TeamModels.create({ profiles }),
      context: (state) => ({
        personId: state.person.id,
        beliefs: Mind.fromJSON(state.minds["tutor~ada"]).beliefs(),
        at: state.message.createdAt,
      }),
      goto: "route",
    });
    // The tutor's model decides to hand off (a tool call), instead of the router choosing.
    const decide = new FakeStreamingChatModel({
      chunks: [
        new AIMessageChunk({
          content: "",
          tool_calls: [
            { name: "handoff", args: { to: "reviewer", reason: "wants a code review" }, id: "c1", type: "tool_call" },
          ],
        }),
      ],
      sleep: 0,
    }).bindTools([handoff]);
    const nodes = createTeamNodes({ agents, store: () => store, now });
    const app = new StateGraph(State)
      .addNode("perceive", nodes.perceive)
      .addNode("updateMinds", nodes.updateMinds)
      .addNode("plan", nodes.plan)
      .addNode("decide", async (state: State) => ({ messages: [await decide.invoke(state.message.text)] }))
      .addNode("tools", new ToolNode<State>([handoff]), { ends: ["route"] })
      .addNode("route", nodes.route, { ends: ["respond"] })
      .addNode("respond", nodes.respond)
      .addNode("persist", nodes.persist)
      .addEdge(START, "perceive")
      .addEdge("perceive", "updateMinds")
      .addEdge("updateMinds", "plan")
      .addEdge("plan", "decide")
      .addEdge("decide", "tools")
      .addEdge("respond", "persist")
      .addEdge("persist", END)
      .compile();
    const final = await app.invoke({
      ...input(say(store, "m1", "ada", "how do I pick the LoRA rank when fine-tuning?"), "Ada"),
      messages: [],
    });
    expect(final.activeAgentId).toBe("reviewer");
    expect(final.routeDecision?.reason).toBe("handed over by Tess: wants a code review");
    expect(final.handoff).toMatchObject({ fromAgentId: "tutor", toAgentId: "reviewer", personId: "ada" });
    expect(final.changes["reviewer~ada"]?.evidence.some((e) => e.excerpt.startsWith("handoff from tutor"))).toBe(true);
    expect(store.turns[0]?.reply.authorId).toBe("reviewer");
    expect(peerOf(store, "reviewer", "tutor").beliefsAbout("ada").length).toBe(final.handoff?.beliefs.length);
  });

  it("opens the reply with the planned structure for models that continue an answer", async () => {
    const tutorModel = new PromptRecordingModel({ responses: [" Pick a rank.\n2. Train."] });
    const { tutor, store } = team({ tutor: tutorModel });
    const app = createTeamGraph({ agents: [tutor], store: () => store, now, primeReplies: true }).compile();
    await app.invoke(
      input(
        say(
          store,
          "m1",
          "ada",
          "I'm new here and honestly a bit lost, I don't really understand what fine-tuning even means. please explain things step by step and in detail",
          "dm",
        ),
        "Ada",
        { channelKind: "direct" },
      ),
    );
    const final = (await app.invoke(
      input(say(store, "m2", "ada", "how do I choose the LoRA rank?", "dm"), "Ada", { channelKind: "direct" }),
    )) as TeamState;
    expect(final.plans.ada?.structure).toBe("steps");
    const last = tutorModel.calls.at(-1)?.messages.at(-1);
    expect(last?.getType()).toBe("ai");
    expect(last?.content).toBe("1.");
    expect(final.replyText).toBe("1. Pick a rank.\n2. Train.");
    expect(store.turns.at(-1)?.reply.text).toBe("1. Pick a rank.\n2. Train.");
  });
});

describe("TeamGraphState", () => {
  it("describes every field to Studio as JSON schema", () => {
    const schema = TeamGraphState.getJsonSchema() as { properties?: object; required?: string[] };
    expect(Object.keys(schema.properties ?? {}).sort()).toEqual(Object.keys(TeamStateSchema.shape).sort());
    expect(schema.required?.sort()).toEqual(["channelId", "message", "person", "replyId", "workspaceId"]);
  });
});

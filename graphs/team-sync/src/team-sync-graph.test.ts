import { PromptRecordingModel } from "@attune/agents/testing";
import { createMemoryRelationshipGraph, type RelationshipGraph } from "@attune/graph";
import { beforeEach, describe, expect, it } from "vitest";
import { buildCatchUpPrompt, DEFAULT_CATCH_UP_PLAN, unseenEvents } from "./catch-up-prompt.js";
import type { CatchUp } from "./state.js";
import { createTeamSyncGraph, type TeamSyncSource } from "./team-sync-graph.js";
import { AGENT, EVENTS, EXPECTED_UNSEEN, seedTeam } from "./testing/seed-team.js";

const textOf = (c: CatchUp | undefined) => c?.prompt.join("\n") ?? "";

describe("team-sync graph", () => {
  let graph: RelationshipGraph;
  let source: TeamSyncSource;
  beforeEach(async () => {
    graph = createMemoryRelationshipGraph({ workspaceId: "acme" });
    const minds = await seedTeam(graph);
    source = {
      teamSync: (o) => graph.teamSync(o),
      readMindState: async (o) => (o.observerId === AGENT.id ? minds.get(o.subjectId) : undefined),
    };
  });

  it("puts in each member's prompt exactly what they have not seen, and nothing they have", async () => {
    const model = new PromptRecordingModel({ responses: ["Catch-up."] });
    const prompts = model.calls;
    const app = createTeamSyncGraph({ source: () => source, model }).compile();
    const { catchUps } = await app.invoke({ workspaceId: "acme", teamId: "platform", agent: AGENT });
    expect(catchUps.map((c) => c.memberId)).toEqual(["ada", "ben", "cal", "noa"]);
    for (const c of catchUps) {
      const unseen = EXPECTED_UNSEEN[c.memberId] ?? [];
      const prompt = textOf(c);
      // Everything listed is unseen; everything seen (or theirs) is absent from the prompt text.
      expect(
        c.eventIds.every((id) => unseen.includes(id)),
        c.memberId,
      ).toBe(true);
      expect(c.eventIds.length + c.omitted, c.memberId).toBe(unseen.length);
      for (const e of EVENTS) {
        const listed = prompt.includes(e.text);
        expect(listed, `${c.memberId} / ${e.id}`).toBe(c.eventIds.includes(e.id));
      }
    }
    // The up-to-date member costs no model call; the others' prompts are what the model received.
    expect(prompts).toHaveLength(3);
    const sent = prompts.map((p) => p.messages.map((m) => m.content).join("\n"));
    expect(sent.sort()).toEqual(
      catchUps
        .filter((c) => c.memberId !== "cal")
        .map(textOf)
        .sort(),
    );
    expect(catchUps.find((c) => c.memberId === "cal")?.text).toMatch(/up to date/);
  });

  it("leads with decisions and events and credits each to its author and those who already know", async () => {
    const model = new PromptRecordingModel({ responses: ["ok"] });
    const app = createTeamSyncGraph({ source: () => source, model }).compile();
    const { catchUps } = await app.invoke({ workspaceId: "acme", teamId: "platform", memberIds: ["noa"] });
    const noa = catchUps[0];
    expect(noa?.eventIds.slice(0, 2)).toEqual(["m1", "m4"]);
    const human = noa?.prompt[1] ?? "";
    expect(human).toContain("1. [decision] Ben: Decision: the launch moves to May 3");
    expect(human).toContain("2. [event] Cal: Incident: ingress outage");
    // Ada read m2 in a notification: whoever missed it can ask her.
    expect(human).toMatch(/Cal: Staging cluster is back up after the node pool resize\. \(also seen by Ada\)/);
  });

  it("plans each catch-up from the agent's mind: brief and expert for the rushed expert, explained for the newcomer", async () => {
    const model = new PromptRecordingModel({ responses: ["ok"] });
    const app = createTeamSyncGraph({ source: () => source, model }).compile();
    const { catchUps } = await app.invoke({
      workspaceId: "acme",
      teamId: "platform",
      memberIds: ["ada", "noa", "ben"],
    });
    const [ada, ben, noa] = catchUps;
    expect(ada?.planSource).toBe("mind");
    expect(ada?.plan).toMatchObject({ length: "brief", depth: "expert", askClarifyingQuestion: false });
    expect(ada?.prompt[0]).toContain("Answer in at most three short sentences.");
    expect(ada?.prompt[0]).toContain("use precise technical terms and skip the basics");
    // The brief plan covers the three most important unseen events: decision, event, newest message.
    expect(ada?.eventIds).toEqual(["m1", "m4", "m6"]);
    expect(ada?.omitted).toBe(1);
    expect(ada?.prompt[1]).toContain("(1 more message not listed.)");

    expect(noa?.planSource).toBe("mind");
    expect(noa?.plan.depth).toBe("overview");
    expect(noa?.prompt[0]).toContain("Assume no background: use plain words and define any term you must use.");
    expect(noa?.prompt[0]).not.toContain("at most three short sentences");
    expect(noa?.eventIds).toHaveLength(5);
    expect(noa?.omitted).toBe(0);

    expect(ben?.planSource).toBe("default");
    expect(ben?.plan).toEqual(DEFAULT_CATCH_UP_PLAN);
  });

  it("tells a member where their beliefs diverge from the team's", async () => {
    const model = new PromptRecordingModel({ responses: ["ok"] });
    const app = createTeamSyncGraph({ source: () => source, model }).compile();
    const { catchUps } = await app.invoke({ workspaceId: "acme", teamId: "platform", memberIds: ["ada"] });
    expect(catchUps[0]?.divergentKeys).toEqual(["cal/knowledge/kubernetes"]);
    expect(catchUps[0]?.prompt[1]).toContain("- Cal, knowledge of kubernetes: they think 90%, 1 teammate 20%.");
  });

  it("streams each catch-up as deltas tagged with the member", async () => {
    const model = new PromptRecordingModel({ responses: ["Launch moved to May 3."] });
    const app = createTeamSyncGraph({ source: () => source, model }).compile();
    const deltas: string[] = [];
    for await (const chunk of await app.stream(
      { workspaceId: "acme", teamId: "platform", memberIds: ["ada"] },
      { streamMode: "custom" },
    )) {
      expect(chunk).toMatchObject({ type: "catch-up-delta", memberId: "ada" });
      deltas.push((chunk as { delta: string }).delta);
    }
    expect(deltas.join("")).toBe("Launch moved to May 3.");
  });

  it("rejects members outside the team and maps model failures to model-unavailable", async () => {
    const model = new PromptRecordingModel({ responses: ["x"] });
    const app = createTeamSyncGraph({ source: () => source, model }).compile();
    await expect(app.invoke({ workspaceId: "acme", teamId: "platform", memberIds: ["zed"] })).rejects.toMatchObject({
      code: "not-found",
    });
    await expect(app.invoke({ workspaceId: "acme", teamId: "nope" })).rejects.toMatchObject({ code: "not-found" });
    model.stream = () => Promise.reject(new Error("boom"));
    await expect(app.invoke({ workspaceId: "acme", teamId: "platform", memberIds: ["ada"] })).rejects.toMatchObject({
      code: "model-unavailable",
    });
  });
});

describe("catch-up prompt", () => {
  const member = {
    memberId: "ada",
    name: "Ada",
    lastSeenAt: "2030-01-07T09:30:00.000Z",
    divergent: [],
    missed: [
      {
        id: "new",
        channelId: "c",
        authorId: "ben",
        kind: "message",
        text: "NEW",
        createdAt: "2030-01-07T10:00:00.000Z",
        seenBy: ["ben"],
      },
      {
        id: "old",
        channelId: "c",
        authorId: "ben",
        kind: "message",
        text: "OLD",
        createdAt: "2030-01-07T09:00:00.000Z",
        seenBy: ["ben"],
      },
      {
        id: "own",
        channelId: "c",
        authorId: "ada",
        kind: "message",
        text: "OWN",
        createdAt: "2030-01-07T10:01:00.000Z",
        seenBy: ["ada"],
      },
      {
        id: "saw",
        channelId: "c",
        authorId: "cal",
        kind: "message",
        text: "SAW",
        createdAt: "2030-01-07T10:02:00.000Z",
        seenBy: ["cal", "ada"],
      },
    ],
  };

  it("never lists what a source wrongly reports as missed (older than the last presence, own, or seen)", () => {
    expect(unseenEvents(member).map((e) => e.id)).toEqual(["new"]);
    const prompt = buildCatchUpPrompt({ agentName: "Attune", teamId: "t", member, plan: DEFAULT_CATCH_UP_PLAN });
    const text = prompt.messages.map((m) => m.content).join("\n");
    expect(text).toContain("NEW");
    for (const word of ["OLD", "OWN", "SAW"]) expect(text).not.toContain(word);
    expect(prompt).toMatchObject({ eventIds: ["new"], omitted: 0, empty: false });
  });

  it("is empty when nothing is unseen and nothing diverges", () => {
    const prompt = buildCatchUpPrompt({
      agentName: "Attune",
      teamId: "t",
      member: { ...member, missed: member.missed.slice(1) },
      plan: DEFAULT_CATCH_UP_PLAN,
    });
    expect(prompt.empty).toBe(true);
  });
});

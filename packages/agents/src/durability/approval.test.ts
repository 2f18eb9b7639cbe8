import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { AttuneError } from "@attune/model";
import { Command, END, START, StateGraph } from "@langchain/langgraph";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import {
  approvalResume,
  approvalStateShape,
  createApprovalGate,
  pendingApprovals,
  requestSharingApproval,
  routeOnApproval,
} from "./approval.js";
import { type AttuneCheckpointer, createCheckpointer } from "./checkpointer.js";

const State = z.object({
  ...approvalStateShape,
  subjectId: z.string(),
  askerId: z.string(),
  note: z.string(),
  reply: z.string().optional(),
});
type State = z.infer<typeof State>;

/** Stands in for the outside world a sharing step writes to (a message to someone else). */
type Outbox = { to: string; text: string }[];

/** A tiny "tell the asker what the subject said" graph with the gate placed before sharing. */
function sharingGraph(outbox: Outbox) {
  return new StateGraph(State)
    .addNode(
      "gate",
      createApprovalGate<State>({
        request: (s) => ({
          personId: s.subjectId,
          recipient: { kind: "person", id: s.askerId },
          what: s.note,
          reason: `${s.askerId} asked what ${s.subjectId} is working on`,
        }),
      }),
    )
    .addNode("share", (s) => {
      const text = s.approvals[0]?.text ?? "";
      outbox.push({ to: s.askerId, text });
      return { reply: text };
    })
    .addNode("decline", () => ({ reply: "I can't share that." }))
    .addEdge(START, "gate")
    .addConditionalEdges("gate", routeOnApproval({ approved: "share", denied: "decline" }), ["share", "decline"])
    .addEdge("share", END)
    .addEdge("decline", END);
}

/** `invoke` reports a pause under `__interrupt__`, which the state's type does not list. */
const interruptsOf = (result: object) => (result as { __interrupt__?: unknown[] }).__interrupt__;

const input = { subjectId: "ada", askerId: "bo", note: "Ada is migrating the billing service to Postgres" };

describe("sharing approval (real SQLite checkpointer, restart between pause and resume)", () => {
  let dir: string;
  let path: string;
  const open: AttuneCheckpointer[] = [];
  const saver = async () => {
    const cp = await createCheckpointer({ kind: "sqlite", path });
    open.push(cp);
    return cp;
  };

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "attune-approval-"));
    path = join(dir, "checkpoints.sqlite");
  });
  afterEach(async () => {
    for (const cp of open.splice(0)) await cp.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("pauses, survives a restart, and shares the approved (edited) text", async () => {
    const config = { configurable: { thread_id: "turn/acme/general/bo" } };
    const outbox: Outbox = [];
    const first = await saver();
    const result = await sharingGraph(outbox).compile({ checkpointer: first }).invoke(input, config);
    expect(interruptsOf(result)).toHaveLength(1);
    expect(outbox).toEqual([]);
    await first.close();

    // A new process: a new saver on the same file, a freshly compiled graph.
    const app = sharingGraph(outbox).compile({ checkpointer: await saver() });
    const state = await app.getState(config);
    expect(state.next).toEqual(["gate"]);
    const pending = await pendingApprovals({ graph: app, config });
    expect(pending).toEqual([
      {
        approvalId: expect.stringMatching(/^[0-9a-f]{32}$/),
        request: {
          personId: "ada",
          recipient: { kind: "person", id: "bo" },
          what: input.note,
          reason: "bo asked what ada is working on",
        },
      },
    ]);
    const approvalId = pending[0]?.approvalId as string;

    const edited = "Ada is working on the billing service";
    const done = await app.invoke(
      approvalResume({ approvalId, decision: { decision: "approve", text: edited } }),
      config,
    );
    expect(done.reply).toBe(edited);
    expect(outbox).toEqual([{ to: "bo", text: edited }]);
    expect(done.approvals).toEqual([expect.objectContaining({ decision: "approve", text: edited })]);
    expect(await pendingApprovals({ graph: app, config })).toEqual([]);
  });

  it("does not share when the person denies, also after a restart", async () => {
    const config = { configurable: { thread_id: "turn/acme/general/cy" } };
    const outbox: Outbox = [];
    const first = await saver();
    await sharingGraph(outbox).compile({ checkpointer: first }).invoke(input, config);
    await first.close();
    const app = sharingGraph(outbox).compile({ checkpointer: await saver() });
    const done = await app.invoke(approvalResume({ decision: { decision: "deny" } }), config);
    expect(done.reply).toBe("I can't share that.");
    expect(done.approvals).toEqual([expect.objectContaining({ decision: "deny" })]);
    expect(done.approvals[0]).not.toHaveProperty("text");
    expect(outbox).toEqual([]);
  });

  it("answers a malformed decision with invalid-payload and keeps the run paused", async () => {
    const config = { configurable: { thread_id: "turn/acme/general/di" } };
    const outbox: Outbox = [];
    const app = sharingGraph(outbox).compile({ checkpointer: await saver() });
    await app.invoke(input, config);
    const [pending] = await pendingApprovals({ graph: app, config });

    // Checked before the graph is touched.
    for (const bad of [{ decision: "maybe" }, { decision: "deny", text: "x" }, "approve", null]) {
      expect(() => approvalResume({ decision: bad })).toThrow(
        expect.objectContaining({ name: "AttuneError", code: "invalid-payload" }),
      );
    }
    // Sent straight to the graph, bypassing approvalResume: the node's own check turns it into a typed error.
    const error = await app.invoke(new Command({ resume: { decision: "yes please" } }), config).catch((e) => e);
    expect(AttuneError.is(error) && error.code).toBe("invalid-payload");
    expect(outbox).toEqual([]);
    expect(await pendingApprovals({ graph: app, config })).toEqual([pending]);

    // The same pause still takes a valid answer, after a restart too.
    const restarted = sharingGraph(outbox).compile({ checkpointer: await saver() });
    const done = await restarted.invoke(
      approvalResume({ approvalId: pending?.approvalId as string, decision: { decision: "approve" } }),
      config,
    );
    expect(done.reply).toBe(input.note);
    expect(outbox).toEqual([{ to: "bo", text: input.note }]);
  });

  it("asks several people one at a time and passes straight through when nothing is shared", async () => {
    const Multi = z.object({ ...approvalStateShape, people: z.array(z.string()) });
    const graph = new StateGraph(Multi)
      .addNode(
        "gate",
        createApprovalGate<z.infer<typeof Multi>>({
          request: (s) =>
            s.people.map((p) => ({
              personId: p,
              recipient: { kind: "agent" as const, id: "reviewer" },
              what: `${p}'s notes`,
              reason: "the reviewer needs context",
            })),
        }),
      )
      .addEdge(START, "gate")
      .addEdge("gate", END)
      .compile({ checkpointer: await saver() });
    const config = { configurable: { thread_id: "multi" } };
    await graph.invoke({ people: ["ada", "bo"] }, config);
    const [first] = await pendingApprovals({ graph, config });
    expect(first?.request.personId).toBe("ada");
    await graph.invoke(
      approvalResume({ approvalId: first?.approvalId as string, decision: { decision: "deny" } }),
      config,
    );
    const [second] = await pendingApprovals({ graph, config });
    expect(second?.request.personId).toBe("bo");
    expect(second?.approvalId).not.toBe(first?.approvalId);
    const done = await graph.invoke(
      approvalResume({ approvalId: second?.approvalId as string, decision: { decision: "approve" } }),
      config,
    );
    expect(done.approvals.map((o) => [o.request.personId, o.decision])).toEqual([
      ["ada", "deny"],
      ["bo", "approve"],
    ]);
    const passed = await graph.invoke({ people: [] }, { configurable: { thread_id: "none" } });
    expect(interruptsOf(passed)).toBeUndefined();
    expect(passed.approvals).toEqual([]);
  });

  it("refuses a malformed request with invalid-payload instead of pausing", async () => {
    const graph = new StateGraph(z.object({ what: z.string() }))
      .addNode("ask", (s) => {
        requestSharingApproval({ personId: "ada", recipient: { kind: "person", id: "bo" }, what: s.what, reason: "x" });
        return {};
      })
      .addEdge(START, "ask")
      .addEdge("ask", END)
      .compile({ checkpointer: await saver() });
    const error = await graph.invoke({ what: "   " }, { configurable: { thread_id: "bad" } }).catch((e) => e);
    expect(AttuneError.is(error) && error.code).toBe("invalid-payload");
    expect((error as Error).message).toContain("what");
  });
});

import {
  type ApprovalDecision,
  ApprovalDecisionSchema,
  type ApprovalRequest,
  ApprovalRequestSchema,
  AttuneError,
} from "@attune/model";
import type { RunnableConfig } from "@langchain/core/runnables";
import { Command, interrupt, isInvalidResume } from "@langchain/langgraph";
import { z } from "zod";

/** What a gate decided for one request; `text` is what may be shared (absent when denied). */
export const ApprovalOutcomeSchema = z.object({
  request: ApprovalRequestSchema,
  decision: z.enum(["approve", "deny"]),
  text: z.string().optional(),
});
export type ApprovalOutcome = z.infer<typeof ApprovalOutcomeSchema>;

/**
 * The state a graph needs for `createApprovalGate`: spread it into the graph's zod state. The default
 * resets the outcomes on every new input, so one turn's approval never authorises the next turn.
 *
 * @example
 * const State = z.object({ ...approvalStateShape, question: z.string() });
 */
export const approvalStateShape = { approvals: z.array(ApprovalOutcomeSchema).default([]) };

/**
 * Pauses the running graph until `personId` approves or denies sharing `what` with `recipient`, and
 * returns their decision. Call it inside a node of a graph compiled with a checkpointer; the paused
 * run survives restarts for as long as the checkpointer keeps the thread.
 *
 * LangGraph re-runs the node from its start on resume, so work before this call must be safe to
 * repeat (read, don't write, before asking).
 *
 * A malformed request throws `invalid-payload`. A malformed resume value makes the resuming call
 * fail with `invalid-payload` while the run stays paused, so the person can answer again.
 *
 * @example
 * const decision = requestSharingApproval({
 *   personId: "ada",
 *   recipient: { kind: "person", id: "bo" },
 *   what: "Ada is new to Kubernetes",
 *   reason: "Bo asked who could pair on the cluster upgrade",
 * });
 * if (decision.decision === "approve") send(decision.text ?? "Ada is new to Kubernetes");
 */
export function requestSharingApproval(request: ApprovalRequest): ApprovalDecision {
  const parsed = ApprovalRequestSchema.safeParse(request);
  if (!parsed.success) {
    throw new AttuneError({
      code: "invalid-payload",
      message: `invalid approval request: ${describeIssues(parsed.error)}`,
      details: parsed.error.issues,
    });
  }
  try {
    return interrupt<ApprovalRequest, ApprovalDecision>(parsed.data, { responseSchema: ApprovalDecisionSchema });
  } catch (error) {
    // LangGraph marks a resume value its schema rejected; it keeps the interrupt answerable as long
    // as the mark survives, and it is looked for along `cause`.
    if (isInvalidResume(error)) {
      const issues = error instanceof z.ZodError ? error.issues : undefined;
      throw new AttuneError({
        code: "invalid-payload",
        message: `invalid approval decision${issues ? `: ${describeIssues(error as z.ZodError)}` : ""}`,
        details: issues,
        cause: error,
      });
    }
    throw error;
  }
}

/**
 * A graph node that asks for approval before a step that shares people's information, writing the
 * outcomes to `approvals` (add `approvalStateShape` to the state). Requests are asked one at a time,
 * in order; a step that shares nothing (`request` returns nothing) passes straight through. Route on
 * the outcome with `routeOnApproval`.
 *
 * @example
 * graph
 *   .addNode("askAda", createApprovalGate({ request: (s) => ({ personId: s.subjectId, recipient: …, what: s.summary, reason: "…" }) }))
 *   .addConditionalEdges("askAda", routeOnApproval({ approved: "handoff", denied: "replyWithout" }));
 */
export function createApprovalGate<S>(options: {
  /** The sharing the next step would do; `undefined` or `[]` when it shares nothing. */
  request: (state: S) => ApprovalRequest | readonly ApprovalRequest[] | undefined;
}): (state: S) => { approvals: ApprovalOutcome[] } {
  return (state) => {
    const requested = options.request(state);
    const requests =
      requested === undefined ? [] : Array.isArray(requested) ? requested : [requested as ApprovalRequest];
    const approvals = requests.map((request): ApprovalOutcome => {
      const decision = requestSharingApproval(request);
      return decision.decision === "approve"
        ? { request, decision: "approve", text: decision.text ?? request.what }
        : { request, decision: "deny" };
    });
    return { approvals };
  };
}

/**
 * A conditional edge after `createApprovalGate`: to `approved` when every request was approved (or
 * there was none), else to `denied`.
 *
 * @example
 * graph.addConditionalEdges("gate", routeOnApproval({ approved: "share", denied: "skip" }), ["share", "skip"]);
 */
export function routeOnApproval<A extends string, D extends string>(targets: {
  approved: A;
  denied: D;
}): (state: { approvals?: readonly ApprovalOutcome[] }) => A | D {
  return (state) =>
    (state.approvals ?? []).every((o) => o.decision === "approve") ? targets.approved : targets.denied;
}

/** A pause waiting for a person's decision. */
export interface PendingApproval {
  /** LangGraph's interrupt id; pass it to `approvalResume`. */
  approvalId: string;
  request: ApprovalRequest;
}

/**
 * The approvals a thread is waiting for (other interrupts are ignored).
 *
 * @example
 * const [pending] = await pendingApprovals({ graph: app, config: { configurable: { thread_id } } });
 */
export async function pendingApprovals(options: {
  graph: { getState(config: RunnableConfig): Promise<{ tasks: readonly { interrupts?: readonly unknown[] }[] }> };
  config: RunnableConfig;
}): Promise<PendingApproval[]> {
  const state = await options.graph.getState(options.config);
  const pending: PendingApproval[] = [];
  for (const task of state.tasks) {
    for (const raw of task.interrupts ?? []) {
      const { id, value } = raw as { id?: unknown; value?: unknown };
      const request = ApprovalRequestSchema.safeParse(value);
      if (typeof id === "string" && request.success) pending.push({ approvalId: id, request: request.data });
    }
  }
  return pending;
}

/**
 * Validates a person's decision and builds the `Command` that resumes the paused run with it. Bad
 * input throws `invalid-payload` before the graph is touched, so the run stays paused.
 *
 * @example
 * await app.invoke(approvalResume({ approvalId, decision: { decision: "approve" } }), config);
 */
export function approvalResume(options: {
  decision: unknown;
  approvalId?: string;
}): Command<ApprovalDecision | Record<string, ApprovalDecision>, Record<string, never>, never> {
  const parsed = ApprovalDecisionSchema.safeParse(options.decision);
  if (!parsed.success) {
    throw new AttuneError({
      code: "invalid-payload",
      message: `invalid approval decision: ${describeIssues(parsed.error)}`,
      details: parsed.error.issues,
    });
  }
  return new Command({
    resume: options.approvalId === undefined ? parsed.data : { [options.approvalId]: parsed.data },
  });
}

function describeIssues(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join(".") || "value"}: ${i.message}`).join("; ");
}

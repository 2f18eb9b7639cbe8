import { describe, expect, it } from "vitest";
import {
  ApprovalDecideSchema,
  ApprovalDecisionSchema,
  ApprovalRequestSchema,
  ChannelCreateSchema,
  MessageSendAckSchema,
  MessageSendSchema,
  MindUpdateEventSchema,
} from "./events.js";
import { MAX_MESSAGE_TEXT } from "./message.js";

describe("socket event schemas", () => {
  it("accepts a well-formed message-send", () => {
    expect(MessageSendSchema.parse({ channelId: "general", text: "hi", clientMessageId: "c-1" })).toEqual({
      channelId: "general",
      text: "hi",
      clientMessageId: "c-1",
    });
  });

  it.each([
    [{ channelId: "general", text: "hi" }, "clientMessageId"],
    [{ channelId: "", text: "hi", clientMessageId: "c" }, "channelId"],
    [{ channelId: "a b", text: "hi", clientMessageId: "c" }, "channelId"],
    [{ channelId: "x'}) DETACH DELETE n//", text: "hi", clientMessageId: "c" }, "channelId"],
    [{ channelId: "general", text: " \n\t", clientMessageId: "c" }, "text"],
    [{ channelId: "general", text: "x".repeat(MAX_MESSAGE_TEXT + 1), clientMessageId: "c" }, "text"],
    [{ channelId: "general", text: 42, clientMessageId: "c" }, "text"],
    [{ channelId: "general", text: "hi", clientMessageId: "c", workspaceId: "other" }, ""],
  ])("rejects %j (issue at %s)", (payload, path) => {
    const result = MessageSendSchema.safeParse(payload);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join("."))).toContain(path);
  });

  it("rejects a smuggled workspace in the payload: the token decides the workspace", () => {
    const result = MessageSendSchema.safeParse({ channelId: "g", text: "hi", clientMessageId: "c", workspaceId: "w2" });
    expect(result.error?.issues[0]?.code).toBe("unrecognized_keys");
  });

  it("types acks as a union on ok", () => {
    expect(MessageSendAckSchema.parse({ ok: true, messageId: "m1" })).toEqual({ ok: true, messageId: "m1" });
    expect(
      MessageSendAckSchema.parse({ ok: false, error: { code: "not-found", message: "no", retryable: false } }).ok,
    ).toBe(false);
    expect(MessageSendAckSchema.safeParse({ ok: false, error: { code: "made-up", message: "?" } }).success).toBe(false);
  });

  it("defaults channel kind to team", () => {
    expect(ChannelCreateSchema.parse({ channelId: "c1", name: "Design" }).kind).toBe("team");
  });

  it("validates beliefs in mind-update", () => {
    const belief = {
      id: "b1.v1",
      workspaceId: "w",
      observerId: "assistant",
      subjectId: "ada",
      dimension: "knowledge",
      key: "databases",
      distribution: { alpha: 2, beta: 1 },
      mean: 0.66,
      confidence: 0.2,
      evidenceIds: ["m1.e0"],
      validFrom: "2026-01-01T00:00:00.000Z",
      validTo: null,
      recordedAt: "2026-01-01T00:00:00.000Z",
      visibility: "private",
    };
    expect(MindUpdateEventSchema.parse({ observerId: "assistant", subjectId: "ada", beliefs: [belief] })).toBeTruthy();
    expect(
      MindUpdateEventSchema.safeParse({ observerId: "a", subjectId: "b", beliefs: [{ ...belief, mean: 2 }] }).success,
    ).toBe(false);
  });
});

describe("approval schemas", () => {
  const request = {
    personId: "ada",
    recipient: { kind: "person", id: "bo" },
    what: "Ada is new to Kubernetes",
    reason: "Bo asked who could pair on the upgrade",
  };
  const target = { approvalId: "a03e4f497f21deae499788bf98fc63a2", threadId: "turn/acme/general/bo" };

  it("accept a request and both decisions, edited text only with an approval", () => {
    expect(ApprovalRequestSchema.parse(request)).toEqual(request);
    expect(ApprovalDecisionSchema.parse({ decision: "approve", text: "Ada is pairing" })).toEqual({
      decision: "approve",
      text: "Ada is pairing",
    });
    expect(ApprovalDecisionSchema.parse({ decision: "deny" })).toEqual({ decision: "deny" });
    expect(ApprovalDecideSchema.parse({ ...target, decision: "approve" })).toEqual({ ...target, decision: "approve" });
  });

  it.each([
    [ApprovalRequestSchema, { ...request, what: "  " }],
    [ApprovalRequestSchema, { ...request, recipient: { kind: "group", id: "x" } }],
    [ApprovalRequestSchema, { ...request, personId: "a/b" }],
    [ApprovalDecisionSchema, { decision: "deny", text: "sneaky" }],
    [ApprovalDecisionSchema, { decision: "maybe" }],
    [ApprovalDecisionSchema, "approve"],
    [ApprovalDecideSchema, { ...target, approvalId: "xyz", decision: "deny" }],
    [ApprovalDecideSchema, { ...target, threadId: "turn/../../etc", decision: "deny" }],
    [ApprovalDecideSchema, { ...target, decision: "deny", workspaceId: "other" }],
  ])("reject malformed input (%#)", (schema, value) => {
    expect(schema.safeParse(value).success).toBe(false);
  });
});

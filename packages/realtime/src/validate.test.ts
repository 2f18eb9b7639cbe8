import { AttuneError, MessageSendSchema } from "@attune/model";
import { describe, expect, it } from "vitest";
import { parsePayload } from "./validate.js";

function errorOf(run: () => unknown): AttuneError {
  try {
    run();
  } catch (error) {
    if (AttuneError.is(error)) return error;
    throw error;
  }
  throw new Error("expected a throw");
}

describe("parsePayload", () => {
  it("returns parsed data", () => {
    expect(
      parsePayload(MessageSendSchema, { channelId: "g", text: "hi", clientMessageId: "c" }, "message-send"),
    ).toEqual({
      channelId: "g",
      text: "hi",
      clientMessageId: "c",
    });
  });

  it("maps schema failures to invalid-payload with client-safe details", () => {
    const error = errorOf(() => parsePayload(MessageSendSchema, { channelId: "g", text: "" }, "message-send"));
    expect(error.code).toBe("invalid-payload");
    expect(error.message).toMatch(/^message-send: /);
    expect(error.details).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: "clientMessageId" }),
        expect.objectContaining({ path: "text" }),
      ]),
    );
  });

  it("maps a size-only failure to payload-too-large", () => {
    const error = errorOf(() =>
      parsePayload(
        MessageSendSchema,
        { channelId: "g", text: "x".repeat(100_000), clientMessageId: "c" },
        "message-send",
      ),
    );
    expect(error.code).toBe("payload-too-large");
  });

  it("treats a missing payload as invalid", () => {
    expect(errorOf(() => parsePayload(MessageSendSchema, undefined, "message-send")).code).toBe("invalid-payload");
  });
});

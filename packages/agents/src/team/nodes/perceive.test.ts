import { describe, expect, it } from "vitest";
import type { TeamHistoryEntry } from "../team-state.js";
import { findAddressees, lastReplyTo, lastResponderTo } from "./perceive.js";

let n = 0;
const entry = (authorId: string, extra: Partial<TeamHistoryEntry> = {}): TeamHistoryEntry => ({
  id: `h${++n}`,
  authorId,
  authorKind: ["tutor", "reviewer"].includes(authorId) ? "agent" : "person",
  authorName: authorId.toUpperCase(),
  text: `${authorId} says ${n}`,
  createdAt: new Date(Date.UTC(2026, 0, 1, 9, n)).toISOString(),
  ...extra,
});
const message = { id: "now", text: "my question", createdAt: "2026-01-01T10:00:00.000Z" };
const person = { id: "ada", name: "Ada" };

describe("findAddressees", () => {
  it("in a team channel, answers everyone who wrote since the last agent message, in order", () => {
    const history = [entry("carol"), entry("tutor"), entry("bob"), entry("ada"), entry("bob")];
    const addressees = findAddressees({ history, person, message, channelKind: "team" });
    expect(addressees.map((a) => [a.id, a.messages.map((m) => m.text)])).toEqual([
      ["bob", [history[2]?.text, history[4]?.text]],
      ["ada", [history[3]?.text, "my question"]],
    ]);
  });

  it("always includes the person who started the turn, last when they had not written yet", () => {
    const addressees = findAddressees({ history: [entry("bob")], person, message, channelKind: "team" });
    expect(addressees.map((a) => a.id)).toEqual(["bob", "ada"]);
    expect(findAddressees({ history: [], person, message, channelKind: "team" })).toEqual([
      { ...person, messages: [message] },
    ]);
  });

  it("in a direct channel, answers only the person, with their messages still waiting", () => {
    const history = [entry("tutor"), entry("ada"), entry("bob")];
    const addressees = findAddressees({ history, person, message, channelKind: "direct" });
    expect(addressees.map((a) => [a.id, a.messages.length])).toEqual([["ada", 2]]);
  });
});

describe("lastReplyTo", () => {
  it("finds the agent that last answered one of the person's messages, and when that message was sent", () => {
    const ada1 = entry("ada");
    const bob1 = entry("bob");
    const history = [
      ada1,
      entry("tutor", { replyTo: ada1.id }),
      bob1,
      entry("reviewer", { replyTo: bob1.id }),
      entry("ghost", { authorKind: "agent", replyTo: ada1.id }),
    ];
    const agentIds = new Set(["tutor", "reviewer"]);
    expect(lastReplyTo({ history, personId: "ada", agentIds })).toEqual({
      agentId: "tutor",
      answeredAt: ada1.createdAt,
    });
    expect(lastResponderTo({ history, personId: "bob", agentIds })).toBe("reviewer");
    expect(lastResponderTo({ history, personId: "carol", agentIds })).toBeUndefined();
  });
});

import { describe, expect, it } from "vitest";
import { createLoadBoard } from "./load-board.js";

const T0 = Date.parse("2026-03-01T09:00:00.000Z");
const at = (minutes: number) => new Date(T0 + minutes * 60_000).toISOString();
const ws = "acme";

describe("createLoadBoard", () => {
  it("counts open turns and decays recent work with its half-life", () => {
    const board = createLoadBoard({ halfLifeMinutes: 30, capacity: 4 });
    expect(board.load({ workspaceId: ws, agentId: "tutor", at: at(0) })).toEqual({ open: 0, recent: 0, score: 0 });
    for (let i = 0; i < 4; i++) board.assign({ workspaceId: ws, agentId: "tutor", turnId: `r${i}`, at: at(0) });
    const busy = board.load({ workspaceId: ws, agentId: "tutor", at: at(0) });
    expect(busy).toMatchObject({ open: 4, recent: 4 });
    // pressure = open + recent / 2 = 6 against a capacity of 4.
    expect(busy.score).toBeCloseTo(6 / 10);
    for (let i = 0; i < 4; i++) board.finish({ workspaceId: ws, agentId: "tutor", turnId: `r${i}`, at: at(0) });
    const later = board.load({ workspaceId: ws, agentId: "tutor", at: at(30) });
    expect(later.open).toBe(0);
    expect(later.recent).toBeCloseTo(2);
    expect(later.score).toBeLessThan(busy.score);
  });

  it("keeps workspaces and agents apart", () => {
    const board = createLoadBoard();
    board.assign({ workspaceId: "a", agentId: "tutor", turnId: "r1", at: at(0) });
    expect(board.load({ workspaceId: "b", agentId: "tutor", at: at(0) }).open).toBe(0);
    expect(board.load({ workspaceId: "a", agentId: "ops", at: at(0) }).open).toBe(0);
    expect(board.load({ workspaceId: "a", agentId: "tutor", at: at(0) }).open).toBe(1);
  });

  it("ignores a turn assigned twice (a retried node) and a finish it never saw", () => {
    const board = createLoadBoard();
    board.assign({ workspaceId: ws, agentId: "tutor", turnId: "r1", at: at(0) });
    board.assign({ workspaceId: ws, agentId: "tutor", turnId: "r1", at: at(0) });
    board.finish({ workspaceId: ws, agentId: "tutor", turnId: "nope", at: at(0) });
    board.finish({ workspaceId: "elsewhere", agentId: "tutor", turnId: "r1", at: at(0) });
    expect(board.load({ workspaceId: ws, agentId: "tutor", at: at(0) })).toMatchObject({ open: 1, recent: 1 });
  });

  it("drops turns left open longer than the timeout (a process died mid-turn)", () => {
    const board = createLoadBoard({ openTimeoutMs: 5 * 60_000 });
    board.assign({ workspaceId: ws, agentId: "tutor", turnId: "r1", at: at(0) });
    expect(board.load({ workspaceId: ws, agentId: "tutor", at: at(4) }).open).toBe(1);
    expect(board.load({ workspaceId: ws, agentId: "tutor", at: at(6) }).open).toBe(0);
  });

  it("forgets the idlest workspace beyond its bound", () => {
    const board = createLoadBoard({ maxWorkspaces: 2 });
    for (const w of ["a", "b", "c"]) board.assign({ workspaceId: w, agentId: "tutor", turnId: "r1", at: at(0) });
    expect(board.load({ workspaceId: "a", agentId: "tutor", at: at(0) }).open).toBe(0);
    expect(board.load({ workspaceId: "c", agentId: "tutor", at: at(0) }).open).toBe(1);
  });

  it("rejects bad times and options with typed errors", () => {
    const board = createLoadBoard();
    expect(() => board.assign({ workspaceId: ws, agentId: "tutor", turnId: "r1", at: "yesterday" })).toThrow(
      expect.objectContaining({ code: "invalid-payload" }),
    );
    expect(() => createLoadBoard({ capacity: 0 })).toThrow(expect.objectContaining({ code: "config-invalid" }));
  });
});

import { AttuneError, type ErrorCode } from "@attune/model";
import { describe, expect, it } from "vitest";
import { createWitnessLog, type WitnessEvent, type WitnessLog } from "./index.js";

function errorOf(fn: () => unknown): AttuneError {
  try {
    fn();
  } catch (error) {
    if (AttuneError.is(error)) return error;
    throw error;
  }
  throw new Error("expected an AttuneError, nothing was thrown");
}

const expectCode = (fn: () => unknown, code: ErrorCode) => expect(errorOf(fn).code).toBe(code);

/** Sally–Anne: Sally leaves, Anne moves the marble. */
function sallyAnne(options: { revealOnEnter?: boolean; sallyReturns?: boolean } = {}): WitnessLog {
  const events: WitnessEvent[] = [
    { kind: "enter", actor: "sally", place: "room" },
    { kind: "enter", actor: "anne", place: "room" },
    { kind: "put", item: "marble", container: "basket", actor: "sally" },
    { kind: "exit", actor: "sally" },
    { kind: "move", actor: "anne", item: "marble", container: "box" },
  ];
  if (options.sallyReturns) events.push({ kind: "enter", actor: "sally", place: "room" });
  return createWitnessLog({ revealOnEnter: options.revealOnEnter ?? false, events });
}

const value = (log: WitnessLog, key: string, perspective: string[]) => log.belief({ key, perspective })?.value;

describe("reality, first and second order", () => {
  it("separates where the item is from where each one believes it is", () => {
    const log = sallyAnne();
    expect(log.actual({ key: "marble" })?.value).toBe("box");
    expect(log.history({ key: "marble" }).map((b) => b.value)).toEqual(["basket", "box"]);
    expect(value(log, "marble", ["sally"])).toBe("basket");
    expect(value(log, "marble", ["anne"])).toBe("box");
    // Anne saw Sally leave before the move; Sally saw neither the move nor anything after it.
    expect(value(log, "marble", ["anne", "sally"])).toBe("basket");
    expect(value(log, "marble", ["sally", "anne"])).toBe("basket");
  });

  it("records who witnessed each event from presence", () => {
    const log = sallyAnne();
    expect(log.events.map((e) => e.witnessedBy)).toEqual([
      ["sally"],
      ["anne", "sally"],
      ["anne", "sally"],
      ["anne", "sally"],
      ["anne"],
    ]);
    expect(log.events[4]?.where).toBe("room");
  });

  it("keeps a returning actor in the dark unless items are in plain sight", () => {
    const closed = sallyAnne({ sallyReturns: true });
    expect(value(closed, "marble", ["sally"])).toBe("basket");
    expect(value(closed, "marble", ["anne", "sally"])).toBe("basket");

    const open = sallyAnne({ sallyReturns: true, revealOnEnter: true });
    expect(value(open, "marble", ["sally"])).toBe("box");
    // Both were in the room when Sally came back: each knows the other sees the box.
    expect(value(open, "marble", ["anne", "sally"])).toBe("box");
    expect(value(open, "marble", ["sally", "anne"])).toBe("box");
    expect(open.belief({ key: "marble", perspective: ["sally"] })).toEqual({
      key: "marble",
      value: "box",
      setBy: 4,
      learnedAt: 5,
    });
  });

  it("does not let someone who left see what happens in the room afterwards, even in plain sight", () => {
    const log = createWitnessLog({
      revealOnEnter: true,
      events: [
        { kind: "enter", actor: "ana", place: "lab" },
        { kind: "enter", actor: "ben", place: "lab" },
        { kind: "put", item: "key", container: "drawer", place: "lab" },
        { kind: "exit", actor: "ben" },
        { kind: "enter", actor: "ben", place: "hall" },
        { kind: "move", actor: "ana", item: "key", container: "shelf" },
      ],
    });
    expect(value(log, "key", ["ben"])).toBe("drawer");
    expect(value(log, "key", ["ana", "ben"])).toBe("drawer");
  });

  it("tracks second-order beliefs when the observer leaves first", () => {
    const log = createWitnessLog({
      events: [
        { kind: "enter", actor: "ana", place: "room" },
        { kind: "enter", actor: "ben", place: "room" },
        { kind: "put", item: "ball", container: "bag", place: "room" },
        { kind: "exit", actor: "ana" },
        { kind: "move", actor: "ben", item: "ball", container: "box" },
        { kind: "exit", actor: "ben" },
      ],
    });
    expect(value(log, "ball", ["ana"])).toBe("bag");
    expect(value(log, "ball", ["ben"])).toBe("box");
    expect(value(log, "ball", ["ben", "ana"])).toBe("bag");
    // Ana left before the move: as far as she knows, Ben still thinks what she thinks.
    expect(value(log, "ball", ["ana", "ben"])).toBe("bag");
    expect(log.placeOf({ actor: "ben", perspective: ["ana"] })).toBe("room");
    expect(log.placeOf({ actor: "ben" })).toBeUndefined();
    expect(log.presentAt({ place: "room", perspective: ["ana"] })).toEqual(["ben"]);
    expect(log.presentAt({ place: "room" })).toEqual([]);
  });

  it("nests to any depth with the same rule", () => {
    const log = createWitnessLog({
      events: [
        { kind: "enter", actor: "a", place: "p" },
        { kind: "enter", actor: "b", place: "p" },
        { kind: "enter", actor: "c", place: "p" },
        { kind: "put", item: "x", container: "one", place: "p" },
        { kind: "exit", actor: "c" },
        { kind: "move", actor: "a", item: "x", container: "two" },
        { kind: "exit", actor: "b" },
        { kind: "move", actor: "a", item: "x", container: "three" },
      ],
    });
    expect(value(log, "x", ["a"])).toBe("three");
    expect(value(log, "x", ["a", "b"])).toBe("two");
    expect(value(log, "x", ["a", "b", "c"])).toBe("one");
    expect(value(log, "x", ["b", "a"])).toBe("two");
    expect(value(log, "x", ["b", "a", "c"])).toBe("one");
    expect(value(log, "x", ["c", "a", "b"])).toBe("one");
  });

  it("treats entering another place as leaving the first, seen by those left behind", () => {
    const log = createWitnessLog({
      events: [
        { kind: "enter", actor: "ana", place: "kitchen" },
        { kind: "enter", actor: "ben", place: "kitchen" },
        { kind: "enter", actor: "ben", place: "garden" },
        { kind: "put", item: "cup", container: "sink", place: "kitchen" },
      ],
    });
    expect(log.events[2]?.from).toBe("kitchen");
    expect(log.events[2]?.witnessedBy).toEqual(["ana", "ben"]);
    expect(log.placeOf({ actor: "ben", perspective: ["ana"] })).toBe("garden");
    expect(log.belief({ key: "cup", perspective: ["ben"] })).toBeUndefined();
    expect(log.belief({ key: "cup", perspective: ["ana", "ben"] })).toBeUndefined();
  });

  it("answers as of an earlier moment", () => {
    const log = sallyAnne();
    expect(log.actual({ key: "marble", asOf: 3 })?.value).toBe("basket");
    expect(log.actual({ key: "marble", asOf: 1 })).toBeUndefined();
    expect(log.placeOf({ actor: "sally", asOf: 2 })).toBe("room");
    expect(log.placeOf({ actor: "sally" })).toBeUndefined();
  });
});

describe("team decisions and catch-up", () => {
  const t = (minute: number) => new Date(Date.UTC(2026, 0, 5, 9, minute)).toISOString();

  function standup(): WitnessLog {
    const log = createWitnessLog();
    log.record({ kind: "enter", actor: "ana", place: "standup", at: t(0) });
    log.record({ kind: "enter", actor: "ben", place: "standup", at: t(1) });
    log.record({ kind: "enter", actor: "cy", place: "standup", at: t(1) });
    log.record({ kind: "announce", actor: "ana", topic: "deadline", value: "Friday", at: t(2) });
    log.record({ kind: "exit", actor: "ben", at: t(5) });
    log.record({ kind: "announce", actor: "ana", topic: "deadline", value: "Monday", at: t(6) });
    log.record({ kind: "announce", actor: "cy", topic: "owner", value: "cy owns the migration", at: t(7) });
    log.record({ kind: "exit", actor: "cy", at: t(8) });
    log.record({ kind: "announce", actor: "ana", topic: "deadline", value: "Tuesday", at: t(9) });
    return log;
  }

  it("knows who missed which decision", () => {
    const log = standup();
    expect(log.actual({ key: "deadline" })?.value).toBe("Tuesday");
    expect(value(log, "deadline", ["ben"])).toBe("Friday");
    expect(value(log, "deadline", ["cy"])).toBe("Monday");
    expect(value(log, "deadline", ["ana", "ben"])).toBe("Friday");
    expect(value(log, "deadline", ["ben", "cy"])).toBe("Friday");

    const ben = log.outdated({ actor: "ben" });
    expect(ben.map((o) => [o.key, o.believed?.value, o.current.value])).toEqual([
      ["owner", undefined, "cy owns the migration"],
      ["deadline", "Friday", "Tuesday"],
    ]);
    expect(ben.find((o) => o.key === "deadline")?.missed.map((e) => e.seq)).toEqual([5, 8]);
    expect(log.outdated({ actor: "cy" }).map((o) => o.key)).toEqual(["deadline"]);
    expect(log.outdated({ actor: "ana" })).toEqual([]);
  });

  it("lists what a member missed since a moment, by seq or timestamp, filtered by kind", () => {
    const log = standup();
    const left = log.events.findLast((e) => e.kind === "exit" && e.actor === "ben")?.seq;
    expect(left).toBe(4);
    expect(log.missed({ actor: "ben", since: left, kinds: ["announce"] }).map((e) => e.seq)).toEqual([5, 6, 8]);
    expect(log.missed({ actor: "ben", since: t(6), kinds: ["announce"] }).map((e) => e.seq)).toEqual([6, 8]);
    expect(log.missed({ actor: "ben", since: t(6), until: t(7) }).map((e) => e.seq)).toEqual([6]);
    expect(log.missed({ actor: "cy" }).map((e) => e.seq)).toEqual([0, 1, 8]);
    expect(log.missed({ actor: "cy", since: 2 }).map((e) => e.seq)).toEqual([8]);
    // Ben was not there for Ana's arrival either: events before he joined count as missed.
    expect(log.missed({ actor: "ben", until: 1 }).map((e) => e.seq)).toEqual([0]);
  });

  it("answers what one member thinks another missed", () => {
    const log = standup();
    // Cy left before the last change, so she only knows Ben missed Monday and the owner decision.
    expect(log.missed({ actor: "ben", according: ["cy"], kinds: ["announce"] }).map((e) => e.seq)).toEqual([5, 6]);
    expect(log.outdated({ actor: "ben", according: ["cy"] }).map((o) => [o.key, o.current.value])).toEqual([
      ["deadline", "Monday"],
      ["owner", "cy owns the migration"],
    ]);
  });

  it("uses an explicit audience instead of presence", () => {
    const log = standup();
    log.record({
      kind: "announce",
      actor: "ana",
      topic: "deadline",
      value: "Wednesday",
      witnesses: ["ben"],
      at: t(20),
    });
    expect(log.events.at(-1)?.witnessedBy).toEqual(["ana", "ben"]);
    expect(value(log, "deadline", ["ben"])).toBe("Wednesday");
    expect(value(log, "deadline", ["cy"])).toBe("Monday");
    expect(value(log, "deadline", ["ben", "ana"])).toBe("Wednesday");
    expect(value(log, "deadline", ["ben", "cy"])).toBe("Friday");
    expect(log.outdated({ actor: "ben" })).toHaveLength(1);
  });

  it("answers as of a timestamp", () => {
    const log = standup();
    expect(log.actual({ key: "deadline", asOf: t(7) })?.value).toBe("Monday");
    expect(log.actual({ key: "deadline", asOf: t(0) })).toBeUndefined();
    expect(value(log, "deadline", ["ben"])).toBe(
      log.belief({ key: "deadline", perspective: ["ben"], asOf: t(30) })?.value,
    );
    expect(log.actors).toEqual(["ana", "ben", "cy"]);
    expect(log.keys).toEqual(["deadline", "owner"]);
  });
});

describe("bad input", () => {
  it("rejects malformed events with invalid-payload and the issues", () => {
    const log = createWitnessLog();
    const error = errorOf(() => log.record({ kind: "enter", actor: "", place: "room" }));
    expect(error.code).toBe("invalid-payload");
    expect(error.details).toEqual(expect.arrayContaining([expect.objectContaining({ path: "actor" })]));
    expect(error.message).toContain("actor");
    expectCode(() => log.record({ kind: "teleport" } as unknown as WitnessEvent), "invalid-payload");
    expectCode(() => log.record({ kind: "enter", actor: "a b", place: "room" }), "invalid-payload");
    expectCode(() => log.record({ kind: "enter", actor: "ana", place: "room", at: "yesterday" }), "invalid-payload");
    expectCode(
      () => log.record({ kind: "enter", actor: "ana", place: "room", extra: 1 } as unknown as WitnessEvent),
      "invalid-payload",
    );
    expectCode(() => log.record({ kind: "put", item: "cup", container: "sink" }), "invalid-payload");
    expect(log.events).toHaveLength(0);
  });

  it("rejects events that contradict the log with conflict, leaving the log unchanged", () => {
    const log = createWitnessLog();
    expectCode(() => log.record({ kind: "exit", actor: "ana" }), "conflict");
    log.record({ kind: "enter", actor: "ana", place: "room", at: "2026-01-05T10:00:00Z" });
    expectCode(() => log.record({ kind: "exit", actor: "ana", place: "hall" }), "conflict");
    expectCode(() => log.record({ kind: "move", actor: "ben", item: "cup", container: "sink" }), "conflict");
    expectCode(
      () => log.record({ kind: "enter", actor: "ben", place: "room", at: "2026-01-05T09:00:00Z" }),
      "conflict",
    );
    log.record({ kind: "put", item: "cup", container: "sink", actor: "ana" });
    expectCode(() => log.record({ kind: "announce", topic: "cup", value: "x", place: "room" }), "conflict");
    expect(log.events).toHaveLength(2);
    expect(log.actors).toEqual(["ana"]);
  });

  it("rejects bad queries with invalid-payload and unknown names with not-found", () => {
    const log = sallyAnne();
    expectCode(() => log.belief({ key: "marble", perspective: [] }), "invalid-payload");
    expectCode(() => log.belief({ key: "marble", perspective: Array(9).fill("anne") }), "invalid-payload");
    expectCode(() => log.actual({ key: "marble", asOf: 99 }), "invalid-payload");
    expectCode(() => log.actual({ key: "marble", asOf: 1.5 }), "invalid-payload");
    expectCode(() => log.actual({ key: "marble", asOf: "2026-01-05T10:00:00Z" }), "invalid-payload");
    expectCode(() => log.missed({ actor: "sally", kinds: [] }), "invalid-payload");
    expectCode(() => log.belief({ key: "marble", perspective: ["zoe"] }), "not-found");
    expectCode(() => log.belief({ key: "spoon", perspective: ["sally"] }), "not-found");
    expectCode(() => log.missed({ actor: "zoe" }), "not-found");
    expectCode(() => log.outdated({ actor: "sally", according: ["zoe"] }), "not-found");
    const error = errorOf(() => log.belief({ key: "spoon", perspective: ["sally"] }));
    expect(error).toBeInstanceOf(AttuneError);
    expect(error.retryable).toBe(false);
    expect(error.message).toContain("spoon");
  });
});

describe("the log", () => {
  it("replays the same events to the same answers, and keeps recorded events immutable", () => {
    const a = sallyAnne({ sallyReturns: true });
    const b = createWitnessLog();
    for (const e of a.events) {
      const { seq: _seq, where: _where, from: _from, witnessedBy: _by, ...event } = e;
      b.record(event as WitnessEvent);
    }
    expect(b.events).toEqual(a.events);
    expect(Object.isFrozen(a.events[0])).toBe(true);
    expect(Object.isFrozen(a.events[0]?.witnessedBy)).toBe(true);
  });

  it("updates cached perspectives as the log grows", () => {
    const log = sallyAnne();
    expect(value(log, "marble", ["anne", "sally"])).toBe("basket");
    log.record({ kind: "enter", actor: "sally", place: "room" });
    log.record({ kind: "move", actor: "anne", item: "marble", container: "bag" });
    expect(value(log, "marble", ["anne", "sally"])).toBe("bag");
    expect(value(log, "marble", ["sally"])).toBe("bag");
  });
});

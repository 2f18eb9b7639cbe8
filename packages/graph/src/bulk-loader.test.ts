import { AttuneError } from "@attune/model";
import { describe, expect, it } from "vitest";
import {
  BulkBeliefSchema,
  type BulkLoaderOptions,
  type BulkProgress,
  type BulkRowErrorDetails,
  createBulkLoader,
} from "./bulk-loader.js";
import type { GraphConnection } from "./connection.js";

const T = "2026-01-01T00:00:00.000Z";

interface Call {
  cypher: string;
  params: Record<string, unknown>;
}

/**
 * A connection that records statements and answers like the loader's statements do: every row written,
 * unless `answer` says otherwise. `delayMs` keeps batches in flight to observe concurrency.
 */
function fakeConnection(
  options: {
    answer?: (call: Call) => { written: number; cut: number; problem: string | null } | undefined;
    delayMs?: number;
  } = {},
) {
  const calls: Call[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const active: Call[] = [];
  const overlaps: [Call, Call][] = [];
  const connection = {
    driver: {} as GraphConnection["driver"],
    database: undefined,
    async close() {},
    async query(cypher: string, params: Record<string, unknown> = {}) {
      const call = { cypher, params };
      calls.push(call);
      for (const other of active) overlaps.push([other, call]);
      active.push(call);
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await new Promise((resolve) => setTimeout(resolve, options.delayMs ?? 0));
      inFlight -= 1;
      active.splice(active.indexOf(call), 1);
      const size = (params.size as number | undefined) ?? 0;
      const result = (Array.isArray(params.rows) ? options.answer?.(call) : undefined) ?? {
        written: size,
        cut: size,
        problem: null,
      };
      return {
        records: [{ get: (key: string) => (result as Record<string, unknown>)[key] }],
        summary: {},
        keys: [],
      } as unknown as Awaited<ReturnType<GraphConnection["query"]>>;
    },
  } satisfies GraphConnection;
  const batches = () => calls.filter((c) => Array.isArray(c.params.rows));
  return { connection, calls, batches, overlaps, maxInFlight: () => maxInFlight };
}

const loader = (connection: GraphConnection, options: Partial<BulkLoaderOptions> = {}) =>
  createBulkLoader({ connection, workspaceId: "ws1", batchSize: 3, now: T, ...options });

const person = (i: number) => ({ id: `p${i}`, name: `Person ${i}` });

async function rejection(promise: Promise<unknown>): Promise<AttuneError & { details: BulkRowErrorDetails }> {
  try {
    await promise;
  } catch (error) {
    expect(AttuneError.is(error)).toBe(true);
    return error as AttuneError & { details: BulkRowErrorDetails };
  }
  throw new Error("expected a rejection");
}

describe("createBulkLoader: options", () => {
  it("rejects an invalid workspace id, batch size or concurrency before any query", () => {
    const { connection, calls } = fakeConnection();
    expect(() => createBulkLoader({ connection, workspaceId: "a b" })).toThrow(/workspaceId/);
    expect(() => createBulkLoader({ connection, workspaceId: "ws", batchSize: 0 })).toThrow(
      expect.objectContaining({ code: "config-invalid" }),
    );
    expect(() => createBulkLoader({ connection, workspaceId: "ws", concurrency: 1.5 })).toThrow(
      expect.objectContaining({ code: "config-invalid" }),
    );
    expect(() => createBulkLoader({ connection, workspaceId: "ws", now: "today" })).toThrow(
      expect.objectContaining({ code: "config-invalid" }),
    );
    expect(calls).toHaveLength(0);
  });
});

describe("createBulkLoader: batching and progress", () => {
  it("sends rows in batches of batchSize, after creating the workspace once, and reports progress", async () => {
    const fake = fakeConnection();
    const progress: BulkProgress[] = [];
    const bulk = loader(fake.connection, { concurrency: 1, onProgress: (p) => progress.push(p) });
    const result = await bulk.loadPersons(Array.from({ length: 7 }, (_, i) => person(i)));
    await bulk.loadTopics([{ id: "databases", name: "databases" }]);

    expect(fake.calls.filter((c) => c.cypher.includes("MERGE (w:Workspace"))).toHaveLength(1);
    expect(fake.batches().map((c) => (c.params.rows as unknown[]).length)).toEqual([3, 3, 1, 1]);
    expect(fake.batches().every((c) => c.params.ws === "ws1")).toBe(true);
    expect(result).toMatchObject({ kind: "persons", rows: 7, batches: 3 });
    expect(progress.filter((p) => p.kind === "persons").map((p) => [p.done, p.total])).toEqual([
      [3, 7],
      [6, 7],
      [7, 7],
    ]);
    expect(progress[0]?.rowsPerSecond).toBeGreaterThan(0);
  });

  it("fills defaults (createdAt from `now`, nulls for absent fields) and strips nothing it needs", async () => {
    const fake = fakeConnection();
    await loader(fake.connection).loadPersons([{ id: "ada", name: "Ada", availability: 0.4 }]);
    expect(fake.batches()[0]?.params.rows).toEqual([
      { id: "ada", name: "Ada", createdAt: T, lastSeenAt: null, availability: 0.4, timezone: null },
    ]);
  });

  it("accepts generators and async iterables, using `total` for progress", async () => {
    const fake = fakeConnection();
    const seen: (number | undefined)[] = [];
    const bulk = loader(fake.connection, { onProgress: (p) => seen.push(p.total) });
    async function* rows() {
      for (let i = 0; i < 4; i++) yield person(i);
    }
    expect((await bulk.loadPersons(rows(), { total: 4 })).rows).toBe(4);
    expect(seen).toEqual([4, 4]);
  });

  it("groups belief rows by mind and keeps a subject's consecutive rows in one batch", async () => {
    const fake = fakeConnection();
    const belief = (subjectId: string, topicId: string, observerId = "agent") => ({
      id: `b-${observerId}-${subjectId}-${topicId}`,
      observerId,
      subjectId,
      topicId,
      distribution: { alpha: 3, beta: 1 },
      confidence: 0.5,
      validFrom: T,
    });
    await loader(fake.connection, { batchSize: 2 }).loadBeliefs([
      belief("ada", "sql"),
      belief("ada", "k8s"),
      belief("ada", "rust", "other"), // same subject: stays in the first batch although it is full
      belief("bob", "sql"),
    ]);
    const [first, second] = fake.batches();
    expect(first?.params.size).toBe(3);
    expect(first?.params.rows).toMatchObject([
      { mindId: "agent~ada", beliefs: [{ i: 0, props: { key: "sql", mean: 0.75 } }, { i: 1 }] },
      { mindId: "other~ada", beliefs: [{ i: 2, topicId: "rust", shareable: false }] },
    ]);
    expect(second?.params.rows).toMatchObject([{ mindId: "agent~bob", beliefs: [{ i: 0 }] }]);
  });

  it("never runs two batches that write the same edge at once, but runs others concurrently", async () => {
    const fake = fakeConnection({ delayMs: 5 });
    const pair = (fromId: string, toId: string) => ({ fromId, toId, level: 0.5, updatedAt: T });
    await loader(fake.connection, { batchSize: 1, concurrency: 4 }).loadTrusts([
      pair("a", "b"),
      pair("c", "d"),
      pair("a", "b"), // same edge as the first batch: must wait for it
      pair("e", "f"),
    ]);
    const rowsOf = (c: Call) => JSON.stringify((c.params.rows as { fromId: string }[]).map((r) => r.fromId));
    const same = fake.overlaps.filter(([x, y]) => rowsOf(x) === rowsOf(y) && x.params.rows && y.params.rows);
    expect(same).toEqual([]);
    expect(fake.maxInFlight()).toBeGreaterThan(1);
  });
});

describe("createBulkLoader: refreshStatistics", () => {
  it("asks Neo4j to resample indexes and replan, with an integer timeout", async () => {
    const fake = fakeConnection();
    await loader(fake.connection).refreshStatistics({ timeoutSeconds: 60 });
    expect(fake.calls).toHaveLength(1);
    expect(fake.calls[0]?.cypher).toContain("db.prepareForReplanning");
    expect(String(fake.calls[0]?.params.seconds)).toBe("60");
    await expect(loader(fake.connection).refreshStatistics({ timeoutSeconds: 0 })).rejects.toMatchObject({
      code: "config-invalid",
    });
  });
});

describe("createBulkLoader: bad rows", () => {
  it("stores the rows before an invalid row, then throws invalid-payload with its index and issues", async () => {
    const fake = fakeConnection();
    const rows: unknown[] = [person(0), person(1), person(2), person(3), { id: "p4" }, person(5)];
    const error = await rejection(loader(fake.connection).loadPersons(rows as never));
    expect(error.code).toBe("invalid-payload");
    expect(error.details).toMatchObject({ kind: "persons", index: 4, committed: 4 });
    expect(error.details.issues?.[0]?.path).toBe("name");
    // Rows 0..3 were sent (a full batch and the valid part of the next one); row 5 never was.
    expect(fake.batches().flatMap((c) => (c.params.rows as { id: string }[]).map((r) => r.id))).toEqual([
      "p0",
      "p1",
      "p2",
      "p3",
    ]);
  });

  it.each([
    ["an id with spaces", { id: "p 1", name: "x" }, "id"],
    ["an unknown field", { id: "p1", name: "x", nmae: "typo" }, ""],
    ["availability above 1", { id: "p1", name: "x", availability: 1.5 }, "availability"],
    ["a bad timestamp", { id: "p1", name: "x", lastSeenAt: "yesterday" }, "lastSeenAt"],
    ["another workspace", { id: "p1", name: "x", workspaceId: "ws2" }, "workspaceId"],
  ])("rejects a person with %s", async (_, row, path) => {
    const fake = fakeConnection();
    const error = await rejection(loader(fake.connection).loadPersons([row as never]));
    expect(error).toMatchObject({ code: "invalid-payload", details: { index: 0, committed: 0 } });
    expect(error.details.issues?.[0]?.path).toBe(path);
    expect(fake.batches()).toHaveLength(0);
  });

  it("rejects relationships to oneself, negative counts and out-of-range strengths", async () => {
    const fake = fakeConnection();
    const bulk = loader(fake.connection);
    const base = { fromId: "a", toId: "b", strength: 0.5, lastAt: T, count: 2 };
    for (const row of [
      { ...base, toId: "a" },
      { ...base, count: -1 },
      { ...base, count: 1.5 },
      { ...base, strength: 2 },
    ]) {
      await expect(bulk.loadCollaborations([row])).rejects.toMatchObject({ code: "invalid-payload" });
    }
    await expect(
      bulk.loadHelped([{ fromId: "a", toId: "b", topic: "no topic", count: 1, lastAt: T }]),
    ).rejects.toMatchObject({ code: "invalid-payload" });
    expect(fake.batches()).toHaveLength(0);
  });

  it("validates beliefs: topic for knowledge only, key = topic, observer ≠ subject, Beta > 0", () => {
    const base = {
      id: "b1",
      observerId: "agent",
      subjectId: "ada",
      distribution: { alpha: 2, beta: 1 },
      confidence: 0.2,
      validFrom: T,
    };
    const ok = (row: object) => BulkBeliefSchema.safeParse(row).success;
    expect(ok({ ...base, topicId: "sql" })).toBe(true);
    expect(ok({ ...base, topicId: "sql", key: "sql", visibility: "team", shareable: true })).toBe(true);
    expect(ok({ ...base, dimension: "preference", key: "examples" })).toBe(true);
    expect(ok(base)).toBe(false); // knowledge without a topic
    expect(ok({ ...base, topicId: "sql", key: "rust" })).toBe(false);
    expect(ok({ ...base, dimension: "state", key: "rushed", topicId: "sql" })).toBe(false);
    expect(ok({ ...base, dimension: "state" })).toBe(false); // no key
    expect(ok({ ...base, topicId: "sql", subjectId: "agent" })).toBe(false);
    expect(ok({ ...base, topicId: "sql", distribution: { alpha: 0, beta: 1 } })).toBe(false);
    expect(ok({ ...base, topicId: "sql", visibility: "public" })).toBe(false);
  });

  it("turns a row the database rejects into not-found / conflict at that row's input index", async () => {
    // Second batch (rows 3..5): its row 1 (input row 4) names a missing actor.
    const fake = fakeConnection({
      answer: (call) =>
        (call.params.rows as { fromId: string }[])[0]?.fromId === "p3"
          ? { written: 1, cut: 1, problem: "toId" }
          : undefined,
    });
    const rows = Array.from({ length: 8 }, (_, i) => ({ fromId: `p${i}`, toId: `q${i}`, level: 0.1, updatedAt: T }));
    const error = await rejection(loader(fake.connection, { concurrency: 1 }).loadTrusts(rows));
    expect(error).toMatchObject({
      code: "not-found",
      details: { kind: "trusts", index: 4, committed: 4, field: "toId" },
    });
    expect(error.message).toMatch(/row 4/);

    const conflict = fakeConnection({ answer: () => ({ written: 0, cut: 0, problem: "id" }) });
    await expect(loader(conflict.connection).loadAgents([{ id: "ada", name: "Ada" }])).rejects.toMatchObject({
      code: "conflict",
      details: { index: 0, field: "id" },
    });
  });

  it("reports a failed batch with the first row it held, keeping earlier batches' count", async () => {
    const fake = fakeConnection({
      answer: (call) => {
        if ((call.params.rows as { id: string }[])[0]?.id === "p3") throw new Error("boom");
        return undefined;
      },
    });
    const error = await rejection(
      loader(fake.connection, { concurrency: 1 }).loadPersons(Array.from({ length: 9 }, (_, i) => person(i))),
    );
    expect(error).toMatchObject({ code: "internal", details: { index: 3, committed: 3 } });
    expect(error.cause).toBeInstanceOf(Error);
  });
});

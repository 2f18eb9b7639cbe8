import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { AttuneError } from "@attune/model";
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import { Command, END, interrupt, START, StateGraph, StateSchema } from "@langchain/langgraph";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { type AttuneCheckpointer, createCheckpointer } from "./checkpointer.js";

// `threadIds` and `pruneThread` are Attune's additions to LangGraph's saver interface; every kind the factory builds runs
// the same checks, against a real SQLite file and a real Postgres (PGlite over TCP).
let dir = "";
let pglite: PGlite | undefined;
let pgServer: PGLiteSocketServer | undefined;
let pgUrl = "";

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "attune-cp-threads-"));
  pglite = await PGlite.create();
  pgServer = new PGLiteSocketServer({ db: pglite, port: 0, host: "127.0.0.1", maxConnections: 8 });
  await pgServer.start();
  pgUrl = `postgresql://postgres:postgres@${pgServer.getServerConn()}/postgres`;
}, 60_000);

afterAll(async () => {
  await pgServer?.stop();
  await pglite?.close();
  await rm(dir, { recursive: true, force: true });
});

// Each test opens its own file or schema, so none sees another's threads.
let opened = 0;
const kinds: { kind: string; open: () => Promise<AttuneCheckpointer> }[] = [
  { kind: "memory", open: () => createCheckpointer({ kind: "memory" }) },
  { kind: "sqlite", open: () => createCheckpointer({ kind: "sqlite", path: join(dir, `${++opened}.sqlite`) }) },
  // Schema names that need quoting (upper case, a dash).
  {
    kind: "postgres",
    open: () => createCheckpointer({ kind: "postgres", url: pgUrl, schema: `Threads-${++opened}` }),
  },
];

function counter() {
  return new StateGraph(new StateSchema({ n: z.number().default(0) }))
    .addNode("step", (state: { n: number }) => ({ n: state.n + 1 }))
    .addEdge(START, "step")
    .addEdge("step", END);
}

/** Counts, then pauses for an answer: its pending writes must survive pruning. */
function asking() {
  return new StateGraph(new StateSchema({ n: z.number().default(0), answer: z.string().default("") }))
    .addNode("count", (state: { n: number }) => ({ n: state.n + 1 }))
    .addNode("ask", () => ({ answer: interrupt<string, string>("go on?") }))
    .addEdge(START, "count")
    .addEdge("count", "ask")
    .addEdge("ask", END);
}

async function checkpointIds(saver: AttuneCheckpointer, thread_id: string): Promise<string[]> {
  const ids: string[] = [];
  for await (const tuple of saver.list({ configurable: { thread_id } })) {
    ids.push(tuple.config.configurable?.checkpoint_id as string);
  }
  return ids; // newest first
}

describe.each(kinds)("AttuneCheckpointer.threadIds ($kind)", ({ open }) => {
  it("lists each thread once, sorted, by prefix, without reading a checkpoint", async () => {
    const saver = await open();
    try {
      // Before any run (SQLite and Postgres have no rows, SQLite not even its tables yet).
      expect(await saver.threadIds()).toEqual([]);

      const app = counter().compile({ checkpointer: saver });
      const threads = ["turn/acme/general/bob", "turn/acme/general/ada", "brainstorm/acme/q2", "turn/beta/general/ada"];
      for (const thread_id of threads) {
        // Two runs each: many checkpoints per thread, one id.
        await app.invoke({ n: 0 }, { configurable: { thread_id } });
        await app.invoke({ n: 0 }, { configurable: { thread_id } });
      }

      const list = vi.spyOn(saver, "list");
      const getTuple = vi.spyOn(saver, "getTuple");
      expect(await saver.threadIds()).toEqual([...threads].sort());
      expect(await saver.threadIds({ prefix: "turn/" })).toEqual([
        "turn/acme/general/ada",
        "turn/acme/general/bob",
        "turn/beta/general/ada",
      ]);
      expect(await saver.threadIds({ prefix: "turn/acme/general/a" })).toEqual(["turn/acme/general/ada"]);
      // The prefix is matched literally: SQL wildcards and quotes are just characters.
      expect(await saver.threadIds({ prefix: "turn%" })).toEqual([]);
      expect(await saver.threadIds({ prefix: "_urn/" })).toEqual([]);
      expect(await saver.threadIds({ prefix: "turn/' OR '1'='1" })).toEqual([]);
      expect(list).not.toHaveBeenCalled();
      expect(getTuple).not.toHaveBeenCalled();
      list.mockRestore();
      getTuple.mockRestore();

      await saver.deleteThread("turn/acme/general/bob");
      expect(await saver.threadIds({ prefix: "turn/acme/" })).toEqual(["turn/acme/general/ada"]);
      // What it lists is what LangGraph can resume.
      const state = await app.getState({ configurable: { thread_id: "turn/acme/general/ada" } });
      expect(state.values).toEqual({ n: 1 });
    } finally {
      await saver.close();
    }
  });
});

/** Postgres keeps channel values apart from checkpoints, one row per version: pruning must drop the unused ones. */
async function blobCount(saver: AttuneCheckpointer, threadId: string): Promise<number | undefined> {
  if (saver.kind !== "postgres") return undefined;
  const schema = (saver as unknown as { options: { schema: string } }).options.schema;
  const client = new pg.Client({ connectionString: pgUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string }>(
      `SELECT count(*) AS n FROM "${schema}".checkpoint_blobs WHERE thread_id = $1`,
      [threadId],
    );
    return Number(rows[0]?.n);
  } finally {
    await client.end();
  }
}

describe.each(kinds)("AttuneCheckpointer.pruneThread ($kind)", ({ open }) => {
  it("keeps the newest checkpoints of one thread, which resumes as before; other threads are untouched", async () => {
    const saver = await open();
    try {
      const app = counter().compile({ checkpointer: saver });
      const ada = { configurable: { thread_id: "prune/ada" } };
      const bob = { configurable: { thread_id: "prune/bob" } };
      for (let i = 0; i < 5; i++) await app.invoke({}, ada);
      for (let i = 0; i < 2; i++) await app.invoke({}, bob);
      const before = await checkpointIds(saver, "prune/ada");
      const bobBefore = await checkpointIds(saver, "prune/bob");
      expect(before.length).toBeGreaterThan(5);
      const state = (await app.getState(ada)).values;
      expect(state).toEqual({ n: 5 });

      const blobsBefore = await blobCount(saver, "prune/ada");
      expect(await saver.pruneThread({ threadId: "prune/ada", keep: 2 })).toBe(before.length - 2);
      if (saver.kind === "postgres") expect(await blobCount(saver, "prune/ada")).toBeLessThan(blobsBefore ?? 0);
      expect(await checkpointIds(saver, "prune/ada")).toEqual(before.slice(0, 2));
      expect((await app.getState(ada)).values).toEqual(state);
      expect(await checkpointIds(saver, "prune/bob")).toEqual(bobBefore);
      // Nothing left to prune; the default keeps only the newest.
      expect(await saver.pruneThread({ threadId: "prune/ada", keep: 2 })).toBe(0);
      expect(await saver.pruneThread({ threadId: "prune/ada" })).toBe(1);
      expect(await saver.pruneThread({ threadId: "prune/nobody" })).toBe(0);

      // The thread goes on from where it was.
      expect(await app.invoke({}, ada)).toEqual({ n: 6 });
    } finally {
      await saver.close();
    }
  });

  it("keeps a paused run's pending writes, so it resumes after pruning", async () => {
    const saver = await open();
    try {
      const app = asking().compile({ checkpointer: saver });
      const config = { configurable: { thread_id: "prune/paused" } };
      await app.invoke({}, config);
      await app.invoke(new Command({ resume: "first" }), config);
      await app.invoke({}, config); // pauses again, with n = 2
      expect((await app.getState(config)).next).toEqual(["ask"]);

      expect(await saver.pruneThread({ threadId: "prune/paused", keep: 1 })).toBeGreaterThan(0);
      const paused = await app.getState(config);
      expect(paused.next).toEqual(["ask"]);
      expect(paused.tasks[0]?.interrupts[0]?.value).toBe("go on?");
      expect(await app.invoke(new Command({ resume: "second" }), config)).toEqual({ n: 2, answer: "second" });
    } finally {
      await saver.close();
    }
  });

  it("refuses to keep fewer than one checkpoint", async () => {
    const saver = await open();
    try {
      for (const keep of [0, -1, 1.5, Number.NaN]) {
        const error = await saver.pruneThread({ threadId: "prune/ada", keep }).catch((e: unknown) => e);
        expect(AttuneError.is(error) && error.code === "invalid-payload", String(keep)).toBe(true);
      }
    } finally {
      await saver.close();
    }
  });
});

import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import { END, START, StateGraph, StateSchema } from "@langchain/langgraph";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { type AttuneCheckpointer, createCheckpointer } from "./checkpointer.js";

// `threadIds` is Attune's addition to LangGraph's saver interface; every kind the factory builds runs
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

const kinds: { kind: string; open: () => Promise<AttuneCheckpointer> }[] = [
  { kind: "memory", open: () => createCheckpointer({ kind: "memory" }) },
  { kind: "sqlite", open: () => createCheckpointer({ kind: "sqlite", path: join(dir, "threads.sqlite") }) },
  // A schema name that needs quoting (upper case, a dash).
  { kind: "postgres", open: () => createCheckpointer({ kind: "postgres", url: pgUrl, schema: "Threads-Test" }) },
];

function counter() {
  return new StateGraph(new StateSchema({ n: z.number().default(0) }))
    .addNode("step", (state: { n: number }) => ({ n: state.n + 1 }))
    .addEdge(START, "step")
    .addEdge("step", END);
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

import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import { type CheckpointSaverTestInitializer, validate } from "@langchain/langgraph-checkpoint-validation";
import pg from "pg";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type AttuneCheckpointer, createCheckpointer } from "./checkpointer.js";

// LangChain's own conformance suite (put, putWrites, getTuple, list, deleteThread) is written against
// Jest-style globals; our vitest config does not enable globals, so this file lends them.
Object.assign(globalThis, { describe, it, expect, beforeAll, afterAll, beforeEach, afterEach });

// The suite skips checks by checkpointer name for savers that upstream knows lack a feature (the
// SQLite saver stores no channel deltas), so each initializer is named after the package it wraps.
let sqliteDir = "";
let sqliteCount = 0;
const sqlite: CheckpointSaverTestInitializer<AttuneCheckpointer> = {
  checkpointerName: "@langchain/langgraph-checkpoint-sqlite",
  async beforeAll() {
    sqliteDir = await mkdtemp(join(tmpdir(), "attune-cp-sqlite-"));
  },
  async afterAll() {
    await rm(sqliteDir, { recursive: true, force: true });
  },
  // A fresh file per checkpointer keeps `list` results isolated; the nested directory checks that the
  // factory creates it.
  createCheckpointer: () =>
    createCheckpointer({ kind: "sqlite", path: join(sqliteDir, `run-${++sqliteCount}`, "checkpoints.sqlite") }),
  destroyCheckpointer: (checkpointer) => checkpointer.close(),
};

// A real Postgres (PGlite, the WASM build of Postgres) served over the wire protocol and reached
// through `pg`, exactly as a deployment would reach its database.
let pglite: PGlite | undefined;
let pgServer: PGLiteSocketServer | undefined;
let pgUrl = "";
let pgCount = 0;
const schemas = new Map<AttuneCheckpointer, string>();
const postgres: CheckpointSaverTestInitializer<AttuneCheckpointer> = {
  checkpointerName: "@langchain/langgraph-checkpoint-postgres",
  beforeAllTimeout: 60_000,
  async beforeAll() {
    pglite = await PGlite.create();
    pgServer = new PGLiteSocketServer({ db: pglite, port: 0, host: "127.0.0.1", maxConnections: 16 });
    await pgServer.start();
    pgUrl = `postgresql://postgres:postgres@${pgServer.getServerConn()}/postgres`;
  },
  async afterAll() {
    await pgServer?.stop();
    await pglite?.close();
  },
  // One schema per checkpointer: isolation without restarting the database.
  async createCheckpointer() {
    const schema = `conformance_${++pgCount}`;
    const checkpointer = await createCheckpointer({ kind: "postgres", url: pgUrl, schema, maxConnections: 4 });
    schemas.set(checkpointer, schema);
    return checkpointer;
  },
  async destroyCheckpointer(checkpointer) {
    await checkpointer.close();
    const client = new pg.Client({ connectionString: pgUrl });
    await client.connect();
    try {
      await client.query(`DROP SCHEMA IF EXISTS "${schemas.get(checkpointer)}" CASCADE`);
    } finally {
      await client.end();
    }
  },
};

validate(sqlite);
validate(postgres);

describe("the conformance targets", () => {
  it("are what the factory builds: a SQLite file and a real Postgres over TCP", async () => {
    const file = await createCheckpointer({ kind: "sqlite", path: join(sqliteDir, "probe", "c.sqlite") });
    expect(file.constructor.name).toBe("SqliteSaver");
    await file.close();
    const server = await createCheckpointer({ kind: "postgres", url: pgUrl, schema: "probe" });
    expect(server.constructor.name).toBe("PostgresSaver");
    expect(server.location).toMatch(/^postgresql:\/\/postgres:\*\*\*@127\.0\.0\.1:\d+\/postgres$/);
    const client = new pg.Client({ connectionString: pgUrl });
    await client.connect();
    const { rows } = await client.query<{ version: string }>("SELECT version()");
    await client.end();
    expect(rows[0]?.version).toMatch(/^PostgreSQL \d+/);
    await server.close();
  });
});

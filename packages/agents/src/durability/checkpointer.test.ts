import { existsSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { AttuneError } from "@attune/model";
import { END, MemorySaver, START, StateGraph } from "@langchain/langgraph";
import { SqliteSaver } from "@langchain/langgraph-checkpoint-sqlite";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { createCheckpointer } from "./checkpointer.js";

const counter = () =>
  new StateGraph(z.object({ n: z.number() }))
    .addNode("inc", (s) => ({ n: s.n + 1 }))
    .addEdge(START, "inc")
    .addEdge("inc", END);

describe("createCheckpointer", () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "attune-cp-"));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("defaults to SQLite at <dataDir>/checkpoints.sqlite, creating the directory", async () => {
    const dataDir = join(dir, "nested", "data");
    const checkpointer = await createCheckpointer({ env: { ATTUNE_DATA_DIR: dataDir } });
    expect(checkpointer).toBeInstanceOf(SqliteSaver);
    expect(checkpointer.kind).toBe("sqlite");
    expect(checkpointer.location).toBe(join(dataDir, "checkpoints.sqlite"));
    const app = counter().compile({ checkpointer });
    await app.invoke({ n: 1 }, { configurable: { thread_id: "t" } });
    expect(existsSync(join(dataDir, "checkpoints.sqlite"))).toBe(true);
    await checkpointer.close();
    await checkpointer.close(); // idempotent: shutdown paths may race
  });

  it("honours ATTUNE_CHECKPOINTER and ATTUNE_CHECKPOINT_PATH, and explicit options over both", async () => {
    const fromEnv = await createCheckpointer({ env: { ATTUNE_CHECKPOINTER: "memory" } });
    expect(fromEnv).toBeInstanceOf(MemorySaver);
    expect(fromEnv.location).toBe("memory");
    const path = join(dir, "cp.sqlite");
    const fromPath = await createCheckpointer({ env: { ATTUNE_CHECKPOINT_PATH: path } });
    expect(fromPath.location).toBe(path);
    await fromPath.close();
    const explicit = await createCheckpointer({ kind: "memory", env: { ATTUNE_CHECKPOINTER: "sqlite" } });
    expect(explicit.kind).toBe("memory");
  });

  it("keeps a thread's state in the file across saver instances", async () => {
    const path = join(dir, "cp.sqlite");
    const config = { configurable: { thread_id: "t" } };
    const first = await createCheckpointer({ kind: "sqlite", path });
    await counter().compile({ checkpointer: first }).invoke({ n: 41 }, config);
    await first.close();
    const second = await createCheckpointer({ kind: "sqlite", path });
    expect((await counter().compile({ checkpointer: second }).getState(config)).values).toEqual({ n: 42 });
    await second.close();
  });

  it("refuses Postgres without a URL with a typed config-invalid error", async () => {
    await expect(createCheckpointer({ kind: "postgres", env: {} })).rejects.toSatisfy(
      (e: unknown) => AttuneError.is(e) && e.code === "config-invalid" && e.message.includes("ATTUNE_POSTGRES_URL"),
    );
    await expect(createCheckpointer({ env: { ATTUNE_CHECKPOINTER: "postgres" } })).rejects.toMatchObject({
      code: "config-invalid",
    });
  });

  it("reports an unreachable Postgres as config-invalid without leaking the password", async () => {
    const port = await freePort();
    const error = await createCheckpointer({
      kind: "postgres",
      url: `postgresql://attune:s3cret-pw@127.0.0.1:${port}/attune`,
    }).catch((e: unknown) => e);
    expect(AttuneError.is(error) && error.code).toBe("config-invalid");
    expect((error as Error).message).toContain(`127.0.0.1:${port}`);
    expect((error as Error).message).not.toContain("s3cret-pw");
  });

  it("reports an unusable SQLite path as config-invalid", async () => {
    const file = join(dir, "a-file");
    await writeFile(file, "not a directory");
    await expect(createCheckpointer({ kind: "sqlite", path: join(file, "cp.sqlite") })).rejects.toMatchObject({
      code: "config-invalid",
      message: expect.stringContaining("ATTUNE_CHECKPOINT_PATH"),
    });
  });
});

/** A port nothing listens on: bind one, then release it. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

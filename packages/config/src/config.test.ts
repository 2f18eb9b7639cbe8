import { mkdtemp, readFile, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { AttuneError } from "@attune/model";
import { describe, expect, it } from "vitest";
import { loadConfig } from "./config.js";
import { resolveSecret } from "./secret.js";

describe("loadConfig", () => {
  it("applies defaults", () => {
    const config = loadConfig({ env: { HOME: "/home/x" }, rootDir: "/repo" });
    expect(config.port).toBe(3000);
    expect(config.dataDir).toBe("/repo/.attune");
    expect(config.llm.provider).toBe("local");
    expect(config.llm.modelPath).toMatch(/\.cache\/attune\/models\/.+\.gguf$/);
    expect(config.neo4j).toMatchObject({ uri: "bolt://127.0.0.1:7687", external: false });
  });

  it("honours overrides", () => {
    const config = loadConfig({
      env: { ATTUNE_PORT: "0", NEO4J_URI: "neo4j://db:7687", NEO4J_PASSWORD: "pw", ATTUNE_MODEL_PATH: "/m.gguf" },
      rootDir: "/repo",
    });
    expect(config.port).toBe(0);
    expect(config.neo4j).toMatchObject({ uri: "neo4j://db:7687", password: "pw", external: true });
    expect(config.llm.modelPath).toBe("/m.gguf");
  });

  it("rejects invalid settings with a typed error naming the variable", () => {
    try {
      loadConfig({ env: { ATTUNE_LLM: "gpt-banana" }, rootDir: "/repo" });
      expect.unreachable();
    } catch (error) {
      expect(AttuneError.is(error)).toBe(true);
      expect((error as AttuneError).code).toBe("config-invalid");
      expect((error as AttuneError).message).toContain("ATTUNE_LLM");
    }
  });
});

describe("checkpointer settings", () => {
  it("default to SQLite in the data dir", () => {
    const config = loadConfig({ env: { ATTUNE_DATA_DIR: "/data/attune" }, rootDir: "/repo" });
    expect(config.checkpointer).toEqual({
      kind: "sqlite",
      path: "/data/attune/checkpoints.sqlite",
      postgresUrl: undefined,
      keep: 4,
    });
  });

  it("take a path, a kind and a Postgres URL", () => {
    expect(loadConfig({ env: { ATTUNE_CHECKPOINT_PATH: "/tmp/cp.sqlite" }, rootDir: "/repo" }).checkpointer.path).toBe(
      "/tmp/cp.sqlite",
    );
    expect(loadConfig({ env: { ATTUNE_CHECKPOINTER: "memory" }, rootDir: "/repo" }).checkpointer.kind).toBe("memory");
    const pg = loadConfig({
      env: { ATTUNE_CHECKPOINTER: "postgres", ATTUNE_POSTGRES_URL: "postgresql://u:p@db:5432/attune" },
      rootDir: "/repo",
    });
    expect(pg.checkpointer).toMatchObject({ kind: "postgres", postgresUrl: "postgresql://u:p@db:5432/attune" });
    expect(loadConfig({ env: { ATTUNE_CHECKPOINT_KEEP: "12" }, rootDir: "/repo" }).checkpointer.keep).toBe(12);
    expect(loadConfig({ env: { ATTUNE_CHECKPOINT_KEEP: "all" }, rootDir: "/repo" }).checkpointer.keep).toBe(false);
    expect(loadConfig({ env: {}, rootDir: "/repo" }).agentsPath).toBeUndefined();
    expect(loadConfig({ env: { ATTUNE_AGENTS: "team.json" }, rootDir: "/repo" }).agentsPath).toBe("/repo/team.json");
    expect(loadConfig({ env: { ATTUNE_AGENTS: "/etc/t.json" }, rootDir: "/repo" }).agentsPath).toBe("/etc/t.json");
  });

  it.each([
    [{ ATTUNE_CHECKPOINTER: "postgres" }, "ATTUNE_POSTGRES_URL"],
    [{ ATTUNE_CHECKPOINTER: "postgres", ATTUNE_POSTGRES_URL: "mysql://db/x" }, "ATTUNE_POSTGRES_URL"],
    [{ ATTUNE_CHECKPOINTER: "redis" }, "ATTUNE_CHECKPOINTER"],
    [{ ATTUNE_CHECKPOINT_KEEP: "0" }, "ATTUNE_CHECKPOINT_KEEP"],
    [{ ATTUNE_CHECKPOINT_KEEP: "1.5" }, "ATTUNE_CHECKPOINT_KEEP"],
    [{ ATTUNE_CHECKPOINT_KEEP: "none" }, "ATTUNE_CHECKPOINT_KEEP"],
  ])("rejects %o with config-invalid naming %s", (env, name) => {
    expect(() => loadConfig({ env, rootDir: "/repo" })).toThrow(
      expect.objectContaining({ code: "config-invalid", message: expect.stringContaining(name) }),
    );
  });
});

describe("resolveSecret", () => {
  it("creates a private secret once and reuses it", async () => {
    const dataDir = await mkdtemp(join(tmpdir(), "attune-secret-"));
    const first = await resolveSecret({ dataDir });
    const second = await resolveSecret({ dataDir });
    expect(first).toBe(second);
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect((await stat(join(dataDir, "secret"))).mode & 0o777).toBe(0o600);
    expect((await readFile(join(dataDir, "secret"), "utf8")).trim()).toBe(first);
  });

  it("prefers an explicit secret", async () => {
    expect(await resolveSecret({ dataDir: "/nonexistent", secret: "s".repeat(20) })).toBe("s".repeat(20));
  });
});

describe("model path", () => {
  it("agrees with the model pull script's default", async () => {
    const { defaultModelPath } = await import("../../../scripts/lib/model.mjs");
    const env = { ATTUNE_CACHE_DIR: "/cache/attune" };
    expect(loadConfig({ env, rootDir: "/repo" }).llm.modelPath).toBe(defaultModelPath(env));
  });
});

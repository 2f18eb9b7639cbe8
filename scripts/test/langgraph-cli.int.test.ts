import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";

const rootDir = new URL("../..", import.meta.url).pathname;

/** The repository's langgraph.json: what LangGraph Studio and `langgraphjs dev` load. */
const config = JSON.parse(readFileSync(join(rootDir, "langgraph.json"), "utf8")) as {
  graphs: Record<string, string>;
  [key: string]: unknown;
};

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

/**
 * `langgraphjs dev` (the LangGraph CLI's dev server) loads every graph of `langgraph.json`, offline.
 * The CLI writes `.langgraph_api/` and appends to `.gitignore` next to the config it is given, so it
 * runs on a copy of the config in a temporary folder whose graph paths point back into the repository
 * (relative: the CLI joins them to the config's folder). Settings come from the environment the test
 * gives it (the test Neo4j, the fake chat model), not from a `.env` file.
 */
describe("langgraph.json loads in the LangGraph CLI dev server", { timeout: 180_000 }, () => {
  let dir: string;
  let child: ChildProcess | undefined;
  let base: string;
  let log = "";

  const waitUntilUp = async (timeoutMs: number) => {
    const started = performance.now();
    for (;;) {
      if (child?.exitCode !== null) throw new Error(`langgraphjs dev exited (${child?.exitCode}):\n${log}`);
      if (performance.now() - started > timeoutMs) throw new Error(`langgraphjs dev is not up:\n${log.slice(-4000)}`);
      try {
        if ((await fetch(`${base}/ok`)).ok) return;
      } catch {
        // not listening (yet, or again)
      }
      await new Promise((r) => setTimeout(r, 500));
    }
  };

  /**
   * One API call. `dev` runs the server under `tsx watch`, which restarts it when any file it loaded
   * changes (an editor saving in the repository): a call cut by a restart is retried once it is back.
   */
  const api = async (path: string, init?: { method?: string; body?: unknown }) => {
    for (let attempt = 1; ; attempt++) {
      let response: Response;
      try {
        response = await fetch(`${base}${path}`, {
          method: init?.method ?? "GET",
          // A JSON content type on a GET without a body is rejected as malformed JSON.
          ...(init?.body === undefined
            ? {}
            : { headers: { "content-type": "application/json" }, body: JSON.stringify(init.body) }),
        });
      } catch (error) {
        if (attempt >= 3) throw error;
        await new Promise((r) => setTimeout(r, 1_000));
        await waitUntilUp(60_000);
        continue;
      }
      const text = await response.text();
      if (!response.ok) throw new Error(`${init?.method ?? "GET"} ${path}: ${response.status} ${text}`);
      return JSON.parse(text) as unknown;
    }
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "attune-langgraph-cli-"));
    const graphs = Object.fromEntries(
      Object.entries(config.graphs).map(([id, spec]) => {
        const [file, exported] = spec.split(":");
        return [id, `${relative(dir, join(rootDir, file ?? ""))}:${exported}`];
      }),
    );
    const { env: _env, ...rest } = config;
    writeFileSync(join(dir, "langgraph.json"), JSON.stringify({ ...rest, graphs }, null, 2));
    const neo4j = inject("neo4j");
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    child = spawn(
      join(rootDir, "node_modules/.bin/langgraphjs"),
      ["dev", "--no-browser", "--host", "127.0.0.1", "--port", String(port), "--config", join(dir, "langgraph.json")],
      {
        cwd: rootDir,
        // Its own process group, so the watcher and the server it starts stop together.
        detached: true,
        env: {
          ...process.env,
          LANGGRAPH_CLI_NO_ANALYTICS: "1",
          BROWSER: "none",
          NEO4J_URI: neo4j.uri,
          NEO4J_USER: neo4j.user,
          NEO4J_PASSWORD: neo4j.password,
          ATTUNE_LLM: "fake",
        },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    child.stdout?.on("data", (d) => {
      log += String(d);
    });
    child.stderr?.on("data", (d) => {
      log += String(d);
    });
    const started = performance.now();
    await waitUntilUp(120_000);
    console.info(`[langgraph-cli.int] dev server up in ${(performance.now() - started).toFixed(0)} ms on ${base}`);
  }, 150_000);

  afterAll(async () => {
    if (child?.pid !== undefined && child.exitCode === null) {
      const exited = new Promise((r) => child?.once("exit", r));
      process.kill(-child.pid, "SIGTERM");
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
      if (child.exitCode === null) process.kill(-child.pid, "SIGKILL");
    }
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("lists one assistant per graph of langgraph.json", async () => {
    const assistants = (await api("/assistants/search", { method: "POST", body: { limit: 100 } })) as {
      graph_id: string;
    }[];
    expect(assistants.map((a) => a.graph_id).sort()).toEqual(Object.keys(config.graphs).sort());
  });

  it("builds every graph (its studio factory runs) and serves its nodes and input schema", async () => {
    const assistants = (await api("/assistants/search", { method: "POST", body: { limit: 100 } })) as {
      assistant_id: string;
      graph_id: string;
    }[];
    for (const { assistant_id, graph_id } of assistants) {
      const drawn = (await api(`/assistants/${assistant_id}/graph`)) as { nodes: { id: string }[] };
      const nodes = drawn.nodes.map((n) => n.id);
      console.info(`[langgraph-cli.int] ${graph_id}: ${nodes.join(" → ")}`);
      expect(nodes, graph_id).toContain("__start__");
      expect(nodes.length, graph_id).toBeGreaterThan(3);
      const schemas = (await api(`/assistants/${assistant_id}/schemas`)) as { input_schema: { properties: object } };
      expect(Object.keys(schemas.input_schema.properties), graph_id).toContain("workspaceId");
    }
  });

  it("runs the brainstorm graph through the server's API", async () => {
    const at = "2030-01-07T09:00:00.000Z";
    const result = (await api("/runs/wait", {
      method: "POST",
      body: {
        assistant_id: "brainstorm",
        input: {
          workspaceId: `cli-${Date.now()}`,
          question: "How do we onboard faster?",
          messages: [
            {
              id: "m1",
              authorId: "ada",
              authorName: "Ada",
              authorKind: "person",
              text: "Write an onboarding guide for new hires",
              createdAt: at,
            },
            {
              id: "m2",
              authorId: "ben",
              authorName: "Ben",
              authorKind: "person",
              text: "Pair new hires with an onboarding buddy",
              createdAt: at,
            },
          ],
        },
      },
    })) as { ideas: { authorId: string }[]; clusters: unknown[]; synthesis: { authorId: string; text: string } };
    expect(result.ideas.map((i) => i.authorId)).toEqual(["ada", "ben"]);
    expect(result.clusters).toHaveLength(1);
    expect(result.synthesis.authorId).toBe("assistant");
    expect(result.synthesis.text.length).toBeGreaterThan(0);
  });
});

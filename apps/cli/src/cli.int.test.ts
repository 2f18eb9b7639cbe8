import { execFile, spawn } from "node:child_process";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { resolveSecret } from "@attune/config";
import type { GraphStore } from "@attune/graph";
import { freshWorkspaceId, openTestStore } from "@attune/graph/testing";
import { verifyToken } from "@attune/realtime";
// The CLI drives a real server; building one here keeps the test independent of `pnpm start`.
import { type AttuneServer, createAttuneServer } from "@attune/server";
import { FakeListChatModel } from "@langchain/core/utils/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const run = promisify(execFile);
const main = new URL("./main.ts", import.meta.url).pathname;
const tsx = new URL("../../../node_modules/.bin/tsx", import.meta.url).pathname;

describe("attune CLI", () => {
  let dataDir: string;
  let env: NodeJS.ProcessEnv;
  let store: GraphStore;
  let server: AttuneServer;
  let url: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "attune-cli-"));
    env = { ...process.env, ATTUNE_DATA_DIR: dataDir, ATTUNE_SECRET: "" };
    delete env.ATTUNE_SECRET;
    store = await openTestStore();
    server = createAttuneServer({
      store,
      model: new FakeListChatModel({ responses: ["Indexes trade write cost for read speed."] }),
      secret: await resolveSecret({ dataDir }),
    });
    ({ url } = await server.listen({ port: 0 }));
  });

  afterAll(async () => {
    await server?.close();
    await store?.close();
  });

  /** Runs `attune chat` as ada with `input` piped in; resolves with its exit code and output. */
  async function chat(serverUrl: string, workspace: string, input: string, extra: string[] = []) {
    const child = spawn(
      tsx,
      [main, "chat", "--url", serverUrl, "--workspace", workspace, "--person", "ada", ...extra],
      {
        env,
      },
    );
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => {
      stdout += d.toString();
    });
    child.stderr.on("data", (d: Buffer) => {
      stderr += d.toString();
    });
    child.stdin.end(input);
    const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
    return { code, stdout, stderr };
  }

  it("token prints a token the server's secret verifies", async () => {
    const { stdout } = await run(tsx, [main, "token", "--workspace", "acme", "--person", "ada", "--name", "Ada"], {
      env,
    });
    const claims = await verifyToken({ secret: await resolveSecret({ dataDir }), token: stdout.trim() });
    expect(claims).toEqual({ workspaceId: "acme", personId: "ada", name: "Ada" });
  });

  it("token rejects missing flags with a typed error and exit code 1", async () => {
    const failed = await run(tsx, [main, "token", "--workspace", "acme"], { env }).catch(
      (e: { code: number; stderr: string }) => e,
    );
    expect(failed).toMatchObject({ code: 1 });
    expect((failed as { stderr: string }).stderr).toContain("error invalid-payload: missing --person");
  });

  it("chat sends piped lines and prints streamed replies", async () => {
    const workspace = freshWorkspaceId("cli");
    const { code, stdout, stderr } = await chat(url, workspace, "what is a sql index?\nand sharding?\n", [
      "--show-plan",
    ]);
    expect(stderr).toContain(`as ada in ${workspace}`);
    expect(code).toBe(0);
    expect(stdout.match(/Indexes trade write cost for read speed\./g)).toHaveLength(2);
    expect(stderr).toMatch(/plan: \w+ · \w+/);
    expect(stderr).not.toContain("answered by"); // the shared assistant answers
    expect((await store.workspace(workspace).counts()).Message).toBe(4);
  });

  it("chat says which agent answered when a team's router picks another than the lead", async () => {
    const team = createAttuneServer({
      store,
      model: new FakeListChatModel({ responses: ["unused"] }),
      secret: await resolveSecret({ dataDir }),
      agents: [
        {
          id: "tutor",
          name: "Tess",
          role: "explains ML",
          skills: ["fine-tuning"],
          model: new FakeListChatModel({ responses: ["Rank 8."] }),
        },
        {
          id: "ops",
          name: "Oz",
          role: "debugs incidents",
          skills: ["kubernetes"],
          model: new FakeListChatModel({ responses: ["Roll back."] }),
        },
      ],
    });
    const { url: teamUrl } = await team.listen({ port: 0 });
    try {
      const workspace = freshWorkspaceId("cli-team");
      const { code, stdout, stderr } = await chat(
        teamUrl,
        workspace,
        "how do I pick the LoRA rank when fine-tuning?\nprod is down: kubernetes ingress returns 502\n",
      );
      expect(code).toBe(0);
      expect(stdout).toBe("Rank 8.\nRoll back.\n");
      expect(stderr.match(/answered by \w+/g)).toEqual(["answered by ops"]);
      await store.workspace(workspace).dropWorkspace();
    } finally {
      await team.close();
    }
  });

  it("query runs typed graph queries as a table or JSON, and reports bad queries", async () => {
    const workspace = freshWorkspaceId("cli-query");
    const chat = spawn(tsx, [main, "chat", "--url", url, "--workspace", workspace, "--person", "ada"], { env });
    chat.stdin.end("our postgres replica lags behind the primary\n");
    await new Promise((resolve) => chat.once("exit", resolve));
    const who = ["--url", url, "--workspace", workspace, "--person", "ada"];
    const table = await run(tsx, [main, "query", "people", ...who], { env });
    expect(table.stdout).toMatch(/^id\s+name/m);
    expect(table.stdout).toMatch(/^ada\s+ada/m);
    expect(table.stdout).toContain("(1 row)");
    const json = await run(tsx, [main, "query", "person-model", "--person-id", "ada", "--json", ...who], { env });
    const result = JSON.parse(json.stdout) as { kind: string; rows: { key: string }[] };
    expect(result.kind).toBe("person-model");
    expect(result.rows.map((r) => r.key)).toContain("databases");
    const failed = await run(tsx, [main, "query", "people", "--limit", "0", ...who], { env }).catch(
      (e: { code: number; stderr: string }) => e,
    );
    expect(failed).toMatchObject({ code: 1 });
    expect((failed as { stderr: string }).stderr).toContain("error invalid-payload");
  });
});

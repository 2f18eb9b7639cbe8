import { findRootDir } from "@attune/config";
import { AttuneError } from "@attune/model";
// The plain-Node service scripts are shared with `pnpm db:*` / `pnpm model:pull`, which run before install.
import { formatBytes, pullModel, resolveModelPath, verifyModel } from "../../../../scripts/lib/model.mjs";
import { ensureNeo4j, neo4jStatus, stopNeo4j, wipeNeo4jData } from "../../../../scripts/lib/neo4j.mjs";

/** `attune db start|stop|status|wipe` */
export async function dbCommand(argv: string[], out: (line: string) => void): Promise<void> {
  const rootDir = findRootDir();
  const log = (line: string) => out(line);
  switch (argv[0]) {
    case "start": {
      const started = performance.now();
      const info = await ensureNeo4j({ rootDir, log });
      out(`neo4j ready at ${info.uri} (${((performance.now() - started) / 1000).toFixed(1)} s)`);
      return;
    }
    case "stop":
      await stopNeo4j({ rootDir, log });
      out("neo4j stopped");
      return;
    case "status": {
      const status = await neo4jStatus({ rootDir });
      out(JSON.stringify(status, null, 2));
      return;
    }
    case "wipe":
      await wipeNeo4jData({ rootDir });
      out("neo4j data wiped");
      return;
    default:
      throw new AttuneError({ code: "invalid-payload", message: "usage: attune db start|stop|status|wipe" });
  }
}

/** `attune model pull|path|verify` */
export async function modelCommand(argv: string[], out: (line: string) => void): Promise<void> {
  switch (argv[0]) {
    case "pull": {
      const result = await pullModel({ log: (line: string) => out(line), force: argv.includes("--force") });
      out(`model ready: ${result.path} (${formatBytes(result.size)})`);
      return;
    }
    case "path":
      out(resolveModelPath());
      return;
    case "verify": {
      const result = await verifyModel(resolveModelPath());
      out(JSON.stringify(result, null, 2));
      if (!result.ok) process.exitCode = 1;
      return;
    }
    default:
      throw new AttuneError({ code: "invalid-payload", message: "usage: attune model pull [--force]|path|verify" });
  }
}

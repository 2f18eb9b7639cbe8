#!/usr/bin/env node
// Local Neo4j control: node scripts/db.mjs start|stop|status|wipe
// (pnpm db:start / db:stop / db:status). No npm dependencies: works before `pnpm install`.
// Exit codes: 0 ok, 1 failure, 2 usage, 3 `status` when not running.

import path from "node:path";
import { fileURLToPath } from "node:url";
import { ensureNeo4j, neo4jStatus, resolveNeo4jConfig, stopNeo4j, wipeNeo4jData } from "./lib/neo4j.mjs";

const rootDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const log = (msg) => console.log(msg);
const secs = (t0) => `${((performance.now() - t0) / 1000).toFixed(1)} s`;

const USAGE = `usage: node scripts/db.mjs <command>
  start    start the local embedded Neo4j (or wait for NEO4J_URI) and wait until Bolt answers
  stop     stop the local Neo4j (clean shutdown)
  status   show whether it runs (exit 3 when not running)
  wipe     delete the local data folder (server must be stopped)`;

async function main(cmd) {
  const t0 = performance.now();
  switch (cmd) {
    case "start": {
      const r = await ensureNeo4j({ rootDir, log });
      const how = r.external
        ? "external (NEO4J_URI)"
        : r.startedHere
          ? `started, pid ${r.pid}`
          : `already running, pid ${r.pid}`;
      console.log(`neo4j ready at ${r.uri} (${secs(t0)}; ${how}; bolt ${r.bolt})`);
      return 0;
    }
    case "stop": {
      const r = await stopNeo4j({ rootDir, log });
      if (r.external) return 0;
      console.log(
        r.wasRunning
          ? `neo4j stopped (pid ${r.pid}${r.forced ? ", killed" : ""}; ${secs(t0)})`
          : "neo4j was not running",
      );
      return 0;
    }
    case "status": {
      const s = await neo4jStatus({ rootDir });
      if (s.external) {
        console.log(
          `neo4j (external, NEO4J_URI) at ${s.uri}: ${s.running ? `reachable (bolt ${s.bolt})` : "NOT reachable"}`,
        );
      } else if (s.running) {
        console.log(
          `neo4j running (pid ${s.pid}) at ${s.uri}: ${s.bolt ? `bolt ${s.bolt}` : "Bolt not answering (starting?)"}; data ${s.home}`,
        );
      } else {
        console.log(`neo4j not running (would listen on ${s.uri}; data ${s.home})`);
      }
      return s.running ? 0 : 3;
    }
    case "wipe": {
      const r = await wipeNeo4jData({ rootDir });
      console.log(r.removed ? `wiped ${r.dir}` : `nothing to wipe (${r.dir} does not exist)`);
      return 0;
    }
    case "config": {
      console.log(JSON.stringify({ ...resolveNeo4jConfig({ rootDir }), password: "***" }));
      return 0;
    }
    case undefined:
    case "-h":
    case "--help":
    case "help":
      console.log(USAGE);
      return cmd === undefined ? 2 : 0;
    default:
      console.error(`unknown command: ${cmd}\n${USAGE}`);
      return 2;
  }
}

try {
  process.exitCode = await main(process.argv[2]);
} catch (e) {
  console.error(`neo4j ${process.argv[2]} failed: ${e?.message ?? e}`);
  if (e?.name !== "Neo4jSetupError" && e?.stack) console.error(e.stack);
  process.exitCode = 1;
}

/**
 * Time from `pnpm start` to "ready", cold and warm. Cold: no Neo4j running and an empty data folder
 * (JVM start + store creation + migrations + model load). Warm: Neo4j left running by the previous
 * start (`ATTUNE_KEEP_NEO4J=1`) and the model file in the OS page cache. Dependencies, the Neo4j
 * launcher build and the model download are already in place (`pnpm start` did them once).
 * Run: pnpm --filter @attune/server bench:startup (or pnpm bench).
 */
import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { findRootDir } from "@attune/config";
import { stopNeo4j } from "../../../scripts/lib/neo4j.mjs";
import { fmt, median } from "./stats.js";

const RUNS = Number(process.env.BENCH_STARTUP_RUNS ?? 3);
const TARGET_WARM_MS = Number(process.env.BENCH_TARGET_WARM_START_MS ?? 20_000);
const TARGET_COLD_MS = Number(process.env.BENCH_TARGET_COLD_START_MS ?? 60_000);
const rootDir = findRootDir();

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** Runs `pnpm start` once and returns the ms until it printed its ready line. */
function startOnce(env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn("pnpm", ["start"], { cwd: rootDir, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    const timer = setTimeout(() => {
      process.kill(-(child.pid as number), "SIGKILL");
      reject(new Error(`no ready line in 180 s:\n${output.slice(-2000)}`));
    }, 180_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (/ready on http:\/\//.test(output)) {
        const elapsed = performance.now() - t0;
        clearTimeout(timer);
        child.once("exit", () => resolve(elapsed));
        process.kill(-(child.pid as number), "SIGTERM");
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.once("exit", (code) => {
      if (!/ready on http:\/\//.test(output)) {
        clearTimeout(timer);
        reject(new Error(`pnpm start exited (${code}) before ready:\n${output.slice(-2000)}`));
      }
    });
  });
}

const cold: number[] = [];
const warm: number[] = [];
const base = { ...process.env, ATTUNE_PORT: "0" } as NodeJS.ProcessEnv;
delete base.NEO4J_URI;

for (let i = 0; i < RUNS; i++) {
  const dataDir = await mkdtemp(join(tmpdir(), "attune-start-"));
  const env = { ...base, ATTUNE_DATA_DIR: dataDir, ATTUNE_NEO4J_PORT: String(await freePort()) };
  try {
    cold.push(await startOnce(env));
    await startOnce({ ...env, ATTUNE_KEEP_NEO4J: "1" }); // leaves Neo4j up for the warm run
    warm.push(await startOnce({ ...env, ATTUNE_KEEP_NEO4J: "1" }));
  } finally {
    await stopNeo4j({ rootDir, env, log: () => {} });
    await rm(dataDir, { recursive: true, force: true });
  }
  console.log(`run ${i + 1}: cold ${fmt(cold.at(-1) ?? 0)}, warm ${fmt(warm.at(-1) ?? 0)}`);
}

const coldMedian = median(cold);
const warmMedian = median(warm);
console.log("\n`pnpm start` → ready");
console.log("| start | median | runs |\n|---|---|---|");
console.log(`| cold (Neo4j stopped, empty data folder) | ${fmt(coldMedian)} | ${cold.map(fmt).join(", ")} |`);
console.log(`| warm (Neo4j running, model in page cache) | ${fmt(warmMedian)} | ${warm.map(fmt).join(", ")} |`);
console.log(`warm/cold ratio: ${(warmMedian / coldMedian).toFixed(2)}`);
const ok = coldMedian <= TARGET_COLD_MS && warmMedian <= TARGET_WARM_MS;
console.log(`targets: cold ≤ ${fmt(TARGET_COLD_MS)}, warm ≤ ${fmt(TARGET_WARM_MS)}: ${ok ? "PASS" : "FAIL"}`);
process.exit(ok ? 0 : 1);

#!/usr/bin/env node
// Brings a fresh checkout to a runnable state before `pnpm start`, `pnpm test` or `pnpm bench`:
// dependencies, system tools (Java, Maven, pip), the embedded Neo4j build and the local model.
// Plain Node with builtins only: it runs before `pnpm install` has happened.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";

const rootDir = new URL("..", import.meta.url).pathname.replace(/\/$/, "");
const { values } = parseArgs({ options: { for: { type: "string", default: "start" } } });
const purpose = values.for;
const log = (line) => console.error(`[setup] ${line}`);
const t0 = Date.now();

function has(command, check = `command -v ${command}`) {
  return spawnSync("sh", ["-c", check], { stdio: "ignore" }).status === 0;
}

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: "inherit", cwd: rootDir, ...options });
  if (result.status !== 0) {
    log(`failed: ${command} ${args.join(" ")}`);
    process.exit(result.status ?? 1);
  }
}

/** Installs Debian packages for missing tools when we can (root + apt), else says what to install. */
let aptUpdated = false;
function ensureTools(tools) {
  const missing = tools.filter((t) => !has(t.command, t.check));
  if (missing.length === 0) return;
  const names = missing.map((t) => t.command).join(", ");
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  if (!isRoot || !has("apt-get")) {
    log(`missing ${names}: install ${missing.map((t) => t.hint).join("; ")} and run again`);
    process.exit(1);
  }
  log(`installing ${missing.map((t) => t.apt).join(" ")} with apt-get`);
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  if (!aptUpdated) run("apt-get", ["update", "-qq"], { env });
  aptUpdated = true;
  run("apt-get", ["install", "-y", "-qq", "--no-install-recommends", ...missing.map((t) => t.apt)], { env });
}

function ensureDependencies() {
  const lock = join(rootDir, "pnpm-lock.yaml");
  const marker = join(rootDir, "node_modules", ".attune-lock-hash");
  const hash = createHash("sha256")
    .update(readFileSync(lock))
    .update(readFileSync(join(rootDir, "pnpm-workspace.yaml")))
    .digest("hex");
  if (existsSync(marker) && readFileSync(marker, "utf8").trim() === hash) return;
  log("installing dependencies (pnpm install --frozen-lockfile)");
  const pnpm = process.env.npm_execpath && /pnpm/.test(process.env.npm_execpath) ? process.env.npm_execpath : "pnpm";
  if (pnpm.endsWith(".js") || pnpm.endsWith(".cjs")) run(process.execPath, [pnpm, "install", "--frozen-lockfile"]);
  else run(pnpm, ["install", "--frozen-lockfile"]);
  writeFileSync(marker, `${hash}\n`);
}

ensureDependencies();

const needsModel = purpose === "test" || purpose === "bench" || (process.env.ATTUNE_LLM ?? "local") === "local";
const needsNeo4j = !process.env.NEO4J_URI;
const tools = [];
if (needsNeo4j) {
  tools.push({
    command: "javac",
    apt: "openjdk-17-jdk-headless",
    hint: "a JDK 17+ (e.g. apt-get install openjdk-17-jdk-headless)",
  });
  tools.push({ command: "mvn", apt: "maven", hint: "Maven (apt-get install maven)" });
}
if (needsModel && !process.env.ATTUNE_MODEL_PATH) {
  tools.push({
    command: "pip",
    check: "python3 -m pip --version",
    apt: "python3-pip",
    hint: "Python 3 with pip (apt-get install python3-pip)",
  });
}
ensureTools(tools);

if (needsNeo4j) {
  const { ensureLauncherBuilt } = await import("./lib/neo4j.mjs");
  const built = await ensureLauncherBuilt({ rootDir, log: (line) => log(`neo4j: ${line}`) });
  if (built.built) log("neo4j launcher built");
}
if (needsModel && !process.env.ATTUNE_MODEL_PATH) {
  const { pullModel } = await import("./lib/model.mjs");
  await pullModel({ log: (line) => log(`model: ${line}`) });
}
log(`ready for ${purpose} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

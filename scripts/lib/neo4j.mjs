// Local Neo4j (5.26.x Community, embedded) for dev, tests and CI — no Docker.
//
// Plain Node ESM with node: builtins only, so it can run before `pnpm install`.
//
// Layout (STATE = ${ATTUNE_DATA_DIR ?? <root>/.attune}/neo4j, BUILD = <root>/.attune/neo4j):
//   STATE/neo4j.pid            pid of the detached Java launcher
//   STATE/neo4j.state.json     { pid, port, uri, home, startedAt } of the running instance
//   STATE/logs/launcher.log    launcher stdout/stderr (appended)
//   STATE/data/                Neo4j home: store in data/, Neo4j's own logs in logs/
//   BUILD/classpath.txt        Maven-resolved runtime classpath (from scripts/neo4j/pom.xml)
//   BUILD/classes/             compiled dev.attune.neo4j.Launcher
//   BUILD/build-hash.txt       sha256(pom.xml + Launcher.java + recipe); a mismatch rebuilds.
// Only the first build (or a change of pom.xml / Launcher.java) runs Maven.
//
// Env:
//   NEO4J_URI / NEO4J_USER / NEO4J_PASSWORD   use an external server (nothing is started)
//   ATTUNE_NEO4J_PORT (7687)                   local Bolt port (bound to 127.0.0.1 only)
//   ATTUNE_NEO4J_HEAP (2g)                     JVM heap (-Xms = -Xmx)
//   ATTUNE_NEO4J_PAGECACHE (1g)                server.memory.pagecache.size
//   ATTUNE_NEO4J_GC (parallel)                 parallel | g1
//   ATTUNE_NEO4J_TX_TIMEOUT (120s)             db.transaction.timeout
//   ATTUNE_NEO4J_JAVA_OPTS                     extra JVM args (whitespace separated)
//   ATTUNE_NEO4J_START_TIMEOUT (180)           seconds to wait for Bolt
//   ATTUNE_NEO4J_STOP_TIMEOUT (60)             seconds to wait after SIGTERM before SIGKILL
//   ATTUNE_DATA_DIR                            relocates .attune (runtime state + data)
//   JAVA_HOME                                  JDK to use (else java/javac from PATH)

import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import tls from "node:tls";
import { fileURLToPath } from "node:url";

export const NEO4J_VERSION_HINT = "5.26.x";
const LAUNCHER_CLASS = "dev.attune.neo4j.Launcher";
// Bump when the build recipe below changes (forces a rebuild of the cached launcher).
const BUILD_RECIPE = "v1";
const LOCAL_HOST = "127.0.0.1";
const LOCAL_USER = "neo4j";
const LOCAL_PASSWORD = "attune-local"; // ignored by the server: local auth is disabled (loopback only)
const DEFAULT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

const defaultLog = (msg) => process.stderr.write(`[neo4j] ${msg}\n`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export class Neo4jSetupError extends Error {
  constructor(message, options) {
    super(message, options);
    this.name = "Neo4jSetupError";
  }
}

// ---------------------------------------------------------------------------------------------
// config & paths

function parsePort(value, name) {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Neo4jSetupError(`${name} must be a TCP port (1-65535), got ${JSON.stringify(value)}`);
  }
  return port;
}

function secondsFromEnv(env, name, dflt) {
  const raw = env[name];
  if (raw === undefined || raw === "") return dflt;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0)
    throw new Neo4jSetupError(`${name} must be a positive number of seconds, got ${JSON.stringify(raw)}`);
  return n;
}

/**
 * @param {{ rootDir?: string, env?: NodeJS.ProcessEnv }} [opts]
 * @returns {{ uri: string, user: string, password: string, external: boolean }}
 */
export function resolveNeo4jConfig({ rootDir: _rootDir, env = process.env } = {}) {
  if (env.NEO4J_URI) {
    return {
      uri: env.NEO4J_URI,
      user: env.NEO4J_USER ?? "neo4j",
      password: env.NEO4J_PASSWORD ?? "",
      external: true,
    };
  }
  const port = parsePort(env.ATTUNE_NEO4J_PORT ?? 7687, "ATTUNE_NEO4J_PORT");
  return { uri: `bolt://${LOCAL_HOST}:${port}`, user: LOCAL_USER, password: LOCAL_PASSWORD, external: false };
}

/** Paths used for the local server. */
export function neo4jPaths({ rootDir = DEFAULT_ROOT, env = process.env } = {}) {
  const root = path.resolve(rootDir);
  const dataRoot = env.ATTUNE_DATA_DIR ? path.resolve(env.ATTUNE_DATA_DIR) : path.join(root, ".attune");
  const stateDir = path.join(dataRoot, "neo4j");
  const buildDir = path.join(root, ".attune", "neo4j");
  return {
    rootDir: root,
    projectDir: path.join(root, "scripts", "neo4j"),
    pom: path.join(root, "scripts", "neo4j", "pom.xml"),
    launcherSource: path.join(
      root,
      "scripts",
      "neo4j",
      "src",
      "main",
      "java",
      "dev",
      "attune",
      "neo4j",
      "Launcher.java",
    ),
    stateDir,
    pidFile: path.join(stateDir, "neo4j.pid"),
    stateFile: path.join(stateDir, "neo4j.state.json"),
    lockFile: path.join(stateDir, "neo4j.start.lock"),
    logDir: path.join(stateDir, "logs"),
    launcherLog: path.join(stateDir, "logs", "launcher.log"),
    home: path.join(stateDir, "data"),
    buildDir,
    classesDir: path.join(buildDir, "classes"),
    classpathFile: path.join(buildDir, "classpath.txt"),
    hashFile: path.join(buildDir, "build-hash.txt"),
  };
}

/** Parse bolt://, neo4j://, bolt+s://, neo4j+ssc:// ... into host/port/tls. */
export function parseBoltUri(uri) {
  let u;
  try {
    u = new URL(uri);
  } catch {
    throw new Neo4jSetupError(`invalid Neo4j URI: ${JSON.stringify(uri)}`);
  }
  const scheme = u.protocol.replace(/:$/, "");
  if (!/^(bolt|neo4j)(\+s|\+ssc)?$/.test(scheme)) {
    throw new Neo4jSetupError(`unsupported Neo4j URI scheme "${scheme}" in ${uri} (use bolt:// or neo4j://)`);
  }
  const host = u.hostname.replace(/^\[(.*)\]$/, "$1") || "localhost";
  const port = u.port ? Number(u.port) : 7687;
  return { host, port, tls: scheme.includes("+"), rejectUnauthorized: scheme.endsWith("+s") };
}

// ---------------------------------------------------------------------------------------------
// Bolt handshake

// Magic preamble + 4 version proposals: 5.8..5.0, 4.4..4.2, 3.0, none.
const BOLT_HANDSHAKE = Buffer.from(
  "6060b017" + // magic
    "00080805" + // 5.8 down to 5.0
    "00020404" + // 4.4 down to 4.2
    "00000003" + // 3.0
    "00000000",
  "hex",
);

/**
 * Open a connection, send the Bolt handshake and read the 4-byte version answer.
 * @returns {Promise<string|null>} agreed version like "5.7", or null (no server / not Bolt / refused).
 */
export function boltHandshake({ host, port, timeoutMs = 2000, tls: useTls = false, rejectUnauthorized = true }) {
  return new Promise((resolve) => {
    let done = false;
    let buf = Buffer.alloc(0);
    const sock = useTls
      ? tls.connect({ host, port, servername: net.isIP(host) ? undefined : host, rejectUnauthorized })
      : net.connect({ host, port });
    const finish = (v) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      sock.destroy();
      resolve(v);
    };
    const timer = setTimeout(() => finish(null), timeoutMs);
    sock.once(useTls ? "secureConnect" : "connect", () => sock.write(BOLT_HANDSHAKE));
    sock.on("data", (d) => {
      buf = Buffer.concat([buf, d]);
      if (buf.length >= 4) {
        finish(buf.readUInt32BE(0) === 0 ? null : `${buf[3]}.${buf[2]}`);
      }
    });
    sock.on("error", () => finish(null));
    sock.on("close", () => finish(null));
  });
}

async function waitForBolt({ target, deadline, isDead, log, label }) {
  let lastNote = Date.now();
  for (;;) {
    const v = await boltHandshake({ ...target, timeoutMs: 2000 });
    if (v) return v;
    if (isDead?.()) return null;
    if (Date.now() >= deadline) return null;
    if (Date.now() - lastNote >= 15000) {
      log(`still waiting for Bolt on ${label}…`);
      lastNote = Date.now();
    }
    await sleep(250);
  }
}

// ---------------------------------------------------------------------------------------------
// processes

function isAlive(pid) {
  if (!pid) return false;
  try {
    process.kill(pid, 0);
  } catch (e) {
    return e.code === "EPERM";
  }
  try {
    // Zombie (exited, not yet reaped) counts as dead.
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    const state = stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3);
    if (state === "Z" || state === "X") return false;
  } catch {
    // no /proc (macOS): trust kill(0)
  }
  return true;
}

function isOurLauncher(pid) {
  if (!isAlive(pid)) return false;
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").includes(LAUNCHER_CLASS);
  } catch {
    return true; // no /proc: assume the pid file is right
  }
}

function readPid(file) {
  try {
    const pid = Number.parseInt(fs.readFileSync(file, "utf8").trim(), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8"));
  } catch {
    return null;
  }
}

function rmQuiet(file) {
  try {
    fs.rmSync(file, { force: true });
  } catch {
    // ignore
  }
}

/** The running local launcher, if any (cleans up a stale pid file). */
function runningLocal(paths) {
  const pid = readPid(paths.pidFile);
  if (!pid) return null;
  if (!isOurLauncher(pid)) {
    rmQuiet(paths.pidFile);
    rmQuiet(paths.stateFile);
    return null;
  }
  const state = readJson(paths.stateFile);
  return { pid, port: state?.pid === pid ? state.port : undefined };
}

function tailFile(file, lines = 30, fromOffset = 0) {
  try {
    const text = fs.readFileSync(file).subarray(fromOffset).toString("utf8");
    return text
      .split("\n")
      .slice(-lines - 1)
      .join("\n")
      .trimEnd();
  } catch {
    return "(no log)";
  }
}

function portIsFree(port) {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once("error", () => resolve(false));
    srv.listen({ port, host: LOCAL_HOST, exclusive: true }, () => srv.close(() => resolve(true)));
  });
}

/** Cross-process start lock (atomic O_EXCL create); waits for a live holder, breaks stale ones. */
async function withStartLock(paths, deadline, fn) {
  fs.mkdirSync(paths.stateDir, { recursive: true });
  for (;;) {
    try {
      const fd = fs.openSync(paths.lockFile, "wx");
      fs.writeSync(fd, String(process.pid));
      fs.closeSync(fd);
      break;
    } catch (e) {
      if (e.code !== "EEXIST") throw e;
      const holder = readPid(paths.lockFile);
      if (!holder || !isAlive(holder)) {
        rmQuiet(paths.lockFile);
        continue;
      }
      if (Date.now() > deadline)
        throw new Neo4jSetupError(`timed out waiting for another neo4j start (pid ${holder}, lock ${paths.lockFile})`);
      await sleep(300);
    }
  }
  try {
    return await fn();
  } finally {
    if (readPid(paths.lockFile) === process.pid) rmQuiet(paths.lockFile);
  }
}

// ---------------------------------------------------------------------------------------------
// toolchain & build

function which(cmd) {
  for (const dir of (process.env.PATH ?? "").split(path.delimiter)) {
    if (!dir) continue;
    const p = path.join(dir, cmd);
    try {
      fs.accessSync(p, fs.constants.X_OK);
      return p;
    } catch {
      // next
    }
  }
  return null;
}

const INSTALL_JDK =
  "Install a JDK 17 or 21 (Debian/Ubuntu: `apt-get install openjdk-17-jdk-headless`; macOS: `brew install openjdk@17`) or set JAVA_HOME to one.";

function findJdk(env = process.env) {
  const fromHome = (tool) => (env.JAVA_HOME ? path.join(env.JAVA_HOME, "bin", tool) : null);
  const java = [fromHome("java"), which("java")].find((p) => p && fs.existsSync(p));
  if (!java) throw new Neo4jSetupError(`Java not found (needed to run the local Neo4j). ${INSTALL_JDK}`);
  const res = spawnSync(java, ["-version"], { encoding: "utf8" });
  const m = /version "(\d+)(?:\.(\d+))?/.exec(`${res.stderr}${res.stdout}`);
  if (!m) throw new Neo4jSetupError(`could not determine the version of ${java}. ${INSTALL_JDK}`);
  const major = Number(m[1]) === 1 ? Number(m[2]) : Number(m[1]);
  if (major < 17) throw new Neo4jSetupError(`${java} is Java ${major}; Neo4j 5.26 needs Java 17+. ${INSTALL_JDK}`);
  const javac = path.join(path.dirname(java), "javac");
  return { java, javac: fs.existsSync(javac) ? javac : which("javac"), major };
}

function buildHash(paths) {
  const h = createHash("sha256");
  h.update(`${BUILD_RECIPE}\0`);
  h.update(fs.readFileSync(paths.pom));
  h.update("\0");
  h.update(fs.readFileSync(paths.launcherSource));
  return h.digest("hex");
}

function cachedBuild(paths, hash) {
  try {
    if (fs.readFileSync(paths.hashFile, "utf8").trim() !== hash) return null;
    if (!fs.existsSync(path.join(paths.classesDir, "dev", "attune", "neo4j", "Launcher.class"))) return null;
    const jars = fs.readFileSync(paths.classpathFile, "utf8").trim().split(path.delimiter).filter(Boolean);
    if (jars.length === 0 || !jars.every((j) => fs.existsSync(j))) return null; // e.g. ~/.m2 was cleaned
    return jars;
  } catch {
    return null;
  }
}

function runMaven(paths, outFile, log) {
  const mvn = which(process.platform === "win32" ? "mvn.cmd" : "mvn");
  if (!mvn) {
    throw new Neo4jSetupError(
      "Maven (mvn) not found: it is needed once to fetch Neo4j from Maven Central. " +
        "Install Apache Maven 3.8+ (Debian/Ubuntu: `apt-get install maven`; macOS: `brew install maven`).",
    );
  }
  const args = [
    "-B",
    "-f",
    paths.pom,
    "dependency:build-classpath",
    `-Dmdep.outputFile=${outFile}`,
    "-Dmdep.includeScope=runtime",
  ];
  log(`resolving Neo4j dependencies with Maven (first run only, may take a few minutes): mvn ${args.join(" ")}`);
  return new Promise((resolve, reject) => {
    const t0 = Date.now();
    const child = spawn(mvn, args, { cwd: paths.projectDir, stdio: ["ignore", "pipe", "pipe"] });
    const tail = [];
    let downloaded = 0;
    let pending = "";
    const onData = (d) => {
      pending += d.toString();
      const lines = pending.split("\n");
      pending = lines.pop();
      for (const line of lines) {
        if (/Downloaded from/.test(line)) downloaded++;
        tail.push(line);
        if (tail.length > 60) tail.shift();
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    const timer = setInterval(() => {
      log(`  … still resolving (${Math.round((Date.now() - t0) / 1000)} s, ${downloaded} files downloaded)`);
    }, 10000);
    child.on("error", (e) => {
      clearInterval(timer);
      reject(new Neo4jSetupError(`could not run Maven: ${e.message}`));
    });
    child.on("close", (code) => {
      clearInterval(timer);
      if (code === 0) {
        log(`  resolved in ${((Date.now() - t0) / 1000).toFixed(1)} s (${downloaded} files downloaded)`);
        resolve();
      } else {
        reject(new Neo4jSetupError(`Maven failed (exit ${code}) resolving scripts/neo4j/pom.xml:\n${tail.join("\n")}`));
      }
    });
  });
}

/**
 * Make sure the launcher classpath + classes are built (cached by hash; Maven runs only on a miss).
 * @returns {Promise<{ java: string, classpath: string, built: boolean }>}
 */
export async function ensureLauncherBuilt({ rootDir = DEFAULT_ROOT, log = defaultLog, env = process.env } = {}) {
  const paths = neo4jPaths({ rootDir, env });
  const jdk = findJdk(env);
  const hash = buildHash(paths);
  let jars = cachedBuild(paths, hash);
  if (jars) {
    return { java: jdk.java, classpath: [paths.classesDir, ...jars].join(path.delimiter), built: false };
  }
  if (!jdk.javac)
    throw new Neo4jSetupError(`javac not found next to ${jdk.java} (a JRE is not enough). ${INSTALL_JDK}`);

  fs.mkdirSync(paths.buildDir, { recursive: true });
  const tmp = fs.mkdtempSync(path.join(paths.buildDir, "build-"));
  try {
    const cpTmp = path.join(tmp, "classpath.txt");
    await runMaven(paths, cpTmp, log);
    jars = fs.readFileSync(cpTmp, "utf8").trim().split(path.delimiter).filter(Boolean);
    if (jars.length === 0) throw new Neo4jSetupError("Maven produced an empty classpath");

    log("compiling Launcher.java");
    const classesTmp = path.join(tmp, "classes");
    const res = spawnSync(
      jdk.javac,
      ["--release", "17", "-encoding", "UTF-8", "-nowarn", "-d", classesTmp, paths.launcherSource],
      {
        encoding: "utf8",
        env: { ...process.env, CLASSPATH: jars.join(path.delimiter) },
      },
    );
    if (res.status !== 0) throw new Neo4jSetupError(`javac failed:\n${res.stderr}${res.stdout}`);

    // Commit: classes, classpath, then the hash (marker written last).
    rmQuiet(paths.hashFile);
    fs.rmSync(paths.classesDir, { recursive: true, force: true });
    fs.renameSync(classesTmp, paths.classesDir);
    fs.renameSync(cpTmp, paths.classpathFile);
    fs.writeFileSync(paths.hashFile, `${hash}\n`);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  return { java: jdk.java, classpath: [paths.classesDir, ...jars].join(path.delimiter), built: true };
}

// ---------------------------------------------------------------------------------------------
// start / stop / status

function jvmArgs(env) {
  // 2 GiB of heap and 1 GiB of page cache: with 1 GiB / 256 MiB the bulk loader's transactions spent
  // a quarter of Neo4j's CPU in young collections and the store of the 1.2M-row scale benchmark did
  // not fit the cache; a dev machine has room for both.
  const heap = env.ATTUNE_NEO4J_HEAP || "2g";
  const gc = env.ATTUNE_NEO4J_GC || "parallel";
  if (gc !== "parallel" && gc !== "g1") throw new Neo4jSetupError(`ATTUNE_NEO4J_GC must be parallel or g1, got ${gc}`);
  const extra = (env.ATTUNE_NEO4J_JAVA_OPTS ?? "").split(/\s+/).filter(Boolean);
  return [
    `-Xms${heap}`,
    `-Xmx${heap}`,
    // Parallel GC by default: on two cores shared with the client it spent about half of G1's CPU on
    // the bulk loader's large write transactions (G1: ~25 % of Neo4j's CPU in young collections plus
    // its write barriers), which made belief loading ~25 % faster; its longer young pauses are a few
    // ms on a dev-sized heap. G1 stays available for large heaps.
    gc === "g1" ? "-XX:+UseG1GC" : "-XX:+UseParallelGC",
    "-XX:-OmitStackTraceInFastThrow",
    "-XX:+ExitOnOutOfMemoryError",
    // as in Neo4j's default neo4j.conf (page cache / netty need these on Java 17+)
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "-Dio.netty.tryReflectionSetAccessible=true",
    "-Djdk.nio.maxCachedBufferSize=1024",
    "-Dlog4j2.disable.jmx=true",
    ...extra,
  ];
}

/**
 * Start the local embedded Neo4j if needed (or just wait for NEO4J_URI), and wait for Bolt.
 * @param {{ rootDir?: string, log?: (msg: string) => void, env?: NodeJS.ProcessEnv, timeoutMs?: number }} [opts]
 * @returns {Promise<{ uri: string, user: string, password: string, external: boolean, startedHere: boolean, pid?: number, bolt?: string }>}
 */
export async function ensureNeo4j({ rootDir = DEFAULT_ROOT, log = defaultLog, env = process.env, timeoutMs } = {}) {
  const cfg = resolveNeo4jConfig({ rootDir, env });
  const timeout = timeoutMs ?? secondsFromEnv(env, "ATTUNE_NEO4J_START_TIMEOUT", 180) * 1000;

  if (cfg.external) {
    const target = parseBoltUri(cfg.uri);
    const bolt = await waitForBolt({ target, deadline: Date.now() + timeout, log, label: cfg.uri });
    if (!bolt)
      throw new Neo4jSetupError(
        `external Neo4j at ${cfg.uri} (NEO4J_URI) did not answer the Bolt handshake within ${timeout / 1000} s`,
      );
    return { ...cfg, startedHere: false, bolt };
  }

  const paths = neo4jPaths({ rootDir, env });
  const port = parseBoltUri(cfg.uri).port;
  const target = { host: LOCAL_HOST, port };

  const reuse = async (running) => {
    if (running.port && running.port !== port) {
      throw new Neo4jSetupError(
        `local neo4j (pid ${running.pid}) runs on port ${running.port}, but port ${port} is requested (ATTUNE_NEO4J_PORT); stop it first: node scripts/db.mjs stop`,
      );
    }
    const bolt = await waitForBolt({
      target,
      deadline: Date.now() + timeout,
      isDead: () => !isAlive(running.pid),
      log,
      label: cfg.uri,
    });
    if (!bolt) {
      throw new Neo4jSetupError(
        `local neo4j (pid ${running.pid}) does not answer Bolt on ${cfg.uri}; see ${paths.launcherLog}, or restart: node scripts/db.mjs stop && node scripts/db.mjs start`,
      );
    }
    return { ...cfg, startedHere: false, pid: running.pid, bolt };
  };

  const already = runningLocal(paths);
  if (already) return reuse(already);

  // Serialize concurrent starters (another one may be building with Maven: allow a long wait).
  return withStartLock(paths, Date.now() + 30 * 60000 + timeout, async () => {
    const running = runningLocal(paths);
    if (running) return reuse(running);

    if (!(await portIsFree(port))) {
      const other = await boltHandshake({ ...target, timeoutMs: 2000 });
      throw new Neo4jSetupError(
        other
          ? `port ${port} already has a Bolt server that attune did not start. Stop it, or use it with NEO4J_URI=${cfg.uri} (plus NEO4J_USER/NEO4J_PASSWORD), or pick another port with ATTUNE_NEO4J_PORT.`
          : `port ${LOCAL_HOST}:${port} is in use by another program; free it or set ATTUNE_NEO4J_PORT.`,
      );
    }

    // Build (cached; Maven only on the first run): not counted in the start timeout.
    const built = await ensureLauncherBuilt({ rootDir, log, env });
    const deadline = Date.now() + timeout;
    fs.mkdirSync(paths.logDir, { recursive: true });
    fs.mkdirSync(paths.home, { recursive: true });
    fs.appendFileSync(
      paths.launcherLog,
      `\n=== ${new Date().toISOString()} starting neo4j on ${cfg.uri} (home ${paths.home})\n`,
    );
    const logOffset = fs.statSync(paths.launcherLog).size;
    const out = fs.openSync(paths.launcherLog, "a");
    const args = [
      ...jvmArgs(env),
      LAUNCHER_CLASS,
      "--home",
      paths.home,
      "--port",
      String(port),
      "--pagecache",
      env.ATTUNE_NEO4J_PAGECACHE || "1g",
      "--tx-timeout",
      env.ATTUNE_NEO4J_TX_TIMEOUT || "120s",
      "--start-timeout",
      `${Math.ceil(timeout / 1000)}s`,
    ];
    log(`starting neo4j (${path.relative(process.cwd(), paths.home) || paths.home}) on ${cfg.uri}`);
    let exited = null;
    const child = spawn(built.java, args, {
      cwd: paths.stateDir,
      detached: true,
      stdio: ["ignore", out, out],
      env: { ...env, CLASSPATH: built.classpath },
    });
    fs.closeSync(out);
    child.on("exit", (code, signal) => {
      exited = { code, signal };
    });
    child.on("error", (e) => {
      exited = { code: null, signal: null, error: e };
    });
    child.unref();
    const pid = child.pid;
    if (!pid) throw new Neo4jSetupError(`could not start ${built.java}`);
    fs.writeFileSync(paths.pidFile, `${pid}\n`);
    fs.writeFileSync(
      paths.stateFile,
      `${JSON.stringify({ pid, port, uri: cfg.uri, home: paths.home, startedAt: new Date().toISOString() }, null, 2)}\n`,
    );

    const fail = async (why) => {
      if (!exited && isAlive(pid)) await killAndWait(pid, 10000);
      rmQuiet(paths.pidFile);
      rmQuiet(paths.stateFile);
      throw new Neo4jSetupError(
        `${why}\n--- ${paths.launcherLog} (tail) ---\n${tailFile(paths.launcherLog, 30, logOffset)}\n(Neo4j's own logs: ${path.join(paths.home, "logs", "debug.log")})`,
      );
    };

    let lastNote = Date.now();
    for (;;) {
      if (exited || !isAlive(pid)) {
        await fail(
          `neo4j launcher exited during startup (${exited?.error?.message ?? `code ${exited?.code}, signal ${exited?.signal}`})`,
        );
      }
      let ready = false;
      try {
        const fd = fs.openSync(paths.launcherLog, "r");
        const size = fs.fstatSync(fd).size;
        const buf = Buffer.alloc(Math.max(0, size - logOffset));
        fs.readSync(fd, buf, 0, buf.length, logOffset);
        fs.closeSync(fd);
        ready = buf.toString("utf8").includes(`READY ${cfg.uri}`);
      } catch {
        // keep polling
      }
      if (ready) {
        const bolt = await waitForBolt({ target, deadline, isDead: () => !isAlive(pid), log, label: cfg.uri });
        if (bolt) return { ...cfg, startedHere: true, pid, bolt };
        await fail(`neo4j printed READY but Bolt on ${cfg.uri} did not answer the handshake`);
      }
      if (Date.now() >= deadline)
        await fail(`neo4j did not become ready within ${timeout / 1000} s (ATTUNE_NEO4J_START_TIMEOUT)`);
      if (Date.now() - lastNote >= 15000) {
        log(`  … still starting (${Math.round((timeout - (deadline - Date.now())) / 1000)} s)`);
        lastNote = Date.now();
      }
      await sleep(200);
    }
  });
}

async function killAndWait(pid, timeoutMs) {
  try {
    process.kill(pid, "SIGTERM");
  } catch {
    return { forced: false };
  }
  const deadline = Date.now() + timeoutMs;
  while (isAlive(pid)) {
    if (Date.now() >= deadline) {
      try {
        process.kill(pid, "SIGKILL");
      } catch {
        // gone
      }
      while (isAlive(pid)) await sleep(100);
      return { forced: true };
    }
    await sleep(100);
  }
  return { forced: false };
}

/**
 * Stop the local embedded Neo4j (SIGTERM → clean shutdown; SIGKILL after ATTUNE_NEO4J_STOP_TIMEOUT).
 * @param {{ rootDir?: string, log?: (msg: string) => void, env?: NodeJS.ProcessEnv, timeoutMs?: number }} [opts]
 * @returns {Promise<{ wasRunning: boolean, pid?: number, forced?: boolean, external: boolean }>}
 */
export async function stopNeo4j({ rootDir = DEFAULT_ROOT, log = defaultLog, env = process.env, timeoutMs } = {}) {
  const cfg = resolveNeo4jConfig({ rootDir, env });
  if (cfg.external) {
    log(`NEO4J_URI is set (${cfg.uri}): external server, nothing to stop`);
    return { wasRunning: false, external: true };
  }
  const paths = neo4jPaths({ rootDir, env });
  const running = runningLocal(paths);
  if (!running) {
    rmQuiet(paths.pidFile);
    rmQuiet(paths.stateFile);
    return { wasRunning: false, external: false };
  }
  const timeout = timeoutMs ?? secondsFromEnv(env, "ATTUNE_NEO4J_STOP_TIMEOUT", 60) * 1000;
  const { forced } = await killAndWait(running.pid, timeout);
  if (forced) log(`neo4j (pid ${running.pid}) did not stop within ${timeout / 1000} s: killed (SIGKILL)`);
  rmQuiet(paths.pidFile);
  rmQuiet(paths.stateFile);
  return { wasRunning: true, pid: running.pid, forced, external: false };
}

/**
 * @param {{ rootDir?: string, env?: NodeJS.ProcessEnv }} [opts]
 * @returns {Promise<{ running: boolean, pid?: number, uri: string, external: boolean, bolt?: string|null, home?: string }>}
 */
export async function neo4jStatus({ rootDir = DEFAULT_ROOT, env = process.env } = {}) {
  const cfg = resolveNeo4jConfig({ rootDir, env });
  if (cfg.external) {
    const bolt = await boltHandshake({ ...parseBoltUri(cfg.uri), timeoutMs: 3000 });
    return { running: Boolean(bolt), uri: cfg.uri, external: true, bolt };
  }
  const paths = neo4jPaths({ rootDir, env });
  const running = runningLocal(paths);
  if (!running) return { running: false, uri: cfg.uri, external: false, home: paths.home };
  const uri = running.port ? `bolt://${LOCAL_HOST}:${running.port}` : cfg.uri;
  const bolt = await boltHandshake({ ...parseBoltUri(uri), timeoutMs: 3000 });
  return { running: true, pid: running.pid, uri, external: false, bolt, home: paths.home };
}

/**
 * Delete the local data folder (store + Neo4j logs). Refuses while the server runs.
 * @returns {Promise<{ removed: boolean, dir: string }>}
 */
export async function wipeNeo4jData({ rootDir = DEFAULT_ROOT, env = process.env } = {}) {
  const cfg = resolveNeo4jConfig({ rootDir, env });
  if (cfg.external)
    throw new Neo4jSetupError(
      `NEO4J_URI is set (${cfg.uri}): refusing to wipe; this only wipes the local embedded server`,
    );
  const paths = neo4jPaths({ rootDir, env });
  const running = runningLocal(paths);
  if (running)
    throw new Neo4jSetupError(`neo4j is running (pid ${running.pid}); stop it first: node scripts/db.mjs stop`);
  const removed = fs.existsSync(paths.home);
  fs.rmSync(paths.home, { recursive: true, force: true });
  return { removed, dir: paths.home };
}

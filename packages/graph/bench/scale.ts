/**
 * Scale benchmark: seeds a synthetic workspace (100,000 persons, 500 teams, 2,000 topics, ~1,000,000
 * relationships + beliefs at SCALE=1) with the project's bulk loader, then measures the calls listed
 * in `scale-calls.ts` against it (p50/p95/p99 over ≥ 1,000 calls each, after a warm-up).
 *
 * Run: pnpm --filter @attune/graph bench:scale   (SCALE=0.1 for a quick check)
 *
 * Env: SCALE (1), SEED (42), BENCH_BATCH_SIZE (the loader's default), BENCH_CONCURRENCY (2), BENCH_CALLS (1000),
 * BENCH_WARMUP (200), BENCH_TARGET_ROWS_PER_S (20000), BENCH_KEEP_DATA (unset: the bench workspace is
 * deleted at the end so the shared dev database stays small), plus the Neo4j launcher's own
 * (ATTUNE_NEO4J_HEAP, ATTUNE_NEO4J_PAGECACHE, ATTUNE_DATA_DIR, ATTUNE_NEO4J_PORT, NEO4J_URI…).
 * The embedded Neo4j is started if it is not running (and stopped at the end if this run started it,
 * unless ATTUNE_KEEP_NEO4J is set). Exits 1 if seeding is slower than the target or a call misses
 * its p95 budget.
 */
import { readFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ensureNeo4j, stopNeo4j } from "../../../scripts/lib/neo4j.mjs";
import { type BulkKind, type BulkProgress, createBulkLoader } from "../src/bulk-loader.js";
import { connectGraph, type GraphConnection } from "../src/connection.js";
import { migrate } from "../src/migrations.js";
import { scaleCalls } from "./scale-calls.js";
import { generateWorkspace, type SeedWorkspace } from "./seed.js";

const env = process.env;
const num = (name: string, fallback: number) => {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number, got ${raw}`);
  return value;
};
const SCALE = num("SCALE", 1);
const SEED = num("SEED", 42);
const BATCH_SIZE = env.BENCH_BATCH_SIZE ? num("BENCH_BATCH_SIZE", 1) : undefined;
const CONCURRENCY = num("BENCH_CONCURRENCY", 2);
const CALLS = Math.max(1, Math.round(num("BENCH_CALLS", 1_000)));
const WARMUP = Math.round(num("BENCH_WARMUP", 200));
const TARGET_ROWS_PER_S = num("BENCH_TARGET_ROWS_PER_S", 20_000);
const WORKSPACE_ID = "bench-scale";
const rootDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");

const int = (n: number) => Math.round(n).toLocaleString("en-US");
const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN;

/** Labels in deletion order: leaves first, so no node with many edges is deleted while they remain. */
const DROP_ORDER = [
  "Evidence",
  "Belief",
  "Mind",
  "Recommendation",
  "Experiment",
  "Audit",
  "Message",
  "Channel",
  "Actor",
  "Team",
  "Topic",
];

/** Deletes one workspace in batches (index seek per label; `CALL … IN TRANSACTIONS` needs an auto-commit run). */
async function dropWorkspace(connection: GraphConnection, workspaceId: string): Promise<number> {
  let deleted = 0;
  for (const label of DROP_ORDER) {
    const { records } = await connection.query(
      `MATCH (n:${label} {workspaceId: $ws})
       CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS
       RETURN count(*) AS n`,
      { ws: workspaceId },
    );
    deleted += (records[0]?.get("n") as number | undefined) ?? 0;
  }
  await connection.query("MATCH (w:Workspace {id: $ws}) DETACH DELETE w", { ws: workspaceId });
  return deleted;
}

/** Heap and page cache as the running server reports them. */
async function memorySettings(connection: GraphConnection): Promise<string> {
  const { records } = await connection.query(
    `SHOW SETTINGS YIELD name, value WHERE name IN ['server.memory.pagecache.size', 'server.memory.heap.max_size']
     RETURN name, value`,
    {},
    "READ",
  );
  const settings = Object.fromEntries(records.map((r) => [r.get("name"), r.get("value")]));
  let heap = settings["server.memory.heap.max_size"] ?? null;
  try {
    // Embedded: the heap is the JVM's -Xmx (not a Neo4j setting); JMX reports it.
    const jmx = await connection.query(
      "CALL dbms.queryJmx('java.lang:type=Memory') YIELD attributes RETURN attributes.HeapMemoryUsage.value.properties.max AS max",
      {},
      "READ",
    );
    const max = jmx.records[0]?.get("max") as number | undefined;
    if (max) heap = `${(max / 2 ** 30).toFixed(2)} GiB (JVM max heap)`;
    const gcs = await connection.query(
      "CALL dbms.queryJmx('java.lang:type=GarbageCollector,*') YIELD name RETURN collect(split(name, 'name=')[1]) AS names",
      {},
      "READ",
    );
    const names = gcs.records[0]?.get("names") as string[] | undefined;
    if (names?.length) heap += `, GC ${names.join(" + ")}`;
  } catch {
    // dbms.queryJmx may be unavailable on managed servers
  }
  return `heap ${heap ?? "unknown"}, page cache ${settings["server.memory.pagecache.size"] ?? "unknown"}`;
}

/** One updating line on a terminal, a line every 5 s (and one per finished kind) otherwise. */
function progressPrinter(totalRows: number) {
  const tty = Boolean(process.stdout.isTTY);
  const started = performance.now();
  let committedBefore = 0;
  let lastLine = 0;
  let printed = "";
  return {
    finishKind(rows: number) {
      committedBefore += rows;
    },
    update(p: BulkProgress, final = false) {
      const now = performance.now();
      if (!tty && !final && now - lastLine < 5_000) return;
      lastLine = now;
      const all = committedBefore + p.done;
      const key = `${p.kind}:${p.done}`;
      if (!tty && final && key === printed) return;
      printed = key;
      const line =
        `seeding ${p.kind.padEnd(14)} ${int(p.done)}/${int(p.total ?? 0)} (${int(p.rowsPerSecond)} rows/s) · ` +
        `all ${int(all)}/${int(totalRows)} (${((100 * all) / totalRows).toFixed(0)}%, ${int((all * 1000) / (now - started))} rows/s) · ${secs(now - started)}`;
      if (tty) process.stdout.write(`\r${line.padEnd(140)}`);
      else console.log(line);
    },
    end() {
      if (tty) process.stdout.write("\n");
    },
  };
}

/** CPU time (ms) of the local Neo4j process, when it runs on this machine (Linux /proc). */
function neo4jCpuMs(pid: number | undefined): number | undefined {
  if (!pid) return undefined;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime + stime, in clock ticks of 10 ms
  } catch {
    return undefined;
  }
}

/**
 * After a large import Neo4j keeps working in the background for a while (checkpointing the dirty
 * pages, refreshing the eventually consistent fulltext indexes, sampling). Calls are measured once it
 * is idle again, as a server would be: waits until the Neo4j process uses < 15% of a core for 2 s
 * (up to 120 s), or 5 s when it is not a local process.
 */
async function settle(connection: GraphConnection, pid: number | undefined): Promise<number> {
  const started = performance.now();
  await connection.query("CALL db.index.fulltext.awaitEventuallyConsistentIndexRefresh()");
  if (neo4jCpuMs(pid) === undefined) {
    await new Promise((resolve) => setTimeout(resolve, 5_000));
    return performance.now() - started;
  }
  let quiet = 0;
  while (quiet < 2 && performance.now() - started < 120_000) {
    const before = neo4jCpuMs(pid) ?? 0;
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    quiet = (neo4jCpuMs(pid) ?? 0) - before < 150 ? quiet + 1 : 0;
  }
  return performance.now() - started;
}

async function seedWorkspace(connection: GraphConnection, seed: SeedWorkspace) {
  const printer = progressPrinter(seed.total);
  let last: BulkProgress | undefined;
  const loader = createBulkLoader({
    connection,
    workspaceId: WORKSPACE_ID,
    workspaceName: "Scale benchmark",
    ...(BATCH_SIZE === undefined ? {} : { batchSize: BATCH_SIZE }),
    concurrency: CONCURRENCY,
    onProgress: (p) => {
      last = p;
      printer.update(p);
    },
  });
  const { rows, counts } = seed;
  const steps: [BulkKind, () => Promise<{ rows: number; elapsedMs: number; rowsPerSecond: number }>][] = [
    ["persons", () => loader.loadPersons(rows.persons(), { total: counts.persons })],
    ["agents", () => loader.loadAgents(rows.agents(), { total: counts.agents })],
    ["teams", () => loader.loadTeams(rows.teams(), { total: counts.teams })],
    ["topics", () => loader.loadTopics(rows.topics(), { total: counts.topics })],
    ["channels", () => loader.loadChannels(rows.channels(), { total: counts.channels })],
    ["teamMembers", () => loader.loadTeamMembers(rows.teamMembers(), { total: counts.teamMembers })],
    ["collaborations", () => loader.loadCollaborations(rows.collaborations(), { total: counts.collaborations })],
    ["helped", () => loader.loadHelped(rows.helped(), { total: counts.helped })],
    ["trusts", () => loader.loadTrusts(rows.trusts(), { total: counts.trusts })],
    ["beliefs", () => loader.loadBeliefs(rows.beliefs(), { total: counts.beliefs })],
    ["messages", () => loader.loadMessages(rows.messages(), { total: counts.messages })],
  ];
  const perKind: { kind: BulkKind; rows: number; elapsedMs: number; rowsPerSecond: number }[] = [];
  const started = performance.now();
  for (const [kind, step] of steps) {
    const result = await step();
    if (last) printer.update({ ...last, done: result.rows }, true);
    printer.finishKind(result.rows);
    perKind.push({ kind, ...result });
  }
  printer.end();
  const elapsedMs = performance.now() - started;
  // Plans compiled while the workspace was filling up are tuned for an empty graph: resample and
  // replan before measuring steady-state calls (not counted in the seeding time).
  const t0 = performance.now();
  await loader.refreshStatistics();
  console.log(`refreshed index statistics and query plans in ${secs(performance.now() - t0)}`);
  return { perKind, elapsedMs };
}

async function measure(name: string, targetP95Ms: number, run: (i: number) => Promise<unknown>) {
  for (let i = 0; i < WARMUP; i++) await run(i);
  const samples: number[] = [];
  for (let i = WARMUP; i < WARMUP + CALLS; i++) {
    const t0 = performance.now();
    await run(i);
    samples.push(performance.now() - t0);
  }
  samples.sort((a, b) => a - b);
  const [p50, p95, p99] = [50, 95, 99].map((p) => percentile(samples, p)) as [number, number, number];
  const pass = p95 <= targetP95Ms;
  console.log(
    `${name.padEnd(40)} p50 ${p50.toFixed(2)} ms · p95 ${p95.toFixed(2)} ms · p99 ${p99.toFixed(2)} ms ` +
      `(n=${CALLS}, target p95 ≤ ${targetP95Ms} ms) ${pass ? "PASS" : "FAIL"}`,
  );
  return pass;
}

const neo4j = await ensureNeo4j({ rootDir, log: (line) => console.log(`[neo4j] ${line}`) });
const connection = await connectGraph(neo4j);
let failed = false;
try {
  await migrate({ connection });
  console.log(
    `neo4j ${neo4j.uri} (${neo4j.external ? "external" : neo4j.startedHere ? "started here" : "already running"})`,
  );
  console.log(
    `neo4j memory: ${await memorySettings(connection)} (${
      neo4j.startedHere
        ? `started here: ATTUNE_NEO4J_HEAP=${env.ATTUNE_NEO4J_HEAP || "2g (default)"}, ATTUNE_NEO4J_PAGECACHE=${env.ATTUNE_NEO4J_PAGECACHE || "1g (default)"}`
        : "as the running server was started"
    })`,
  );
  console.log(
    `client: batch ${BATCH_SIZE === undefined ? "default (2,500)" : int(BATCH_SIZE)} rows, ${CONCURRENCY} in flight; Neo4j and this process share ${availableParallelism()} cores`,
  );

  let t0 = performance.now();
  const dropped = await dropWorkspace(connection, WORKSPACE_ID);
  if (dropped > 0)
    console.log(`dropped the previous bench workspace (${int(dropped)} nodes, ${secs(performance.now() - t0)})`);

  const seed = generateWorkspace({ scale: SCALE, seed: SEED });
  console.log(
    `seed: SCALE=${SCALE} SEED=${SEED} → ${Object.entries(seed.counts)
      .map(([k, v]) => `${k} ${int(v)}`)
      .join(", ")} (${int(seed.total)} rows)`,
  );
  const neoCpu0 = neo4jCpuMs(neo4j.pid);
  const clientCpu0 = process.cpuUsage();
  const { perKind, elapsedMs } = await seedWorkspace(connection, seed);
  const neoCpu = neoCpu0 === undefined ? undefined : (neo4jCpuMs(neo4j.pid) ?? neoCpu0) - neoCpu0;
  const clientCpu = process.cpuUsage(clientCpu0);
  const rows = perKind.reduce((a, k) => a + k.rows, 0);
  for (const k of perKind) {
    console.log(
      `  ${k.kind.padEnd(14)} ${int(k.rows).padStart(9)} rows  ${secs(k.elapsedMs).padStart(7)}  ${int(k.rowsPerSecond).padStart(7)} rows/s`,
    );
  }
  const overall = (rows * 1000) / elapsedMs;
  const seedPass = overall >= TARGET_ROWS_PER_S;
  console.log(
    `seeded ${int(rows)} rows in ${secs(elapsedMs)}: ${int(overall)} rows/s overall (target ≥ ${int(TARGET_ROWS_PER_S)}) ${seedPass ? "PASS" : "FAIL"}`,
  );
  console.log(
    `  CPU while seeding: ${neoCpu === undefined ? "" : `Neo4j ${secs(neoCpu)}, `}this process ${secs((clientCpu.user + clientCpu.system) / 1000)} over ${secs(elapsedMs)} of wall time`,
  );
  if (!seedPass) failed = true;
  console.log(
    `waited ${secs(await settle(connection, neo4j.pid))} for Neo4j to finish its post-import background work`,
  );

  for (const call of scaleCalls({ connection, workspaceId: WORKSPACE_ID, seed })) {
    t0 = performance.now();
    await call.prepare?.(WARMUP + CALLS);
    if (call.prepare) console.log(`prepared "${call.name}" in ${secs(performance.now() - t0)}`);
    if (!(await measure(call.name, call.targetP95Ms, call.run))) failed = true;
  }

  if (!env.BENCH_KEEP_DATA) {
    t0 = performance.now();
    const n = await dropWorkspace(connection, WORKSPACE_ID);
    console.log(
      `dropped the bench workspace (${int(n)} nodes, ${secs(performance.now() - t0)}; BENCH_KEEP_DATA=1 keeps it)`,
    );
  }
} finally {
  await connection.close();
  if (neo4j.startedHere && !env.ATTUNE_KEEP_NEO4J) await stopNeo4j({ rootDir, log: () => {} });
}
console.log(failed ? "scale bench: FAIL" : "scale bench: PASS");
process.exitCode = failed ? 1 : 0;

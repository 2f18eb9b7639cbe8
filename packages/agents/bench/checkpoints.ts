/**
 * What a server's checkpoints cost over time: storage per turn and the restart scan, with and without
 * pruning, on the real SQLite saver `createCheckpointer` builds. Each turn runs like the server's: one
 * thread per person, `durability: "exit"`, a state the size of a team-assistant turn's (a mind of
 * ~8 KB and a short history).
 *
 * Run: `pnpm --filter @attune/agents bench:checkpoints` (env: BENCH_TURNS, BENCH_THREADS). Exits 1
 * unless pruning keeps the file under a tenth of the unpruned one and finding the threads by id is at
 * least 10× faster than scanning every checkpoint, both measured in this process.
 */
import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { END, START, StateGraph, StateSchema } from "@langchain/langgraph";
import { z } from "zod";
import { createCheckpointer } from "../src/durability/checkpointer.js";

const TURNS = Number(process.env.BENCH_TURNS ?? 2000);
const THREADS = Number(process.env.BENCH_THREADS ?? 20);
const KEEP = 4;

function turnGraph() {
  const State = new StateSchema({
    mindState: z.string().default(""),
    history: z.array(z.string()).default([]),
    replyText: z.string().default(""),
  });
  return new StateGraph(State)
    .addNode("respond", (s: { mindState: string; history: string[] }) => ({
      // A mind that changes every turn, as the real one does.
      mindState: JSON.stringify({ turns: s.history.length, beliefs: "x".repeat(8000), at: Date.now() }),
      replyText: `reply ${s.history.length}`,
    }))
    .addEdge(START, "respond")
    .addEdge("respond", END);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

async function fileBytes(path: string): Promise<number> {
  let total = 0;
  for (const suffix of ["", "-wal"])
    total += await stat(path + suffix).then(
      (s) => s.size,
      () => 0,
    );
  return total;
}

async function run(dir: string, prune: boolean) {
  const path = join(dir, prune ? "pruned.sqlite" : "all.sqlite");
  const saver = await createCheckpointer({ kind: "sqlite", path });
  const app = turnGraph().compile({ checkpointer: saver });
  const pruneMs: number[] = [];
  for (let i = 0; i < TURNS; i++) {
    const thread_id = `turn/bench/general/p${i % THREADS}`;
    const history = Array.from({ length: 10 }, (_, k) => `message ${i - k}: ${"words ".repeat(20)}`);
    await app.invoke({ history }, { configurable: { thread_id }, durability: "exit" });
    if (prune) {
      const t = performance.now();
      await saver.pruneThread({ threadId: thread_id, keep: KEEP });
      pruneMs.push(performance.now() - t);
    }
  }
  await saver.close();
  const bytes = await fileBytes(path);

  // A restart, as `TurnRunner.restore` does it: find the turn threads, read each one's latest state.
  const reopened = await createCheckpointer({ kind: "sqlite", path });
  const restart = turnGraph().compile({ checkpointer: reopened });
  const latest = async (threads: Iterable<string>) => {
    for (const thread_id of threads) await restart.getState({ configurable: { thread_id } });
  };
  let t = performance.now();
  const scanned = new Set<string>();
  for await (const tuple of reopened.list({ configurable: {} })) scanned.add(tuple.config.configurable?.thread_id);
  await latest(scanned);
  const scanMs = performance.now() - t;
  t = performance.now();
  const indexed = await reopened.threadIds({ prefix: "turn/" });
  await latest(indexed);
  const indexMs = performance.now() - t;
  await reopened.close();
  if (scanned.size !== THREADS || indexed.length !== THREADS) throw new Error("restart did not find every thread");
  return { bytes, scanMs, indexMs, pruneMs: prune ? median(pruneMs) : undefined };
}

async function main(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), "attune-bench-checkpoints-"));
  try {
    const all = await run(dir, false);
    const pruned = await run(dir, true);
    const kb = (b: number) => (b / 1024).toFixed(0);
    console.log(`checkpoints: ${TURNS} turns on ${THREADS} threads, SQLite, durability "exit", keep ${KEEP}`);
    console.log("store          file KiB  KiB/turn  restart: scan all ms  restart: by id ms  prune p50 ms");
    for (const [name, r] of [
      ["keep all", all],
      [`keep ${KEEP}`, pruned],
    ] as const) {
      console.log(
        `${name.padEnd(14)} ${kb(r.bytes).padStart(8)}  ${(r.bytes / 1024 / TURNS).toFixed(2).padStart(8)}  ${r.scanMs
          .toFixed(0)
          .padStart(
            20,
          )}  ${r.indexMs.toFixed(1).padStart(17)}  ${r.pruneMs?.toFixed(2).padStart(12) ?? "           –"}`,
      );
    }
    const storage = all.bytes / pruned.bytes;
    const restart = all.scanMs / all.indexMs;
    console.log(`storage ÷${storage.toFixed(1)} with pruning (target ≥ 10): ${storage >= 10 ? "PASS" : "FAIL"}`);
    console.log(
      `restart on the unpruned store: by id ${restart.toFixed(0)}× faster than the scan (target ≥ 10): ${restart >= 10 ? "PASS" : "FAIL"}`,
    );
    process.exitCode = storage >= 10 && restart >= 10 ? 0 : 1;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

await main();

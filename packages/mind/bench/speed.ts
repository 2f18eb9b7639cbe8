/**
 * Speed and memory of the fast path. Targets: observe + plan for a 1 KB message p50 ≤ 0.2 ms and
 * p99 ≤ 1 ms; 10,000 minds in memory ≤ 100 MB. Run: pnpm --filter @attune/mind bench:speed
 * (node --expose-gc is used for the memory measure).
 */
import { createMind, type Mind } from "../src/index.js";

const MESSAGES = [
  "Hey, quick one — our KV cache blows the latency budget whenever the LoRA adapters swap in during prefill. I think it's the paged attention allocator but I'm not sure; we're on vllm with a quantized gguf build. Is there a way to pin the adapter weights so decode doesn't stall? We have a demo in an hour, so anything fast helps. Also, does speculative decoding interact with this at all, or is that a separate path? Thanks!",
  "I'm honestly confused about how raft leader election works when the network partitions. Like, what happens to the old leader's uncommitted log entries? Our postgres-backed metadata store uses a quorum for writes, and I keep reading about linearizability vs eventual consistency and it's not clicking. Could you walk me through it step by step with a concrete example? No rush at all, I want to actually understand it this time.",
  "ugh, the terraform apply failed AGAIN with the same error on the load balancer ingress. I already tried re-running the pipeline twice. Here's the log:\n```\nError: creating ELBv2 Listener: ValidationError: certificate not found\n```\nwhat am I missing?? this is driving me nuts, the deploy was supposed to go out this morning and the kubernetes pods can't get traffic until it's fixed.",
];
const pad = (text: string): string => (text.length >= 1024 ? text.slice(0, 1024) : pad(`${text} ${text}`));
const inputs = MESSAGES.map(pad);

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

// Memory first, in a fresh heap, so the latency phase's garbage and vocabulary growth do not count.
// Memory: 10,000 minds that each saw a realistic handful of turns.
const gc = (globalThis as { gc?: () => void }).gc;
gc?.();
const before = process.memoryUsage().heapUsed;
const many: Mind[] = [];
for (let i = 0; i < 10_000; i++) {
  const mind = createMind({ workspaceId: "bench", observerId: "assistant", subjectId: `m${i}`, seed: i });
  for (let turn = 0; turn < 6; turn++) {
    mind.observe({
      messageId: `x${i}.${turn}`,
      speakerId: mind.subjectId,
      text: MESSAGES[(i + turn) % MESSAGES.length] as string,
      at: new Date(Date.UTC(2026, 0, 1) + turn * 60_000).toISOString(),
    });
    mind.plan();
  }
  many.push(mind);
}
gc?.();
const megabytes = (process.memoryUsage().heapUsed - before) / 1024 / 1024;

// Latency: many minds in rotation so caches do not flatter the numbers; warm-up first.
const minds = Array.from({ length: 200 }, (_, i) =>
  createMind({ workspaceId: "bench", observerId: "assistant", subjectId: `p${i}`, seed: i + 1 }),
);
const samples: number[] = [];
let minute = 0;
for (let i = 0; i < 22_000; i++) {
  const mind = minds[i % minds.length] as Mind;
  const text = inputs[i % inputs.length] as string;
  const at = new Date(Date.UTC(2026, 0, 1) + minute++ * 30_000).toISOString();
  const t0 = performance.now();
  mind.observe({ messageId: `m${i}`, speakerId: mind.subjectId, text, at });
  mind.plan();
  const dt = performance.now() - t0;
  if (i >= 2_000) samples.push(dt);
}
samples.sort((a, b) => a - b);
const p50 = percentile(samples, 50);
const p99 = percentile(samples, 99);

console.log("| measure | value | target |\n|---|---|---|");
console.log(`| observe + plan, 1 KB message, p50 | ${(p50 * 1000).toFixed(0)} µs | ≤ 200 µs |`);
console.log(`| observe + plan, 1 KB message, p99 | ${(p99 * 1000).toFixed(0)} µs | ≤ 1000 µs |`);
console.log(
  `| 10,000 minds (6 turns each) in memory | ${megabytes.toFixed(1)} MB (${((megabytes * 1024 * 1024) / many.length / 1024).toFixed(1)} KB each) | ≤ 100 MB |`,
);
if (!gc) console.log("(run with --expose-gc for a stable memory figure)");
const ok = p50 <= 0.2 && p99 <= 1 && megabytes <= 100;
console.log(ok ? "PASS" : "FAIL");
process.exit(ok ? 0 : 1);

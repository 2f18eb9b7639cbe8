import {
  type Hypothesis,
  Mind,
  type MindJSON,
  type Observation,
  type ReflectionInput,
  type Reflector,
} from "@attune/mind";
import type { LlmReflector } from "./llm-reflector.js";
import { type ReflectionStatus, readReflection } from "./read-reflection.js";

/** One turn's chance to reflect, as the update-minds node hands it over (cheap to build, never awaited). */
export interface ReflectionRequest {
  /** Whose mind this is, e.g. `${workspaceId}|${observerId}|${subjectId}`: one reflection per key at a time. */
  key: string;
  /**
   * The mind as of this turn, serialized: `mind.toJSON()` or its JSON string (as graph state holds
   * it). Read later, off the reply path; not mutated.
   */
  mindState: MindJSON | string;
  /** The recent conversation (the reflector shows its last few messages). */
  transcript: ReflectionInput["transcript"];
  /** The subject's turns so far (`mind.turns`). */
  turn: number;
  /**
   * This turn's surprise, observed − predicted reaction (`observation.experiment?.surprise`).
   * @default the newest experiment in `mindState` when it was settled by this turn's message, else none
   */
  surprise?: number | null;
  /** The message that triggered the reflection: the merged evidence is namespaced by it. */
  messageId: string;
  /** ISO time of the turn. @default now */
  at?: string;
}

/** Why `maybeReflect` did or did not queue a reflection. */
export type ReflectionDecision =
  | { queued: true; trigger: "every" | "surprise" }
  | { queued: false; reason: "not-due" | "in-flight" };

/** A finished reflection that survived validation, waiting for the next turn to merge it. */
export interface PendingReflection {
  key: string;
  messageId: string;
  hypotheses: Hypothesis[];
  /** Hypotheses the model proposed that validation dropped. */
  dropped: number;
  /** The requesting turn's time (the merged evidence's time). */
  at: string;
  /** Observations' worth of the most confident hypothesis when merged. */
  weight: number;
  status: Exclude<ReflectionStatus, "rejected">;
  tokens: { input: number; output: number };
  ms: number;
}

/** A reflection that produced nothing to merge. */
export interface FailedReflection {
  key: string;
  messageId: string;
  /** `rejected`: the output was unusable; `failed`: the model threw or timed out. */
  outcome: "rejected" | "failed";
  error: string;
  /** The start of what the model answered (rejections only), for logs. */
  output?: string;
  tokens: { input: number; output: number };
  ms: number;
}

export interface ReflectionStats {
  /** `maybeReflect` calls (turns seen). */
  turns: number;
  /** Reflections started. */
  runs: number;
  /** Runs whose output survived validation (`valid + repaired`). */
  ok: number;
  valid: number;
  repaired: number;
  /** Runs whose output was unusable. */
  rejected: number;
  /** Runs where the model threw or timed out. */
  failed: number;
  /** Due turns not reflected because that key's reflection was already running or queued. */
  skipped: number;
  /** Queued reflections dropped, oldest first, when the queue was full. */
  evicted: number;
  tokens: { input: number; output: number };
  /** Model wall time over all runs, in milliseconds. */
  totalMs: number;
  /** `runs / turns`. */
  shareReflected: number;
}

export interface ReflectionSchedulerOptions {
  /** An `LlmReflector` (tokens and time are recorded) or any `Reflector`. */
  reflector: Reflector | LlmReflector;
  /** Reflect on every N-th turn of a mind. @default 8 */
  every?: number;
  /**
   * Also reflect when |observed − predicted| reaction reaches this (−2..2 scale; about 7 % of turns on
   * the mind package's simulated users reach 1).
   * @default 1
   */
  surpriseThreshold?: number;
  /** Observations' worth of a reflection's most confident hypothesis. @default 1 */
  weight?: number;
  /** Reflections waiting to run; beyond this the oldest is dropped. @default 32 */
  maxQueue?: number;
  /** Reflections running at once (the local model runs one at a time anyway). @default 1 */
  concurrency?: number;
  /** A run taking longer is aborted and counted as failed. @default 60_000 */
  timeoutMs?: number;
  /** Results kept per key until `takePending` (older ones are dropped). @default 4 */
  maxPendingPerKey?: number;
  /** Called with each reflection that survived validation (also kept for `takePending`). */
  onResult?: (result: PendingReflection) => void;
  /** Called with each reflection that was rejected or failed. */
  onFailure?: (failure: FailedReflection) => void;
}

export interface ReflectionScheduler {
  /**
   * Decides whether this turn is due for a reflection and, if so, queues it; returns at once (the
   * model runs later, off the reply's critical path). Never throws.
   */
  maybeReflect(request: ReflectionRequest): ReflectionDecision;
  /** Finished reflections for `key`, oldest first, removed from the scheduler. */
  takePending(key: string): PendingReflection[];
  /**
   * Merges `key`'s finished reflections into `mind` (freshly loaded for this turn, so a reflection only
   * tilts the newest state, never replaces it) and returns the observations the merges made.
   */
  mergePending(options: { key: string; mind: Mind }): Observation[];
  /** Resolves once nothing is queued or running (shutdown, tests). */
  drain(): Promise<void>;
  stats(): ReflectionStats;
}

interface Job {
  request: ReflectionRequest;
  at: string;
}

const hasUsage = (reflector: Reflector | LlmReflector): reflector is LlmReflector =>
  typeof (reflector as Partial<LlmReflector>).reflectWithUsage === "function";

/**
 * The slow path's scheduler: reflects every N turns of a mind, or when a plan's predicted reaction
 * missed by more than `surpriseThreshold`, off the reply's critical path. At most one reflection per
 * mind runs at a time, the queue is bounded, and nothing a reflector does (throw, hang, babble) ever
 * reaches the caller: it is counted in `stats()`. Results wait for the next turn, which merges them
 * into the mind it has just loaded (`mergePending`).
 *
 * @example
 * const scheduler = createReflectionScheduler({ reflector: createLlmReflector({ model }) });
 * // in update-minds, after observing the message:
 * scheduler.mergePending({ key, mind });
 * scheduler.maybeReflect({ key, mindState: mind.toJSON(), transcript, turn: mind.turns,
 *   surprise: observation.experiment?.surprise, messageId });
 */
export function createReflectionScheduler(options: ReflectionSchedulerOptions): ReflectionScheduler {
  const every = Math.max(1, Math.floor(options.every ?? 8));
  const threshold = options.surpriseThreshold ?? 1;
  const weight = options.weight ?? 1;
  const maxQueue = Math.max(1, options.maxQueue ?? 32);
  const concurrency = Math.max(1, options.concurrency ?? 1);
  const timeoutMs = options.timeoutMs ?? 60_000;
  const maxPending = Math.max(1, options.maxPendingPerKey ?? 4);
  const { reflector } = options;

  const queue: Job[] = [];
  const running = new Set<string>();
  const pending = new Map<string, PendingReflection[]>();
  const idle: (() => void)[] = [];
  let scheduled = false;
  const counts = {
    turns: 0,
    runs: 0,
    valid: 0,
    repaired: 0,
    rejected: 0,
    failed: 0,
    skipped: 0,
    evicted: 0,
    input: 0,
    output: 0,
    ms: 0,
  };

  const surpriseOf = (request: ReflectionRequest): number | null => {
    if (request.surprise !== undefined) return request.surprise;
    let state: Partial<MindJSON>;
    try {
      state = typeof request.mindState === "string" ? JSON.parse(request.mindState) : request.mindState;
    } catch {
      return null; // unreadable here, and it will fail the reflection (counted) if one is due anyway
    }
    const last = state?.experiments?.at(-1);
    // An experiment settled on an earlier turn is old news: it was (or was not) reflected on then.
    return last && last.at === state.lastObservedAt ? last.surprise : null;
  };

  function maybeReflect(request: ReflectionRequest): ReflectionDecision {
    counts.turns += 1;
    const surprise = surpriseOf(request);
    const trigger =
      surprise !== null && Number.isFinite(surprise) && Math.abs(surprise) >= threshold
        ? "surprise"
        : request.turn > 0 && request.turn % every === 0
          ? "every"
          : undefined;
    if (!trigger) return { queued: false, reason: "not-due" };
    if (running.has(request.key) || queue.some((j) => j.request.key === request.key)) {
      counts.skipped += 1;
      return { queued: false, reason: "in-flight" };
    }
    if (queue.length >= maxQueue) {
      queue.shift();
      counts.evicted += 1;
    }
    queue.push({ request, at: request.at ?? new Date().toISOString() });
    schedule();
    return { queued: true, trigger };
  }

  // The pump starts on a later tick: not even the start of a run belongs to the caller's turn.
  function schedule() {
    if (scheduled) return;
    scheduled = true;
    setImmediate(() => {
      scheduled = false;
      pump();
    });
  }

  function pump() {
    while (running.size < concurrency) {
      const index = queue.findIndex((j) => !running.has(j.request.key));
      if (index < 0) break;
      const [job] = queue.splice(index, 1);
      if (!job) break;
      running.add(job.request.key);
      void run(job).finally(() => {
        running.delete(job.request.key);
        if (queue.length > 0) pump();
        if (queue.length === 0 && running.size === 0) for (const resolve of idle.splice(0)) resolve();
      });
    }
  }

  async function run(job: Job): Promise<void> {
    const { request } = job;
    counts.runs += 1;
    const started = performance.now();
    let tokens = { input: 0, output: 0 };
    const timeout = new AbortController();
    const timer = setTimeout(() => timeout.abort(new Error(`reflection timed out after ${timeoutMs} ms`)), timeoutMs);
    let raw: unknown;
    let snapshot: ReflectionInput["snapshot"];
    try {
      snapshot = Mind.fromJSON(request.mindState).snapshot();
      const input: ReflectionInput = { snapshot, transcript: request.transcript };
      const call = hasUsage(reflector)
        ? reflector.reflectWithUsage(input, { signal: timeout.signal })
        : reflector.reflect(input).then((value) => ({ raw: value, tokens: { input: 0, output: 0 } }));
      // After a timeout the call may still settle; its late rejection must not go unhandled.
      call.catch(() => {});
      const result = await Promise.race([call, aborted(timeout.signal)]);
      raw = result.raw;
      tokens = result.tokens;
    } catch (error) {
      const ms = performance.now() - started;
      record(tokens, ms);
      counts.failed += 1;
      notify(options.onFailure, {
        key: request.key,
        messageId: request.messageId,
        outcome: "failed",
        error: error instanceof Error ? error.message : String(error),
        tokens,
        ms,
      });
      return;
    } finally {
      clearTimeout(timer);
    }
    const ms = performance.now() - started;
    record(tokens, ms);
    const read = readReflection({
      raw,
      transcript: request.transcript,
      knownTopics: Object.keys(snapshot.knowledge),
      ...(hasUsage(reflector) ? { exampleKeys: reflector.exampleKeys, maxHypotheses: reflector.maxHypotheses } : {}),
    });
    if (read.status === "rejected") {
      counts.rejected += 1;
      notify(options.onFailure, {
        key: request.key,
        messageId: request.messageId,
        outcome: "rejected",
        error: read.error,
        output: (typeof raw === "string" ? raw : (JSON.stringify(raw) ?? String(raw))).slice(0, 300),
        tokens,
        ms,
      });
      return;
    }
    counts[read.status] += 1;
    const result: PendingReflection = {
      key: request.key,
      messageId: request.messageId,
      hypotheses: read.hypotheses,
      dropped: read.dropped,
      at: job.at,
      weight,
      status: read.status,
      tokens,
      ms,
    };
    const list = pending.get(request.key) ?? [];
    list.push(result);
    pending.set(request.key, list.slice(-maxPending));
    notify(options.onResult, result);
  }

  function takePending(key: string): PendingReflection[] {
    const list = pending.get(key) ?? [];
    pending.delete(key);
    return list;
  }

  function record(tokens: { input: number; output: number }, ms: number) {
    counts.input += tokens.input;
    counts.output += tokens.output;
    counts.ms += ms;
  }

  return {
    maybeReflect(request) {
      try {
        return maybeReflect(request);
      } catch {
        // A malformed request must not fail the turn either.
        return { queued: false, reason: "not-due" };
      }
    },
    takePending,
    mergePending({ key, mind }) {
      return takePending(key).map((r) =>
        mind.mergeHypotheses({
          hypotheses: r.hypotheses,
          messageId: r.messageId,
          weight: r.weight,
          at: r.at,
        }),
      );
    },
    drain() {
      if (queue.length === 0 && running.size === 0) return Promise.resolve();
      return new Promise<void>((resolve) => idle.push(resolve));
    },
    stats() {
      const ok = counts.valid + counts.repaired;
      return {
        turns: counts.turns,
        runs: counts.runs,
        ok,
        valid: counts.valid,
        repaired: counts.repaired,
        rejected: counts.rejected,
        failed: counts.failed,
        skipped: counts.skipped,
        evicted: counts.evicted,
        tokens: { input: counts.input, output: counts.output },
        totalMs: counts.ms,
        shareReflected: counts.turns > 0 ? counts.runs / counts.turns : 0,
      };
    },
  };
}

function aborted(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    const fail = () => reject(signal.reason instanceof Error ? signal.reason : new Error("reflection aborted"));
    if (signal.aborted) fail();
    else signal.addEventListener("abort", fail, { once: true });
  });
}

function notify<T>(callback: ((value: T) => void) | undefined, value: T) {
  try {
    callback?.(value);
  } catch {
    // A listener's bug is the listener's: the scheduler keeps running.
  }
}

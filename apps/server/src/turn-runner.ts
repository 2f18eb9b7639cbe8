import {
  type AttuneCheckpointer,
  approvalResume,
  type PendingApproval,
  parseTurnThreadId,
  pendingApprovals,
  TURN_THREAD_PREFIX,
  type TurnThread,
  turnThreadId,
} from "@attune/agents";
import type { GraphStore, WorkspaceStore } from "@attune/graph";
import {
  type ApprovalDecision,
  type ApprovalRequestEvent,
  AttuneError,
  type Belief,
  type MindUpdateEvent,
  type Plan,
  toErrorPayload,
} from "@attune/model";
import type { RealtimeEmitter } from "@attune/realtime";
import {
  type CreateTeamAssistantGraphOptions,
  createTeamAssistantGraph,
  type TurnInput,
  type TurnState,
  type TurnStreamEvent,
} from "@attune/team-assistant";
import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import type { RunnableConfig } from "@langchain/core/runnables";
import { type BaseCheckpointSaver, type Command, MemorySaver, type StateSnapshot } from "@langchain/langgraph";

export interface TurnResult {
  messageId: string;
  replyText: string;
  plan: Plan;
  /** Milliseconds per step (accept, perceive, updateMind, plan, respond, persist). */
  timings: Record<string, number>;
  /** Wall time of the graph run, from start to the persisted reply. */
  wallMs: number;
}

/**
 * Builds the uncompiled turn graph. Its state must extend the team-assistant's `TurnStateSchema`: the
 * runner reads `replyText`, `plan`, `beliefs` and `timings` from it and relays `reply-delta` events.
 */
export type TurnGraphFactory = (options: CreateTeamAssistantGraphOptions) => {
  compile(options: { checkpointer: BaseCheckpointSaver }): unknown;
};

/** What the runner reads from a turn graph's state, whatever its shape. */
export interface TurnView {
  workspaceId: string;
  channelId: string;
  personId: string;
  messageId: string;
  replyId: string;
  /** Who wrote the reply: the shared assistant, or the agent a team routed the turn to. */
  authorId: string;
  replyText: string | undefined;
  plan: Plan | undefined;
  /** The author's current beliefs about the person (their `mind-update`); read only after the reply went out. */
  beliefs: () => Belief[];
  timings: Record<string, number>;
}

/**
 * A turn graph whose state is not the team-assistant's (e.g. `teamTurnGraph`, a team of agents): how
 * to build it, what input starts a turn on its thread, and how to read its state.
 */
export interface TurnGraph {
  build(options: { store: (workspaceId: string) => WorkspaceStore; model: BaseChatModel }): {
    compile(options: { checkpointer: BaseCheckpointSaver }): unknown;
  };
  /** The input of a new turn; fields a thread must not carry over from its last turn are reset here. */
  input(turn: TurnInput): Record<string, unknown>;
  /** Reads a state the graph produced (partial while a run is under way or paused). */
  view(values: unknown): TurnView;
}

/** The shared-assistant graph, or any graph whose state extends its `TurnStateSchema`. */
function assistantTurnGraph(factory: TurnGraphFactory): TurnGraph {
  return {
    build: factory,
    // Fields without defaults keep their last value on a thread; a new turn must not inherit them
    // (a previous turn's experiment would be recorded twice, an erased person's mind resurrected).
    input: (turn) => ({
      ...turn,
      mindState: undefined,
      experiment: undefined,
      plan: undefined,
      replyText: undefined,
      replyAt: undefined,
    }),
    view: (values) => {
      const state = values as TurnState;
      return {
        workspaceId: state.workspaceId,
        channelId: state.channelId,
        personId: state.person?.id,
        messageId: state.message?.id,
        replyId: state.replyId,
        authorId: state.assistant?.id,
        replyText: state.replyText,
        plan: state.plan,
        beliefs: () => state.beliefs ?? [],
        timings: state.timings ?? {},
      };
    },
  };
}

/** The slice of a compiled graph the runner drives. */
interface TurnApp {
  stream(
    input: Record<string, unknown> | Command | null,
    options: RunnableConfig & { streamMode: ["custom", "values"]; durability: "exit" },
  ): Promise<AsyncIterable<[string, unknown]>>;
  getState(config: RunnableConfig): Promise<StateSnapshot>;
}

/** Who a run belongs to and where its output goes; from the input, or from the paused state on resume. */
interface RunTarget {
  threadId: string;
  workspaceId: string;
  channelId: string;
  messageId: string;
  replyId: string;
  assistantId: string;
  personId: string;
}

/**
 * Runs the team-assistant graph for accepted messages and relays its output to sockets.
 *
 * Every turn runs on a checkpointed LangGraph thread, one per workspace + channel + person
 * (`turnThreadId`), so a turn that failed or was cut short by a restart resumes from its last
 * completed step when the same message is retried, and a run paused for a person's approval waits in
 * the checkpointer until they decide. Runs on one thread are serialised; different threads run at once.
 */
export class TurnRunner {
  readonly #app: TurnApp;
  readonly #graph: TurnGraph;
  readonly #checkpointer: BaseCheckpointSaver;
  /** What an Attune checkpointer adds (thread index, pruning); absent on a plain LangGraph saver. */
  readonly #extras: Partial<Pick<AttuneCheckpointer, "threadIds" | "pruneThread">>;
  readonly #inFlight = new Map<string, Promise<TurnResult | undefined>>();
  /** The last queued run per thread: a thread's checkpoints must be written by one run at a time. */
  readonly #threadTails = new Map<string, Promise<unknown>>();
  readonly #onError: (error: unknown) => void;
  readonly #onTurn: ((result: TurnResult) => void) | undefined;
  readonly #keepCheckpoints: number | undefined;
  /**
   * Approvals waiting for a person, by `workspace\u0000person`: what `resendApprovals` offers them
   * again when they connect. Rebuilt from the checkpointer by `restore()` after a restart; every entry
   * is checked against its thread before it is sent, so a decided or superseded one is dropped.
   */
  readonly #waiting = new Map<string, Map<string, ApprovalRequestEvent>>();

  constructor(options: {
    store: GraphStore;
    model: BaseChatModel;
    /** Keeps threads across restarts; the caller closes it after `drain()`. @default an in-memory saver */
    checkpointer?: BaseCheckpointSaver;
    /**
     * The turn graph: a factory of a graph whose state extends the team-assistant's, or a
     * {@link TurnGraph} (e.g. `teamTurnGraph` for a team of agents). @default createTeamAssistantGraph
     */
    graph?: TurnGraphFactory | TurnGraph;
    onError?: (error: unknown) => void;
    /** Called after each successful turn (metrics, benchmarks). */
    onTurn?: (result: TurnResult) => void;
    /**
     * How many of a thread's newest checkpoints survive each run, when the checkpointer can prune
     * (those `createCheckpointer` builds); `false` keeps every checkpoint. A run only ever resumes from
     * the newest; older ones are history for inspection (`getStateHistory`).
     * @default 4
     */
    keepCheckpoints?: number | false;
  }) {
    this.#checkpointer = options.checkpointer ?? new MemorySaver();
    this.#extras = this.#checkpointer as Partial<AttuneCheckpointer>;
    const graph = options.graph ?? createTeamAssistantGraph;
    this.#graph = typeof graph === "function" ? assistantTurnGraph(graph) : graph;
    this.#app = this.#graph.build({ store: (ws) => options.store.workspace(ws), model: options.model }).compile({
      checkpointer: this.#checkpointer,
    }) as TurnApp;
    this.#onError = options.onError ?? ((error) => console.error("[turn] failed", error));
    this.#onTurn = options.onTurn;
    const keep = options.keepCheckpoints ?? 4;
    if (keep !== false && (!Number.isInteger(keep) || keep < 1)) {
      throw new AttuneError({
        code: "invalid-payload",
        message: `keepCheckpoints must be false or an integer ≥ 1, got ${keep}`,
      });
    }
    this.#keepCheckpoints = keep === false ? undefined : keep;
  }

  get checkpointer(): BaseCheckpointSaver {
    return this.#checkpointer;
  }

  isRunning(messageId: string): boolean {
    return this.#inFlight.has(messageId);
  }

  /**
   * Starts a turn in the background; resolves when it ends (undefined if it failed and was reported,
   * or paused for an approval).
   */
  start(input: TurnInput, emitter: RealtimeEmitter): Promise<TurnResult | undefined> {
    const existing = this.#inFlight.get(input.message.id);
    if (existing) return existing;
    const target: RunTarget = {
      threadId: turnThreadId({ workspaceId: input.workspaceId, channelId: input.channelId, personId: input.person.id }),
      workspaceId: input.workspaceId,
      channelId: input.channelId,
      messageId: input.message.id,
      replyId: input.replyId,
      assistantId: input.assistant.id,
      personId: input.person.id,
    };
    const run = this.#onThread(target.threadId, async () => {
      const config = { configurable: { thread_id: target.threadId } };
      const snapshot = await this.#app.getState(config);
      if (snapshot.next.length > 0 && this.#graph.view(snapshot.values).messageId === input.message.id) {
        // A retry of a turn that stopped part-way (a failure, a restart): continue from its last step.
        const pending = await pendingApprovals({ graph: this.#app, config });
        if (pending.length > 0) {
          this.#askApproval(target, pending, emitter);
          return undefined;
        }
        return this.#run(null, target, emitter);
      }
      return this.#run(this.#graph.input(input), target, emitter);
    });
    const tracked = this.#reportFailures(run, target, emitter).finally(() => this.#inFlight.delete(input.message.id));
    this.#inFlight.set(input.message.id, tracked);
    return tracked;
  }

  /**
   * Resumes a run paused on `approvalId` with the decision of `deciderId`, who must be the person the
   * approval was asked of. Resolves once the decision is accepted; the run continues in the background.
   */
  async decide(
    options: { threadId: string; approvalId: string; deciderId: string; decision: ApprovalDecision },
    emitter: RealtimeEmitter,
  ): Promise<void> {
    const command = approvalResume({ approvalId: options.approvalId, decision: options.decision });
    let accepted!: () => void;
    let refused!: (error: unknown) => void;
    const checked = new Promise<void>((resolve, reject) => {
      accepted = resolve;
      refused = reject;
    });
    const run = this.#onThread(options.threadId, async () => {
      const config = { configurable: { thread_id: options.threadId } };
      let target: RunTarget;
      try {
        const pending = (await pendingApprovals({ graph: this.#app, config })).find(
          (p) => p.approvalId === options.approvalId,
        );
        if (!pending) {
          throw new AttuneError({ code: "not-found", message: "no such pending approval (decided or superseded)" });
        }
        if (pending.request.personId !== options.deciderId) {
          throw new AttuneError({ code: "forbidden", message: "only the person asked may decide this approval" });
        }
        const view = this.#graph.view((await this.#app.getState(config)).values);
        target = {
          threadId: options.threadId,
          workspaceId: view.workspaceId,
          channelId: view.channelId,
          messageId: view.messageId,
          replyId: view.replyId,
          assistantId: view.authorId,
          personId: view.personId,
        };
      } catch (error) {
        refused(error);
        return undefined;
      }
      accepted();
      this.#waiting.get(waitingKey(target.workspaceId, options.deciderId))?.delete(options.approvalId);
      return this.#reportFailures(this.#run(command, target, emitter), target, emitter);
    });
    this.#inFlight.set(`approval:${options.approvalId}`, run);
    void run.finally(() => this.#inFlight.delete(`approval:${options.approvalId}`));
    await checked;
  }

  /** Waits for every running turn (used on shutdown). */
  async drain(): Promise<void> {
    await Promise.allSettled([...this.#inFlight.values()]);
  }

  /** Queues `task` behind the thread's running work, so one thread never has two writers. */
  #onThread<T>(threadId: string, task: () => Promise<T>): Promise<T> {
    const previous = this.#threadTails.get(threadId) ?? Promise.resolve();
    const next = previous.then(task, task);
    const tail = next.catch(() => {});
    this.#threadTails.set(threadId, tail);
    void tail.then(() => {
      if (this.#threadTails.get(threadId) === tail) this.#threadTails.delete(threadId);
    });
    return next;
  }

  #reportFailures(
    run: Promise<TurnResult | undefined>,
    target: RunTarget,
    emitter: RealtimeEmitter,
  ): Promise<TurnResult | undefined> {
    return run.catch((error: unknown) => {
      if (!AttuneError.is(error) || error.code === "internal") this.#onError(error);
      emitter.toChannel(target.workspaceId, target.channelId).emit("message-fail", {
        messageId: target.messageId,
        replyId: target.replyId,
        channelId: target.channelId,
        error: toErrorPayload(error),
      });
      return undefined;
    });
  }

  #askApproval(target: RunTarget, pending: PendingApproval[], emitter: RealtimeEmitter): void {
    for (const { approvalId, request } of pending) {
      const event: ApprovalRequestEvent = { approvalId, threadId: target.threadId, request };
      this.#remember(target.workspaceId, event);
      // Only the person whose information is at stake is asked.
      emitter.toPerson(target.workspaceId, request.personId).emit("approval-request", event);
    }
  }

  #remember(workspaceId: string, event: ApprovalRequestEvent): void {
    const key = waitingKey(workspaceId, event.request.personId);
    const waiting = this.#waiting.get(key) ?? new Map<string, ApprovalRequestEvent>();
    waiting.set(event.approvalId, event);
    this.#waiting.set(key, waiting);
  }

  /**
   * Finds the runs paused for an approval in the checkpointer (after a restart) so the people asked
   * are asked again when they connect. Reads the latest checkpoint of each turn thread; with an
   * Attune checkpointer the thread ids come from an index, otherwise from one pass over `list`.
   */
  async restore(): Promise<number> {
    const ids = new Set<string>();
    if (this.#extras.threadIds) {
      for (const threadId of await this.#extras.threadIds({ prefix: TURN_THREAD_PREFIX })) ids.add(threadId);
    } else {
      for await (const tuple of this.#checkpointer.list({ configurable: {} })) {
        const threadId = tuple.config.configurable?.thread_id;
        if (typeof threadId === "string") ids.add(threadId);
      }
    }
    let found = 0;
    for (const threadId of ids) {
      const thread = parseTurnThreadId(threadId);
      if (!thread) continue;
      for (const { approvalId, request } of await pendingApprovals({
        graph: this.#app,
        config: { configurable: { thread_id: threadId } },
      })) {
        this.#remember(thread.workspaceId, { approvalId, threadId, request });
        found += 1;
      }
    }
    return found;
  }

  /**
   * Deletes every turn thread of a workspace and forgets its waiting approvals: erasure's part, since
   * any thread's checkpoint may quote the erased person (their message, the channel history) and an
   * approval request carries what would be shared. With an Attune checkpointer the threads come from
   * its thread index; a plain saver cannot list threads cheaply, so `candidates` (every channel ×
   * person the graph knows) are deleted instead. Resolves with how many thread ids it deleted (a
   * candidate without checkpoints counts too).
   */
  async deleteWorkspaceThreads(options: {
    workspaceId: string;
    candidates: () => Promise<TurnThread[]>;
  }): Promise<number> {
    const threadIds = this.#extras.threadIds
      ? await this.#extras.threadIds({ prefix: `${TURN_THREAD_PREFIX}${options.workspaceId}/` })
      : (await options.candidates()).map(turnThreadId);
    // Threads are independent; one running right now is deleted after it ends, not under it.
    await Promise.all(
      threadIds.map((threadId) => this.#onThread(threadId, () => this.#checkpointer.deleteThread(threadId))),
    );
    for (const key of [...this.#waiting.keys()]) {
      if (key.startsWith(waitingKey(options.workspaceId, ""))) this.#waiting.delete(key);
    }
    return threadIds.length;
  }

  /**
   * Sends a person who just connected every approval still waiting for them (they may have been
   * offline when it was asked, or the server restarted since). Each is checked against its thread
   * first; decided or superseded ones are forgotten. Resolves with how many were sent.
   */
  async resendApprovals(options: { workspaceId: string; personId: string }, emitter: RealtimeEmitter): Promise<number> {
    const key = waitingKey(options.workspaceId, options.personId);
    const waiting = this.#waiting.get(key);
    if (!waiting) return 0;
    let sent = 0;
    for (const event of [...waiting.values()]) {
      const still = await pendingApprovals({
        graph: this.#app,
        config: { configurable: { thread_id: event.threadId } },
      });
      if (!still.some((p) => p.approvalId === event.approvalId)) {
        waiting.delete(event.approvalId);
        continue;
      }
      emitter.toPerson(options.workspaceId, options.personId).emit("approval-request", event);
      sent += 1;
    }
    if (waiting.size === 0) this.#waiting.delete(key);
    return sent;
  }

  async #run(
    input: Record<string, unknown> | Command | null,
    target: RunTarget,
    emitter: RealtimeEmitter,
  ): Promise<TurnResult | undefined> {
    const started = performance.now();
    const channel = emitter.toChannel(target.workspaceId, target.channelId);
    const config = { configurable: { thread_id: target.threadId } };
    let final: unknown;
    let paused = false;
    // Checkpoint when the run ends (done, failed or paused), not after every step: a turn is short,
    // and per-step checkpoints cost ~8x the storage and a write per node. A turn that fails part-way
    // still resumes from its last completed step; one killed mid-run starts over on retry.
    const stream = await this.#app.stream(input, { ...config, streamMode: ["custom", "values"], durability: "exit" });
    for await (const [mode, chunk] of stream) {
      if (mode === "custom") {
        const event = chunk as TurnStreamEvent;
        if (event.type === "reply-delta")
          channel.emit("message-delta", { messageId: event.replyId, delta: event.delta });
      } else if ("__interrupt__" in (chunk as object)) {
        paused = true;
      } else {
        final = chunk;
      }
    }
    if (paused) {
      this.#askApproval(target, await pendingApprovals({ graph: this.#app, config }), emitter);
      await this.#prune(target.threadId);
      return undefined;
    }
    const view = final === undefined ? undefined : this.#graph.view(final);
    if (!view?.plan || view.replyText === undefined) {
      throw new AttuneError({ code: "internal", message: "the turn ended without a reply" });
    }
    const authorId = view.authorId ?? target.assistantId;
    channel.emit("message-end", {
      messageId: target.replyId,
      replyTo: target.messageId,
      channelId: target.channelId,
      authorId,
      text: view.replyText,
      plan: view.plan,
    });
    const update: MindUpdateEvent = {
      observerId: authorId,
      subjectId: target.personId,
      beliefs: view.beliefs(),
    };
    // A person's model is private to them by default: only their own sockets receive it.
    emitter.toPerson(target.workspaceId, target.personId).emit("mind-update", update);
    const result: TurnResult = {
      messageId: target.messageId,
      replyText: view.replyText,
      plan: view.plan,
      timings: view.timings,
      wallMs: performance.now() - started,
    };
    this.#onTurn?.(result);
    await this.#prune(target.threadId);
    return result;
  }

  /**
   * Drops the thread's checkpoints beyond the newest `keepCheckpoints`, after the reply went out:
   * without it every turn adds a full copy of the turn state to the store, forever. A failure only
   * leaves history in place, so it is reported, never turned into a failed turn.
   */
  async #prune(threadId: string): Promise<void> {
    if (!this.#extras.pruneThread || this.#keepCheckpoints === undefined) return;
    try {
      await this.#extras.pruneThread({ threadId, keep: this.#keepCheckpoints });
    } catch (error) {
      this.#onError(error);
    }
  }
}

/** Key of the approvals waiting for one person of one workspace. */
const waitingKey = (workspaceId: string, personId: string) => `${workspaceId}\u0000${personId}`;

import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { type AgentSpec, forgetPersonInState, parseTurnThreadId, type TeamReflection } from "@attune/agents";
import { correctBelief, erasePerson, type GraphStore, readPersonModel, runGraphQuery, setSharing } from "@attune/graph";
import {
  AttuneError,
  type ChannelKind,
  CorrectionRequestSchema,
  type SessionReady,
  SharingRequestSchema,
} from "@attune/model";
import { createRealtimeServer, type RealtimeServer, verifyToken } from "@attune/realtime";
import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import type { BaseCheckpointSaver } from "@langchain/langgraph";
import { createHttpHandler } from "./http-routes.js";
import { messageIdFor, replyIdFor } from "./message-id.js";
import { teamTurnGraph } from "./team-turn-graph.js";
import { type TurnGraph, type TurnGraphFactory, type TurnResult, TurnRunner } from "./turn-runner.js";

export interface AttuneServerOptions {
  store: GraphStore;
  model: BaseChatModel;
  /** Signs and verifies connection tokens. */
  secret: string;
  /** The workspace's shared assistant. @default { id: "assistant", name: "Attune" } */
  assistant?: { id: string; name: string; role?: string };
  /** Channels every workspace gets. @default [{ id: "general", name: "General", kind: "team" }] */
  defaultChannels?: { id: string; name: string; kind: ChannelKind }[];
  /** Reported in `/health`. */
  describe?: Record<string, unknown>;
  onError?: (error: unknown, context: { event: string }) => void;
  /** Called after each successful turn with its timings (metrics, benchmarks). */
  onTurn?: (result: TurnResult) => void;
  /**
   * Keeps turn threads (`turn/<workspace>/<channel>/<person>`) across restarts: interrupted turns
   * resume on retry and pending approvals survive. The caller opens it (`createCheckpointer`) and
   * closes it after `close()`. @default an in-memory saver (nothing survives a restart)
   */
  checkpointer?: BaseCheckpointSaver;
  /**
   * The turn graph: a factory of a graph whose state extends the team-assistant's, or a `TurnGraph`.
   * @default createTeamAssistantGraph, or `teamTurnGraph({ agents })` when `agents` is given
   */
  graph?: TurnGraphFactory | TurnGraph;
  /**
   * A team of agents instead of one shared assistant: each turn goes to the agent the router picks
   * (or the one the person @-mentions), and every agent keeps its own minds. The first agent leads.
   * Cannot be combined with `graph` or `assistant`.
   */
  agents?: AgentSpec[];
  /**
   * With `agents`: slow-path reflection for the team (`createReflectionScheduler`), run off the reply
   * path; the caller drains it after `close()`. @default none
   */
  reflection?: TeamReflection;
  /**
   * Newest checkpoints kept per turn thread after each run (`false`: all), when the checkpointer can
   * prune. @default 4
   */
  keepCheckpoints?: number | false;
}

export interface AttuneServer {
  http: Server;
  realtime: RealtimeServer;
  turns: TurnRunner;
  /**
   * Finds runs paused for an approval in the checkpointer, then listens on `port` (0 = any free port)
   * and resolves with the bound address.
   */
  listen(options: { port: number; host?: string }): Promise<{ port: number; url: string }>;
  /** Stops accepting connections, lets running turns finish, and closes sockets. */
  close(): Promise<void>;
}

/**
 * Builds the Attune server (HTTP + Socket.IO) around a graph store and a chat model. Opening the store
 * and loading the model are the caller's job, so tests can pass real or fake parts.
 *
 * @example
 * const server = createAttuneServer({ store, model, secret });
 * const { url } = await server.listen({ port: 0 });
 */
export function createAttuneServer(options: AttuneServerOptions): AttuneServer {
  const team = options.agents;
  if (team === undefined && options.reflection !== undefined) {
    throw new AttuneError({ code: "invalid-payload", message: "`reflection` is for a team: give `agents` too" });
  }
  if (team !== undefined && (options.graph !== undefined || options.assistant !== undefined)) {
    throw new AttuneError({
      code: "invalid-payload",
      message: "`agents` replaces `graph` and `assistant`; give one or the other",
    });
  }
  // teamTurnGraph refuses an empty team.
  const graph = team
    ? teamTurnGraph({ agents: team, ...(options.reflection ? { reflection: options.reflection } : {}) })
    : options.graph;
  const lead = team?.[0];
  const assistant = lead
    ? { id: lead.id, name: lead.name, role: lead.role }
    : { role: "assistant", ...(options.assistant ?? { id: "assistant", name: "Attune" }) };
  // Every agent of the team is an actor of each workspace it serves (turns are written by whichever answers).
  const otherAgents = (team ?? []).slice(1).map((a) => ({ id: a.id, name: a.name, role: a.role }));
  const defaultChannels = options.defaultChannels ?? [{ id: "general", name: "General", kind: "team" as const }];
  const onError = options.onError ?? ((error, ctx) => console.error(`[server] ${ctx.event}`, error));
  const turns = new TurnRunner({
    store: options.store,
    model: options.model,
    onError: (error) => onError(error, { event: "turn" }),
    ...(options.onTurn ? { onTurn: options.onTurn } : {}),
    ...(options.checkpointer ? { checkpointer: options.checkpointer } : {}),
    ...(graph ? { graph } : {}),
    ...(options.keepCheckpoints !== undefined ? { keepCheckpoints: options.keepCheckpoints } : {}),
  });

  const http = createServer(
    createHttpHandler({
      health: async () => {
        const started = performance.now();
        await options.store.connection.query("RETURN 1", {}, "READ");
        return { neo4j: { ok: true, ms: Math.round(performance.now() - started) }, ...options.describe };
      },
      authenticate: (token) => verifyToken({ secret: options.secret, token }),
      api: [
        {
          // Typed graph queries (and guarded read-only Cypher), always in the caller's workspace.
          method: "POST",
          path: "/v1/query",
          handle: ({ claims, body }) =>
            runGraphQuery({ connection: options.store.connection, workspaceId: claims.workspaceId, query: body }),
        },
        {
          // Scrutability: everything every observer believes about me, with the evidence.
          method: "GET",
          path: "/v1/me/model",
          handle: ({ claims, query }) =>
            readPersonModel({
              connection: options.store.connection,
              workspaceId: claims.workspaceId,
              personId: claims.personId,
              asOf: query.get("asOf") ?? undefined,
            }),
        },
        {
          method: "POST",
          path: "/v1/me/corrections",
          handle: async ({ claims, body }) => {
            const parsed = CorrectionRequestSchema.safeParse(body);
            if (!parsed.success) {
              throw new AttuneError({
                code: "invalid-payload",
                message: "invalid correction",
                details: parsed.error.issues,
              });
            }
            const versions = await correctBelief({
              connection: options.store.connection,
              workspaceId: claims.workspaceId,
              personId: claims.personId,
              ...parsed.data,
            });
            return { versions };
          },
        },
        {
          // Consent: may colleagues be pointed to me for what I know?
          method: "POST",
          path: "/v1/me/sharing",
          handle: ({ claims, body }) => {
            const parsed = SharingRequestSchema.safeParse(body);
            if (!parsed.success) {
              throw new AttuneError({
                code: "invalid-payload",
                message: "invalid sharing request",
                details: parsed.error.issues,
              });
            }
            return setSharing({
              connection: options.store.connection,
              workspaceId: claims.workspaceId,
              personId: claims.personId,
              knowledge: parsed.data.knowledge,
            });
          },
        },
        {
          // Erase me: my evidence, beliefs about and by me, recommendations, messages (per workspace policy).
          method: "DELETE",
          path: "/v1/me",
          handle: async ({ claims }) => {
            const report = await erasePerson({
              connection: options.store.connection,
              workspaceId: claims.workspaceId,
              personId: claims.personId,
              by: claims.personId,
              // Agents' models of each other hold what they believe about people: she leaves those too.
              scrubMindState: forgetPersonInState,
            });
            // Checkpointed threads hold copies of messages (the turn's text and channel history), so
            // erasure also drops every turn thread of the workspace: any of them may quote this person.
            await turns.deleteWorkspaceThreads({
              workspaceId: claims.workspaceId,
              candidates: async () => {
                const [channels, people] = await Promise.all([
                  options.store.workspace(claims.workspaceId).listChannels(),
                  options.store.connection.query(
                    "MATCH (p:Person {workspaceId: $ws}) RETURN p.id AS id",
                    { ws: claims.workspaceId },
                    "READ",
                  ),
                ]);
                // The erased person is no longer in the graph; their own threads go too.
                const ids = new Set([claims.personId, ...people.records.map((r) => r.get("id") as string)]);
                return channels.flatMap((channel) =>
                  [...ids].map((personId) => ({ workspaceId: claims.workspaceId, channelId: channel.id, personId })),
                );
              },
            });
            return report;
          },
        },
      ],
    }),
  );

  const realtime = createRealtimeServer({
    httpServer: http,
    secret: options.secret,
    onError: (error, ctx) => onError(error, { event: ctx.event }),
    handlers: {
      async sessionStart(session): Promise<SessionReady> {
        const channels = await options.store.workspace(session.workspaceId).ensureSession({
          person: { id: session.personId, name: session.name },
          assistant,
          agents: otherAgents,
          defaultChannels,
        });
        return { workspaceId: session.workspaceId, personId: session.personId, assistantId: assistant.id, channels };
      },

      async sessionReady({ session, emitter }) {
        await turns.resendApprovals({ workspaceId: session.workspaceId, personId: session.personId }, emitter);
      },

      async messageSend({ session, payload, emitter }) {
        const workspace = options.store.workspace(session.workspaceId);
        const messageId = messageIdFor({ ...session, clientMessageId: payload.clientMessageId });
        const replyId = replyIdFor(messageId);
        const createdAt = new Date().toISOString();
        const acceptStart = performance.now();
        const stored = await workspace.acceptMessage({
          id: messageId,
          workspaceId: session.workspaceId,
          channelId: payload.channelId,
          authorId: session.personId,
          authorKind: "person",
          text: payload.text,
          createdAt,
          clientMessageId: payload.clientMessageId,
        });
        const accept = performance.now() - acceptStart;
        if (stored.created) {
          emitter.toChannel(session.workspaceId, payload.channelId).emit("message-new", {
            messageId,
            channelId: payload.channelId,
            authorId: session.personId,
            text: payload.text,
            createdAt,
          });
        }
        // A retry of an answered message only re-acks; an unanswered one (e.g. its turn failed) runs again.
        if (stored.replyId === null && !turns.isRunning(messageId)) {
          void turns.start(
            {
              workspaceId: session.workspaceId,
              channelId: payload.channelId,
              assistant: { id: assistant.id, name: assistant.name },
              person: { id: session.personId, name: session.name },
              message: { id: messageId, text: payload.text, createdAt },
              replyId,
              timings: { accept },
            },
            emitter,
          );
        }
        return { messageId, replyId };
      },

      channelCreate: ({ session, channelId, name, kind }) =>
        options.store
          .workspace(session.workspaceId)
          .createChannel({ id: channelId, name, kind, createdBy: session.personId }),

      channelList: ({ session }) => options.store.workspace(session.workspaceId).listChannels(),

      async approvalDecide({ session, payload, emitter }) {
        // The thread id names its workspace: another workspace's thread is as invisible as its channels.
        const thread = parseTurnThreadId(payload.threadId);
        if (!thread || thread.workspaceId !== session.workspaceId) {
          throw new AttuneError({ code: "not-found", message: "no such pending approval" });
        }
        const { threadId, approvalId, ...decision } = payload;
        await turns.decide({ threadId, approvalId, deciderId: session.personId, decision }, emitter);
        return { approvalId, decision: decision.decision };
      },
    },
  });

  return {
    http,
    realtime,
    turns,
    listen: async ({ port, host = "127.0.0.1" }) => {
      // Runs paused for an approval before a restart: their people are asked again when they connect.
      await turns.restore();
      return new Promise((resolve, reject) => {
        http.once("error", reject);
        http.listen(port, host, () => {
          http.off("error", reject);
          const address = http.address() as AddressInfo;
          resolve({ port: address.port, url: `http://${host}:${address.port}` });
        });
      });
    },
    async close() {
      await turns.drain();
      await realtime.close();
      if (http.listening) await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}

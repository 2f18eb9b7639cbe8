import type { Server as HttpServer } from "node:http";
import {
  type ApprovalDecide,
  ApprovalDecideSchema,
  AttuneError,
  type Channel,
  ChannelCreateSchema,
  type ClientToServerEvents,
  type MessageSend,
  MessageSendSchema,
  type ServerToClientEvents,
  type SessionReady,
  toErrorPayload,
} from "@attune/model";
import { Server, type ServerOptions, type Socket } from "socket.io";
import { rooms } from "./rooms.js";
import { verifyToken } from "./token.js";
import { parsePayload } from "./validate.js";

/** Who is on the other end of a socket, as proven by their token. */
export interface Session {
  workspaceId: string;
  personId: string;
  name: string;
  socketId: string;
}

type EventName = keyof ServerToClientEvents;
type EventPayload<E extends EventName> = Parameters<ServerToClientEvents[E]>[0];

/** Sends server events to a channel's or a person's sockets, on every server process (via the adapter). */
export interface RealtimeEmitter {
  toChannel(
    workspaceId: string,
    channelId: string,
  ): { emit<E extends EventName>(event: E, payload: EventPayload<E>): void };
  toPerson(
    workspaceId: string,
    personId: string,
  ): { emit<E extends EventName>(event: E, payload: EventPayload<E>): void };
}

/** Application logic plugged into the transport; each returns data or throws an AttuneError. */
export interface RealtimeHandlers {
  /** Runs once per connection after the token is verified; its result is sent as `session-ready`. */
  sessionStart(session: Session): Promise<SessionReady>;
  /**
   * Runs once `session-ready` was sent: the place to send what the person missed while offline
   * (approvals waiting for them). Failures are reported, the connection stays.
   */
  sessionReady?(input: { session: Session; emitter: RealtimeEmitter }): Promise<void>;
  /** Accepts (stores) a person's message and starts the turn; resolves once the message is stored. */
  messageSend(input: { session: Session; payload: MessageSend; emitter: RealtimeEmitter }): Promise<{
    messageId: string;
    replyId?: string;
  }>;
  channelCreate(input: {
    session: Session;
    channelId: string;
    name: string;
    kind: "direct" | "team";
  }): Promise<Channel>;
  channelList(input: { session: Session }): Promise<Channel[]>;
  /**
   * A person's decision on an approval they were asked for (`approval-request`); resolves once the
   * paused run accepted it. Without this handler, `approval-decide` is answered `not-found`.
   */
  approvalDecide?(input: { session: Session; payload: ApprovalDecide; emitter: RealtimeEmitter }): Promise<{
    approvalId: string;
    decision: "approve" | "deny";
  }>;
}

export interface CreateRealtimeServerOptions {
  /** The HTTP server to attach to. */
  httpServer: HttpServer;
  /** Verifies connection tokens. */
  secret: string;
  handlers: RealtimeHandlers;
  /**
   * Largest Socket.IO packet accepted; bigger ones close the connection at the transport level, so
   * keep it above the schema limits, which answer with a typed `payload-too-large` instead.
   * @default 1_000_000
   */
  maxPayloadBytes?: number;
  /** Extra Socket.IO options (e.g. `adapter` for multi-process deployments, `cors`). */
  socketOptions?: Partial<ServerOptions>;
  /** Where unexpected handler failures are reported. @default console.error */
  onError?: (error: unknown, context: { event: string; session?: Session }) => void;
}

export interface RealtimeServer {
  io: Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, Session>;
  emitter: RealtimeEmitter;
  close(): Promise<void>;
}

type Ack = (response: unknown) => void;

/**
 * Attaches Attune's Socket.IO protocol to an HTTP server: token auth on connect, zod validation of
 * every event, typed error acks, and workspace-scoped rooms.
 *
 * @example
 * const realtime = createRealtimeServer({ httpServer, secret, handlers });
 */
export function createRealtimeServer(options: CreateRealtimeServerOptions): RealtimeServer {
  const onError = options.onError ?? ((error, ctx) => console.error(`[realtime] ${ctx.event} failed`, error));
  const io = new Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, Session>(
    options.httpServer,
    {
      maxHttpBufferSize: options.maxPayloadBytes ?? 1_000_000,
      serveClient: false,
      ...options.socketOptions,
    },
  );

  const emitter: RealtimeEmitter = {
    toChannel: (workspaceId, channelId) => ({
      emit: (event, payload) => {
        (io.to(rooms.channel(workspaceId, channelId)).emit as (e: string, p: unknown) => void)(event, payload);
      },
    }),
    toPerson: (workspaceId, personId) => ({
      emit: (event, payload) => {
        (io.to(rooms.person(workspaceId, personId)).emit as (e: string, p: unknown) => void)(event, payload);
      },
    }),
  };

  io.use((socket, next) => {
    verifyToken({ secret: options.secret, token: socket.handshake.auth?.token })
      .then((claims) => {
        socket.data = {
          workspaceId: claims.workspaceId,
          personId: claims.personId,
          name: claims.name ?? claims.personId,
          socketId: socket.id,
        };
        next();
      })
      .catch((error: unknown) => {
        const payload = toErrorPayload(error);
        const err = new Error(payload.message) as Error & { data: unknown };
        err.data = payload;
        next(err);
      });
  });

  io.on("connection", (socket) => {
    const session = socket.data;
    void socket.join(rooms.person(session.workspaceId, session.personId));

    handlers(socket, session);

    options.handlers
      .sessionStart(session)
      .then(async (ready) => {
        await socket.join(ready.channels.map((c) => rooms.channel(session.workspaceId, c.id)));
        socket.emit("session-ready", ready);
        await options.handlers.sessionReady?.({ session, emitter }).catch((error: unknown) => {
          onError(error, { event: "session-ready", session });
        });
      })
      .catch((error: unknown) => {
        onError(error, { event: "session-start", session });
        socket.disconnect(true);
      });
  });

  function handlers(
    socket: Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, Session>,
    session: Session,
  ) {
    const on = (event: string, run: (payload: unknown) => Promise<object>) => {
      (socket.on as (e: string, l: (...args: unknown[]) => void) => void)(event, (...args: unknown[]) => {
        const ack = args.at(-1);
        const payload = args.length > 1 ? args[0] : undefined;
        // Without an ack there is nowhere to report the outcome; refusing silently would lose work.
        const respond: Ack = typeof ack === "function" ? (ack as Ack) : () => {};
        run(payload)
          .then((result) => respond({ ok: true, ...result }))
          .catch((error: unknown) => {
            if (!AttuneError.is(error) || error.code === "internal") onError(error, { event, session });
            respond({ ok: false, error: toErrorPayload(error) });
          });
      });
    };

    on("message-send", async (raw) => {
      const payload = parsePayload(MessageSendSchema, raw, "message-send");
      // Join before the turn starts so the sender hears every delta of the reply to their message.
      const room = rooms.channel(session.workspaceId, payload.channelId);
      const wasIn = socket.rooms.has(room);
      await socket.join(room);
      try {
        return await options.handlers.messageSend({ session, payload, emitter });
      } catch (error) {
        if (!wasIn) await socket.leave(room);
        throw error;
      }
    });

    on("channel-create", async (raw) => {
      const payload = parsePayload(ChannelCreateSchema, raw, "channel-create");
      const channel = await options.handlers.channelCreate({ session, ...payload });
      await socket.join(rooms.channel(session.workspaceId, channel.id));
      return { channel };
    });

    on("approval-decide", async (raw) => {
      const payload = parsePayload(ApprovalDecideSchema, raw, "approval-decide");
      if (!options.handlers.approvalDecide) {
        throw new AttuneError({ code: "not-found", message: "this server asks for no approvals" });
      }
      return options.handlers.approvalDecide({ session, payload, emitter });
    });

    on("channel-list", async () => {
      const channels = await options.handlers.channelList({ session });
      await socket.join(channels.map((c) => rooms.channel(session.workspaceId, c.id)));
      return { channels };
    });
  }

  return {
    io,
    emitter,
    close: () =>
      new Promise<void>((resolve) => {
        io.close(() => resolve());
      }),
  };
}

import { randomUUID } from "node:crypto";
import {
  type ApprovalDecide,
  type ApprovalDecideAck,
  AttuneError,
  type ChannelCreate,
  type ChannelCreateAck,
  type ChannelListAck,
  type ClientToServerEvents,
  type ErrorPayload,
  type MessageEnd,
  type MessageSendAck,
  type MindUpdateEvent,
  type ServerToClientEvents,
  type SessionReady,
} from "@attune/model";
import { io, type Socket } from "socket.io-client";

export type AttuneSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface AttuneClient {
  socket: AttuneSocket;
  /** Resolves with the `session-ready` payload of this connection. */
  ready: Promise<SessionReady>;
  /** Sends a message; resolves with the ack (never rejects on a typed server error). */
  send(options: {
    channelId: string;
    text: string;
    clientMessageId?: string;
    timeoutMs?: number;
  }): Promise<MessageSendAck>;
  /**
   * Sends a message and collects the assistant's streamed reply to it.
   * Rejects with an AttuneError when the server refuses the message.
   */
  ask(options: {
    channelId: string;
    text: string;
    onDelta?: (delta: string) => void;
    timeoutMs?: number;
  }): Promise<{ messageId: string; reply: MessageEnd; mindUpdate: MindUpdateEvent | undefined }>;
  createChannel(payload: ChannelCreate): Promise<ChannelCreateAck>;
  listChannels(): Promise<ChannelListAck>;
  /**
   * Answers an `approval-request` (listen with `socket.on("approval-request", …)`); resolves with the
   * ack, never rejects on a typed server error.
   */
  decideApproval(payload: ApprovalDecide): Promise<ApprovalDecideAck>;
  close(): void;
}

function toError(error: ErrorPayload): AttuneError {
  return new AttuneError({ code: error.code, message: error.message, details: error.details });
}

/**
 * Connects to an Attune server as the person named in `token`.
 *
 * @example
 * const client = connectAttune({ url: "http://127.0.0.1:3000", token });
 * const { reply } = await client.ask({ channelId: "general", text: "hi" });
 */
export function connectAttune(options: {
  url: string;
  token: string;
  /** @default ["websocket"] */
  transports?: ("websocket" | "polling")[];
}): AttuneClient {
  const socket: AttuneSocket = io(options.url, {
    auth: { token: options.token },
    transports: options.transports ?? ["websocket"],
    reconnection: true,
  });

  const ready = new Promise<SessionReady>((resolve, reject) => {
    socket.once("session-ready", resolve);
    socket.once("connect_error", (err: Error & { data?: ErrorPayload }) => {
      if (err.data?.code) reject(toError(err.data));
      else reject(new AttuneError({ code: "internal", message: `cannot connect: ${err.message}`, cause: err }));
    });
  });
  ready.catch(() => {});

  const timed = <T>(ms: number, run: (done: (value: T) => void) => void) =>
    new Promise<T>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new AttuneError({ code: "timeout", message: `no answer in ${ms} ms` })),
        ms,
      );
      run((value) => {
        clearTimeout(timer);
        resolve(value);
      });
    });

  const send: AttuneClient["send"] = ({ channelId, text, clientMessageId, timeoutMs = 30_000 }) =>
    timed(timeoutMs, (done) =>
      socket.emit("message-send", { channelId, text, clientMessageId: clientMessageId ?? randomUUID() }, done),
    );

  return {
    socket,
    ready,
    send,
    async ask({ channelId, text, onDelta, timeoutMs = 300_000 }) {
      let replyId: string | undefined;
      let myMessageId: string | undefined;
      const early: { id: string; delta: string }[] = [];
      let mindUpdate: MindUpdateEvent | undefined;
      const onDeltaEvent = ({ messageId, delta }: { messageId: string; delta: string }) => {
        if (replyId === undefined) early.push({ id: messageId, delta });
        else if (messageId === replyId) onDelta?.(delta);
      };
      const onMind = (update: MindUpdateEvent) => {
        mindUpdate = update;
      };
      socket.on("message-delta", onDeltaEvent);
      socket.on("mind-update", onMind);
      const cleanups: (() => void)[] = [];
      try {
        // Ends are keyed by the message they answer: one may arrive before this call learns its id.
        const ends = new Map<string, MessageEnd>();
        let wake: (() => void) | undefined;
        const onEnd = (end: MessageEnd) => {
          ends.set(end.replyTo, end);
          wake?.();
        };
        socket.on("message-end", onEnd);
        cleanups.push(() => socket.off("message-end", onEnd));
        const ended = () =>
          new Promise<MessageEnd>((resolve) => {
            const check = () => {
              const end = myMessageId === undefined ? undefined : ends.get(myMessageId);
              if (end) resolve(end);
            };
            wake = check;
            check();
          });
        const ack = await send({ channelId, text });
        if (!ack.ok) throw toError(ack.error);
        myMessageId = ack.messageId;
        replyId = ack.replyId;
        for (const d of early) if (d.id === replyId) onDelta?.(d.delta);
        const reply = await timed<MessageEnd>(timeoutMs, (done) => void ended().then(done));
        // The mind update is emitted right after the reply ends; give it a moment to arrive.
        if (!mindUpdate) await new Promise((r) => setTimeout(r, 50));
        return { messageId: ack.messageId, reply, mindUpdate };
      } finally {
        socket.off("message-delta", onDeltaEvent);
        socket.off("mind-update", onMind);
        for (const cleanup of cleanups) cleanup();
      }
    },
    createChannel: (payload) => timed(30_000, (done) => socket.emit("channel-create", payload, done)),
    listChannels: () => timed(30_000, (done) => socket.emit("channel-list", {}, done)),
    decideApproval: (payload) => timed(30_000, (done) => socket.emit("approval-decide", payload, done)),
    close: () => {
      socket.close();
    },
  };
}

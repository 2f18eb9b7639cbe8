import type { IncomingMessage, ServerResponse } from "node:http";
import { AttuneError, toErrorPayload } from "@attune/model";

export interface HttpContext {
  health(): Promise<Record<string, unknown>>;
}

function send(res: ServerResponse, status: number, body: unknown) {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(text),
  });
  res.end(text);
}

const STATUS: Record<string, number> = {
  "invalid-payload": 400,
  "payload-too-large": 413,
  unauthorized: 401,
  forbidden: 403,
  "not-found": 404,
  conflict: 409,
  "rate-limited": 429,
  timeout: 504,
  "graph-unavailable": 503,
  "model-unavailable": 503,
};

/**
 * The HTTP side of the server. Socket.IO answers its own path before this handler runs; everything
 * else gets JSON, with errors in the same `{ ok: false, error }` shape as socket acks.
 */
export function createHttpHandler(ctx: HttpContext) {
  return (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    const route = async () => {
      if (req.method === "GET" && url.pathname === "/health")
        return send(res, 200, { ok: true, ...(await ctx.health()) });
      if (req.method === "GET" && url.pathname === "/") {
        return send(res, 200, { ok: true, name: "attune", socket: "/socket.io", health: "/health" });
      }
      throw new AttuneError({ code: "not-found", message: `no route for ${req.method} ${url.pathname}` });
    };
    route().catch((error: unknown) => {
      const payload = toErrorPayload(error);
      send(res, STATUS[payload.code] ?? 500, { ok: false, error: payload });
    });
  };
}

import type { IncomingMessage, ServerResponse } from "node:http";
import { AttuneError, type TokenClaims, toErrorPayload } from "@attune/model";

export interface HttpContext {
  health(): Promise<Record<string, unknown>>;
  /** Verifies a bearer token; throws `unauthorized`. */
  authenticate(token: string | undefined): Promise<TokenClaims>;
  /** API routes under `/v1/…`, matched by method and path, given the caller's claims and JSON body. */
  api: ApiRoute[];
}

export interface ApiRoute {
  method: "GET" | "POST" | "DELETE";
  /** Exact path, e.g. `/v1/query`. */
  path: string;
  handle(input: { claims: TokenClaims; body: unknown; query: URLSearchParams }): Promise<unknown>;
}

/** Request bodies above this are refused before parsing (typed queries and corrections are small). */
export const MAX_BODY_BYTES = 64 * 1024;

async function readJson(req: IncomingMessage): Promise<unknown> {
  const declared = Number(req.headers["content-length"] ?? 0);
  if (declared > MAX_BODY_BYTES) {
    throw new AttuneError({ code: "payload-too-large", message: `body exceeds ${MAX_BODY_BYTES} bytes` });
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) {
      throw new AttuneError({ code: "payload-too-large", message: `body exceeds ${MAX_BODY_BYTES} bytes` });
    }
    chunks.push(chunk as Buffer);
  }
  if (size === 0) return {};
  try {
    return JSON.parse(Buffer.concat(chunks).toString("utf8"));
  } catch (error) {
    throw new AttuneError({ code: "invalid-payload", message: "body is not valid JSON", cause: error });
  }
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
    const handle = async () => {
      if (req.method === "GET" && url.pathname === "/health")
        return send(res, 200, { ok: true, ...(await ctx.health()) });
      if (req.method === "GET" && url.pathname === "/") {
        return send(res, 200, { ok: true, name: "attune", socket: "/socket.io", health: "/health" });
      }
      const route = ctx.api.find((r) => r.path === url.pathname && r.method === req.method);
      if (!route) {
        const known = ctx.api.some((r) => r.path === url.pathname);
        throw new AttuneError({
          code: known ? "invalid-payload" : "not-found",
          message: known
            ? `${req.method} is not allowed on ${url.pathname}`
            : `no route for ${req.method} ${url.pathname}`,
        });
      }
      const header = req.headers.authorization;
      const claims = await ctx.authenticate(header?.startsWith("Bearer ") ? header.slice(7).trim() : undefined);
      const body = req.method === "GET" ? {} : await readJson(req);
      return send(res, 200, { ok: true, data: await route.handle({ claims, body, query: url.searchParams }) });
    };
    handle().catch((error: unknown) => {
      const payload = toErrorPayload(error);
      send(res, STATUS[payload.code] ?? 500, { ok: false, error: payload });
    });
  };
}

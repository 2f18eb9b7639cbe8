import { loadConfig, resolveSecret } from "@attune/config";
import { AttuneError, GRAPH_QUERY_KINDS, type GraphQueryResult } from "@attune/model";
import { signToken } from "@attune/realtime";

const USAGE = `attune query <kind> [--field value …] [--json] [--url U] [--token T | --workspace W --person P]
  kinds: ${GRAPH_QUERY_KINDS.join(", ")}
  e.g.   attune query who-can-help --seeker-id ada --topic kubernetes
         attune query path --from-id ada --to-id bo
         attune query cypher "MATCH (p:Person {workspaceId: \\$workspaceId}) RETURN p.name AS name" --max-rows 20`;

const CONNECTION_FLAGS = new Set(["url", "token", "workspace", "person", "json"]);
const camel = (flag: string) => flag.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

/** Flag values become query fields: numbers and booleans are typed, everything else stays text. */
function typed(value: string): unknown {
  if (value === "true" || value === "false") return value === "true";
  if (/^-?\d+(\.\d+)?$/.test(value)) return Number(value);
  return value;
}

/** Parses `kind --field value …` into the query body and the connection flags. */
export function parseQueryArgs(argv: string[]): {
  body: Record<string, unknown>;
  flags: Record<string, string | true>;
} {
  const [kind, ...rest] = argv;
  if (!kind || kind.startsWith("--"))
    throw new AttuneError({ code: "invalid-payload", message: `missing query kind\nusage: ${USAGE}` });
  const body: Record<string, unknown> = { kind };
  const flags: Record<string, string | true> = {};
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i] as string;
    if (!arg.startsWith("--")) {
      // The one positional a query takes is Cypher text.
      if (kind === "cypher" && body.query === undefined) body.query = arg;
      else throw new AttuneError({ code: "invalid-payload", message: `unexpected argument ${arg}\nusage: ${USAGE}` });
      continue;
    }
    const name = arg.slice(2);
    const next = rest[i + 1];
    const hasValue = next !== undefined && !next.startsWith("--");
    if (CONNECTION_FLAGS.has(name)) {
      flags[name] = name === "json" || !hasValue ? true : next;
      if (name !== "json" && hasValue) i++;
      continue;
    }
    if (!hasValue)
      throw new AttuneError({ code: "invalid-payload", message: `--${name} needs a value\nusage: ${USAGE}` });
    body[camel(name)] = name === "params" ? JSON.parse(next) : typed(next);
    i++;
  }
  return { body, flags };
}

/** Renders rows as an aligned text table (objects and lists as compact JSON). */
export function renderTable(result: GraphQueryResult): string {
  const columns = result.columns.length > 0 ? result.columns : Object.keys(result.rows[0] ?? {});
  const cell = (v: unknown) => {
    const text = v === null || v === undefined ? "" : typeof v === "object" ? JSON.stringify(v) : String(v);
    return text.length > 60 ? `${text.slice(0, 57)}...` : text;
  };
  const rows = result.rows.map((r) => columns.map((c) => cell(r[c])));
  const widths = columns.map((c, i) => Math.max(c.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join("  ")
      .trimEnd();
  const out = [line(columns), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)];
  out.push(`(${result.rows.length} row${result.rows.length === 1 ? "" : "s"}${result.truncated ? ", truncated" : ""})`);
  return out.join("\n");
}

/** `attune query`: runs one typed graph query (or guarded Cypher) against a running server. */
export async function queryCommand(argv: string[], out: (text: string) => void): Promise<void> {
  if (argv[0] === "--help" || argv[0] === "-h") return out(USAGE);
  const { body, flags } = parseQueryArgs(argv);
  const config = loadConfig();
  const url = typeof flags.url === "string" ? flags.url : `http://${config.host}:${config.port}`;
  let token = typeof flags.token === "string" ? flags.token : process.env.ATTUNE_TOKEN;
  if (!token) {
    const secret = await resolveSecret({ dataDir: config.dataDir, secret: config.secret });
    token = await signToken({
      secret,
      claims: {
        workspaceId: typeof flags.workspace === "string" ? flags.workspace : "default",
        personId:
          typeof flags.person === "string"
            ? flags.person
            : (process.env.USER || "me").replace(/[^A-Za-z0-9_.:@-]/g, "") || "me",
      },
    });
  }
  let res: Response;
  try {
    res = await fetch(`${url}/v1/query`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify(body),
    });
  } catch (error) {
    throw new AttuneError({
      code: "graph-unavailable",
      message: `cannot reach ${url}: is the server running?`,
      cause: error,
    });
  }
  const json = (await res.json()) as {
    ok: boolean;
    data?: GraphQueryResult;
    error?: { code: string; message: string; details?: unknown };
  };
  if (!json.ok || !json.data) {
    const e = json.error ?? { code: "internal", message: `HTTP ${res.status}` };
    const details = e.details ? `\n${JSON.stringify(e.details, null, 2)}` : "";
    throw new AttuneError({ code: e.code as "internal", message: `${e.message}${details}` });
  }
  out(flags.json ? JSON.stringify(json.data, null, 2) : renderTable(json.data));
}

import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { type AttuneConfig, loadConfig } from "@attune/config";
import { AttuneError } from "@attune/model";
import { type BaseCheckpointSaver, MemorySaver } from "@langchain/langgraph";
import { PostgresSaver } from "@langchain/langgraph-checkpoint-postgres";
import { SqliteSaver } from "@langchain/langgraph-checkpoint-sqlite";
import Database from "better-sqlite3";
import pg from "pg";

/** Where checkpoints live: `ATTUNE_CHECKPOINTER`'s values. */
export type CheckpointerKind = AttuneConfig["checkpointer"]["kind"];

/** A LangGraph checkpoint saver that also owns its connection and can release it. */
export type AttuneCheckpointer = BaseCheckpointSaver & {
  readonly kind: CheckpointerKind;
  /** The SQLite file, the Postgres URL without its password, or `memory`. */
  readonly location: string;
  /**
   * Every thread with at least one checkpoint, sorted, optionally only those whose id starts with
   * `prefix`. Reads thread ids only, never a checkpoint: what a restarting server uses to find its
   * threads without deserialising every checkpoint ever written (`list({})` would).
   *
   * @example
   * for (const threadId of await checkpointer.threadIds({ prefix: "turn/" })) await resume(threadId);
   */
  threadIds(options?: { prefix?: string }): Promise<string[]>;
  /** Closes the database connection. Idempotent; call it after the last run using this saver has ended. */
  close(): Promise<void>;
};

export interface CreateCheckpointerOptions {
  /**
   * Which store keeps checkpoints.
   * @default the config's `ATTUNE_CHECKPOINTER`, itself defaulting to "sqlite"
   */
  kind?: CheckpointerKind;
  /**
   * SQLite file; its directory is created.
   * @default the config's `ATTUNE_CHECKPOINT_PATH`, else `<ATTUNE_DATA_DIR>/checkpoints.sqlite`
   */
  path?: string;
  /**
   * Postgres connection string (`postgres://…`); required for "postgres".
   * @default the config's `ATTUNE_POSTGRES_URL`
   */
  url?: string;
  /** Postgres schema holding the checkpoint tables. @default "public" */
  schema?: string;
  /** Largest number of pooled Postgres connections. @default 10 */
  maxConnections?: number;
  /** Environment read for missing settings. @default process.env */
  env?: NodeJS.ProcessEnv;
}

/**
 * Opens the checkpointer that makes LangGraph threads survive a restart: SQLite by default, Postgres
 * by configuration, memory for tests. Postgres tables are created (`setup()`) before it resolves.
 *
 * @example
 * const checkpointer = await createCheckpointer(); // <dataDir>/checkpoints.sqlite
 * const app = createTeamAssistantGraph({ store, model }).compile({ checkpointer });
 * await app.invoke(input, { configurable: { thread_id: "ws:acme:channel:general:person:ada" } });
 * await checkpointer.close();
 */
export async function createCheckpointer(options: CreateCheckpointerOptions = {}): Promise<AttuneCheckpointer> {
  // The config is read only for settings the caller left out, so explicit options never trip over
  // an unrelated bad variable.
  let settings: AttuneConfig["checkpointer"] | undefined;
  const fromConfig = () => {
    settings ??= loadConfig(options.env === undefined ? {} : { env: options.env }).checkpointer;
    return settings;
  };
  const kind = options.kind ?? fromConfig().kind;
  switch (kind) {
    case "memory": {
      const saver = new MemorySaver();
      return closable(saver, {
        kind,
        location: "memory",
        // A thread deleted with `deleteThread` loses its key; one whose namespaces are all empty has none.
        threadIds: async (o) =>
          Object.entries(saver.storage)
            .filter(([id, spaces]) => id.startsWith(o?.prefix ?? "") && Object.values(spaces).some(nonEmpty))
            .map(([id]) => id)
            .sort(),
        close: async () => {},
      });
    }
    case "sqlite":
      return openSqlite(resolve(options.path ?? fromConfig().path));
    case "postgres": {
      const url = options.url ?? fromConfig().postgresUrl;
      if (url === undefined) {
        throw new AttuneError({
          code: "config-invalid",
          message: "invalid setting ATTUNE_POSTGRES_URL: a Postgres checkpointer needs a connection URL",
        });
      }
      return openPostgres({ url, schema: options.schema ?? "public", max: options.maxConnections ?? 10 });
    }
    default:
      throw new AttuneError({ code: "config-invalid", message: `unknown checkpointer kind ${String(kind)}` });
  }
}

function openSqlite(path: string): AttuneCheckpointer {
  let db: Database.Database;
  try {
    mkdirSync(dirname(path), { recursive: true });
    db = new Database(path);
    // WAL keeps readers (state lookups) from blocking the writer of a running turn.
    db.pragma("journal_mode = WAL");
  } catch (error) {
    throw new AttuneError({
      code: "config-invalid",
      message: `invalid setting ATTUNE_CHECKPOINT_PATH: cannot open ${path}: ${(error as Error).message}`,
      cause: error,
    });
  }
  return closable(new SqliteSaver(db), {
    kind: "sqlite",
    location: path,
    threadIds: async (o) => {
      // The saver creates its tables on first use: a file no run has written yet has no threads.
      const table = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'checkpoints'").get();
      if (table === undefined) return [];
      const prefix = o?.prefix ?? "";
      const rows = db
        .prepare("SELECT DISTINCT thread_id FROM checkpoints WHERE substr(thread_id, 1, ?) = ? ORDER BY thread_id")
        .all(prefix.length, prefix) as { thread_id: string }[];
      return rows.map((r) => r.thread_id);
    },
    close: async () => {
      if (db.open) db.close();
    },
  });
}

async function openPostgres(options: { url: string; schema: string; max: number }): Promise<AttuneCheckpointer> {
  const pool = new pg.Pool({ connectionString: options.url, max: options.max });
  // An idle client losing its server must not crash the process; the next query reports the failure.
  pool.on("error", () => {});
  const saver = new PostgresSaver(pool, undefined, { schema: options.schema });
  let ended = false;
  const close = async () => {
    if (ended) return;
    ended = true;
    await pool.end();
  };
  try {
    await saver.setup();
  } catch (error) {
    await close();
    throw new AttuneError({
      code: "config-invalid",
      message: `invalid setting ATTUNE_POSTGRES_URL: cannot set up checkpoints at ${redact(options.url)}: ${
        (error as Error).message
      }`,
      cause: error,
    });
  }
  const table = `${quoteIdentifier(options.schema)}.checkpoints`;
  return closable(saver, {
    kind: "postgres",
    location: redact(options.url),
    threadIds: async (o) => {
      const prefix = o?.prefix ?? "";
      const { rows } = await pool.query<{ thread_id: string }>(
        `SELECT DISTINCT thread_id FROM ${table} WHERE left(thread_id, $1) = $2 ORDER BY thread_id`,
        [prefix.length, prefix],
      );
      return rows.map((r) => r.thread_id);
    },
    close,
  });
}

function closable<S extends BaseCheckpointSaver>(
  saver: S,
  extra: Omit<AttuneCheckpointer, keyof BaseCheckpointSaver>,
): S & AttuneCheckpointer {
  return Object.assign(saver, extra);
}

function nonEmpty(namespace: Record<string, unknown>): boolean {
  return Object.keys(namespace).length > 0;
}

/** The schema is configuration, not code: quoted as an identifier, as the saver's own SQL does. */
function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** Connection strings carry passwords; what is logged or reported never does. */
function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return "postgres://(unparseable url)";
  }
}

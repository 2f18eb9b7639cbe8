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
  /**
   * Deletes all but the `keep` newest checkpoints of a thread (in each namespace) with their pending
   * writes, and on Postgres the channel blobs no remaining checkpoint uses. A run resumes from the
   * newest checkpoint, so a pruned thread behaves the same; only its history (`getStateHistory`) is
   * shorter. Resolves with how many checkpoints were deleted.
   *
   * @example
   * await checkpointer.pruneThread({ threadId: "turn/acme/general/ada", keep: 4 });
   */
  pruneThread(options: { threadId: string; keep?: number }): Promise<number>;
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
        pruneThread: async (o) => {
          const keep = keepOf(o);
          let deleted = 0;
          for (const [ns, checkpoints] of Object.entries(saver.storage[o.threadId] ?? {})) {
            for (const id of doomed(Object.keys(checkpoints), keep)) {
              delete checkpoints[id];
              // MemorySaver's own key for a checkpoint's pending writes.
              delete saver.writes[JSON.stringify([o.threadId, ns, id])];
              deleted += 1;
            }
          }
          return deleted;
        },
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
  // The saver creates its tables on first use: a file no run has written yet has no threads.
  const hasTables = () =>
    db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'checkpoints'").get() !== undefined;
  return closable(new SqliteSaver(db), {
    kind: "sqlite",
    location: path,
    threadIds: async (o) => {
      if (!hasTables()) return [];
      const prefix = o?.prefix ?? "";
      const rows = db
        .prepare("SELECT DISTINCT thread_id FROM checkpoints WHERE substr(thread_id, 1, ?) = ? ORDER BY thread_id")
        .all(prefix.length, prefix) as { thread_id: string }[];
      return rows.map((r) => r.thread_id);
    },
    pruneThread: async (o) => {
      const keep = keepOf(o);
      if (!hasTables()) return 0;
      // Checkpoint ids are time-ordered (uuid6), so the newest sort last.
      const prune = db.transaction(() => {
        const spaces = db
          .prepare("SELECT DISTINCT checkpoint_ns FROM checkpoints WHERE thread_id = ?")
          .all(o.threadId) as { checkpoint_ns: string }[];
        let deleted = 0;
        for (const { checkpoint_ns: ns } of spaces) {
          const old = `SELECT checkpoint_id FROM checkpoints WHERE thread_id = ? AND checkpoint_ns = ?
                       ORDER BY checkpoint_id DESC LIMIT -1 OFFSET ?`;
          db.prepare(`DELETE FROM writes WHERE thread_id = ? AND checkpoint_ns = ? AND checkpoint_id IN (${old})`).run(
            o.threadId,
            ns,
            o.threadId,
            ns,
            keep,
          );
          deleted += db
            .prepare(`DELETE FROM checkpoints WHERE thread_id = ? AND checkpoint_ns = ? AND checkpoint_id IN (${old})`)
            .run(o.threadId, ns, o.threadId, ns, keep).changes;
        }
        return deleted;
      });
      return prune();
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
  const schema = quoteIdentifier(options.schema);
  const table = `${schema}.checkpoints`;
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
    pruneThread: async (o) => {
      const keep = keepOf(o);
      const client = await pool.connect();
      try {
        await client.query("BEGIN");
        // Checkpoint ids are time-ordered (uuid6): rank them newest first within each namespace.
        const { rows } = await client.query<{ ns: string; id: string }>(
          `SELECT checkpoint_ns AS ns, checkpoint_id AS id FROM (
             SELECT checkpoint_ns, checkpoint_id,
                    row_number() OVER (PARTITION BY checkpoint_ns ORDER BY checkpoint_id DESC) AS rank
             FROM ${table} WHERE thread_id = $1) ranked
           WHERE rank > $2`,
          [o.threadId, keep],
        );
        if (rows.length > 0) {
          const spaces = rows.map((r) => r.ns);
          const ids = rows.map((r) => r.id);
          const doomedRows = "SELECT * FROM unnest($2::text[], $3::text[]) AS d(ns, id)";
          await client.query(
            `DELETE FROM ${schema}.checkpoint_writes w USING (${doomedRows}) d
             WHERE w.thread_id = $1 AND w.checkpoint_ns = d.ns AND w.checkpoint_id = d.id`,
            [o.threadId, spaces, ids],
          );
          await client.query(
            `DELETE FROM ${table} c USING (${doomedRows}) d
             WHERE c.thread_id = $1 AND c.checkpoint_ns = d.ns AND c.checkpoint_id = d.id`,
            [o.threadId, spaces, ids],
          );
          // A channel value is stored once per version and shared by every checkpoint that has it.
          await client.query(
            `DELETE FROM ${schema}.checkpoint_blobs b
             WHERE b.thread_id = $1 AND NOT EXISTS (
               SELECT 1 FROM ${table} c
               WHERE c.thread_id = b.thread_id AND c.checkpoint_ns = b.checkpoint_ns
                 AND c.checkpoint -> 'channel_versions' ->> b.channel = b.version)`,
            [o.threadId],
          );
        }
        await client.query("COMMIT");
        return rows.length;
      } catch (error) {
        await client.query("ROLLBACK").catch(() => {});
        throw error;
      } finally {
        client.release();
      }
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

/** `keep` of `pruneThread`, checked: pruning to nothing is `deleteThread`, not a slip of a count. */
function keepOf(options: { keep?: number }): number {
  const keep = options.keep ?? 1;
  if (!Number.isInteger(keep) || keep < 1) {
    throw new AttuneError({
      code: "invalid-payload",
      message: `pruneThread keeps at least the newest checkpoint: keep must be an integer ≥ 1, got ${keep}`,
    });
  }
  return keep;
}

/** Of a namespace's checkpoint ids (time-ordered uuid6), those older than the `keep` newest. */
function doomed(ids: string[], keep: number): string[] {
  return [...ids].sort().reverse().slice(keep);
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

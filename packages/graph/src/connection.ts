import { AttuneError } from "@attune/model";
import neo4j, { type Driver, type EagerResult, Neo4jError, type RecordShape } from "neo4j-driver";

export interface GraphConnectionOptions {
  /** `bolt://`, `neo4j://` (routing: Aura, clusters) or their `+s` variants. */
  uri: string;
  user: string;
  password: string;
  /** @default the server's default database */
  database?: string | undefined;
}

/** A shared driver plus the database every query of this process targets. */
export interface GraphConnection {
  driver: Driver;
  database: string | undefined;
  /**
   * Runs one statement as an auto-commit transaction: one network round trip (a managed transaction
   * needs two), retried on transient failures. Every statement Attune sends is idempotent (MERGE by
   * id), so a retry after an unknown outcome is safe.
   */
  query(cypher: string, params?: Record<string, unknown>, mode?: "READ" | "WRITE"): Promise<EagerResult<RecordShape>>;
  close(): Promise<void>;
}

const drivers = new Map<string, { driver: Driver; users: number }>();

/**
 * Returns the process-wide driver for `uri`+`user` (drivers pool connections; one per process is the
 * documented practice), verifying connectivity on first use.
 *
 * @example
 * const graph = await connectGraph({ uri: "bolt://127.0.0.1:7687", user: "neo4j", password: "" });
 */
export async function connectGraph(options: GraphConnectionOptions): Promise<GraphConnection> {
  const key = `${options.uri}\u0000${options.user}`;
  let entry = drivers.get(key);
  if (!entry) {
    const driver = neo4j.driver(options.uri, neo4j.auth.basic(options.user, options.password), {
      disableLosslessIntegers: true,
      maxConnectionPoolSize: 50,
      connectionAcquisitionTimeout: 30_000,
    });
    entry = { driver, users: 0 };
    drivers.set(key, entry);
    try {
      await driver.verifyConnectivity(options.database ? { database: options.database } : {});
    } catch (error) {
      drivers.delete(key);
      await driver.close();
      throw new AttuneError({
        code: "graph-unavailable",
        message: `cannot reach Neo4j at ${options.uri}: ${(error as Error).message}`,
        cause: error,
      });
    }
  }
  entry.users += 1;
  const shared = entry;
  let closed = false;
  return {
    driver: shared.driver,
    database: options.database,
    query: (cypher, params = {}, mode = "WRITE") =>
      runAutoCommit(shared.driver, options.database, cypher, params, mode),
    async close() {
      if (closed) return;
      closed = true;
      shared.users -= 1;
      if (shared.users === 0) {
        drivers.delete(key);
        await shared.driver.close();
      }
    },
  };
}

const MAX_ATTEMPTS = 3;

async function runAutoCommit(
  driver: Driver,
  database: string | undefined,
  cypher: string,
  params: Record<string, unknown>,
  mode: "READ" | "WRITE",
): Promise<EagerResult<RecordShape>> {
  for (let attempt = 1; ; attempt++) {
    const session = driver.session({
      defaultAccessMode: mode === "READ" ? neo4j.session.READ : neo4j.session.WRITE,
      ...(database === undefined ? {} : { database }),
    });
    try {
      const result = await session.run(cypher, params);
      return { records: result.records, summary: result.summary, keys: (result.records[0]?.keys ?? []).map(String) };
    } catch (error) {
      if (!(error instanceof Neo4jError && error.retriable) || attempt >= MAX_ATTEMPTS) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50 * attempt));
    } finally {
      await session.close();
    }
  }
}

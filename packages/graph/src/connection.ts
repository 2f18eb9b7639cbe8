import { AttuneError } from "@attune/model";
import neo4j, { type Driver, type EagerResult, type RecordShape } from "neo4j-driver";

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
  /** Runs one managed transaction (retried on transient failures) against this connection's database. */
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
      shared.driver.executeQuery(cypher, params, {
        routing: mode,
        ...(options.database === undefined ? {} : { database: options.database }),
      }),
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

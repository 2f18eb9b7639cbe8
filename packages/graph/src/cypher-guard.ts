import { AttuneError, IdSchema } from "@attune/model";
import neo4j, { Neo4jError, type Plan } from "neo4j-driver";
import type { GraphConnection } from "./connection.js";
import { cypherGuardError } from "./cypher-guard-error.js";
import { type JsonValue, toJsonValue } from "./cypher-json.js";
import { checkPlanConfinement, type PlanNode, WORKSPACE_PARAM } from "./cypher-plan-check.js";
import { checkCypherText } from "./cypher-static-check.js";
import { mapNeo4jError } from "./map-error.js";

export type { CypherGuardReason } from "./cypher-guard-error.js";
export type { JsonValue } from "./cypher-json.js";

export interface ReadOnlyCypherOptions {
  connection: GraphConnection;
  /** The caller's workspace — from its token, never from the request. Bound as `$workspaceId`. */
  workspaceId: string;
  /** One read-only statement; values go in `params`, not in the text. */
  query: string;
  /** Named parameters; `workspaceId` is reserved (the guard binds it). Safe integers are sent as integers. */
  params?: Record<string, unknown>;
  /**
   * Budget for planning and running (1–30 000), enforced by Neo4j as the transaction timeout. Neo4j
   * checks it periodically (`db.transaction.monitor.check.interval`, 2 s by default), so a query can
   * overrun by up to that interval before it is stopped. @default 2000
   */
  timeoutMs?: number;
  /** Rows returned at most; more set `truncated` (1–10 000). @default 1000 */
  maxRows?: number;
}

export interface ReadOnlyCypherResult {
  /** Column names in the order the query returns them. */
  columns: string[];
  /** Plain JSON rows keyed by column (see `toJsonValue`). */
  rows: Record<string, JsonValue>[];
  /** True when the query had more than `maxRows` rows; only the first `maxRows` are returned. */
  truncated: boolean;
}

const DEFAULT_TIMEOUT_MS = 2_000;
const MAX_TIMEOUT_MS = 30_000;
const DEFAULT_MAX_ROWS = 1_000;
const MAX_ROWS = 10_000;
/** Serialized size limit of `params`, in characters. */
export const MAX_CYPHER_PARAMS_LENGTH = 64_000;
const PARAM_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Runs caller-written Cypher against one workspace, read-only and confined to it. Deny by default, in
 * layers, each of which refuses on its own:
 *
 * 1. The text (`checkCypherText`): size, one statement, no string literals or quoted names, no write,
 *    admin, `SHOW`, `USE`, `LOAD CSV`, procedure `CALL`, `IN TRANSACTIONS`, query options, or
 *    functions outside Cypher's own namespaces (`apoc.`, `db.`, `gds.` …).
 * 2. The plan (`checkPlanConfinement`): `EXPLAIN` runs first, in the same read transaction; the query
 *    must be read-only and every scan or seek must be pinned to `workspaceId = $workspaceId` (graph-
 *    schema invariant 2 then keeps every traversal inside the workspace). Count-store reads, procedure
 *    calls, unknown operators and subqueries hidden in expressions are refused.
 * 3. The database: a READ-mode session and transaction (writes fail in Neo4j itself; on a cluster the
 *    read routes to a reader), with the transaction timeout as the time budget.
 *
 * Rows are streamed and reading stops after `maxRows + 1` (the extra one only flags truncation).
 *
 * @throws AttuneError `invalid-payload` (malformed input or Cypher), `payload-too-large`, `forbidden`
 *   (a refused construct), `timeout`, `graph-unavailable`; `details.reason` names the rule
 *
 * @example
 * const { columns, rows, truncated } = await runReadOnlyCypher({
 *   connection,
 *   workspaceId: token.workspaceId,
 *   query: `MATCH (p:Actor:Person {workspaceId: $workspaceId})-[:KNOWS]->(t:Topic)
 *           WHERE t.id = $topic RETURN p.name AS name`,
 *   params: { topic: "databases" },
 * });
 */
export async function runReadOnlyCypher(options: ReadOnlyCypherOptions): Promise<ReadOnlyCypherResult> {
  if (!IdSchema.safeParse(options.workspaceId).success) {
    throw cypherGuardError("invalid-payload", "invalid-option", "workspaceId is not a valid id");
  }
  const timeoutMs = integerOption("timeoutMs", options.timeoutMs ?? DEFAULT_TIMEOUT_MS, MAX_TIMEOUT_MS);
  const maxRows = integerOption("maxRows", options.maxRows ?? DEFAULT_MAX_ROWS, MAX_ROWS);
  if (typeof options.query !== "string") {
    throw cypherGuardError("invalid-payload", "empty-query", "query must be a string");
  }
  const params = toCypherParams(options.params ?? {});
  const text = checkCypherText(options.query);
  const bound = { ...params, [WORKSPACE_PARAM]: options.workspaceId };

  const { connection } = options;
  const session = connection.driver.session({
    defaultAccessMode: neo4j.session.READ,
    // Pull no more than we will keep (+1 to detect truncation); the driver's default batch is 1000.
    fetchSize: Math.min(maxRows + 1, 1_000),
    ...(connection.database === undefined ? {} : { database: connection.database }),
  });
  let phase: "plan" | "run" = "plan";
  try {
    // One explicit transaction (no automatic retries, unlike executeRead) so that planning and
    // running share the one timeout, and the plan we check is made against the same snapshot.
    const tx = await session.beginTransaction({
      timeout: timeoutMs,
      metadata: { app: "attune", purpose: "read-only-cypher", workspaceId: options.workspaceId },
    });
    try {
      const explained = await tx.run(`EXPLAIN ${text}`, bound);
      const plan = explained.summary.plan;
      if (!plan) throw cypherGuardError("forbidden", "unparsable-plan", "Neo4j returned no plan for the query");
      checkPlanConfinement({ plan: plan as Plan & PlanNode, queryType: explained.summary.queryType });

      phase = "run";
      const result = tx.run(text, bound);
      const columns = (await result.keys()).map(String);
      const rows: Record<string, JsonValue>[] = [];
      let truncated = false;
      for await (const record of result) {
        if (rows.length === maxRows) {
          truncated = true;
          break; // ends the stream; the rest is discarded when the transaction closes
        }
        rows.push(Object.fromEntries(columns.map((c) => [c, toJsonValue(record.get(c))])));
      }
      return { columns, rows, truncated };
    } finally {
      // Nothing to commit in a read: closing rolls back and frees the transaction on the server.
      await tx.close().catch(() => undefined);
    }
  } catch (error) {
    throw mapGuardError(error, phase);
  } finally {
    await session.close().catch(() => undefined);
  }
}

function integerOption(name: string, value: number, max: number): number {
  if (!Number.isInteger(value) || value < 1 || value > max) {
    throw cypherGuardError("invalid-payload", "invalid-option", `${name} must be an integer from 1 to ${max}`, {
      option: name,
    });
  }
  return value;
}

/**
 * Validates and converts caller parameters: JSON values only, under a size limit; `workspaceId` is
 * reserved. Safe integers become Cypher integers because JavaScript numbers would arrive as floats,
 * which `LIMIT`, `SKIP`, ranges and list indexes refuse (`1 = 1.0` holds, so comparisons are unaffected).
 */
function toCypherParams(params: unknown): Record<string, unknown> {
  if (params === null || typeof params !== "object" || Array.isArray(params)) {
    throw cypherGuardError("invalid-payload", "invalid-parameter", "params must be an object");
  }
  for (const name of Object.keys(params)) {
    if (name === WORKSPACE_PARAM) {
      throw cypherGuardError(
        "forbidden",
        "reserved-parameter",
        `$${WORKSPACE_PARAM} is set by the server to the caller's workspace and cannot be passed`,
        { parameter: name },
      );
    }
    if (!PARAM_NAME.test(name)) {
      throw cypherGuardError(
        "invalid-payload",
        "invalid-parameter",
        `parameter name ${JSON.stringify(name)} is invalid`,
        {
          parameter: name,
        },
      );
    }
  }
  let length: number;
  try {
    length = JSON.stringify(params).length;
  } catch (error) {
    throw cypherGuardError("invalid-payload", "invalid-parameter", "params must be JSON", {}, error);
  }
  if (length > MAX_CYPHER_PARAMS_LENGTH) {
    throw cypherGuardError(
      "payload-too-large",
      "parameters-too-large",
      `params are ${length} characters as JSON; the limit is ${MAX_CYPHER_PARAMS_LENGTH}`,
      { limit: MAX_CYPHER_PARAMS_LENGTH, length },
    );
  }
  return convertValue(params, "params") as Record<string, unknown>;
}

function convertValue(value: unknown, path: string): unknown {
  if (value === null || typeof value === "boolean" || typeof value === "string") return value;
  if (typeof value === "number") {
    if (!Number.isFinite(value)) {
      throw cypherGuardError("invalid-payload", "invalid-parameter", `${path} is not a finite number`, { path });
    }
    return Number.isSafeInteger(value) ? neo4j.int(value) : value;
  }
  if (Array.isArray(value)) return value.map((v, i) => convertValue(v, `${path}[${i}]`));
  const proto = typeof value === "object" ? Object.getPrototypeOf(value) : undefined;
  if (proto === Object.prototype || proto === null) {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, convertValue(v, `${path}.${k}`)]),
    );
  }
  throw cypherGuardError("invalid-payload", "invalid-parameter", `${path} is not a JSON value`, { path });
}

/**
 * Neo4j failures in the guard's vocabulary. Compile errors (from `EXPLAIN`) describe the query text
 * and pass through; runtime errors keep only Neo4j's code, because their messages can quote values.
 */
function mapGuardError(error: unknown, phase: "plan" | "run"): AttuneError {
  if (AttuneError.is(error)) return error;
  if (error instanceof Neo4jError) {
    const { code } = error;
    const neo4jCode = { neo4jCode: code };
    if (code.startsWith("Neo.ClientError.Transaction.TransactionTimedOut")) {
      return cypherGuardError("timeout", "timeout", "the query exceeded its time budget", neo4jCode, error);
    }
    if (code.endsWith(".Transaction.Terminated") || code.endsWith(".Transaction.LockClientStopped")) {
      return cypherGuardError("timeout", "terminated", "the query was terminated", neo4jCode, error);
    }
    if (code === "Neo.ClientError.Statement.AccessMode") {
      return cypherGuardError("forbidden", "write-attempt", "read-only Cypher cannot write", neo4jCode, error);
    }
    if (code.startsWith("Neo.ClientError.Statement.")) {
      if (phase === "plan" || code === "Neo.ClientError.Statement.ParameterMissing") {
        const message = error.message.split("\n")[0] ?? "invalid Cypher";
        return cypherGuardError("invalid-payload", "cypher-invalid", message, neo4jCode, error);
      }
      return cypherGuardError(
        "invalid-payload",
        "runtime-error",
        `the query failed while running (${code})`,
        neo4jCode,
        error,
      );
    }
  }
  return mapNeo4jError(error, "read-only cypher");
}

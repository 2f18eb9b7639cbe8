import { AttuneError, IdSchema } from "@attune/model";
import neo4j, { type EagerResult, type Integer, type RecordShape } from "neo4j-driver";
import type { z } from "zod";
import type { GraphConnection } from "./connection.js";
import { mapNeo4jError } from "./map-error.js";

/** Validates an id the caller passed (workspace, person, team…): ids can never smuggle Cypher. */
export function checkId(value: unknown, what: string): string {
  if (!IdSchema.safeParse(value).success) {
    throw new AttuneError({ code: "invalid-payload", message: `${what} is not a valid id`, details: { field: what } });
  }
  return value as string;
}

/**
 * Runs one workspace-scoped statement: `$ws` is always bound to the checked workspace id (callers
 * cannot override it), and driver errors become typed `AttuneError`s.
 */
export async function runScoped(
  connection: GraphConnection,
  options: {
    workspaceId: string;
    action: string;
    cypher: string;
    params?: Record<string, unknown>;
    mode?: "READ" | "WRITE";
  },
): Promise<EagerResult<RecordShape>> {
  const ws = checkId(options.workspaceId, "workspaceId");
  try {
    return await connection.query(options.cypher, { ...options.params, ws }, options.mode ?? "READ");
  } catch (error) {
    throw mapNeo4jError(error, options.action);
  }
}

/**
 * Validates a batch of rows against one schema, failing on the first bad row with its index: a batch
 * is checked whole before anything is written.
 */
export function parseRows<T>(schema: z.ZodType<T>, rows: unknown[], what: string): T[] {
  return rows.map((row, i) => {
    const parsed = schema.safeParse(row);
    if (!parsed.success) {
      throw new AttuneError({
        code: "invalid-payload",
        message: `${what} ${i} is invalid`,
        details: { index: i, issues: parsed.error.issues },
      });
    }
    return parsed.data;
  });
}

/** Cypher wants integers for LIMIT/SKIP; JS numbers travel as floats. */
export const int = (value: number): Integer => neo4j.int(Math.max(0, Math.trunc(value)));

/**
 * Fails with `not-found` (naming how many) before a batch write when any actor it names is missing,
 * so a batch is all or nothing instead of half-written.
 */
export async function requireActors(
  connection: GraphConnection,
  options: { workspaceId: string; ids: string[]; action: string },
): Promise<void> {
  const ids = [...new Set(options.ids)];
  if (ids.length === 0) return;
  const { records } = await runScoped(connection, {
    workspaceId: options.workspaceId,
    action: options.action,
    cypher: `UNWIND $ids AS id
       OPTIONAL MATCH (a:Actor {workspaceId: $ws, id: id})
       WITH id, a WHERE a IS NULL
       RETURN collect(id) AS missing`,
    params: { ids },
  });
  const missing = (records[0]?.get("missing") as string[] | undefined) ?? [];
  if (missing.length > 0) {
    throw new AttuneError({
      code: "not-found",
      message: `${missing.length} actor${missing.length === 1 ? "" : "s"} named by this write ${missing.length === 1 ? "is" : "are"} not in this workspace`,
      details: { missing: missing.slice(0, 20) },
    });
  }
}

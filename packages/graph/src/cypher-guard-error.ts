import { AttuneError, type ErrorCode } from "@attune/model";

/**
 * Why the read-only Cypher guard refused or stopped a query. Sent as `details.reason` so clients and
 * tests can switch on it (the `code` says what kind of failure it is, the reason says which rule).
 */
export type CypherGuardReason =
  // malformed input (`invalid-payload`)
  | "invalid-option"
  | "invalid-parameter"
  | "empty-query"
  | "unparsable-query"
  | "cypher-invalid"
  | "runtime-error"
  // size limits (`payload-too-large`)
  | "query-too-large"
  | "parameters-too-large"
  // disallowed constructs (`forbidden`)
  | "reserved-parameter"
  | "string-literal"
  | "quoted-identifier"
  | "multiple-statements"
  | "query-option"
  | "write-clause"
  | "load-csv"
  | "database-selection"
  | "show-command"
  | "admin-command"
  | "procedure-call"
  | "in-transactions"
  | "function-not-allowed"
  | "not-read-only"
  | "unconfined-read"
  | "count-store"
  | "nested-subquery"
  | "unsupported-operator"
  | "unparsable-plan"
  | "write-attempt"
  // limits hit while running (`timeout`)
  | "timeout"
  | "terminated";

/** Builds the guard's typed error: `details` always carries `reason`, plus rule-specific fields. */
export function cypherGuardError(
  code: ErrorCode,
  reason: CypherGuardReason,
  message: string,
  extra: Record<string, unknown> = {},
  cause?: unknown,
): AttuneError {
  return new AttuneError({
    code,
    message,
    details: { reason, ...extra },
    ...(cause === undefined ? {} : { cause }),
  });
}
